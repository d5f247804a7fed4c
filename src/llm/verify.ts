// The grounding verifier: the model's answer may only repeat figures and document names that are
// in the source (the template answer built from the knowledge base). Every number, amount,
// duration, number word with a unit, "free of charge" claim, link and document name in the
// model's text is looked up in the source; one miss rejects the whole text and the bot sends
// its template. It errs on the side of rejecting: a rejected good text costs nothing but style.

export type VerifyResult = { ok: true } | { ok: false; problems: string[] };

const L = '\\p{L}\\p{N}';
const norm = (s: string): string => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');

/** "50.000" and "50,000" → "50000"; "1,5" → "1.5"; other digit runs as written. */
function canonNumber(raw: string): string {
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(raw)) return raw.replace(/[.,]/g, '');
  return raw.replace(',', '.');
}

const NUMBER = /\d+(?:[.,]\d+)*/g;

function numbers(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(NUMBER)) {
    out.add(canonNumber(m[0]));
    // Also each digit run, so a date or "60/2014/QH13" matches piece by piece.
    for (const d of m[0].split(/[.,]/)) out.add(d);
  }
  return out;
}

const UNIT_ALIASES: Record<string, string> = { ngàn: 'nghìn', vnđ: 'đồng', vnd: 'đồng', đ: 'đồng', k: 'nghìn', tr: 'triệu' };
const UNITS = 'ngày|tuần|tháng|năm|giờ|phút|đồng|vnđ|vnd|đ|k|tr|nghìn|ngàn|triệu|tỷ|bản|%';
const NUMBER_UNIT = new RegExp(`(\\d+(?:[.,]\\d+)*)\\s*(${UNITS})(?![${L}])`, 'gu');

function numberUnits(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of norm(text).matchAll(NUMBER_UNIT)) out.add(`${canonNumber(m[1]!)} ${UNIT_ALIASES[m[2]!] ?? m[2]}`);
  return out;
}

const NUMBER_WORDS = 'một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|tỷ|nửa|vài';
const WORD_UNIT = new RegExp(`(?<![${L}])(?:${NUMBER_WORDS})\\s+(?:ngày|tuần|tháng|năm|giờ|phút|đồng|nghìn|ngàn|triệu|bản)(?![${L}])`, 'gu');

const FREE_CLAIM = /miễn\s+(?:phí|lệ\s*phí)|không\s+(?:mất|thu|tốn|phải\s+nộp|phải\s+đóng|có)\s+(?:phí|lệ\s*phí|tiền)/u;
const FREE_SOURCE = /miễn|không\s+(?:thu|mất|tốn|phải\s+nộp)/u;

const DOC_KEYWORDS = [
  'tờ khai', 'giấy', 'đơn', 'bản sao', 'bản chính', 'sổ', 'thẻ', 'ảnh', 'hộ chiếu', 'căn cước', 'chứng minh',
  'văn bản', 'quyết định', 'biên bản', 'chứng chỉ', 'hợp đồng', 'trích lục', 'phiếu', 'mẫu',
];
/** Everyday phrases that start like a document name but are not one. */
const NOT_DOCUMENTS = ['giấy tờ', 'đơn vị', 'đơn giản', 'đơn thuần', 'ảnh hưởng', 'mẫu mã', 'sổ sách'];
/** A document keyword followed by one of these is checked alone ("mang theo căn cước và …"). */
const FUNCTION_WORDS = new Set(
  'bạn anh chị cần thì là và của cho tại ở có được phải này đó khi để với gồm nộp mang theo hoặc hay trong từ sẽ đã nếu kèm cùng theo'.split(' '),
);
const DOC_RE = new RegExp(`(?<![${L}])(${DOC_KEYWORDS.join('|')})(?![${L}])(?:\\s+([${L}]+))?`, 'gu');

function documentProblems(text: string, source: string): string[] {
  const problems: string[] = [];
  for (const m of norm(text).matchAll(DOC_RE)) {
    const key = m[1]!;
    const next = m[2];
    const phrase = next && !FUNCTION_WORDS.has(next) ? `${key} ${next}` : key;
    if (NOT_DOCUMENTS.some((g) => `${key} ${next ?? ''}`.startsWith(g))) continue;
    if (!source.includes(phrase)) problems.push(`document "${phrase}"`);
  }
  return problems;
}

export function verifyGrounded(text: string, sourceText: string): VerifyResult {
  const source = norm(sourceText);
  const out = norm(text);
  const problems: string[] = [];
  const srcNumbers = numbers(source);
  for (const n of numbers(out)) if (!srcNumbers.has(n)) problems.push(`number ${n}`);
  const srcUnits = numberUnits(source);
  for (const u of numberUnits(out)) if (!srcUnits.has(u)) problems.push(`amount/duration "${u}"`);
  for (const m of out.matchAll(WORD_UNIT)) if (!source.includes(m[0])) problems.push(`number words "${m[0]}"`);
  if (FREE_CLAIM.test(out) && !FREE_SOURCE.test(source)) problems.push('free-of-charge claim');
  for (const url of out.match(/https?:\/\/\S+|www\.\S+/g) ?? []) {
    if (!source.includes(url.replace(/[.,;)]+$/, ''))) problems.push(`link ${url}`);
  }
  problems.push(...documentProblems(out, source));
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
