import { describe, expect, it } from 'vitest';
import { computeStats, loadKnowledge } from '../../src/knowledge/index.js';
import { runKb } from '../../src/cli/kb.js';
import { procedure, tempDir, writeProcedure } from './helpers.js';

describe('kb stats', () => {
  it('counts by field, level and ministry, alias gaps, duplicate titles and unparsed tables', () => {
    const dir = tempDir();
    writeProcedure(dir, 'ho-tich/1.000001.md', procedure({ aliases: ['a', 'b', 'c'] }));
    writeProcedure(dir, 'ho-tich/1.000002.md', procedure({ code: '1.000002', levels: ['tinh', 'xa'] }));
    writeProcedure(
      dir,
      'thue/1.000003.md',
      procedure({ code: '1.000003', title: 'Khai thuế', field: 'Thuế', ministry: 'Bộ Tài chính', aliases: ['x', 'y', 'z'], unparsed: ['documents'] }),
    );
    const r = loadKnowledge(dir);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const s = computeStats(r.kb);
    expect(s.procedures).toBe(3);
    expect(s.byField).toEqual({ 'Hộ tịch': 2, Thuế: 1 });
    expect(s.byLevel).toEqual({ xa: 3, tinh: 1 });
    expect(s.byMinistry).toEqual({ 'Bộ Tư pháp': 2, 'Bộ Tài chính': 1 });
    expect(s.withoutAliases).toBe(1);
    expect(s.underAliasMinimum).toBe(3); // Hộ tịch and Thuế want 8
    expect(s.duplicateTitles).toEqual([{ title: 'Đăng ký khai sinh', codes: ['1.000001', '1.000002'] }]);
    expect(s.unparsedTables).toEqual({ channels: 0, documents: 1, legal: 0 });

    const out: string[] = [];
    expect(runKb(['stats', '--dir', dir, '--json'], { out: (x) => out.push(x), err: (x) => out.push(x) })).toBe(0);
    expect(JSON.parse(out.join('\n')).procedures).toBe(3);
  });
});
