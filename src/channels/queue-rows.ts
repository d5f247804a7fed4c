// Database rows → queue rows. Both dialects store times as epoch milliseconds (PostgreSQL BIGINT
// arrives as a string) and JSON as text (SQLite) or jsonb (PostgreSQL, arrives parsed).
import type { InboxRow, OutboxRow } from './queue-types.js';
import type { InboundEvent, OutboundMessage } from './types.js';

type Row = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const optNum = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : num(v));
const iso = (v: unknown): string => new Date(num(v)).toISOString();
const optIso = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : iso(v));
const optStr = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

export function rowToInbox(r: Row): InboxRow {
  return {
    id: num(r.id),
    channel: String(r.channel),
    eventId: String(r.event_id),
    conversationId: String(r.conversation_id),
    event: json(r.payload) as InboundEvent,
    receivedAt: iso(r.received_at),
    status: String(r.status) as InboxRow['status'],
    attempts: num(r.attempts),
    lockedUntil: optIso(r.locked_until),
    processedAt: optIso(r.processed_at),
    lastError: optStr(r.last_error),
  };
}

export function rowToOutbox(r: Row): OutboxRow {
  const ids = r.platform_message_ids === null || r.platform_message_ids === undefined ? undefined : (json(r.platform_message_ids) as string[]);
  return {
    id: num(r.id),
    channel: String(r.channel),
    conversationId: String(r.conversation_id),
    message: json(r.payload) as OutboundMessage,
    source: String(r.source) as OutboxRow['source'],
    ticketMessageId: optNum(r.ticket_message_id),
    inboxId: optNum(r.inbox_id),
    status: String(r.status) as OutboxRow['status'],
    attempts: num(r.attempts),
    nextAttemptAt: iso(r.next_attempt_at),
    lockedUntil: optIso(r.locked_until),
    lastError: optStr(r.last_error),
    failureKind: optStr(r.failure_kind) as OutboxRow['failureKind'],
    createdAt: iso(r.created_at),
    sentAt: optIso(r.sent_at),
    platformMessageIds: ids,
  };
}

/** The channel of a prefixed conversation id ("telegram:42" → "telegram"). */
export function channelOf(conversationId: string): string {
  const i = conversationId.indexOf(':');
  return i > 0 ? conversationId.slice(0, i) : conversationId;
}
