// Input checks done by the store before touching the database, so that both dialects reject the
// same values the same way (the CHECK constraints in the migrations are the second line).
import { maskPersonalData } from '../shared/logger.js';
import { PATCHABLE_FIELDS, ticketColumn, toIsoTime } from './store-rows.js';
import type { NewTicket, TicketFilter, TicketPatch } from './store-types.js';
import { TICKET_STATUSES, TICKET_TYPES, type Ticket } from './types.js';

/** Summary as stored: personal numbers masked, whitespace collapsed, at most 500 characters. */
export function storedSummary(text: string): string {
  const clean = maskPersonalData(text.normalize('NFC')).replace(/\s+/g, ' ').trim();
  return clean.length > 500 ? `${clean.slice(0, 499)}…` : clean;
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Throws RangeError: a malformed NewTicket is a bug in the caller, not an expected outcome. */
export function checkNewTicket(input: NewTicket): void {
  const problems: string[] = [];
  if (!TICKET_TYPES.includes(input.type)) problems.push(`type "${String(input.type)}"`);
  if (input.status !== undefined && !TICKET_STATUSES.includes(input.status)) problems.push(`status "${input.status}"`);
  for (const key of ['channel', 'conversationId', 'citizenUserId', 'agencyId', 'summary'] as const) {
    if (!nonEmpty(input[key])) problems.push(`${key} is empty`);
  }
  if (!toIsoTime(input.dueAt)) problems.push('dueAt is not a valid time');
  if (input.createdAt !== undefined && !toIsoTime(input.createdAt)) problems.push('createdAt is not a valid time');
  if (input.liveUntil !== undefined && !toIsoTime(input.liveUntil)) problems.push('liveUntil is not a valid time');
  if (input.firstMessage && !nonEmpty(input.firstMessage.text)) problems.push('firstMessage.text is empty');
  if (problems.length > 0) throw new RangeError(`invalid ticket: ${problems.join('; ')}`);
}

export interface ColumnValue {
  column: string;
  value: unknown;
}

/** Columns to set for a patch, or the first problem found. */
export function patchColumns(patch: TicketPatch): { ok: true; sets: ColumnValue[] } | { ok: false; message: string } {
  const sets: ColumnValue[] = [];
  for (const [field, raw] of Object.entries(patch) as [keyof TicketPatch, unknown][]) {
    if (raw === undefined) continue;
    if (!PATCHABLE_FIELDS.includes(field)) return { ok: false, message: `${field} cannot be changed` };
    const { column, kind } = ticketColumn(field as keyof Ticket);
    let value: unknown = raw;
    if (raw === null) {
      if (field === 'agencyId' || field === 'summary' || field === 'dueAt' || field === 'status' || kind === 'bool') {
        return { ok: false, message: `${field} cannot be cleared` };
      }
    } else if (field === 'status') {
      if (!TICKET_STATUSES.includes(raw as Ticket['status'])) return { ok: false, message: `unknown status "${String(raw)}"` };
    } else if (field === 'rating') {
      if (!Number.isInteger(raw) || (raw as number) < 1 || (raw as number) > 5) return { ok: false, message: 'rating must be 1 to 5' };
    } else if (kind === 'time') {
      value = toIsoTime(raw);
      if (value === undefined) return { ok: false, message: `${field} is not a valid time` };
    } else if (kind === 'bool') {
      if (typeof raw !== 'boolean') return { ok: false, message: `${field} must be true or false` };
    } else if (!nonEmpty(raw)) {
      return { ok: false, message: `${field} must be a non-empty string (null clears it)` };
    } else if (field === 'summary') {
      value = storedSummary(raw);
    }
    sets.push({ column, value });
  }
  return { ok: true, sets };
}

/** Normalises the time bounds of a filter; throws RangeError on an unparseable time. */
export function filterTime(filter: TicketFilter, key: 'dueBefore' | 'createdFrom' | 'createdTo'): string | undefined {
  const raw = filter[key];
  if (raw === undefined) return undefined;
  const iso = toIsoTime(raw);
  if (!iso) throw new RangeError(`${key} is not a valid time: "${raw}"`);
  return iso;
}

export function requireTime(value: string, name: string): string {
  const iso = toIsoTime(value);
  if (!iso) throw new RangeError(`${name} is not a valid time: "${value}"`);
  return iso;
}
