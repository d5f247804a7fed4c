// The TicketStore interface: everything the tickets service, the staff API, reports and the bot's
// conversation state need from persistence. Two implementations (store-sqlite.ts,
// store-postgres.ts) pass the same contract suite (test/tickets/store-contract.ts).
// Expected outcomes (not found, version conflict, invalid value) are union values; exceptions
// mean broken infrastructure (database unreachable, disk full) or a programming error.
import type { ConversationStateStore } from '../core/ports.js';
import type {
  AuditEntry,
  ConversationLogEntry,
  JsonValue,
  MessageAuthor,
  MessageDelivery,
  Ticket,
  TicketMessage,
  TicketStatus,
  TicketType,
} from './types.js';

/** What the caller decides when opening a ticket; the store assigns id, code, timestamps, version. */
export interface NewTicket {
  type: TicketType;
  channel: string;
  conversationId: string;
  citizenUserId: string;
  citizenName?: string;
  citizenPhone?: string;
  agencyId: string;
  procedureCode?: string;
  /** First message; the store masks phone and CCCD/CMND numbers before saving it. */
  summary: string;
  /** Legal deadline (the deadline module computes it in working days). */
  dueAt: string;
  /** Defaults to 'new'. */
  status?: TicketStatus;
  /** Defaults to the store's now(). */
  createdAt?: string;
  live?: boolean;
  liveUntil?: string;
  /** Saved in the same transaction (the citizen's first message, unmasked, for staff). */
  firstMessage?: NewTicketMessage;
}

export interface NewTicketMessage {
  author: MessageAuthor;
  text: string;
  staffId?: string;
  delivery?: MessageDelivery;
  /** Defaults to the store's now(). */
  at?: string;
}

/** Fields an update may change; null clears an optional field. */
export interface TicketPatch {
  status?: TicketStatus;
  citizenName?: string | null;
  citizenPhone?: string | null;
  agencyId?: string;
  procedureCode?: string | null;
  summary?: string;
  dueAt?: string;
  firstResponseAt?: string | null;
  answeredAt?: string | null;
  closedAt?: string | null;
  closeReason?: string | null;
  rating?: number | null;
  assignee?: string | null;
  live?: boolean;
  liveUntil?: string | null;
  needsCallback?: boolean;
}

export interface AuditInput {
  /** "citizen", "bot", "system" or a staff user id. */
  actor: string;
  action: string;
  detail?: { [key: string]: JsonValue };
}

export interface UpdateOptions extends AuditInput {
  /** The version the caller read; the update fails with 'conflict' if the ticket moved on. */
  expectedVersion: number;
}

export type UpdateResult =
  | { ok: true; ticket: Ticket }
  | { ok: false; reason: 'not-found' }
  /** Someone else updated first: `current` is the ticket as it is now. */
  | { ok: false; reason: 'conflict'; current: Ticket }
  | { ok: false; reason: 'invalid'; message: string };

export type AddMessageResult = { ok: true; message: TicketMessage } | { ok: false; reason: 'not-found' };

export interface TicketFilter {
  status?: TicketStatus[];
  type?: TicketType[];
  agencyId?: string[];
  channel?: string[];
  assignee?: string;
  needsCallback?: boolean;
  /** dueAt strictly before this instant (overdue / due soon views). */
  dueBefore?: string;
  /** createdAt >= createdFrom. */
  createdFrom?: string;
  /** createdAt < createdTo. */
  createdTo?: string;
  /** Part of a code, typed leniently ("7k3m", "pa-7K3M-9qxd"). */
  codeSearch?: string;
  /** Default 'dueAt' ascending (most urgent first); ties by createdAt then id. */
  sort?: 'dueAt' | 'createdAt' | 'updatedAt';
  order?: 'asc' | 'desc';
  /** Default 50, at most 500. */
  limit?: number;
  offset?: number;
}

export interface TicketPage {
  items: Ticket[];
  /** Matches of the filter without limit/offset. */
  total: number;
}

export interface ConversationLogQuery {
  /** Inclusive. */
  from: string;
  /** Exclusive. */
  to: string;
  channel?: string;
}

export interface MigrateResult {
  /** Versions applied by this call (empty when the schema was already current). */
  applied: number[];
  /** Schema version after the call. */
  version: number;
}

export interface TicketStore {
  readonly dialect: 'sqlite' | 'postgres';
  /** Brings the schema up to date; idempotent and safe when several instances start at once. */
  migrate(): Promise<MigrateResult>;

  createTicket(input: NewTicket, audit?: { actor: string }): Promise<Ticket>;
  getTicket(id: string): Promise<Ticket | undefined>;
  /** Lenient: "pa7k3m9qxd" finds PA-7K3M-9QXD. */
  getTicketByCode(code: string): Promise<Ticket | undefined>;
  listTickets(filter?: TicketFilter): Promise<TicketPage>;
  /** Optimistic update; the audit entry is written in the same transaction. */
  updateTicket(id: string, patch: TicketPatch, options: UpdateOptions): Promise<UpdateResult>;
  /** Most recent ticket of the conversation in an open status (new, assigned, in_progress). */
  findOpenTicketForConversation(conversationId: string, types?: TicketType[]): Promise<Ticket | undefined>;

  addMessage(ticketId: string, message: NewTicketMessage): Promise<AddMessageResult>;
  listMessages(ticketId: string): Promise<TicketMessage[]>;
  setMessageDelivery(messageId: number, delivery: MessageDelivery): Promise<boolean>;
  listAudit(ticketId: string): Promise<AuditEntry[]>;

  /** Dialogue state of the bot (ConversationStateStore from src/core/ports.ts). */
  readonly conversations: ConversationStateStore;
  /** Deletes conversation states last changed before `before`; returns how many. */
  pruneConversationStates(before: string): Promise<number>;

  /** Appends one or more entries (several in one statement, e.g. a turn's in and out). */
  appendConversationLog(...entries: ConversationLogEntry[]): Promise<void>;
  /** Entries with from <= at < to, oldest first. */
  queryConversationLog(query: ConversationLogQuery): Promise<ConversationLogEntry[]>;

  /** Readiness: true when the database answers a trivial query. Never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
