// Formatters of the activity report: Vietnamese Markdown an office can send upward, CSV for
// Excel (UTF-8 with BOM, CRLF, one long table), JSON (the report object as is).
import { TICKET_TYPE_LABELS } from './report-labels.js';
import type { ReportFigures, ReportGroupRow, TicketReport } from './report-types.js';

export type ReportFormat = 'md' | 'csv' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'csv', 'json'];

/** Counts as Vietnamese administrative reports write them: at least two digits ("03"). */
export function pad2(n: number): string {
  return n >= 0 && n < 10 ? `0${n}` : String(n);
}

/** 66.67 → "66,67"; 100 → "100" (Vietnamese decimal comma). */
export function viNumber(x: number): string {
  return String(Math.round(x * 100) / 100).replace('.', ',');
}

const pct = (x: number | null): string => (x === null ? '—' : `${viNumber(x)}%`);
const hours = (x: number | null): string => (x === null ? '—' : viNumber(x));
/** 'YYYY-MM-DD' → 'DD/MM/YYYY'. */
const viDate = (d: string): string => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
/** ISO instant → local 'HH:MM ngày DD/MM/YYYY' (UTC+7). */
function viInstant(iso: string): string {
  const local = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${local.slice(11, 16)} ngày ${viDate(local.slice(0, 10))}`;
}
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function table(head: string[], rows: string[][]): string {
  const line = (r: string[]) => `| ${r.map(cell).join(' | ')} |`;
  return [line(head), `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map(line)].join('\n');
}

const cases = (n: number, what: string): string => `${pad2(n)} trường hợp ${what}`;

