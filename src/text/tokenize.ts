import { canonical, foldText, unifyYI } from './fold.js';
import { expandSlang } from './slang.js';

/**
 * Splits folded text into segments (runs of words not separated by punctuation) of syllables.
 * Syllable pairs are only formed inside a segment, so "…hồ sơ. Giấy phép…" gives no "so giay".
 */
/**
 * Scans folded text in one pass (this runs over millions of characters when the index is built):
 * [a-z0-9] runs are words, white space separates words, any other character ends a segment.
 */
export function scanFolded(folded: string, onWord: (word: string) => void, onBreak: () => void): void {
  let start = -1;
  let words = 0;
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : 46; // '.' after the end flushes
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      onWord(folded.slice(start, i));
      words++;
      start = -1;
    }
    const space = c === 32 || c === 160 || c === 9 || c === 11 || c === 12;
    if (!space && words > 0) {
      onBreak();
      words = 0;
    }
  }
}

export function segmentFolded(folded: string): string[][] {
  const segments: string[][] = [];
  let seg: string[] = [];
  scanFolded(
    folded,
    (w) => seg.push(w),
    () => {
      segments.push(seg);
      seg = [];
    },
  );
  return segments;
}

/** Folded, abbreviation-expanded segments of a citizen's message. */
export function querySegments(text: string): string[][] {
  return segmentFolded(foldText(text)).map((seg) => {
    const out: string[] = [];
    for (let i = 0; i < seg.length; i++) {
      const tok = seg[i]!;
      // "đk" after "đủ" means "điều kiện" (đủ điều kiện), otherwise "đăng ký".
      if (tok === 'dk' && seg[i - 1] === 'du') {
        out.push('dieu', 'kien');
        continue;
      }
      // Expansions are written in plain folded words; unify y/i like the rest of the text.
      for (const t of expandSlang(tok).split(' ')) out.push(unifyYI(t));
    }
    return out;
  });
}

export interface NormalizedQuery {
  /** NFC, unified tone placement, lower case, diacritics kept. */
  canonical: string;
  /** Folded text with abbreviations expanded, single-spaced. */
  folded: string;
  /** Folded, expanded tokens in order. */
  tokens: string[];
  segments: string[][];
}

export function normalizeQuery(text: string): NormalizedQuery {
  const segments = querySegments(text);
  const tokens = segments.flat();
  return { canonical: canonical(text), folded: tokens.join(' '), tokens, segments };
}

/** Folded tokens of knowledge text (no slang expansion: the KB is written in full words). */
export function documentSegments(text: string): string[][] {
  return segmentFolded(foldText(text));
}
