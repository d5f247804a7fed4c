import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAliases, loadKnowledge, renderProcedureFile } from '../../src/knowledge/index.js';
import { runKb } from '../../src/cli/kb.js';
import { procedure, tempDir, writeProcedure } from './helpers.js';

describe('kb add-aliases', () => {
  it('merges aliases: NFC, trimmed, deduplicated, existing kept, other procedures\' aliases skipped', () => {
    const dir = tempDir();
    const a = writeProcedure(dir, 'ho-tich/1.000001.md', procedure({ aliases: ['làm giấy khai sinh'] }));
    writeProcedure(dir, 'ho-tich/1.000002.md', procedure({ code: '1.000002', title: 'Đăng ký kết hôn', aliases: ['đăng ký kết hôn'] }));
    const before = readFileSync(a, 'utf8');
    const report = addAliases(dir, {
      '1.000001': ['  khai sinh cho con  ', 'khai sinh cho con', 'LÀM GIẤY KHAI SINH', 'Đăng ký kết hôn', 'đăng ký khai sinh'.normalize('NFD')],
      '9.999999': ['x'],
    });
    expect(report).toMatchObject({ filesChanged: 1, added: 2, alreadyPresent: 2, unknownCodes: ['9.999999'] });
    expect(report.conflicts).toEqual([{ code: '1.000001', alias: 'Đăng ký kết hôn', owner: '1.000002' }]);
    const after = readFileSync(a, 'utf8');
    // Only the aliases entry changed; everything else is byte-identical.
    const cut = (t: string) => t.replace(/^aliases:\n(?: {2}- .*\n)*/m, '');
    expect(cut(after)).toBe(cut(before));
    const r = loadKnowledge(dir);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.kb.byCode.get('1.000001')!.aliases).toEqual(['làm giấy khai sinh', 'khai sinh cho con', 'đăng ký khai sinh']);
  });

  it('keeps hand-written front matter (comments, order) intact and adds the entry when missing', () => {
    const dir = tempDir();
    const text = renderProcedureFile(procedure()).replace('aliases: []\n', '').replace('title: ', '# editor note\ntitle: ');
    const path = writeProcedure(dir, 'ho-tich/1.000001.md', text);
    addAliases(dir, { '1.000001': ['giấy khai sinh'] });
    expect(readFileSync(path, 'utf8')).toBe(text.replace('source: ""\n', 'source: ""\naliases:\n  - giấy khai sinh\n'));
  });

  it('runs from the CLI with a JSON file', () => {
    const dir = tempDir();
    writeProcedure(dir, 'ho-tich/1.000001.md', procedure());
    const json = join(dir, 'new.json');
    writeFileSync(json, JSON.stringify({ '1.000001': ['khai sinh'] }));
    const out: string[] = [];
    expect(runKb(['add-aliases', json, '--dir', dir], { out: (s) => out.push(s), err: (s) => out.push(s) })).toBe(0);
    expect(out.join('\n')).toContain('Added 1 alias(es) in 1 file(s)');
  });
});