/** "A, B và C". */
function listVi(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} và ${items[items.length - 1]}`;
}

/** The summary paragraph ("Trong kỳ, Tổng đài đã tiếp nhận …"). */
export function summarySentence(r: TicketReport): string {
  const by = (key: string) => r.byType.find((g) => g.key === key)!;
  const types = ['question', 'complaint', 'petition'] as const;
  const received = listVi(types.map((t) => cases(by(t).received, TICKET_TYPE_LABELS[t])));
  const answered = listVi(types.map((t) => cases(by(t).answered, TICKET_TYPE_LABELS[t])));
  const rate =
    r.totals.onTimeRate === null
      ? 'chưa có trường hợp được trả lời để tính tỉ lệ trả lời đúng hạn'
      : `tỉ lệ trả lời đúng hạn ${pct(r.totals.onTimeRate)}`;
  const who = r.agency ? `${r.agency.name} đã nhận qua Tổng đài` : 'Tổng đài đã tiếp nhận';
  const first =
    `Trong kỳ, ${who} ${pad2(r.totals.received)} trường hợp, gồm ${received}; ` + `đã trả lời ${answered}; ${rate}.`;
  const t = r.totals;
  const second =
    `Số trường hợp trả lời đúng hạn: ${pad2(t.answeredOnTime)}, trễ hạn: ${pad2(t.answeredLate)}. ` +
    `Đến thời điểm báo cáo còn ${pad2(t.openAtEnd)} trường hợp chưa trả lời, trong đó ${pad2(t.openOverdue)} trường hợp đã quá hạn.`;
  return `${first}\n\n${second}`;
}

const FIGURE_HEAD = ['Tiếp nhận', 'Đã trả lời', 'Đúng hạn', 'Trễ hạn', 'Tỉ lệ đúng hạn', 'Chưa trả lời', 'Quá hạn chưa trả lời'];
const figureCells = (f: ReportFigures): string[] => [
  pad2(f.received),
  pad2(f.answered),
  pad2(f.answeredOnTime),
  pad2(f.answeredLate),
  pct(f.onTimeRate),
  pad2(f.openAtEnd),
  pad2(f.openOverdue),
];
function groupTable(first: string, rows: ReportGroupRow[], totals: ReportFigures): string {
  if (rows.length === 0) return 'Không có số liệu trong kỳ.';
  return table([first, ...FIGURE_HEAD], [...rows.map((g) => [g.label, ...figureCells(g)]), ['**Tổng cộng**', ...figureCells(totals)]]);
}

export function formatReportMarkdown(r: TicketReport): string {
  const out: string[] = [];
  out.push('# BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ THÔNG TIN QUA TỔNG ĐÀI 1022', '');
  out.push(`Từ ngày ${viDate(r.period.from)} đến ngày ${viDate(r.period.to)}`, '');
  if (r.agency) out.push(`Cơ quan: ${r.agency.name}`, '');
  const asOf = r.asOf === r.period.endsAt ? `hết ngày ${viDate(r.period.to)}` : viInstant(r.asOf);
  out.push(`Số liệu tính đến ${asOf}.`, '');
  out.push('## 1. Kết quả chung', '', summarySentence(r), '');
  out.push('## 2. Theo loại thông tin', '', groupTable('Loại', r.byType.map((g) => ({ ...g, label: capitalize(g.label) })), r.totals), '');
  out.push('## 3. Theo kênh tiếp nhận', '', groupTable('Kênh', r.byChannel, r.totals), '');
  out.push('## 4. Theo cơ quan xử lý', '', groupTable('Cơ quan', r.byAgency, r.totals), '');
  out.push('## 5. Thời gian xử lý (trung vị, tính bằng giờ làm việc)', '');
  const timeRow = (label: string, f: ReportFigures) => [
    label,
    pad2(f.firstResponseCount),
    hours(f.medianFirstResponseHours),
    pad2(f.answered),
    hours(f.medianResolutionHours),
  ];
  out.push(
    table(
      ['Loại', 'Số trường hợp phản hồi lần đầu', 'Thời gian phản hồi lần đầu (giờ)', 'Số trường hợp trả lời', 'Thời gian trả lời (giờ)'],
      [...r.byType.map((g) => timeRow(capitalize(g.label), g)), timeRow('**Chung**', r.totals)],
    ),
    '',
    'Giờ làm việc: giờ hành chính của các ngày làm việc, không tính ngày nghỉ cuối tuần và ngày nghỉ lễ, Tết.',
    '',
  );
  const s = r.satisfaction;
  out.push('## 6. Mức độ hài lòng của người dân', '');
  out.push(
    s.count === 0
      ? 'Trong kỳ chưa có lượt đánh giá nào.'
      : `Có ${pad2(s.count)} lượt đánh giá, điểm trung bình ${viNumber(s.average ?? 0)}/5.`,
    '',
  );
  if (s.count > 0) {
    const rows = (['5', '4', '3', '2', '1'] as const).map((k) => [`${k} sao`, pad2(s.distribution[k]), pct(Math.round((s.distribution[k] / s.count) * 10000) / 100)]);
    out.push(table(['Mức đánh giá', 'Số lượt', 'Tỉ lệ'], rows), '');
  }
  out.push('## 7. Hoạt động của trợ lý ảo', '');
  const b = r.bot;
  if (!b) {
    out.push('Số liệu trợ lý ảo tính chung cho toàn Tổng đài, không tách theo cơ quan.', '');
  } else {
    out.push(
      table(
        ['Chỉ tiêu', 'Số lượng'],
        [
          ['Tin nhắn người dân gửi đến', pad2(b.messagesIn)],
          ['Số cuộc trò chuyện', pad2(b.conversations)],
          ['Trợ lý ảo trả lời trực tiếp', pad2(b.answered)],
          ['Tỉ lệ trả lời trực tiếp', pct(b.answeredRate)],
          ['Hỏi lại để làm rõ', pad2(b.clarified)],
          ['Chuyển cán bộ xử lý', pad2(b.escalated)],
          ['Trong đó: người dân đề nghị gặp cán bộ', pad2(b.handoffs)],
          ['Phiếu tạo qua trợ lý ảo: hỏi thông tin', pad2(b.ticketsOpened.question)],
          ['Phiếu tạo qua trợ lý ảo: phản ánh', pad2(b.ticketsOpened.complaint)],
          ['Phiếu tạo qua trợ lý ảo: kiến nghị', pad2(b.ticketsOpened.petition)],
        ],
      ),
      '',
    );
  }
  return out.join('\n');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const CSV_HEAD = ['section', 'key', 'metric', 'value'];
const FIGURE_KEYS: readonly (keyof ReportFigures)[] = [
  'received',
  'answered',
  'answeredOnTime',
  'answeredLate',
  'onTimeRate',
  'openAtEnd',
  'openOverdue',
  'firstResponseCount',
  'medianFirstResponseHours',
  'medianResolutionHours',
];

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One table (section, key, metric, value); numbers with a dot; null → empty. UTF-8 BOM, CRLF. */
export function formatReportCsv(r: TicketReport): string {
  const rows: Array<[string, string, string, string | number | null]> = [
    ['period', '', 'from', r.period.from],
    ['period', '', 'to', r.period.to],
    ['period', '', 'asOf', r.asOf],
  ];
  if (r.agency) rows.push(['agency', r.agency.id, 'name', r.agency.name]);
  for (const k of FIGURE_KEYS) rows.push(['totals', 'all', k, r.totals[k]]);
  const groups: Array<[string, ReportGroupRow[]]> = [
    ['type', r.byType],
    ['channel', r.byChannel],
    ['agency', r.byAgency],
  ];
  for (const [section, list] of groups) {
    for (const g of list) {
      rows.push([section, g.key, 'label', g.label]);
      for (const k of FIGURE_KEYS) rows.push([section, g.key, k, g[k]]);
    }
  }
  const s = r.satisfaction;
  rows.push(['satisfaction', 'all', 'count', s.count], ['satisfaction', 'all', 'average', s.average]);
  for (const k of ['1', '2', '3', '4', '5'] as const) rows.push(['satisfaction', k, 'count', s.distribution[k]]);
  const b = r.bot;
  if (b) {
    const keys = ['messagesIn', 'messagesOut', 'conversations', 'answered', 'clarified', 'escalated', 'handoffs', 'answeredRate'] as const;
    for (const k of keys) rows.push(['bot', 'all', k, b[k]]);
    for (const k of ['question', 'complaint', 'petition', 'total'] as const) rows.push(['bot', 'ticketsOpened', k, b.ticketsOpened[k]]);
    for (const c of b.messagesInByChannel) rows.push(['botChannel', c.key, 'messagesIn', c.messagesIn]);
  }
  const lines = [CSV_HEAD, ...rows.map((row) => row.map((v) => (v === null ? '' : String(v))))];
  return `\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Body and content type of a report in one of the formats (for the CLI and the staff API). */
export function renderReport(r: TicketReport, format: ReportFormat): { contentType: string; body: string } {
  if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', body: formatReportCsv(r) };
  if (format === 'md') return { contentType: 'text/markdown; charset=utf-8', body: `${formatReportMarkdown(r)}\n` };
  return { contentType: 'application/json; charset=utf-8', body: `${JSON.stringify(r, null, 2)}\n` };
}
