// Ticket domain types shared by the store, the service, deadlines and reports. Plain JSON shapes:
// timestamps are ISO-8601 strings in UTC (Date#toISOString), so they sort as text and survive
// any store.

/** HT (hỏi thông tin), PA (phản ánh), KN (kiến nghị): same union as the core's TicketType. */
export type TicketType = 'question' | 'complaint' | 'petition';

export const TICKET_TYPES: readonly TicketType[] = ['question', 'complaint', 'petition'];

/** new → assigned → in_progress → answered → closed (the service enforces the transitions). */
export type TicketStatus = 'new' | 'assigned' | 'in_progress' | 'answered' | 'closed';

export const TICKET_STATUSES: readonly TicketStatus[] = ['new', 'assigned', 'in_progress', 'answered', 'closed'];

/** Statuses in which a ticket still waits for the agency (citizen follow-ups are appended). */
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = ['new', 'assigned', 'in_progress'];

export interface Ticket {
  /** Opaque internal id (UUID); never shown to citizens. */
  id: string;
  /** Public code read aloud over the phone, e.g. "PA-7K3M-9QXD" (see codes.ts). */
  code: string;
  type: TicketType;
  status: TicketStatus;
  /** Channel the citizen wrote on (telegram, zalo, zalo-oa, messenger, webchat, …). */
  channel: string;
  conversationId: string;
  /** Platform user id: needed to send the answer back on the same channel. */
  citizenUserId: string;
  citizenName?: string;
  /** Stored only when the citizen gives it (for a call back). */
  citizenPhone?: string;
  /** Agency that must answer (id from knowledge/agencies.yaml). */
  agencyId: string;
  procedureCode?: string;
  /** First message with phone and CCCD/CMND numbers masked; what lists and logs show. */
  summary: string;
  createdAt: string;
  /** Legal deadline. */
  dueAt: string;
  firstResponseAt?: string;
  answeredAt?: string;
  closedAt?: string;
  closeReason?: string;
  /** Citizen's rating of the answer, 1–5. */
  rating?: number;
  /** Staff user id handling the ticket. */
  assignee?: string;
  /** An officer is chatting live with the citizen: the bot stays quiet. */
  live: boolean;
  liveUntil?: string;
  /** The reply could not be delivered inside the platform's messaging window: "cần liên hệ lại". */
  needsCallback: boolean;
  updatedAt: string;
  /** Optimistic concurrency: incremented by every successful update. */
  version: number;
}

export type MessageAuthor = 'citizen' | 'bot' | 'staff' | 'note';

export const MESSAGE_AUTHORS: readonly MessageAuthor[] = ['citizen', 'bot', 'staff', 'note'];

export type MessageDelivery = 'pending' | 'sent' | 'failed' | 'needs_callback';

export const MESSAGE_DELIVERIES: readonly MessageDelivery[] = ['pending', 'sent', 'failed', 'needs_callback'];

/** One message of a ticket's thread. 'note' is internal to staff and never sent to the citizen. */
export interface TicketMessage {
  /** Increasing within a store: the thread order. */
  id: number;
  ticketId: string;
  at: string;
  author: MessageAuthor;
  staffId?: string;
  text: string;
  /** Outgoing (staff) messages only: where the reply to the citizen stands. */
  delivery?: MessageDelivery;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Who did what to a ticket; written in the same transaction as the change it records. */
export interface AuditEntry {
  id: number;
  ticketId: string;
  at: string;
  /** "citizen", "bot", "system" or a staff user id. */
  actor: string;
  /** e.g. "created", "assigned", "status", "answered", "closed", "rated". */
  action: string;
  detail: { [key: string]: JsonValue };
}

/** One bot turn for the report figures. Holds no message text: ticket messages hold the text. */
export interface ConversationLogEntry {
  conversationId: string;
  channel: string;
  at: string;
  direction: 'in' | 'out';
  /** Outcome kind of the turn (answer, clarify, escalate, ticket, status, handoff, …). */
  outcome: string;
  intent: string;
  procedureCode?: string;
  ticketCode?: string;
}
