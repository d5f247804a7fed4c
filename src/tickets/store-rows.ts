// Row ↔ object mapping shared by both dialects. Reading accepts either driver's representation
// (SQLite: ISO text, 0/1, JSON text; pg: Date, boolean, parsed jsonb, int8 as string).
import type { AuditEntry, ConversationLogEntry, Ticket, TicketMessage } from './types.js';
import type { TicketPatch } from './store-types.js';

export type Row = Record<string, unknown>;

type Kind = 'text' | 'int' | 'bool' | 'time';

interface Column {
  column: string;
  kind: Kind;
}

/** Ticket fields and their columns; `optional` fields are omitted from the object when NULL. */
const TICKET_COLUMNS: Record<keyof Ticket, Column> = {
  id: { column: 'id', kind: 'text' },
  code: { column: 'code', kind: 'text' },
  type: { column: 'type', kind: 'text' },
  status: { column: 'status', kind: 'text' },
  channel: { column: 'channel', kind: 'text' },
  conversationId: { column: 'conversation_id', kind: 'text' },
  citizenUserId: { column: 'citizen_user_id', kind: 'text' },
  citizenName: { column: 'citizen_name', kind: 'text' },
  citizenPhone: { column: 'citizen_phone', kind: 'text' },
  agencyId: { column: 'agency_id', kind: 'text' },
  procedureCode: { column: 'procedure_code', kind: 'text' },
  summary: { column: 'summary', kind: 'text' },
  createdAt: { column: 'created_at', kind: 'time' },
  dueAt: { column: 'due_at', kind: 'time' },
  firstResponseAt: { column: 'first_response_at', kind: 'time' },
  answeredAt: { column: 'answered_at', kind: 'time' },
  closedAt: { column: 'closed_at', kind: 'time' },
  closeReason: { column: 'close_reason', kind: 'text' },
  rating: { column: 'rating', kind: 'int' },
  assignee: { column: 'assignee', kind: 'text' },
  live: { column: 'live', kind: 'bool' },
  liveUntil: { column: 'live_until', kind: 'time' },
  needsCallback: { column: 'needs_callback', kind: 'bool' },
  updatedAt: { column: 'updated_at', kind: 'time' },
  version: { column: 'version', kind: 'int' },
};

/** Fields TicketPatch may set (id, code, type, channel, citizen id, created/updated, version never). */
export const PATCHABLE_FIELDS: readonly (keyof TicketPatch)[] = [
  'status',
  'citizenName',
  'citizenPhone',
  'agencyId',
  'procedureCode',
  'summary',
  'dueAt',
  'firstResponseAt',
  'answeredAt',
  'closedAt',
  'closeReason',
  'rating',
  'assignee',
  'live',
  'liveUntil',
  'needsCallback',
];

export function ticketColumn(field: keyof Ticket): Column {
  return TICKET_COLUMNS[field];
}

/** ISO-8601 UTC with milliseconds, or undefined when the value is not a valid instant. */
export function toIsoTime(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function readValue(kind: Kind, value: unknown): unknown {
  switch (kind) {
    case 'time':
      return toIsoTime(value) ?? String(value);
    case 'bool':
      return value === true || value === 1 || value === '1' || value === 't';
    case 'int':
      return Number(value);
    default:
      return String(value);
  }
}

export function rowToTicket(row: Row): Ticket {
  const out: Record<string, unknown> = {};
  for (const [field, { column, kind }] of Object.entries(TICKET_COLUMNS)) {
    const v = row[column];
    if (v === null || v === undefined) continue;
    out[field] = readValue(kind, v);
  }
  return out as unknown as Ticket;
}

function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export function rowToMessage(row: Row): TicketMessage {
  const m: TicketMessage = {
    id: Number(row.id),
    ticketId: String(row.ticket_id),
    at: readValue('time', row.at) as string,
    author: row.author as TicketMessage['author'],
    text: String(row.text),
  };
  if (row.staff_id != null) m.staffId = String(row.staff_id);
  if (row.delivery != null) m.delivery = row.delivery as TicketMessage['delivery'];
  return m;
}

export function rowToAudit(row: Row): AuditEntry {
  return {
    id: Number(row.id),
    ticketId: String(row.ticket_id),
    at: readValue('time', row.at) as string,
    actor: String(row.actor),
    action: String(row.action),
    detail: (parseJson(row.detail) ?? {}) as AuditEntry['detail'],
  };
}

export function rowToLogEntry(row: Row): ConversationLogEntry {
  const e: ConversationLogEntry = {
    conversationId: String(row.conversation_id),
    channel: String(row.channel),
    at: readValue('time', row.at) as string,
    direction: row.direction as ConversationLogEntry['direction'],
    outcome: String(row.outcome),
    intent: String(row.intent),
  };
  if (row.procedure_code != null) e.procedureCode = String(row.procedure_code);
  if (row.ticket_code != null) e.ticketCode = String(row.ticket_code);
  return e;
}

export function parseStateJson(value: unknown): unknown {
  return parseJson(value);
}
