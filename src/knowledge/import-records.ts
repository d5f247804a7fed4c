// Converts one record of either national-database export into procedure data:
//  - chatbot-tthc/chatbot_tthc: `<ministry>/<code>.json`, flat snake_case keys, tables flattened;
//  - nhdandz/ThuTucHanhChinh: `extracted_fixed/<code>.json`, Vietnamese keys, tables structured.
import type { ChannelRow, DocumentRow, LegalRow, Level } from './types.js';
import type { ProcedureData } from './procedure-file.js';
import { channelOf, parseChannelTable, parseDocumentTable, parseLegalTable, type TableStatus } from './flat-tables.js';
import { cleanText, splitList, stripPortalWidget } from './text-clean.js';
import { MINISTRY_BY_FOLDER } from './fields.js';

export type RecordShape = 'chatbot-tthc' | 'nhdandz';

/** Search page of the national portal for a procedure code, used when a record has no page URL. */
export const NATIONAL_PORTAL_SEARCH = 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh?keyword=';

export interface Converted {
  data: Omit<ProcedureData, 'updated' | 'aliases' | 'unparsed'>;
  tables: { channels: TableStatus; documents: TableStatus; legal: TableStatus };
}

export function detectShape(record: unknown): RecordShape | undefined {
  if (!record || typeof record !== 'object') return undefined;
  const r = record as Record<string, unknown>;
  if (typeof r.ma_thu_tuc === 'string' && 'cach_thuc_thuc_hien' in r) return 'chatbot-tthc';
  if (r.metadata && typeof r.metadata === 'object' && 'mã_thủ_tục' in (r.metadata as object)) return 'nhdandz';
  return undefined;
}

export function parseLevels(text: string): Level[] {
  const out = new Set<Level>();
  for (const part of text.split(',')) {
    const t = part.trim().toLowerCase().normalize('NFC');
    if (!t) continue;
    if (t === 'cấp bộ') out.add('bo');
    else if (t === 'cấp tỉnh') out.add('tinh');
    else if (t === 'cấp xã') out.add('xa');
    else out.add('khac');
  }
  return (['bo', 'tinh', 'xa', 'khac'] as Level[]).filter((l) => out.has(l));
}

/** Result codes printed after each result: "Mã: KQ.G01.000075", "Mã: KQ-G12.0001660". */
const SEG = '(?:[A-Z]{1,3}\\d*(?![a-zà-ỹ])|\\d+)';
const RESULT_CODE = new RegExp(`Mã: ?${SEG}(?:[.\\-]${SEG})*`);

/** Splits "<results>Mã: KQ…Từ khóa<kw>Mô tả<desc>" (plus the portal widget) into its parts. */
export function splitResultField(raw: string): { result: string; keywords: string; description: string } {
  let s = stripPortalWidget((raw ?? '').normalize('NFC'));
  let keywords = '';
  let description = '';
  const tail = /Từ khóa([\s\S]*?)Mô tả([\s\S]*)$/.exec(s);
  if (tail) {
    keywords = cleanText(tail[1]);
    description = cleanText(tail[2]);
    s = s.slice(0, tail.index);
  }
  const items = s
    .split(RESULT_CODE)
    .map((x) => cleanText(x))
    .filter((x) => x);
  const result = items.length > 1 ? items.map((x) => `- ${x}`).join('\n') : (items[0] ?? '');
  return { result, keywords, description };
}

/** Single-line fields (titles, names of agencies) must not keep the source's line breaks. */
function oneLine(raw: unknown): string {
  return cleanText(raw).replace(/\s*\n\s*/g, ' ');
}

/** Text fields may carry the same portal widget (and its keyword/description tail) as the result. */
function cleanField(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  let s = stripPortalWidget(raw.normalize('NFC'));
  if (s.length !== raw.length) {
    const tail = /Từ khóa[\s\S]*?Mô tả[\s\S]*$/.exec(s);
    if (tail) s = s.slice(0, tail.index);
  }
  return cleanText(s);
}

export function convertChatbotTthc(r: Record<string, string>, folder: string, source: string): Converted {
  const channels = parseChannelTable(r.cach_thuc_thuc_hien ?? '');
  const documents = parseDocumentTable(r.thanh_phan_ho_so ?? '');
  const legal = parseLegalTable(r.can_cu_phap_ly ?? '');
  const res = splitResultField(r.ket_qua_xu_ly ?? '');
  const levelText = oneLine(r.cap_thuc_hien);
  return {
    data: {
      code: cleanText(r.ma_thu_tuc),
      title: oneLine(r.ten_thu_tuc),
      field: oneLine(r.linh_vuc),
      levels: parseLevels(levelText),
      levelText,
      decision: oneLine(r.so_quyet_dinh),
      ministry: MINISTRY_BY_FOLDER[folder] ?? '',
      agencies: splitList(r.co_quan_thuc_hien ?? ''),
      competentAgencies: splitList(r.co_quan_co_tham_quyen ?? ''),
      applicants: splitList(r.doi_tuong_thuc_hien ?? ''),
      submitAddress: cleanText(r.dia_chi_tiep_nhan),
      channels: channels.rows,
      documents: documents.rows,
      legal: legal.rows,
      steps: cleanField(r.trinh_tu_thuc_hien),
      conditions: cleanField(r.yeu_cau_dieu_kien),
      result: res.result,
      description: res.description,
      portalUrl: cleanText(r.detail_url),
      source,
    },
    tables: { channels: channels.status, documents: documents.status, legal: legal.status },
  };
}

