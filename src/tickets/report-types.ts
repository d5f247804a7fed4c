// Types of the activity report (issue 3): what `computeReport` returns and the staff API serves
// as JSON. Every figure is documented where it is declared; report.ts explains the period rules.
import type { TicketType } from './types.js';

/** A report period: local calendar dates (Asia/Ho_Chi_Minh), both inclusive, 'YYYY-MM-DD'. */
export interface ReportPeriod {
  from: string;
  to: string;
}

/**
 * Ticket figures of one group (the whole line, one type, one channel or one agency).
 *
 * "Answer instant" of a ticket = `answeredAt`; for a ticket in status answered/closed without
 * `answeredAt` (closed without a recorded answer, e.g. a duplicate) it is `closedAt`, else
 * `updatedAt`. "Reference instant" = the earlier of `now` and the end of the period.
 */
export interface ReportFigures {
  /** Tickets whose `createdAt` falls in the period. */
  received: number;
  /** Tickets whose answer instant falls in the period (whenever they were received). */
  answered: number;
  /** Of `answered`: answer instant <= `dueAt`. */
  answeredOnTime: number;
  /** Of `answered`: answer instant > `dueAt`. */
  answeredLate: number;
  /** Percent (0–100, 2 decimals) answeredOnTime / answered; null when nothing was answered. */
  onTimeRate: number | null;
  /** Tickets received before the reference instant and not answered by it (any receipt date). */
  openAtEnd: number;
  /** Of `openAtEnd`: `dueAt` before the reference instant. */
  openOverdue: number;
  /** Tickets whose `firstResponseAt` falls in the period: how many timed. */
  firstResponseCount: number;
  /** Median of workingHoursBetween(createdAt, firstResponseAt) over those; 2 decimals; null if none. */
  medianFirstResponseHours: number | null;
  /** Median of workingHoursBetween(createdAt, answer instant) over `answered`; null if none. */
  medianResolutionHours: number | null;
}

export interface ReportGroupRow extends ReportFigures {
  /** Ticket type, channel id or agency id. */
  key: string;
  /** Vietnamese label (type name, channel name, agency name; the id when no name is known). */
  label: string;
}

/** Citizens' ratings (1–5) of tickets answered in the period (same tickets as `answered`). */
export interface SatisfactionFigures {
  count: number;
  /** Mean rating, 2 decimals; null when no rating. */
  average: number | null;
  /** How many ratings of each value 1–5. */
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
}

/**
 * Bot figures from the conversation log, entries with period start <= at < period end.
 * Outcome counts are taken from the entries of citizen messages (direction 'in'): each incoming
 * message is logged once with the outcome of handling it.
 */
export interface BotFigures {
  /** Entries with direction 'in': citizen messages the bot handled. */
  messagesIn: number;
  /** Entries with direction 'out'. */
  messagesOut: number;
  /** Distinct conversation ids among the entries. */
  conversations: number;
  /** 'in' entries with outcome 'answer': the bot answered from the knowledge base. */
  answered: number;
  /** 'in' entries with outcome 'clarify': the bot asked which procedure was meant. */
  clarified: number;
  /** 'in' entries with outcome 'escalate' or 'handoff' (handed to an officer). */
  escalated: number;
  /** Of `escalated`: outcome 'handoff' (the citizen asked for a person). */
  handoffs: number;
  /** Percent of messagesIn answered by the bot (2 decimals); null when no message. */
  answeredRate: number | null;
  /**
   * Tickets opened through the bot: distinct ticket codes on entries with outcome 'ticket' or
   * 'handoff', by type (from the code prefix HT/PA/KN). A code whose ticket was received before
   * the period (a follow-up appended to an older ticket) is not counted.
   */
  ticketsOpened: Record<TicketType, number> & { total: number };
  /** messagesIn per channel, most first. */
  messagesInByChannel: Array<{ key: string; label: string; messagesIn: number }>;
}

export interface TicketReport {
  period: ReportPeriod & {
    /** Start of `from` local time, ISO UTC (inclusive). */
    startsAt: string;
    /** Start of the day after `to` local time, ISO UTC (exclusive). */
    endsAt: string;
  };
  /** Set when the report is restricted to one agency; bot figures are then null. */
  agency?: { id: string; name: string };
  generatedAt: string;
  /** Reference instant for open/overdue figures: min(now, period end). */
  asOf: string;
  totals: ReportFigures;
  /** Always the three types, in the order question, complaint, petition. */
  byType: ReportGroupRow[];
  /** Channels with at least one ticket figure, most received first. */
  byChannel: ReportGroupRow[];
  /** Agencies with at least one ticket figure, most received first. */
  byAgency: ReportGroupRow[];
  satisfaction: SatisfactionFigures;
  /** Line-wide: null when the report is restricted to one agency (the log has no agency). */
  bot: BotFigures | null;
}
