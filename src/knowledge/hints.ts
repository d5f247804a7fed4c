// Cues in a citizen's message that separate sibling procedures: the administrative level
// (xã / tỉnh / bộ), a foreign element, and the operation (first issue, re-issue, change,
// renewal, revocation). Titles carry the same distinctions in fixed official words.

import type { Level } from './types.js';

/** Operations that sibling procedures differ by; titles name them in fixed words. */
export type Operation = 'reissue' | 'change' | 'extend' | 'revoke';

const TITLE_OPERATION: Record<Operation, RegExp> = {
  reissue: /\bcap lai\b|\bcap doi\b/,
  change: /\b(sua doi|bo sung|dieu chinh|thay doi|dinh chinh|hieu dinh|cap nhat)\b/,
  extend: /\bgia han\b/,
  revoke: /\b(thu hoi|cham dut|nop lai|huy bo|giai the)\b/,
};

/** The message words (folded, abbreviations expanded) that ask for each operation. */
const QUERY_OPERATION: Record<Operation, RegExp> = {
  reissue:
    /\b(cap lai|cap doi|lam lai|xin lai|doi lai|doi moi|bi mat|lam mat|danh mat|mat luon|that lac|hu hong|bi hong|bi hu|hu mat|rach|bi rach|nhoe|het han|doi sang|doi the|doi bang|mat giay|mat the|mat so|mat bang|mat ban goc|mat cai|hong mat|bi chay)\b/,
  change:
    /\b(sua|doi|thay doi|dieu chinh|bo sung|cap nhat|dinh chinh|hieu dinh|sai|nham|chuyen|doi ten|tang|giam|mo rong|thu hep|them)\b/,
  extend: /\b(gia han|het han|sap het|keo dai|them thoi gian|them thoi han|qua han)\b/,
  revoke: /\b(thu hoi|cham dut|nop lai|nop tra|tra lai|huy|giai the|dong cua|ngung hoat dong|bi thu|thoi)\b/,
};

/** Operations precise enough in a message that a title without them is less likely. */
export const STRONG_OPERATIONS: readonly Operation[] = ['reissue', 'extend', 'revoke'];

/** Titles that cover several operations at once ("Cấp, cấp lại …") exclude none. */
const COMBINED_TITLE = /\bcap( moi)?(,| va| hoac) cap lai\b|\bcap, cap doi\b/;

export function isCombinedTitle(foldedTitle: string): boolean {
  return COMBINED_TITLE.test(foldedTitle);
}

export function titleOperations(foldedTitle: string): Operation[] {
  if (COMBINED_TITLE.test(foldedTitle)) return [];
  return (Object.keys(TITLE_OPERATION) as Operation[]).filter((op) => TITLE_OPERATION[op].test(foldedTitle));
}

export function queryOperations(foldedQuery: string): Set<Operation> {
  return new Set((Object.keys(QUERY_OPERATION) as Operation[]).filter((op) => QUERY_OPERATION[op].test(foldedQuery)));
}

const FOREIGN_QUERY =
  /\b(nuoc ngoai|yeu to nuoc ngoai|viet kieu|kieu bao|dinh cu|quoc tich|han quoc|dai loan|nhat ban|nhat|trung quoc|campuchia|lao|thai lan|my|hoa ky|uc|phap|duc|anh quoc|canada|singapore|malaysia|nga|ngoai quoc|nguoi nuoc ngoai)\b/;
const FOREIGN_TITLE = /\b(yeu to nuoc ngoai|nguoi nuoc ngoai|o nuoc ngoai|nuoc ngoai|quoc te)\b/;

export function queryHasForeignElement(foldedQuery: string): boolean {
  return FOREIGN_QUERY.test(foldedQuery);
}

export function titleHasForeignElement(foldedTitle: string): boolean {
  return FOREIGN_TITLE.test(foldedTitle);
}

/** Levels the message names: "xã/phường" → xa, "tỉnh/sở" → tinh, "bộ/trung ương/cục" → bo. */
export function queryLevels(canonicalText: string, foldedQuery: string): Set<Level> {
  const hints = new Set<Level>();
  if (/(^|[^\p{L}])(xã|phường|thị trấn)($|[^\p{L}])/u.test(canonicalText) || /\b(ubnd xa|cap xa|phuong)\b/.test(foldedQuery)) {
    hints.add('xa');
  }
  if (/(^|[^\p{L}])(tỉnh|sở)($|[^\p{L}])/u.test(canonicalText) || /\b(cap tinh|ubnd tinh|so tu phap|so tai chinh|so xay dung|so nong nghiep)\b/.test(foldedQuery)) {
    hints.add('tinh');
  }
  if (/(^|[^\p{L}])(bộ|trung ương|cục)($|[^\p{L}])/u.test(canonicalText) || /\b(trung uong|cap bo|bo cong an|bo tai chinh|bo tu phap)\b/.test(foldedQuery)) {
    hints.add('bo');
  }
  return hints;
}

/** Ages a message gives ("con 15 tuổi", "bé 3 tháng tuổi" → 0); empty when none. */
export function queryAges(foldedQuery: string): number[] {
  const ages: number[] = [];
  for (const m of foldedQuery.matchAll(/\b(\d{1,3}) (tuoi|thang tuoi|thang)\b/g)) {
    const n = Number(m[1]);
    if (m[2] === 'tuoi') {
      if (n <= 120) ages.push(n);
    } else if (m[2] === 'thang tuoi' || n <= 24) {
      ages.push(Math.floor(n / 12));
    }
  }
  return ages;
}

/** The age range a title is for ("dưới 14 tuổi", "từ đủ 14 tuổi trở lên"); undefined when none. */
export function titleAgeRange(foldedTitle: string): { min?: number; below?: number } | undefined {
  const below = /\bduoi (\d{1,3}) tuoi\b/.exec(foldedTitle);
  const from = /\btu (?:du )?(\d{1,3}) tuoi(?: tro len)?\b/.exec(foldedTitle);
  if (!below && !from) return undefined;
  return { ...(from ? { min: Number(from[1]) } : {}), ...(below ? { below: Number(below[1]) } : {}) };
}

/** True when every age the message gives falls outside the title's range. */
export function ageExcluded(ages: readonly number[], range: { min?: number; below?: number } | undefined): boolean {
  if (!range || ages.length === 0) return false;
  return ages.every((a) => (range.min !== undefined && a < range.min) || (range.below !== undefined && a >= range.below));
}

