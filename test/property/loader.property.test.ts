// Property-based tests on the knowledge loader: real procedure files from knowledge/procedures,
// mutated (lines dropped, duplicated or swapped, random YAML inserted, front-matter values
// retyped, bytes damaged), written to a temp dir: loadKnowledge answers ok:true, or ok:false with
// at least one error issue, and never throws. Same for entirely arbitrary file contents.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { listProcedureFiles, loadKnowledge, type LoadResult } from '../../src/knowledge/index.js';

const KB = join(import.meta.dirname, '..', '..', 'knowledge');
const NOW = () => new Date('2026-11-28T06:00:00.000Z');
const RUNS = { numRuns: 80 };

/** A spread of real files: every 10th procedure file. */
interface KbFile {
  name: string;
  content: string | Buffer;
}
const REAL: KbFile[] = listProcedureFiles(KB)
  .filter((_, i) => i % 10 === 0)
  .map((f) => ({ name: f.split('/').pop()!, content: readFileSync(join(KB, f), 'utf8') }));

const root = mkdtempSync(join(tmpdir(), 'prop-kb-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** Writes the files into a fresh knowledge dir and loads it. */
function loadFiles(files: KbFile[]): LoadResult {
  const dir = join(root, `kb${n++}`);
  mkdirSync(join(dir, 'procedures', 'x'), { recursive: true });
  files.forEach((f, i) => writeFileSync(join(dir, 'procedures', 'x', files.indexOf(f) === i ? f.name : `${i}-${f.name}`), f.content));
  try {
    return loadKnowledge(dir, { now: NOW });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectTyped(r: LoadResult): void {
  expect(typeof r.ok).toBe('boolean');
  expect(Array.isArray(r.warnings)).toBe(true);
  if (r.ok) expect(Array.isArray(r.kb.procedures)).toBe(true);
  else {
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) expect(typeof e.message).toBe('string');
  }
}

const yamlValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, 0, -1, 1e21, '', '---', '[', '{', ': :', '&a', '*a', '!!binary x', '|', '>-', '"\\u', '\t'),
);

/** One textual mutation of a procedure file. */
const lineMutation = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('dup' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(yamlValue.map((v) => stringify(v)), fc.string({ maxLength: 40 }), fc.constantFrom('---', '## ', '| a | b |', '  - ', 'code: 42')) }),
  fc.record({ op: fc.constant('retype' as const), at: fc.nat(), value: yamlValue }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.constantFrom(' ', '\t', '    ') }),
);
type LineMutation = typeof lineMutation extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, muts: LineMutation[]): string {
  const lines = text.split('\n');
  for (const m of muts) {
    const i = lines.length === 0 ? 0 : m.at % lines.length;
    if (m.op === 'drop') lines.splice(i, m.count);
    else if (m.op === 'dup') lines.splice(i, 0, lines[i] ?? '');
    else if (m.op === 'swap') {
      const j = lines.length === 0 ? 0 : m.with % lines.length;
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
    } else if (m.op === 'insert') lines.splice(i, 0, ...m.text.split('\n'));
    else if (m.op === 'indent') lines[i] = `${m.by}${lines[i] ?? ''}`;
    else {
      // "key: value" → "key: <other type>", inline JSON is valid YAML flow syntax.
      const line = lines[i] ?? '';
      const key = /^(\s*-?\s*[a-z_]+):/.exec(line);
      if (key) lines[i] = `${key[1]}: ${JSON.stringify(m.value) ?? 'null'}`;
    }
  }
  return lines.join('\n');
}

describe('knowledge loader properties', () => {
  it('loads the unmutated sample cleanly (the mutations start from valid files)', () => {
    expect(REAL.length).toBeGreaterThan(5);
    const r = loadFiles(REAL.slice(0, 3));
    expect(r.ok).toBe(true);
  });

  it('a mutated real procedure file gives ok:true or ok:false with errors, never a throw', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REAL), fc.array(lineMutation, { minLength: 1, maxLength: 6 }), (file, muts) => {
        expectTyped(loadFiles([{ name: file.name, content: apply(String(file.content), muts) }]));
      }),
      RUNS,
    );
  });

  it('arbitrary file contents (text, bytes, YAML documents) never make the loader throw', () => {
    const content = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
      yamlValue.map((v) => `---\n${stringify(v)}---\n\n## Trình tự thực hiện\n\nx\n`),
      fc.dictionary(fc.constantFrom('code', 'title', 'field', 'levels', 'channels', 'documents', 'aliases', 'agencies', 'fee'), yamlValue).map((o) => `---\n${stringify(o)}---\n`),
    );
    fc.assert(
      fc.property(fc.array(content, { minLength: 1, maxLength: 3 }), (files) => {
        expectTyped(loadFiles(files.map((c, i) => ({ name: `p${i}.md`, content: c }))));
      }),
      RUNS,
    );
  });

  it('a file whose code line is dropped is reported as an error, not thrown', () => {
    const f = REAL[0]!;
    const r = loadFiles([{ name: f.name, content: String(f.content).replace(/^code:.*\n/m, '') }]);
    expect(r.ok).toBe(false);
  });
});
