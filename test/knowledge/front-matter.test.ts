import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderProcedureFile } from '../../src/knowledge/index.js';
import { readFastFrontMatter } from '../../src/knowledge/front-matter-fast.js';
import { splitFrontMatter } from '../../src/knowledge/procedure-file.js';
import { procedure } from './helpers.js';

const tricky = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('a', ' ', '\n', ':', '#', '-', '"', "'", 'ệ', 'Đ', '|', '\t', '\\') }),
  fc.constantFrom('1.000178', 'true', 'null', '~', '- a', 'a: b', 'x #y', "it's", '"q"', '|', '> b', 'a\nb', 'a\n\nb\n', ' lead', 'trail ', '\t', '[x]', '{y}', '@z', '2026-11-28', '0x1F', '.5'),
);

describe('fast front-matter reader', () => {
  it('reads exactly what the yaml package reads, or declines', () => {
    fc.assert(
      fc.property(tricky, tricky, fc.array(tricky, { maxLength: 4 }), (a, b, list) => {
        const text = renderProcedureFile(
          procedure({
            title: a,
            submitAddress: b,
            aliases: list,
            channels: [{ channel: 'truc-tuyen', time: a, fee: b, note: list.join('\n') }],
            documents: [{ group: b, name: a, form: '', copies: '1 bản chính' }],
          }),
        );
        const split = splitFrontMatter(text)!;
        const fast = readFastFrontMatter(split.yaml, split.yamlLine);
        if (fast) expect(fast.data).toEqual(parse(split.yaml));
      }),
      { numRuns: 300 },
    );
  });

  it('handles the canonical layout without falling back and records key and item lines', () => {
    const text = renderProcedureFile(procedure({ aliases: ['a', 'b'] }));
    const split = splitFrontMatter(text)!;
    const fast = readFastFrontMatter(split.yaml, split.yamlLine);
    expect(fast).toBeDefined();
    const lines = text.split('\n');
    expect(lines[fast!.keyLines.get('title')! - 1]).toBe('title: Đăng ký khai sinh');
    expect(lines[fast!.itemLines.get('aliases')![1]! - 1]).toBe('  - b');
  });
});
