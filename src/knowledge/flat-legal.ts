// Recovery of the flattened legal-basis table (căn cứ pháp lý) of the chatbot-tthc export:
// "Tên văn bản pháp lýMã văn bản<title><number><title><number>…" → rows of { number, title }.
import type { LegalRow } from './types.js';
import { cleanText, isPlaceholder } from './text-clean.js';
import type { Parsed, TableStatus } from './flat-tables.js';

const LEGAL_HEADER = 'Tên văn bản pháp lýMã văn bản';


/** Start of a document number: "68/2013/TT-BCA", "1234/QĐ-BCA", "02/2011/QH13". */
const NUMBER_START = /(\d{1,10})\/(?:(\d{4})\/)?(?=[A-ZĐ])/g;

/** Issuer and document-type codes seen in Vietnamese document numbers ("NĐ-CP", "TT-BTC"). */
const KNOWN_CODES = new Set(
  ('NĐ CP TTg QĐ TT TTLT NQ BTC BCA BTP NHNN BNNMT BGTVT BXD BKHĐT BCT BTNMT BNNPTNT BLĐTBXH BYT ' +
    'BQP BNV BTTTT BKHCN BVHTTDL BGDĐT BHXH UBND VPCP CTN PL L TANDTC VKSNDTC HĐTP HĐND KTNN BNG ' +
    'BTTTT BKH UBCK TCHQ TCT BGTVT BCĐ NHNNVN QH UBTVQH KBNN BDT TCTK').split(' '),
);

/** Reads the code part after "68/2013/": segments of capitals/digits joined by "-". */
function readSuffix(s: string, at: number): number {
  let i = at;
  for (;;) {
    const run = /^[A-ZĐ0-9]+g?/.exec(s.slice(i))?.[0] ?? '';
    if (!run) break;
    let take = run.length;
    const qh = /^(UBTVQH|QH)\d\d/.exec(run);
    if (qh) take = qh[0].length; // legislature numbers have two digits: QH13, UBTVQH15
    else if (!KNOWN_CODES.has(run) && !/^C\d\d$/.test(run)) {
      // The next title may start right after the code: "BCALuật", "CPNGHỊ ĐỊNH".
      let best = 0;
      for (let k = run.length - 1; k >= 1; k--) {
        if (KNOWN_CODES.has(run.slice(0, k))) {
          best = k;
          break;
        }
      }
      if (best > 0) take = best;
      else if (/[a-zà-ỹ]/.test(s[i + run.length] ?? '') && run.length > 1) take = run.length - 1;
    }
    if (run[take - 1] !== 'g' && /\d+\//.test(s.slice(i, i + take))) {
      const d = /\d+\//.exec(s.slice(i, i + take))!;
      take = d.index;
    }
    i += take;
    if (take < run.length || s[i] !== '-' || !/[A-ZĐ0-9]/.test(s[i + 1] ?? '')) break;
    i++;
  }
  return i;
}

export function parseLegalTable(raw: string): Parsed<LegalRow> {
  const text = (raw ?? '').normalize('NFC');
  if (isPlaceholder(text)) return { rows: [], status: 'empty' };
  const body = text.startsWith(LEGAL_HEADER) ? text.slice(LEGAL_HEADER.length) : text;
  const rows: LegalRow[] = [];
  let last = 0;
  NUMBER_START.lastIndex = 0;
  for (let m = NUMBER_START.exec(body); m; m = NUMBER_START.exec(body)) {
    let start = m.index;
    const digits = m[1]!;
    // "Luật … năm 201102/2011/QH13": the title's year runs into the number.
    if (digits.length > 4 && /^(19|20)\d\d/.test(digits)) start += 4;
    const end = readSuffix(body, m.index + m[0].length);
    const after = body[end];
    NUMBER_START.lastIndex = end;
    if (after !== undefined && /[\s,.;:)]/.test(after)) continue; // a number inside the title
    const title = body.slice(last, start).trim();
    const number = body.slice(start, end);
    const prev = rows[rows.length - 1];
    if (!title && prev) prev.title = `${prev.title} ${prev.number}`.trim(), (prev.number = number);
    else rows.push({ number, title: cleanText(title) });
    last = end;
  }
  const tail = cleanText(body.slice(last));
  if (tail) rows.push({ number: '', title: tail });
  const status: TableStatus = rows.length === 0 ? 'empty' : rows.every((r) => !r.number) ? 'unparsed' : 'ok';
  return { rows, status };
}
