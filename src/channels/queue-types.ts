// The durable channel queues: an inbox of verified platform events (deduplicated by channel and
// event id) and an outbox of replies waiting to be sent. Both live in the ticket store's database
// (SQLite file or PostgreSQL) and are claimed with leases, so a crash at any point loses nothing:
// a row whose lease ran out is claimed again.
import type { PlatformTokenStore } from './token-store.js';
import type { InboundEvent, OutboundMessage, SendFailure } from './types.js';

export type InboxStatus = 'pending' | 'processing' | 'done' | 'failed';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead';
export type OutboxSource = 'bot' | 'staff';

export interface InboxRow {
  id: number;
  channel: string;
  eventId: string;
  conversationId: string;
  event: InboundEvent;
  receivedAt: string;
  status: InboxStatus;
  /** Claims so far (also the lease token: a finish only counts for the latest claim). */
  attempts: number;
  lockedUntil?: string;
  processedAt?: string;
  lastError?: string;
}

export interface OutboxRow {
  id: number;
  channel: string;
  conversationId: string;
  message: OutboundMessage;
  source: OutboxSource;
  /** Ticket message id of a staff reply (so its delivery can be reported back). */
  ticketMessageId?: number;
  /** Inbox row whose processing produced this reply (bot replies). */
  inboxId?: number;
  status: OutboxStatus;
  /** Send attempts so far (also the lease token). */
  attempts: number;
  nextAttemptAt: string;
  lockedUntil?: string;
  lastError?: string;
  /** SendFailure kind of the last failure ('window-closed', 'rate-limit', …, or 'lease-expired'). */
  failureKind?: SendFailure['kind'] | 'max-attempts';
  createdAt: string;
  sentAt?: string;
  platformMessageIds?: string[];
}

export interface NewOutboxMessage {
  message: OutboundMessage;
  /** Default: message.conversationId's prefix before ':' (the adapter's channel). */
  channel?: string;
  source?: OutboxSource;
  ticketMessageId?: number;
}

export interface InsertInboxResult {
  /** Events stored by this call. */
  inserted: number;
  /** Events already in the inbox (platform redeliveries): ignored. */
  duplicates: number;
}

export interface QueueCounts {
  inbox: Record<InboxStatus, number>;
  outbox: Record<OutboxStatus, number>;
  /** The same counts per channel (channels with at least one row). */
  byChannel: {
    inbox: Record<string, Record<InboxStatus, number>>;
    outbox: Record<string, Record<OutboxStatus, number>>;
  };
}

export interface DeadLetterFilter {
  channel?: string;
  conversationId?: string;
  /** Default 50, at most 500. */
  limit?: number;
  offset?: number;
}

export interface ChannelQueue {
  readonly dialect: 'sqlite' | 'postgres';
  /** Creates or updates the queue tables (own version table); idempotent, safe from several instances. */
  migrate(): Promise<{ applied: number[]; version: number }>;

  /** Stores events; a (channel, eventId) already present is ignored (deduplication). */
  insertInbox(events: readonly InboundEvent[]): Promise<InsertInboxResult>;
  /**
   * Claims the oldest runnable inbox row whose conversation has no earlier unfinished row
   * (one message at a time per conversation, in order). Marks it processing until now + leaseMs.
   */
  claimInbox(leaseMs: number): Promise<InboxRow | undefined>;
  /**
   * In ONE transaction: inserts the replies into the outbox and marks the inbox row done. Returns
   * false (and writes nothing) when the claim was lost (lease expired and another worker took it).
   */
  completeInbox(row: InboxRow, replies: readonly NewOutboxMessage[]): Promise<boolean>;
  /** Processing failed: back to pending until retryAt, or 'failed' for good when retryAt is undefined. */
  failInbox(row: InboxRow, error: string, retryAt?: number): Promise<boolean>;

  /**
   * Where one event stands, by its platform key, with the replies its processing wrote (in
   * order): how a channel that answers in the same HTTP exchange (the web chat) collects them,
   * and finds them again when the same message is sent twice.
   */
  inboxOutcome(channel: string, eventId: string): Promise<{ status: InboxStatus; replies: OutboxRow[] } | undefined>;
  /** Marks pending outbox rows delivered by the caller itself (the web chat's HTTP response). */
  markDelivered(ids: readonly number[]): Promise<number>;

  /** The newest stored event of a conversation (its replyContext lets staff replies be threaded). */
  latestInboxEvent(conversationId: string): Promise<InboundEvent | undefined>;
  /** Adds one message to the outbox (staff replies); returns the row. */
  enqueueOutbox(msg: NewOutboxMessage): Promise<OutboxRow>;
  /**
   * Claims the first due outbox row of one of `channels` whose conversation has no earlier unsent
   * row (replies arrive in order); marks it sending until now + leaseMs.
   */
  claimOutbox(channels: readonly string[], leaseMs: number): Promise<OutboxRow | undefined>;
  markSent(row: OutboxRow, platformMessageIds: readonly string[]): Promise<boolean>;
  markRetry(row: OutboxRow, error: SendFailure, nextAttemptAt: number): Promise<boolean>;
  markDead(row: OutboxRow, error: { kind: OutboxRow['failureKind']; message: string }): Promise<boolean>;
  getOutbox(id: number): Promise<OutboxRow | undefined>;
  /** Dead letters, newest first, for the staff console. */
  listDeadLetters(filter?: DeadLetterFilter): Promise<OutboxRow[]>;
  /** Puts a dead row back in the queue (attempts reset); false when it is not dead. */
  requeue(id: number): Promise<boolean>;
  /**
   * Earliest FUTURE time (ms) at which a waiting outbox row of `channels` becomes due (a retry,
   * or a send lease running out); rows due now but held behind an earlier message are not counted.
   */
  nextOutboxDue(channels: readonly string[]): Promise<number | undefined>;

  counts(): Promise<QueueCounts>;
  /** Deletes done inbox rows received before `before` (ms); returns how many. Dedup holds until then. */
  pruneInbox(before: number): Promise<number>;
  /** Deletes sent outbox rows sent before `before` (ms). */
  pruneOutbox(before: number): Promise<number>;
  ping(): Promise<boolean>;
  /**
   * The shared OAuth token pair of one platform account (e.g. 'zalo-oa', app id) on this queue's
   * connection: compare-and-set, safe with several instances. Usable after migrate(); no I/O
   * until called; closed with the queue.
   */
  tokenStore(platform: string, accountId: string): PlatformTokenStore;
  close(): Promise<void>;
}
