// Formatters of the report: the Vietnamese Markdown and the CSV that must read back to the same numbers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../src/tickets/calendar.js';
import { createSqliteStore, type TicketStore } from '../../src/tickets/index.js';
import { formatReportCsv, formatReportMarkdown, pad2, renderReport, viNumber } from '../../src/tickets/report-format.js';
import { buildReport } from '../../src/tickets/report-load.js';
import type { TicketReport } from '../../src/tickets/report-types.js';
import { loadRealCalendar } from './deadlines-helpers.js';
import { EXPECTED, PERIOD, seedReportStore, vn } from './report-fixtures.js';

/** RFC 4180 reader, enough for the report's CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') rows.push([...row, field]), (row = []), (field = ''), i++;
    else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

let dir: string;
let store: TicketStore;
let report: TicketReport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'troly-report-fmt-'));
  store = createSqliteStore({ path: join(dir, 'report.sqlite') });
  await store.migrate();
  await seedReportStore(store);
  const calendar = createWorkingCalendar({ calendar: await loadRealCalendar() });
  report = await buildReport(store, {
    period: PERIOD,
    now: new Date('2026-11-28T06:00:00Z'),
    calendar,
    agencyNames: { 'so-xay-dung': 'Sở Xây dựng tỉnh Đồng Tháp' },
  });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('formatReportMarkdown', () => {
  it('has the title, the period and the summary sentence with the seeded numbers', () => {
    const md = formatReportMarkdown(report);
    expect(md.startsWith('# BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ THÔNG TIN QUA TỔNG ĐÀI 1022\n')).toBe(true);
    expect(md).toContain('Từ ngày 01/01/2026 đến ngày 31/03/2026');
    expect(md).toContain('Số liệu tính đến hết ngày 31/03/2026.');
    expect(md).toContain(EXPECTED.sentence);
    expect(md).toContain('Số trường hợp trả lời đúng hạn: 04, trễ hạn: 02. Đến thời điểm báo cáo còn 03 trường hợp chưa trả lời, trong đó 01 trường hợp đã quá hạn.');
    expect(md.normalize('NFC')).toBe(md);
  });

  it('has the tables by type, channel and agency, medians, satisfaction and bot figures', () => {
    const md = formatReportMarkdown(report);
    expect(md).toContain('| Hỏi thông tin | 03 | 03 | 02 | 01 | 66,67% | 00 | 00 |');
    expect(md).toContain('| Kiến nghị | 02 | 01 | 00 | 01 | 0% | 01 | 00 |');
    expect(md).toContain('| **Tổng cộng** | 08 | 06 | 04 | 02 | 66,67% | 03 | 01 |');
    expect(md).toContain('| Zalo | 03 | 02 | 00 | 02 | 0% | 01 | 01 |');
    expect(md).toContain('| Sở Xây dựng tỉnh Đồng Tháp | 02 | 01 | 01 | 00 | 100% | 02 | 01 |');
    expect(md).toContain('| so-tu-phap | 03 | 03 | 02 | 01 | 66,67% | 00 | 00 |');
    expect(md).toContain('| **Chung** | 05 | 2 | 06 | 6,25 |');
    expect(md).toContain('| Kiến nghị | 01 | 10,5 | 01 | 10,5 |');
    expect(md).toContain('Có 04 lượt đánh giá, điểm trung bình 3,5/5.');
    expect(md).toContain('| 2 sao | 01 | 25% |');
    expect(md).toContain('| Tin nhắn người dân gửi đến | 12 |');
    expect(md).toContain('| Trợ lý ảo trả lời trực tiếp | 02 |');
    expect(md).toContain('| Hỏi lại để làm rõ | 01 |');
    expect(md).toContain('| Chuyển cán bộ xử lý | 02 |');
    expect(md).toContain('| Phiếu tạo qua trợ lý ảo: hỏi thông tin | 02 |');
  });

  it('words an empty period and an agency report sensibly', async () => {
    const calendar = createWorkingCalendar({ calendar: await loadRealCalendar() });
    const empty = await buildReport(store, { period: { from: '2026-03-01', to: '2026-03-01' }, agencyId: 'so-tu-phap', now: new Date(vn('2026-03-01 12:00')), calendar, agencyNames: { 'so-tu-phap': 'Sở Tư pháp tỉnh Đồng Tháp' } });
    const md = formatReportMarkdown(empty);
    expect(md).toContain('Cơ quan: Sở Tư pháp tỉnh Đồng Tháp');
    expect(md).toContain('Số liệu tính đến 12:00 ngày 01/03/2026.');
    expect(md).toContain('Trong kỳ, Sở Tư pháp tỉnh Đồng Tháp đã nhận qua Tổng đài 00 trường hợp');
    expect(md).toContain('chưa có trường hợp được trả lời để tính tỉ lệ trả lời đúng hạn');
    expect(md).toContain('Trong kỳ chưa có lượt đánh giá nào.');
    expect(md).toContain('không tách theo cơ quan');
    expect(md).not.toMatch(/NaN|undefined|null/);
  });

  it('number helpers', () => {
    expect([pad2(0), pad2(3), pad2(12), pad2(120)]).toEqual(['00', '03', '12', '120']);
    expect([viNumber(66.67), viNumber(100), viNumber(6.25)]).toEqual(['66,67', '100', '6,25']);
  });
});

describe('formatReportCsv', () => {
  it('starts with a BOM and the header row, and reads back to the same numbers', () => {
    const csv = formatReportCsv(report);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual(['section', 'key', 'metric', 'value']);
    expect(rows.every((r) => r.length === 4)).toBe(true);
    const value = (section: string, key: string, metric: string): string => {
      const hit = rows.filter((r) => r[0] === section && r[1] === key && r[2] === metric);
      expect(hit, `${section}/${key}/${metric}`).toHaveLength(1);
      return hit[0]![3]!;
    };
    const num = (section: string, key: string, metric: string) => {
      const v = value(section, key, metric);
      return v === '' ? null : Number(v);
    };
    const figures = (section: string, key: string) =>
      Object.fromEntries(Object.keys(EXPECTED.totals).map((m) => [m, num(section, key, m)]));
    expect(figures('totals', 'all')).toEqual(EXPECTED.totals);
    for (const [k, f] of Object.entries(EXPECTED.byType)) expect(figures('type', k)).toEqual(f);
    for (const [k, f] of Object.entries(EXPECTED.byChannel)) expect(figures('channel', k)).toEqual(f);
    for (const [k, f] of Object.entries(EXPECTED.byAgency)) expect(figures('agency', k)).toEqual(f);
    expect(value('type', 'question', 'label')).toBe('hỏi thông tin');
    expect(value('agency', 'so-xay-dung', 'label')).toBe('Sở Xây dựng tỉnh Đồng Tháp');
    expect(num('satisfaction', 'all', 'count')).toBe(4);
    expect(num('satisfaction', 'all', 'average')).toBe(3.5);
    for (const k of ['1', '2', '3', '4', '5'] as const) expect(num('satisfaction', k, 'count')).toBe(EXPECTED.satisfaction.distribution[k]);
    for (const m of ['messagesIn', 'messagesOut', 'conversations', 'answered', 'clarified', 'escalated', 'handoffs', 'answeredRate'] as const) {
      expect(num('bot', 'all', m), m).toBe(EXPECTED.bot[m]);
    }
    expect(num('bot', 'ticketsOpened', 'total')).toBe(4);
    expect(num('botChannel', 'telegram', 'messagesIn')).toBe(7);
    expect(value('period', '', 'from')).toBe('2026-01-01');
  });

  it('quotes fields with commas and quotes', () => {
    const tricky = { ...report, byAgency: [{ ...report.byAgency[0]!, label: 'Sở "A", tỉnh B' }] };
    const rows = parseCsv(formatReportCsv(tricky).slice(1));
    expect(rows.find((r) => r[0] === 'agency' && r[2] === 'label')?.[3]).toBe('Sở "A", tỉnh B');
  });

  it('renderReport gives the content type of each format; JSON is the report object', () => {
    expect(renderReport(report, 'csv').contentType).toBe('text/csv; charset=utf-8');
    expect(renderReport(report, 'md').body).toContain(EXPECTED.sentence);
    const json = renderReport(report, 'json');
    expect(json.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(json.body)).toEqual(report);
  });
});
