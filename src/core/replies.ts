// Vietnamese answer templates: one section of one procedure, formatted for chat (plain text,
// short lines, numbered lists, no Markdown tables). Messaging platforms cap a message at about
// 2,000 characters (Messenger, Zalo), so long parts are trimmed with "…" and the portal link.
import type { ChannelRow, Procedure, Section, SubmitChannel } from '../knowledge/types.js';

export const NATIONAL_PORTAL = 'https://dichvucong.gov.vn';
const MAX_DOCUMENTS = 12;
/** Characters of document lines before the list is cut (keeps the message under ~2,000). */
const DOCUMENTS_BUDGET = 1200;
const MAX_PROSE = 700;

const CHANNEL_LABELS: Record<SubmitChannel, string> = {
  'truc-tiep': 'Trực tiếp',
  'truc-tuyen': 'Trực tuyến',
  'buu-chinh': 'Bưu chính',
};

/** "Không có thông tin" and similar placeholders of the national database mean "nothing". */
export function isBlank(text: string | undefined): boolean {
  if (!text) return true;
  const t = text.trim().toLowerCase();
  return t === '' || t === 'không có thông tin' || t === 'không' || t === '-' || t === 'none';
}

export function portalLink(p: Procedure): string {
  return isBlank(p.portalUrl) ? `${NATIONAL_PORTAL} (tìm mã ${p.code})` : p.portalUrl.trim();
}

/** Cuts text at a sentence or word boundary and adds "…". */
export function trimText(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const stop = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('\n'), cut.lastIndexOf('; '));
  const end = stop > max * 0.5 ? stop + 1 : Math.max(cut.lastIndexOf(' '), max * 0.8);
  return `${cut.slice(0, end).trimEnd()} …`;
}

const LIST_START = /^(?:[-+*•]|\d+[.)]|[a-zđ][.)]|bước\s+\d|trường hợp|lưu ý|ghi chú)/iu;

