import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKb } from '../../src/cli/kb.js';
import { CITIZEN_HEAVY_FIELDS, loadKnowledge, renderProcedureFile } from '../../src/knowledge/index.js';
import { procedure, tempDir, writeProcedure } from './helpers.js';

function check(dir: string, ...flags: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runKb(['check', '--dir', dir, ...flags], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A valid knowledge dir with two procedures, plus synonyms and agencies files. */
function validDir(): string {
  const dir = tempDir();
  writeProcedure(dir, 'ho-tich/1.000001.md', procedure({ aliases: ['làm giấy khai sinh'] }));
  writeProcedure(dir, 'ho-tich/1.000002.md', procedure({ code: '1.000002', title: 'Đăng ký kết hôn', aliases: ['đăng ký kết hôn'] }));
  writeFileSync(join(dir, 'synonyms.yaml'), '- official: giấy khai sinh\n  variants: [giấy khai sanh]\n');
  writeFileSync(
    join(dir, 'agencies.yaml'),
    'province: Đồng Tháp\nintake: tong-dai\nagencies:\n  - id: tong-dai\n    name: Tổng đài 1022\n    level: tinh\n    fields: [Hộ tịch]\n',
  );
  return dir;
}

describe('kb check', () => {
  it('accepts a valid directory (exit 0) and reports missing aliases only as warnings', () => {
    const r = check(validDir());
    expect(r.code).toBe(0);
    expect(r.out).toContain('OK: 2 procedures, 1 synonyms, 1 agencies');
    expect(r.out).toMatch(/warning: procedures\/ho-tich\/1\.000001\.md:\d+: aliases: 1 aliases, at least 8/);
  });

  it('turns alias minimums into errors with --strict-aliases', () => {
    const r = check(validDir(), '--strict-aliases');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/procedures\/ho-tich\/1\.000002\.md:\d+: aliases: 1 aliases, at least 8/);
    expect(CITIZEN_HEAVY_FIELDS).toContain('Hộ tịch');
  });

  it('reports bad YAML with file and line', () => {
    const dir = validDir();
    writeProcedure(dir, 'ho-tich/1.000003.md', '---\ncode: "1.000003"\ntitle: [Đăng ký\n---\n');
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/procedures\/ho-tich\/1\.000003\.md:[34]: yaml: /);
  });

  it('reports an unknown field with its line', () => {
    const dir = validDir();
    const text = renderProcedureFile(procedure({ code: '1.000003', title: 'Khai tử' })).replace('field: Hộ tịch\n', 'field: Hộ tịch\nfees: 10\n');
    writeProcedure(dir, 'ho-tich/1.000003.md', text);
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('procedures/ho-tich/1.000003.md:5: fees: unknown field');
  });

  it('reports a missing or empty title', () => {
    const dir = validDir();
    const text = renderProcedureFile(procedure({ code: '1.000003' })).replace(/^title: .*\n/m, '');
    writeProcedure(dir, 'ho-tich/1.000003.md', text);
    writeProcedure(dir, 'ho-tich/1.000004.md', renderProcedureFile(procedure({ code: '1.000004', title: '' })));
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/procedures\/ho-tich\/1\.000003\.md:\d+: title: missing/);
    expect(r.err).toContain('procedures/ho-tich/1.000004.md:3: title: must not be empty');
  });

  it('reports a duplicate code and a code that does not match the file name', () => {
    const dir = validDir();
    writeProcedure(dir, 'khac/1.000001.md', procedure({ title: 'Bản sao' }));
    writeProcedure(dir, 'ho-tich/1.000009.md', procedure({ code: '1.000008', title: 'Khác' }));
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/procedures\/khac\/1\.000001\.md:2: code: duplicate code "1\.000001", also in procedures\/ho-tich\/1\.000001\.md/);
    expect(r.err).toContain('procedures/ho-tich/1.000009.md:2: code: "1.000008" does not match the file name "1.000009.md"');
  });

  it('reports the same alias on two procedures, comparing NFC lower case', () => {
    const dir = validDir();
    const decomposed = 'LÀM GIẤY KHAI SINH'.normalize('NFD');
    writeProcedure(dir, 'ho-tich/1.000003.md', procedure({ code: '1.000003', title: 'Trích lục', aliases: ['trích lục', decomposed] }));
    const r = check(dir);
    expect(r.code).toBe(1);
    const aliasLine = renderProcedureFile(procedure({ aliases: ['trích lục', 'x'] })).split('\n').indexOf('  - x') + 1;
    expect(r.err).toContain(`procedures/ho-tich/1.000003.md:${aliasLine}: aliases: "${decomposed.normalize('NFC')}" is also an alias of 1.000001`);
  });

  it('reports wrong types and unknown level or channel values', () => {
    const dir = validDir();
    let text = renderProcedureFile(procedure({ code: '1.000003', title: 'T' }));
    text = text.replace('levels: [ xa ]', 'levels: [ huyen ]').replace('channel: truc-tiep', 'channel: fax').replace('ministry: Bộ Tư pháp', 'ministry: 12');
    writeProcedure(dir, 'ho-tich/1.000003.md', text);
    const r = check(dir);
    expect(r.err).toMatch(/1\.000003\.md:5: levels: unknown level "huyen"/);
    expect(r.err).toMatch(/1\.000003\.md:\d+: channels\.channel: unknown channel "fax"/);
    expect(r.err).toMatch(/1\.000003\.md:8: ministry: must be text/);
  });

  it('checks synonyms.yaml and agencies.yaml formats', () => {
    const dir = validDir();
    writeFileSync(join(dir, 'synonyms.yaml'), '- official: sổ đỏ\n  variant: [bìa đỏ]\n');
    writeFileSync(join(dir, 'agencies.yaml'), 'province: Đồng Tháp\nagencies:\n  - id: a\n    name: A\n    level: huyen\n    fields: [Không có lĩnh vực này]\n');
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('synonyms.yaml:1: variant: unknown field in entry 1');
    expect(r.err).toMatch(/agencies\.yaml:3: agencies\.level: "a": unknown level "huyen"/);
    expect(r.out).toMatch(/warning: agencies\.yaml:3: agencies\.fields: "a": "Không có lĩnh vực này" is not the lĩnh vực of any procedure/);
  });

  it('returns errors as values from loadKnowledge', () => {
    const dir = validDir();
    writeProcedure(dir, 'ho-tich/1.000003.md', 'no front matter');
    const r = loadKnowledge(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ file: 'procedures/ho-tich/1.000003.md', line: 1, field: 'file' });
  });

  it('keeps files apart when one contains a NUL byte (files are decoded together)', () => {
    const dir = validDir();
    writeProcedure(dir, 'ho-tich/1.000000.md', renderProcedureFile(procedure({ code: '1.000000', title: 'Trích\u0000lục' })));
    const r = loadKnowledge(dir);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.kb.byCode.get('1.000000')!.title).toBe('Trích\u0000lục');
    expect(r.kb.byCode.get('1.000001')!.file).toBe('procedures/ho-tich/1.000001.md');
    expect(r.kb.byCode.get('1.000002')!.title).toBe('Đăng ký kết hôn');
  });

  it('changes the version when any file changes', () => {
    const dir = validDir();
    const a = loadKnowledge(dir);
    writeFileSync(join(dir, 'synonyms.yaml'), '- official: giấy khai sinh\n  variants: [khai sanh]\n');
    const b = loadKnowledge(dir);
    expect(a.ok && b.ok && a.kb.version !== b.kb.version).toBe(true);
  });
});
