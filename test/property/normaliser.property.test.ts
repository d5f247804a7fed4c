// Property-based tests on the text normaliser (src/text): arbitrary unicode never throws, folding
// and canonical() are idempotent, query tokens are plain [a-z0-9]+.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, documentSegments, foldText, normalizeQuery, querySegments, stripDiacritics } from '../../src/text/index.js';

const RUNS = { numRuns: 400 };

/** Vietnamese-looking text: letters with every diacritic, composed or decomposed, mixed case. */
const VI = 'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạ ắằẳẵặ ấầẩẫậ éèẻẽẹ ếềểễệ íìỉĩị óòỏõọ ốồổỗộ ớờởỡợ úùủũụ ứừửữự ýỳỷỹỵ 0123456789.,?!-/';
const vietnamese = fc
  .array(fc.constantFrom(...VI), { maxLength: 60 })
  .chain((chars) => fc.constantFrom('NFC', 'NFD', 'NFKD').map((form) => chars.join('').normalize(form as 'NFC')));

/** Anything: full unicode (astral planes, lone surrogates, combining marks) and Vietnamese text. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0306', '\u0302', '\u031b', 'a', 'o', 'u', 'y', 'I', ' ', '\u00a0', '\u200b', 'İ', 'ß', 'ﬁ'), maxLength: 40 }),
  vietnamese,
);

describe('normaliser properties', () => {
  it('never throws on arbitrary unicode', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(typeof foldText(s)).toBe('string');
        expect(typeof canonical(s)).toBe('string');
        expect(typeof stripDiacritics(s)).toBe('string');
        expect(Array.isArray(querySegments(s))).toBe(true);
        expect(Array.isArray(documentSegments(s))).toBe(true);
        const q = normalizeQuery(s);
        expect(q.folded).toBe(q.tokens.join(' '));
      }),
      RUNS,
    );
  });

  it('foldText is idempotent', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const once = foldText(s);
        expect(foldText(once)).toBe(once);
      }),
      RUNS,
    );
  });

  it('canonical is idempotent', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const once = canonical(s);
        expect(canonical(once)).toBe(once);
      }),
      RUNS,
    );
  });

  it('normalizeQuery tokens are [a-z0-9]+', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        for (const t of normalizeQuery(s).tokens) expect(t).toMatch(/^[a-z0-9]+$/);
      }),
      RUNS,
    );
  });

  it('composed and decomposed Vietnamese fold the same, to ASCII', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VI), { maxLength: 40 }).map((c) => c.join('')), (s) => {
        expect(foldText(s.normalize('NFD'))).toBe(foldText(s.normalize('NFC')));
        expect(normalizeQuery(s.normalize('NFD')).tokens).toEqual(normalizeQuery(s.normalize('NFC')).tokens);
        expect(foldText(s)).toMatch(/^[\x00-\x7f]*$/);
      }),
      RUNS,
    );
  });
});
