// Activity report of the 1022 line (issue 3): a pure function over tickets and the bot's
// conversation log. The CLI (src/cli/report.ts) and the staff API (GET /api/staff/reports) load
// the data (report-load.ts) and call computeReport, then a formatter (report-format.ts).
//
// Which date decides the period, figure by figure (every figure counts the event it measures):
//   received            createdAt
//   answered, on time,  the answer instant (answeredAt; closedAt/updatedAt for an answered or
//   late, resolution    closed ticket without answeredAt). On time = answer instant <= dueAt.
//   satisfaction        the answer instant (a rating judges the answer)
//   first response      firstResponseAt
//   open, overdue       state at the reference instant min(now, period end), whatever the
//                       receipt date (the backlog carried into the next period)
//   bot figures         ConversationLogEntry.at
// Times are measured in WORKING hours (office hours on working days, calendar.ts), so a ticket
// received on Friday afternoon and answered on Monday morning is not charged for the weekend.
import type { WorkingCalendar } from './calendar.js';
import { ticketTypeOfCode } from './codes.js';
import { channelLabel, TICKET_TYPE_LABELS } from './report-labels.js';
import type { BotFigures, ReportFigures, ReportGroupRow, ReportPeriod, SatisfactionFigures, TicketReport } from './report-types.js';
import { TICKET_TYPES, type ConversationLogEntry, type Ticket, type TicketType } from './types.js';

const DAY_MS = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year (no DST). */
const VN_OFFSET_MS = 7 * 3_600_000;

export interface ReportInput {
  tickets: readonly Ticket[];
  conversationLog: readonly ConversationLogEntry[];
  period: ReportPeriod;
  /** Restrict ticket figures to one agency (bot figures are then omitted). */
  agencyId?: string;
  now: Date;
  calendar: WorkingCalendar;
  /** Agency id → Vietnamese name (knowledge/agencies.yaml). */
  agencyNames?: Readonly<Record<string, string>>;
}

/** Start (inclusive) and end (exclusive) instants of a local-date period. */
export function periodBounds(period: ReportPeriod): { start: Date; end: Date } {
  const day = (d: string): number => {
    const t = /^\d{4}-\d{2}-\d{2}$/.test(d) ? Date.parse(`${d}T00:00:00Z`) : NaN;
    if (Number.isNaN(t)) throw new RangeError(`"${d}" is not a date YYYY-MM-DD`);
    return t;
  };
  return { start: new Date(day(period.from) - VN_OFFSET_MS), end: new Date(day(period.to) + DAY_MS - VN_OFFSET_MS) };
}

/** The instant a ticket counts as answered, or undefined while it is still open. */
export function answerInstant(t: Ticket): string | undefined {
  if (t.answeredAt) return t.answeredAt;
  if (t.status === 'answered' || t.status === 'closed') return t.closedAt ?? t.updatedAt;
  return undefined;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const percent = (part: number, whole: number): number | null => (whole > 0 ? round2((part / whole) * 100) : null);

/** Median (mean of the two middle values for an even count), 2 decimals; null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return round2(s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2);
}

interface Window {
  start: number;
  end: number;
  /** Reference instant for open/overdue. */
  ref: number;
  calendar: WorkingCalendar;
}

const ms = (iso: string): number => Date.parse(iso);
const inPeriod = (iso: string | undefined, w: Window): boolean =>
  iso !== undefined && ms(iso) >= w.start && ms(iso) < w.end;

/** Whether a ticket contributes to any figure (so that groups with nothing to show are left out). */
function counts(t: Ticket, w: Window): boolean {
  return inPeriod(t.createdAt, w) || inPeriod(answerInstant(t), w) || inPeriod(t.firstResponseAt, w) || isOpenAt(t, w.ref);
}

function isOpenAt(t: Ticket, ref: number): boolean {
  const answered = answerInstant(t);
  return ms(t.createdAt) < ref && (answered === undefined || ms(answered) > ref);
}

function computeFigures(tickets: readonly Ticket[], w: Window): ReportFigures {
  let received = 0;
  let answered = 0;
  let onTime = 0;
  let openAtEnd = 0;
  let openOverdue = 0;
  const firstResponse: number[] = [];
  const resolution: number[] = [];
  for (const t of tickets) {
    if (inPeriod(t.createdAt, w)) received++;
    const a = answerInstant(t);
    if (a !== undefined && inPeriod(a, w)) {
      answered++;
      if (ms(a) <= ms(t.dueAt)) onTime++;
      resolution.push(w.calendar.workingHoursBetween(new Date(t.createdAt), new Date(a)));
    }
    if (t.firstResponseAt !== undefined && inPeriod(t.firstResponseAt, w)) {
      firstResponse.push(w.calendar.workingHoursBetween(new Date(t.createdAt), new Date(t.firstResponseAt)));
    }
    if (isOpenAt(t, w.ref)) {
      openAtEnd++;
      if (ms(t.dueAt) < w.ref) openOverdue++;
    }
  }
  return {
    received,
    answered,
    answeredOnTime: onTime,
    answeredLate: answered - onTime,
    onTimeRate: percent(onTime, answered),
    openAtEnd,
    openOverdue,
    firstResponseCount: firstResponse.length,
    medianFirstResponseHours: median(firstResponse),
    medianResolutionHours: median(resolution),
  };
}

