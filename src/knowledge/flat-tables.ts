// Recovery of the three HTML tables that the chatbot-tthc crawler flattened without separators
// ("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến15 Ngày làm việcMiễn phí..."). Each parser
// returns rows plus a status; text that cannot be split is kept in a single row, never dropped.
import type { ChannelRow, DocumentRow, SubmitChannel } from './types.js';
import { NO_INFO, cleanText, isPlaceholder } from './text-clean.js';

export type TableStatus = 'empty' | 'ok' | 'unparsed';
export interface Parsed<T> {
  rows: T[];
  status: TableStatus;
}

const CHANNEL_HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';
const DOCS_HEADER = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';

const CHANNEL_WORDS: ReadonlyArray<readonly [string, SubmitChannel]> = [
  ['Trực tiếp', 'truc-tiep'],
  ['Trực tuyến', 'truc-tuyen'],
  ['Dịch vụ bưu chính', 'buu-chinh'],
];
const TIME_UNIT = /^ ?(Ngày làm việc|Ngày|Giờ|Tháng|Năm|Tuần|Phút)/;
const CURRENCY = /^(\d[\d.,]*)? ?(VNĐ|Việt Nam Đồng|Đồng|USD)/;

/** Maps a channel label (either export) to its code, undefined when unknown. */
export function channelOf(label: string): SubmitChannel | undefined {
  const t = label.trim().toLowerCase();
  if (t.startsWith('trực tiếp')) return 'truc-tiep';
  if (t.startsWith('trực tuyến')) return 'truc-tuyen';
  if (t.includes('bưu chính')) return 'buu-chinh';
  return undefined;
}

/** Index just after the ")" closing the "(" at `open`; first ")" when unbalanced; -1 if none. */
function closeParen(s: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i + 1;
  }
  const first = s.indexOf(')', open);
  return first >= 0 && first < limit ? first + 1 : -1;
}

/** Parses a fee at `at`: "Miễn phí", "Không có thông tin" or "<amount> VNĐ", each with "(…)". */
function parseFee(s: string, at: number): { fee: string; end: number } | undefined {
  const parts: string[] = [];
  let pos = at;
  for (;;) {
    const rest = s.slice(pos);
    let main: string;
    if (rest.startsWith('Miễn phí')) main = 'Miễn phí';
    else if (rest.startsWith(NO_INFO)) main = NO_INFO;
    else {
      const m = CURRENCY.exec(rest);
      if (!m) break;
      main = m[0];
    }
    let end = pos + main.length;
    let paren = '';
    if (main !== NO_INFO && s[end] === '(') {
      const close = closeParen(s, end, s.length);
      if (close > 0) {
        paren = s.slice(end + 1, close - 1).trim();
        end = close;
      }
    }
    const text = main === NO_INFO ? '' : main.trim();
    const withParen = paren && !isPlaceholder(paren) ? `${text} (${paren})`.trim() : text;
    if (withParen) parts.push(withParen);
    pos = end;
    if (main === NO_INFO) break;
  }
  if (pos === at) return undefined;
  return { fee: parts.join('; '), end: pos };
}

interface RowHead {
  channel: SubmitChannel;
  time: string;
  fee: string;
  end: number;
}

/** Tries to read "<channel><time><fee>" at `at`; free-text times only where `freeTimeOk`. */
function parseRowHead(s: string, at: number, freeTimes: string[], first: boolean): RowHead | undefined {
  const word = CHANNEL_WORDS.find(([w]) => s.startsWith(w, at));
  if (!word) return undefined;
  let pos = at + word[0].length;
  let time = '';
  const rest = s.slice(pos);
  const num = /^\d+(?:[.,]\d+)?/.exec(rest);
  if (rest.startsWith(NO_INFO)) pos += NO_INFO.length;
  else if (num && !CURRENCY.test(rest)) {
    pos += num[0].length;
    const unit = TIME_UNIT.exec(s.slice(pos));
    time = unit ? `${num[0]} ${unit[1]}` : num[0];
    if (unit) pos += unit[0].length;
  } else if (!num) {
    // Free-text time ("Không phải trả kết quả…", "Không quy định"): text up to the fee.
    const m = /^(.{1,200}?)(?=Miễn phí|Không có thông tin|\d[\d.,]* ?(?:VNĐ|Việt Nam Đồng|USD))/s.exec(rest);
    if (!m) return undefined;
    const t = m[1]!.trim();
    const known = freeTimes.some((f) => f.slice(0, 30) === t.slice(0, 30));
    if (!first && !known && !t.startsWith('Không')) return undefined;
    if (CHANNEL_WORDS.some(([w]) => t.includes(w))) return undefined;
    if (!first && !known) freeTimes.push(t);
    if (first) freeTimes.push(t);
    time = isPlaceholder(t) ? t.replace(/\.$/, '') : t;
    pos += m[1]!.length;
  }
  const fee = parseFee(s, pos);
  if (!fee) return undefined;
  return { channel: word[1], time, fee: fee.fee, end: fee.end };
}

