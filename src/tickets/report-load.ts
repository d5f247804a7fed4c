// Glue between the ticket store and computeReport, shared by the CLI and the staff API:
// validation of the query (from, to, agency, format) and loading of the report's data.
import { isIsoDate } from './calendar-file.js';
import type { WorkingCalendar } from './calendar.js';
import { computeReport, periodBounds } from './report.js';
import { REPORT_FORMATS, type ReportFormat } from './report-format.js';
import type { ReportPeriod, TicketReport } from './report-types.js';
import type { TicketStore } from './store-types.js';
import type { ConversationLogEntry, Ticket } from './types.js';

export interface ReportQuery {
  period: ReportPeriod;
  agencyId?: string;
  format: ReportFormat;
}

export type ReportQueryResult = { ok: true; query: ReportQuery } | { ok: false; errors: string[] };

/**
 * Validates raw query values (CLI options or URL query parameters). Every problem is reported,
 * in Vietnamese followed by English, so staff and operators both understand it. `prefix` is put
 * before the names in messages: '--' for the CLI (default), '' for the staff API's query string.
 */
export function parseReportQuery(
  raw: { from?: unknown; to?: unknown; agency?: unknown; format?: unknown },
  prefix = '--',
): ReportQueryResult {
  const errors: string[] = [];
  const p = prefix;
  const date = (name: 'from' | 'to'): string | undefined => {
    const v = raw[name];
    if (v === undefined || v === '') {
      errors.push(`Thiếu ${p}${name} (ngày dạng YYYY-MM-DD) / missing ${p}${name} (date YYYY-MM-DD)`);
      return undefined;
    }
    if (typeof v !== 'string' || !isIsoDate(v)) {
      errors.push(`${p}${name} "${String(v)}" không phải ngày hợp lệ dạng YYYY-MM-DD / is not a valid date YYYY-MM-DD`);
      return undefined;
    }
    return v;
  };
  const from = date('from');
  const to = date('to');
  if (from && to && from > to) errors.push(`${p}from ${from} sau ${p}to ${to} / ${p}from is after ${p}to`);
  const format = raw.format === undefined || raw.format === '' ? 'md' : raw.format;
  if (typeof format !== 'string' || !(REPORT_FORMATS as readonly string[]).includes(format)) {
    errors.push(`${p}format "${String(format)}" phải là md, csv hoặc json / must be md, csv or json`);
  }
  const agency = raw.agency;
  if (agency !== undefined && (typeof agency !== 'string' || agency.trim() === '')) {
    errors.push(`${p}agency phải là mã cơ quan (ví dụ so-xay-dung) / must be an agency id`);
  }
  if (errors.length > 0 || !from || !to) return { ok: false, errors };
  return {
    ok: true,
    query: { period: { from, to }, format: format as ReportFormat, ...(typeof agency === 'string' ? { agencyId: agency.trim() } : {}) },
  };
}

const PAGE = 500;

/**
 * Tickets that can matter for the period: every ticket received before its end (older tickets
 * may be answered in the period or still open at its end), and the conversation log of the period.
 */
export async function loadReportData(
  store: TicketStore,
  period: ReportPeriod,
  agencyId?: string,
  /** Tickets per listTickets call (the store caps it at 500). */
  pageSize = PAGE,
): Promise<{ tickets: Ticket[]; conversationLog: ConversationLogEntry[] }> {
  const { start, end } = periodBounds(period);
  const tickets: Ticket[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await store.listTickets({
      createdTo: end.toISOString(),
      sort: 'createdAt',
      order: 'asc',
      limit: pageSize,
      offset,
      ...(agencyId !== undefined ? { agencyId: [agencyId] } : {}),
    });
    tickets.push(...page.items);
    if (page.items.length < pageSize || tickets.length >= page.total) break;
  }
  const conversationLog = await store.queryConversationLog({ from: start.toISOString(), to: end.toISOString() });
  return { tickets, conversationLog };
}

export interface BuildReportOptions {
  period: ReportPeriod;
  agencyId?: string;
  now: Date;
  calendar: WorkingCalendar;
  agencyNames?: Readonly<Record<string, string>>;
}

/** loadReportData + computeReport: what GET /api/staff/reports needs in one call. */
export async function buildReport(store: TicketStore, options: BuildReportOptions): Promise<TicketReport> {
  const data = await loadReportData(store, options.period, options.agencyId);
  return computeReport({ ...data, ...options });
}