function groupRows(
  tickets: readonly Ticket[],
  w: Window,
  keyOf: (t: Ticket) => string,
  labelOf: (key: string) => string,
): ReportGroupRow[] {
  const groups = new Map<string, Ticket[]>();
  for (const t of tickets) {
    if (!counts(t, w)) continue;
    const k = keyOf(t);
    const list = groups.get(k);
    if (list) list.push(t);
    else groups.set(k, [t]);
  }
  return [...groups.entries()]
    .map(([key, list]) => ({ key, label: labelOf(key), ...computeFigures(list, w) }))
    .sort((a, b) => b.received - a.received || b.answered - a.answered || a.key.localeCompare(b.key));
}

function satisfactionOf(tickets: readonly Ticket[], w: Window): SatisfactionFigures {
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let sum = 0;
  let count = 0;
  for (const t of tickets) {
    const r = t.rating;
    if (r === undefined || !Number.isInteger(r) || r < 1 || r > 5 || !inPeriod(answerInstant(t), w)) continue;
    distribution[String(r) as keyof typeof distribution]++;
    sum += r;
    count++;
  }
  return { count, average: count > 0 ? round2(sum / count) : null, distribution };
}

function botFigures(log: readonly ConversationLogEntry[], tickets: readonly Ticket[], w: Window): BotFigures {
  const byCode = new Map(tickets.map((t) => [t.code, t]));
  const conversations = new Set<string>();
  const byChannel = new Map<string, number>();
  const opened = new Map<string, TicketType>();
  let messagesIn = 0;
  let messagesOut = 0;
  let answered = 0;
  let clarified = 0;
  let escalate = 0;
  let handoffs = 0;
  for (const e of log) {
    if (!inPeriod(e.at, w)) continue;
    conversations.add(e.conversationId);
    if ((e.outcome === 'ticket' || e.outcome === 'handoff') && e.ticketCode) {
      const ticket = byCode.get(e.ticketCode);
      const type = ticket?.type ?? ticketTypeOfCode(e.ticketCode);
      if (type && (!ticket || ms(ticket.createdAt) >= w.start)) opened.set(ticket?.code ?? e.ticketCode, type);
    }
    if (e.direction === 'out') {
      messagesOut++;
      continue;
    }
    messagesIn++;
    byChannel.set(e.channel, (byChannel.get(e.channel) ?? 0) + 1);
    if (e.outcome === 'answer') answered++;
    else if (e.outcome === 'clarify') clarified++;
    else if (e.outcome === 'escalate') escalate++;
    else if (e.outcome === 'handoff') handoffs++;
  }
  const ticketsOpened = { question: 0, complaint: 0, petition: 0, total: opened.size };
  for (const type of opened.values()) ticketsOpened[type]++;
  return {
    messagesIn,
    messagesOut,
    conversations: conversations.size,
    answered,
    clarified,
    escalated: escalate + handoffs,
    handoffs,
    answeredRate: percent(answered, messagesIn),
    ticketsOpened,
    messagesInByChannel: [...byChannel.entries()]
      .map(([key, n]) => ({ key, label: channelLabel(key), messagesIn: n }))
      .sort((a, b) => b.messagesIn - a.messagesIn || a.key.localeCompare(b.key)),
  };
}

/** Computes the report; pure (no I/O, time comes from `now`). */
export function computeReport(input: ReportInput): TicketReport {
  const { start, end } = periodBounds(input.period);
  if (end.getTime() <= start.getTime()) throw new RangeError(`period ${input.period.from}..${input.period.to}: "from" is after "to"`);
  const ref = Math.min(input.now.getTime(), end.getTime());
  const w: Window = { start: start.getTime(), end: end.getTime(), ref, calendar: input.calendar };
  const names = input.agencyNames ?? {};
  const agencyLabel = (id: string): string => names[id] ?? id;
  const tickets = input.agencyId === undefined ? input.tickets : input.tickets.filter((t) => t.agencyId === input.agencyId);
  return {
    period: { from: input.period.from, to: input.period.to, startsAt: start.toISOString(), endsAt: end.toISOString() },
    ...(input.agencyId !== undefined ? { agency: { id: input.agencyId, name: agencyLabel(input.agencyId) } } : {}),
    generatedAt: input.now.toISOString(),
    asOf: new Date(ref).toISOString(),
    totals: computeFigures(tickets, w),
    byType: TICKET_TYPES.map((type) => ({
      key: type,
      label: TICKET_TYPE_LABELS[type],
      ...computeFigures(tickets.filter((t) => t.type === type), w),
    })),
    byChannel: groupRows(tickets, w, (t) => t.channel, channelLabel),
    byAgency: groupRows(tickets, w, (t) => t.agencyId, agencyLabel),
    satisfaction: satisfactionOf(tickets, w),
    bot: input.agencyId === undefined ? botFigures(input.conversationLog, input.tickets, w) : null,
  };
}