type NhRow = Record<string, string | undefined>;
interface NhRecord {
  metadata: Record<string, string>;
  content: Record<string, string>;
  tables: { hinh_thuc_nop?: NhRow[]; thanh_phan_ho_so?: NhRow[]; can_cu_phap_ly?: NhRow[] };
}

/** "Bản chính: 1\nBản sao: 0" → "1 bản chính"; zero counts are left out. */
export function copiesFromNote(note: string): string {
  const main = /Bản chính:\s*(\d+)/i.exec(note)?.[1];
  const copy = /Bản sao:\s*(\d+)/i.exec(note)?.[1];
  const parts: string[] = [];
  if (main && main !== '0') parts.push(`${main} bản chính`);
  if (copy && copy !== '0') parts.push(`${copy} bản sao`);
  if (main === undefined && copy === undefined) return cleanText(note);
  return parts.join(', ');
}

/** "Bước 1: … Bước 2: …" printed as one paragraph → one step per line. */
function breakSteps(text: string): string {
  return text.replace(/ +(?=Bước \d+[:.])/g, '\n');
}

export function convertNhdandz(r: NhRecord, source: string): Converted {
  const m = r.metadata;
  const c = r.content;
  let unknownChannels = 0;
  const channels: ChannelRow[] = [];
  for (const row of r.tables?.hinh_thuc_nop ?? []) {
    const channel = channelOf(row.hinh_thuc ?? '');
    if (!channel) {
      unknownChannels++;
      continue;
    }
    channels.push({
      channel,
      time: cleanText(row.thoi_han_giai_quyet),
      fee: cleanText(row.phi_le_phi),
      note: cleanText(row.mo_ta),
    });
  }
  const documents: DocumentRow[] = (r.tables?.thanh_phan_ho_so ?? []).map((row) => ({
    group: '',
    name: cleanText(row.ten_giay_to),
    form: cleanText(row.so_luong), // this export keeps the form file name in so_luong
    copies: copiesFromNote(row.ghi_chu ?? ''),
  }));
  const legal: LegalRow[] = (r.tables?.can_cu_phap_ly ?? []).map((row) => {
    const title = cleanText(row.trich_yeu);
    let number = cleanText(row.so_ky_hieu);
    // so_ky_hieu is often cut to its first part ("12"); take the full number from the title.
    const full = new RegExp(`(?:^|[^\\d])(${number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[\\dA-ZĐa-z/-]+)`).exec(title);
    if (number && !number.includes('/') && full) number = full[1]!.replace(/[-/]+$/, '');
    return { number, title };
  });
  const levelText = cleanText(m['cấp_thực_hiện']);
  const decision = cleanText(m['số_quyết_định']).replace(/^Quyết định (số )?/i, '');
  const code = cleanText(m['mã_thủ_tục']);
  return {
    data: {
      code,
      title: oneLine(m['tên_thủ_tục']),
      field: oneLine(m['lĩnh_vực']),
      levels: parseLevels(levelText),
      levelText,
      decision,
      // Every record of this export is a Ministry of Defence procedure (see its PROVENANCE.md).
      ministry: 'Bộ Quốc phòng',
      agencies: splitList(c['cơ_quan_thực_hiện'] ?? ''),
      competentAgencies: splitList(c['cơ_quan_có_thẩm_quyền'] ?? ''),
      applicants: splitList(c['đối_tượng_thực_hiện'] ?? ''),
      submitAddress: cleanText(c['địa_chỉ_tiếp_nhận_hs']),
      channels,
      documents,
      legal,
      steps: breakSteps(cleanText(c['trình_tự_thực_hiện'])),
      conditions: cleanText(c['yêu_cầu_điều_kiện_thực_hiện']),
      result: cleanText(c['kết_quả_thực_hiện']),
      description: cleanText(c['mô_tả']),
      portalUrl: `${NATIONAL_PORTAL_SEARCH}${encodeURIComponent(code)}`,
      source,
    },
    tables: {
      channels: unknownChannels > 0 ? 'unparsed' : channels.length ? 'ok' : 'empty',
      documents: documents.length ? 'ok' : 'empty',
      legal: legal.length ? 'ok' : 'empty',
    },
  };
}