export function parseChannelTable(raw: string): Parsed<ChannelRow> {
  const text = (raw ?? '').normalize('NFC');
  if (isPlaceholder(text)) return { rows: [], status: 'empty' };
  const body = text.startsWith(CHANNEL_HEADER) ? text.slice(CHANNEL_HEADER.length) : text;
  if (!body.trim()) return { rows: [], status: 'empty' };
  const freeTimes: string[] = [];
  const heads: RowHead[] = [];
  const starts: number[] = [];
  const first = parseRowHead(body, 0, freeTimes, true);
  if (!first) {
    const guess = CHANNEL_WORDS.find(([w]) => body.includes(w))?.[1] ?? 'truc-tiep';
    return { rows: [{ channel: guess, time: '', fee: '', note: cleanText(body) }], status: 'unparsed' };
  }
  heads.push(first);
  starts.push(0);
  let from = first.end;
  for (;;) {
    let next = -1;
    let head: RowHead | undefined;
    for (const [w] of CHANNEL_WORDS) {
      let i = body.indexOf(w, from);
      while (i >= 0 && (next < 0 || i < next)) {
        const h = parseRowHead(body, i, freeTimes, false);
        if (h) {
          next = i;
          head = h;
          break;
        }
        i = body.indexOf(w, i + 1);
      }
    }
    if (!head) break;
    heads.push(head);
    starts.push(next);
    from = head.end;
  }
  const rows = heads.map((h, k) => ({
    channel: h.channel,
    time: h.time,
    fee: h.fee,
    note: cleanText(body.slice(h.end, starts[k + 1] ?? body.length)),
  }));
  return { rows, status: 'ok' };
}

// ---- documents (thành phần hồ sơ) ----

const COPIES = /(\d) bản (chính|sao)(?:, ?(\d) bản (chính|sao))?/g;
const FORM_EXT = /\.(docx?|pdf|xlsx?|rar|zip|odt|ods)$/i;
const FORM_EXT_START = /^(docx?|pdf|xlsx?|rar|zip|odt|ods)/i;

function normaliseCopies(m: RegExpExecArray): string {
  const a = `${m[1]} bản ${m[2]}`;
  return m[3] ? `${a}, ${m[3]} bản ${m[4]}` : a;
}

/** Splits "<name><form file>" where the form file name follows the name without a separator. */
export function splitNameForm(chunk: string): { name: string; form: string } {
  let name = chunk.trim();
  const forms: string[] = [];
  for (let guard = 0; guard < 5; guard++) {
    const ext = FORM_EXT.exec(name);
    if (!ext) break;
    const extStart = ext.index;
    let cut = -1;
    for (let i = extStart - 1; i >= Math.max(0, extStart - 120); i--) {
      // Another form file right before this one ("TH1.docxTH2.docx").
      if (FORM_EXT.test(name.slice(0, i + 1))) {
        cut = i + 1;
        break;
      }
      const startsExt = name[i] === '.' && FORM_EXT_START.test(name.slice(i + 1));
      if ('.;:)'.includes(name[i]!) && !startsExt && /[\p{L}\p{N}]/u.test(name[i + 1] ?? '')) {
        cut = i + 1;
        break;
      }
    }
    if (cut < 0) {
      // "Đơn đề nghịMau01.docx": a lower-case letter directly followed by the file's capital.
      const sp = name.lastIndexOf(' ', extStart);
      for (let i = extStart - 1; i > sp + 1; i--) {
        if (/\p{Ll}/u.test(name[i - 1]!) && /\p{Lu}/u.test(name[i]!)) {
          cut = i;
          break;
        }
      }
      if (cut < 0) cut = sp >= 0 && name.length - sp < 60 ? sp + 1 : 0;
    }
    forms.unshift(name.slice(cut).trim());
    name = name.slice(0, cut).trim();
  }
  return { name, form: forms.join(', ') };
}

function cleanHeading(s: string): string {
  return cleanText(s.replace(/^-+/, '').replace(/-+$/, ''));
}

export function parseDocumentTable(raw: string): Parsed<DocumentRow> {
  const text = (raw ?? '').normalize('NFC');
  if (isPlaceholder(text)) return { rows: [], status: 'empty' };
  if (!text.includes(DOCS_HEADER)) {
    if (!cleanHeading(text)) return { rows: [], status: 'empty' };
    return { rows: [{ group: '', name: cleanText(text), form: '', copies: '' }], status: 'unparsed' };
  }
  const parts = text.split(DOCS_HEADER);
  const rows: DocumentRow[] = [];
  let status: TableStatus = 'ok';
  let heading = cleanHeading(parts[0]!);
  for (let p = 1; p < parts.length; p++) {
    const seg = parts[p]!;
    let last = 0;
    COPIES.lastIndex = 0;
    for (let m = COPIES.exec(seg); m; m = COPIES.exec(seg)) {
      const after = seg[m.index + m[0].length];
      if (after !== undefined && /[\s.,;:)]/.test(after)) continue;
      const { name, form } = splitNameForm(seg.slice(last, m.index));
      last = m.index + m[0].length;
      if (!cleanText(name) && !form) continue; // the portal lost the name; nothing to keep
      rows.push({ group: heading, name: cleanText(name), form, copies: normaliseCopies(m) });
    }
    const tail = seg.slice(last);
    if (p < parts.length - 1) heading = cleanHeading(tail);
    else if (cleanText(tail)) {
      const { name, form } = splitNameForm(tail);
      rows.push({ group: heading, name: cleanText(name), form, copies: '' });
      if (last === 0) status = 'unparsed';
    }
  }
  const groups = new Set(rows.map((r) => r.group));
  if (groups.size === 1) for (const r of rows) r.group = '';
  return { rows, status };
}

export { parseLegalTable } from './flat-legal.js';
