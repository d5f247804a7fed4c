// Ticket deadlines in working days and the deadline state shown to staff and in reports.

import type { WorkingCalendar } from './calendar.js';

/** Ticket kinds that carry a deadline: phản ánh, kiến nghị, hỏi thông tin. */
export type TicketDeadlineType = 'complaint' | 'petition' | 'question';

export const TICKET_DEADLINE_TYPES: readonly TicketDeadlineType[] = ['complaint', 'petition', 'question'];

export interface DeadlineRule {
  /** Working days allowed after receipt (see WorkingCalendar.addWorkingDays). */
  workingDays: number;
  /** Why this number: a legal basis where one exists, otherwise "service level". */
  basis: string;
}

/**
 * Defaults. Nghị định 20/2008/NĐ-CP (amended by Nghị định 92/2017/NĐ-CP) governs receiving and
 * handling citizens' phản ánh, kiến nghị about administrative regulations; the 10 working days
 * used here are a service-level default chosen in that spirit, NOT a figure quoted from the
 * decree - the province should confirm or override it. Questions passed to an officer get a
 * 2-working-day service level. Override per deployment via `createDeadlinePolicy({ rules })`.
 */
export const DEFAULT_DEADLINE_RULES: Readonly<Record<TicketDeadlineType, DeadlineRule>> = {
  complaint: {
    workingDays: 10,
    basis: 'Service-level default for phản ánh (scope: Nghị định 20/2008/NĐ-CP; confirm the period)',
  },
  petition: {
    workingDays: 10,
    basis: 'Service-level default for kiến nghị (scope: Nghị định 20/2008/NĐ-CP; confirm the period)',
  },
  question: { workingDays: 2, basis: 'Service-level default for hỏi thông tin' },
};

/** A ticket is "due soon" when at most this many working hours remain. */
export const DEFAULT_DUE_SOON_WORKING_HOURS = 8;

export type DeadlineState = 'on_track' | 'due_soon' | 'overdue' | 'met' | 'missed';

/** Timestamps as Date or ISO 8601 strings (as stored). */
export type Instant = Date | string;

export interface DeadlineTicket {
  dueAt: Instant;
  answeredAt?: Instant | null;
  closedAt?: Instant | null;
}

export type DueAtResult =
  | { ok: true; dueAt: Date; workingDays: number; receiptDay: string }
  | { ok: false; reason: 'unknown_type'; type: string };

export interface DeadlineStateOptions {
  calendar: WorkingCalendar;
  dueSoonWorkingHours?: number;
}

const toDate = (i: Instant): Date => (i instanceof Date ? i : new Date(i));

/**
 * met / missed once answered or closed (the earlier of the two, compared with dueAt);
 * otherwise overdue after dueAt, due_soon when at most `dueSoonWorkingHours` working hours
 * remain, on_track before that.
 */
export function deadlineState(ticket: DeadlineTicket, now: Date, options: DeadlineStateOptions): DeadlineState {
  const due = toDate(ticket.dueAt).getTime();
  const done = [ticket.answeredAt, ticket.closedAt]
    .filter((x): x is Instant => x !== undefined && x !== null)
    .map((x) => toDate(x).getTime());
  if (done.length > 0) return Math.min(...done) <= due ? 'met' : 'missed';
  if (now.getTime() > due) return 'overdue';
  const left = options.calendar.workingHoursBetween(now, toDate(ticket.dueAt));
  return left <= (options.dueSoonWorkingHours ?? DEFAULT_DUE_SOON_WORKING_HOURS) ? 'due_soon' : 'on_track';
}

export interface DeadlinePolicyOptions {
  calendar: WorkingCalendar;
  /** Per-type overrides: a number of working days, or a full/partial rule. */
  rules?: Partial<Record<TicketDeadlineType, number | Partial<DeadlineRule>>>;
  dueSoonWorkingHours?: number;
}

export interface DeadlinePolicy {
  readonly rules: Readonly<Record<TicketDeadlineType, DeadlineRule>>;
  readonly dueSoonWorkingHours: number;
  /** Deadline for a ticket of `type` received at `receivedAt`. */
  dueAt(type: string, receivedAt: Instant): DueAtResult;
  state(ticket: DeadlineTicket, now: Date): DeadlineState;
  /** Working hours from receipt to first response (for median first-response reports). */
  responseWorkingHours(receivedAt: Instant, respondedAt: Instant): number;
}

export function isTicketDeadlineType(type: string): type is TicketDeadlineType {
  return (TICKET_DEADLINE_TYPES as readonly string[]).includes(type);
}

export function createDeadlinePolicy(options: DeadlinePolicyOptions): DeadlinePolicy {
  const rules = { ...DEFAULT_DEADLINE_RULES };
  for (const type of TICKET_DEADLINE_TYPES) {
    const o = options.rules?.[type];
    if (o === undefined) continue;
    const rule: DeadlineRule =
      typeof o === 'number'
        ? { workingDays: o, basis: 'Configured' }
        : { workingDays: o.workingDays ?? rules[type].workingDays, basis: o.basis ?? 'Configured' };
    if (!Number.isInteger(rule.workingDays) || rule.workingDays < 1) {
      throw new RangeError(`rules.${type}.workingDays must be a whole number >= 1`);
    }
    rules[type] = rule;
  }
  const dueSoonWorkingHours = options.dueSoonWorkingHours ?? DEFAULT_DUE_SOON_WORKING_HOURS;
  if (!(dueSoonWorkingHours >= 0)) throw new RangeError('dueSoonWorkingHours must be >= 0');
  const { calendar } = options;

  return {
    rules,
    dueSoonWorkingHours,
    dueAt(type, receivedAt) {
      if (!isTicketDeadlineType(type)) return { ok: false, reason: 'unknown_type', type };
      const received = toDate(receivedAt);
      const { workingDays } = rules[type];
      return {
        ok: true,
        dueAt: calendar.addWorkingDays(received, workingDays),
        workingDays,
        receiptDay: calendar.receiptDay(received),
      };
    },
    state: (ticket, now) => deadlineState(ticket, now, { calendar, dueSoonWorkingHours }),
    responseWorkingHours: (receivedAt, respondedAt) =>
      calendar.workingHoursBetween(toDate(receivedAt), toDate(respondedAt)),
  };
}
