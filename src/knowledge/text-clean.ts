// Cleaning of text scraped from the national TTHC portal: placeholders, page-UI residue, HTML
// leftovers, and splitting of comma lists that the portal printed as one string.

export const NO_INFO = 'Không có thông tin';

/** NFC, CRLF → LF, trailing spaces and runs of blank lines trimmed, stray HTML tags removed. */
export function cleanText(value: unknown): string {
  if (typeof value !== 'string') return '';
  let s = value.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[\u00a0\t]/g, ' ');
  s = s.replace(/<\/?(p|br|span|div|strong|b|i|em|u)\s*\/?>/gi, '\n').replace(/&nbsp;/g, ' ');
  s = s
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (isPlaceholder(s)) return '';
  return s;
}

/** True for the portal's "no information" placeholders. */
export function isPlaceholder(s: string): boolean {
  const t = s.trim().replace(/[.]$/, '');
  return t === '' || t === NO_INFO || t === 'Không' || t === 'Không có' || t === 'Không quy định';
}

/** Removes the "Chọn cơ quan thực hiện … Nộp hồ sơ" submission widget the crawler captured. */
export function stripPortalWidget(s: string): string {
  const i = s.indexOf('Chọn cơ quan thực hiện');
  return i >= 0 ? s.slice(0, i) : s;
}

/**
 * Splits "A, B (x, y), C" into items, but only where it is a list: commas inside parentheses
 * never split, and a piece that starts in lower case continues the previous item
 * ("Cán bộ, công chức, viên chức", "Thuế tỉnh, thành phố" stay whole).
 */
export function splitList(value: string): string[] {
  const s = cleanText(value);
  if (!s) return [];
  const pieces: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === ';' || ch === '\n' || (ch === ',' && s[i + 1] === ' '))) {
      pieces.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  pieces.push(cur);
  const items: string[] = [];
  for (const raw of pieces) {
    // "Tòa án nhân dân_old": a renamed-agency marker of the portal's database.
    const p = raw.replace(/\s+/g, ' ').replace(/_old$/, '').trim();
    if (!p) continue;
    const startsLower = /^[a-zà-ỹđ]/.test(p);
    if (startsLower && items.length > 0) items[items.length - 1] += `, ${p}`;
    else items.push(p);
  }
  const seen = new Set<string>();
  return items.filter((x) => !isPlaceholder(x) && !seen.has(x) && (seen.add(x), true));
}
