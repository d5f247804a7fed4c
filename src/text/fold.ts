// Unicode-level Vietnamese normalisation: NFC, tone placement, diacritic folding, y/i spelling.

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;

/**
 * Moves the tone mark of open syllables ending in "oa", "oe", "uy" to the first vowel
 * ("hoà" → "hòa", "thuỷ" → "thủy", "khoẻ" → "khỏe"), the placement used by most current
 * government documents, so that both styles compare equal. Syllables with a final consonant
 * ("hoàng", "quyết") keep the mark on the second vowel in both styles and are left alone.
 */
export function normalizeTonePlacement(text: string): string {
  const decomposed = text.normalize('NFD');
  // o/u + (optional circumflex/horn on nothing) + a/e/y carrying a tone, at the end of a word.
  const re = /([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![\p{L}\p{M}])/gu;
  const moved = decomposed.replace(re, (_m, first: string, second: string, tone: string, offset: number) => {
    // "qu" + y: "quý" already has the mark on y by both conventions (u is part of the onset).
    const prev = decomposed[offset - 1];
    if ((first === 'u' || first === 'U') && (prev === 'q' || prev === 'Q')) return `${first}${second}${tone}`;
    // "gi" is an onset too ("gioà" does not exist); nothing else to exclude for oa/oe/uy.
    return `${first}${tone}${second}`;
  });
  return moved.normalize('NFC');
}

/** Removes all diacritics and maps đ/Đ to d/D. */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

export function hasDiacritics(text: string): boolean {
  return /[đĐ]/.test(text) || TONE_MARKS.test(text.normalize('NFD')) || /[\u0302\u0306\u031b]/.test(text.normalize('NFD'));
}

const I_ONSETS = new Set(['b', 'c', 'd', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', 'ph', 'th', 'tr', 'ch', 'nh', 'kh', 'gh', 'ng']);

/**
 * Unifies the y/i spelling variants of folded syllables: "ky"/"ki", "ly"/"li", "my"/"mi",
 * "sy"/"si" all become "…i"; "qui" becomes "quy". Applied after folding.
 */
export function unifyYI(syllable: string): string {
  if (syllable === 'qui') return 'quy';
  if (syllable.length >= 2 && syllable.endsWith('y')) {
    const onset = syllable.slice(0, -1);
    if (I_ONSETS.has(onset)) return `${onset}i`;
  }
  return syllable;
}

/** NFC + unified tone placement + lower case; keeps diacritics. */
export function canonical(text: string): string {
  // Lower case first: lower-casing after NFC can leave a non-NFC string ("İ" → "i" + U+0307),
  // which made canonical() not idempotent. normalizeTonePlacement ends with NFC.
  return normalizeTonePlacement(text.normalize('NFC').toLowerCase());
}

/** Precomputed folding of every Latin letter with diacritics (and upper case) to ASCII lower case. */
const FOLD_TABLE: string[] = (() => {
  const table: string[] = [];
  for (let c = 0; c < 0x1f00; c++) {
    const ch = String.fromCharCode(c);
    const folded = stripDiacritics(ch).toLowerCase();
    table[c] = folded.length === 1 ? folded : ch.toLowerCase();
  }
  return table;
})();

const YI_RE = /\b(ph|th|tr|ch|nh|kh|gh|ng|[bcdghklmnprstvx])y\b/g;

/** Lower case, no diacritics, unified y/i: the form used for matching. */
export function foldText(text: string): string {
  // Decomposed input (combining marks) is composed first so the table applies per letter.
  const src = /[\u0300-\u036f]/.test(text) ? text.normalize('NFC') : text;
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    out += c < 0x1f00 ? FOLD_TABLE[c]! : src[i]!.toLowerCase();
  }
  // Marks NFC could not compose onto their letter ("ò" + another grave) are diacritics too: drop
  // them, or folding the output again would change it.
  if (/[\u0300-\u036f]/.test(out)) out = out.replace(/[\u0300-\u036f]/g, '');
  return out.replace(YI_RE, '$1i').replace(/\bqui\b/g, 'quy');
}