/** Markdown body → chat text: drops emphasis and headings, re-joins lines broken mid-sentence. */
export function plainProse(md: string): string {
  const lines = md
    .replace(/\r/g, '')
    .replace(/\*\*|__|`/g, '')
    .split('\n')
    .map((l) => l.replace(/^#+\s*/, '').replace(/^\s*[*]\s+/, '- ').replace(/\|/g, ' ').trim())
    .filter((l) => l !== '');
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && !LIST_START.test(line) && !/[.:;!?]$/.test(prev)) out[out.length - 1] = `${prev} ${line}`;
    else out.push(line);
  }
  return out.join('\n');
}

function header(p: Procedure): string {
  return `Thủ tục: ${p.title.trim().replace(/\.$/, '')} (mã ${p.code})`;
}

/** Rows per channel, merged into one line when every channel says the same. */
function perChannel(rows: ChannelRow[], pick: (r: ChannelRow) => string): string[] {
  const filled = rows.filter((r) => !isBlank(pick(r)));
  if (filled.length === 0) return [];
  const values = new Set(filled.map((r) => pick(r).trim()));
  if (values.size === 1 && filled.length === rows.length && rows.length > 1) {
    return [`- Mọi hình thức nộp: ${[...values][0]}`];
  }
  return filled.map((r) => `- ${CHANNEL_LABELS[r.channel]}: ${trimText(pick(r), 200)}`);
}

/** "- Giấy chứng sinh" → "Giấy chứng sinh"; "* Giấy tờ phải nộp:" → "Giấy tờ phải nộp". */
const bare = (text: string): string => text.trim().replace(/^[-*+•]+\s*/, '').replace(/[:：]\s*$/, '').trim();

/** Copies as printed, unless they say zero ("0 bản chính", "Bản chính: 0, Bản sao: 0"). */
const copiesText = (copies: string): string => (isBlank(copies) || !/[1-9]/.test(copies) ? '' : copies.trim());

function documents(p: Procedure, budget: number): string[] {
  if (p.documents.length === 0) return ['Dữ liệu thủ tục chưa ghi thành phần hồ sơ.'];
  const lines = ['Hồ sơ cần nộp:'];
  let group = '';
  let n = 0;
  let size = 0;
  for (const d of p.documents) {
    if (n >= MAX_DOCUMENTS || size > budget) break;
    const heading = bare(d.group);
    if (heading && heading !== group) {
      group = heading;
      lines.push(`${trimText(heading, 160)}:`);
    }
    n++;
    const extra = [copiesText(d.copies), isBlank(d.form) ? '' : `mẫu: ${trimText(d.form, 60)}`].filter(Boolean);
    const line = `${n}. ${trimText(bare(d.name), 200)}${extra.length ? ` (${extra.join('; ')})` : ''}`;
    size += line.length;
    lines.push(line);
  }
  if (p.documents.length > n) lines.push(`… và ${p.documents.length - n} mục khác (xem link bên dưới).`);
  return lines;
}

function fees(p: Procedure): string[] {
  const rows = perChannel(p.channels, (r) => r.fee);
  if (rows.length === 0) return ['Dữ liệu thủ tục không ghi lệ phí. Bạn xem chi tiết tại link bên dưới hoặc gọi 1022 để được hướng dẫn.'];
  return ['Lệ phí:', ...rows];
}

function time(p: Procedure): string[] {
  const rows = perChannel(p.channels, (r) => r.time);
  if (rows.length === 0) return ['Dữ liệu thủ tục không ghi thời hạn giải quyết.'];
  return ['Thời hạn giải quyết:', ...rows];
}

function where(p: Procedure): string[] {
  const lines: string[] = [];
  const agencies = p.agencies.filter((a) => !isBlank(a));
  if (agencies.length) lines.push('Cơ quan thực hiện:', ...agencies.slice(0, 5).map((a) => `- ${a}`));
  const competent = p.competentAgencies.filter((a) => !isBlank(a) && !agencies.includes(a));
  if (competent.length) lines.push('Cơ quan có thẩm quyền:', ...competent.slice(0, 3).map((a) => `- ${a}`));
  if (!isBlank(p.submitAddress)) lines.push(`Nơi tiếp nhận hồ sơ: ${trimText(p.submitAddress, 300)}`);
  if (lines.length === 0) return ['Dữ liệu thủ tục chưa ghi nơi nộp hồ sơ. Bạn gọi 1022 để được hướng dẫn.'];
  return lines;
}

function online(p: Procedure): string[] {
  const row = p.channels.find((r) => r.channel === 'truc-tuyen');
  const others = p.channels.filter((r) => r.channel !== 'truc-tuyen').map((r) => CHANNEL_LABELS[r.channel].toLowerCase());
  if (row) {
    const lines = ['Thủ tục này có thể nộp trực tuyến trên Cổng Dịch vụ công (đăng nhập bằng tài khoản VNeID).'];
    if (!isBlank(row.time)) lines.push(`- Thời hạn khi nộp trực tuyến: ${trimText(row.time, 150)}`);
    if (!isBlank(row.fee)) lines.push(`- Lệ phí khi nộp trực tuyến: ${trimText(row.fee, 150)}`);
    lines.push(`Nộp tại: ${portalLink(p)}`);
    return lines;
  }
  if (others.length === 0) return ['Dữ liệu thủ tục chưa ghi hình thức nộp hồ sơ.'];
  return [`Theo dữ liệu hiện có, thủ tục này chưa có hình thức nộp trực tuyến. Bạn có thể nộp: ${others.join(', ')}.`];
}

function legal(p: Procedure): string[] {
  if (p.legal.length === 0) return ['Dữ liệu thủ tục chưa ghi căn cứ pháp lý.'];
  const lines = ['Căn cứ pháp lý:'];
  p.legal.slice(0, 10).forEach((l, i) => {
    const title = isBlank(l.title) ? '' : trimText(l.title, 160);
    lines.push(`${i + 1}. ${[l.number.trim(), title].filter(Boolean).join(': ')}`);
  });
  if (p.legal.length > 10) lines.push(`… và ${p.legal.length - 10} văn bản khác.`);
  return lines;
}

function prose(label: string, body: string, emptyText: string, max: number): string[] {
  if (isBlank(body)) return [emptyText];
  return [`${label}:`, trimText(plainProse(body), max)];
}

function applicant(p: Procedure): string[] {
  const list = p.applicants.filter((a) => !isBlank(a));
  if (list.length === 0) return ['Dữ liệu thủ tục chưa ghi đối tượng thực hiện.'];
  return ['Đối tượng thực hiện:', ...list.slice(0, 8).map((a) => `- ${a}`)];
}

function overview(p: Procedure): string[] {
  const lines: string[] = [];
  if (!isBlank(p.description)) lines.push(trimText(plainProse(p.description), 300));
  const agencies = p.agencies.filter((a) => !isBlank(a));
  if (agencies.length) lines.push(`- Cơ quan thực hiện: ${agencies.slice(0, 2).join('; ')}`);
  // In-person first: it is what most citizens do and what the national records describe first.
  const ordered = [...p.channels].sort((a, b) => Number(b.channel === 'truc-tiep') - Number(a.channel === 'truc-tiep'));
  const firstTime = ordered.find((r) => !isBlank(r.time));
  if (firstTime) lines.push(`- Thời hạn (${CHANNEL_LABELS[firstTime.channel].toLowerCase()}): ${trimText(firstTime.time, 120)}`);
  const firstFee = ordered.find((r) => !isBlank(r.fee));
  lines.push(`- Lệ phí: ${firstFee ? trimText(firstFee.fee, 120) : 'dữ liệu không ghi'}`);
  if (p.channels.some((r) => r.channel === 'truc-tuyen')) lines.push('- Có thể nộp trực tuyến.');
  return lines;
}

/** Budgets shrink when one message answers several sections. */
interface Budget {
  documents: number;
  prose: number;
}

function sectionBody(p: Procedure, section: Section, b: Budget): string[] {
  let body: string[];
  switch (section) {
    case 'documents': body = documents(p, b.documents); break;
    case 'fees': body = fees(p); break;
    case 'time': body = time(p); break;
    case 'where': body = where(p); break;
    case 'online': body = online(p); break;
    case 'legal': body = legal(p); break;
    case 'applicant': body = applicant(p); break;
    case 'steps': body = prose('Các bước thực hiện', p.steps, 'Dữ liệu thủ tục chưa ghi trình tự thực hiện.', b.prose); break;
    case 'conditions': body = prose('Điều kiện', p.conditions, 'Dữ liệu thủ tục không nêu điều kiện riêng.', b.prose); break;
    case 'result': body = prose('Kết quả', p.result, 'Dữ liệu thủ tục chưa ghi kết quả giải quyết.', b.prose); break;
    default: body = overview(p);
  }
  return body;
}

/**
 * The answer text for one section of a procedure, or for a few sections asked in one message
 * ("cần giấy tờ gì, nộp ở đâu"), in the order given, with one header and one link.
 */
export function renderAnswer(p: Procedure, section: Section | readonly Section[]): string {
  const sections = (typeof section === 'string' ? [section] : section.length > 0 ? [...section] : ['overview' as const]).slice(0, 3);
  const budget: Budget =
    sections.length === 1 ? { documents: DOCUMENTS_BUDGET, prose: MAX_PROSE } : { documents: 700, prose: 400 };
  const parts = sections.map((s) => sectionBody(p, s, budget).join('\n'));
  return [header(p), '', parts.join('\n\n'), '', `Chi tiết: ${portalLink(p)}`].join('\n');
}
