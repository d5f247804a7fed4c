// Inbox worker step: claim one event (one at a time per conversation, in arrival order), run the
// bot, then in ONE transaction write its replies to the outbox and mark the event done. A crash
// before that commit leaves the event claimed until its lease runs out, then it is processed
// again; after the commit it is never processed again and the replies are already durable.
import type { Choice, IncomingMessage, OutgoingMessage } from '../core/types.js';
import type { ChannelQueue, InboxRow, NewOutboxMessage } from './queue-types.js';
import { backoffDelay, type BackoffOptions } from './rate-limit.js';
import type { InboundEvent } from './types.js';

/** The bot (or the ticket service's wrapper around it). */
export type HandleMessage = (msg: IncomingMessage, event: InboundEvent) => Promise<{ replies: readonly OutgoingMessage[] }>;

export interface PipelineLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Said when the citizen sends a sticker, file or photo without a caption. */
export const UNSUPPORTED_REPLY =
  'Xin lỗi, trợ lý hiện chỉ đọc được tin nhắn chữ. Anh/chị vui lòng nhắn câu hỏi bằng chữ, ví dụ: "làm giấy khai sinh cần giấy tờ gì".';

/** What the inbox worker step and the outbox sender step both take. */
export interface LeasedStepOptions {
  queue: ChannelQueue;
  now: () => number;
  random: () => number;
  logger: PipelineLogger;
  /** How long a claimed row stays ours (the bot or the platform call must finish within it). */
  leaseMs: number;
  /** Attempts before a row is given up (inbox: failed; outbox: dead-lettered). */
  maxAttempts: number;
  backoff?: BackoffOptions;
}

export interface WorkerOptions extends LeasedStepOptions {
  handle: HandleMessage;
  /** Reply to events without text or choice; null passes them to handle() unchanged. */
  unsupportedReply: string | null;
  /** Called after `count` replies were committed to the outbox. */
  onReplies: (count: number) => void;
}

export function toIncomingMessage(e: InboundEvent): IncomingMessage {
  return {
    channel: e.channel,
    conversationId: e.conversationId,
    userId: e.userId,
    text: e.text,
    messageId: e.eventId,
    ...(e.choiceId !== undefined ? { choiceId: e.choiceId } : {}),
  };
}

function toOutbox(e: InboundEvent, r: OutgoingMessage): NewOutboxMessage {
  const choices = r.choices?.map((c: Choice) => ({ id: c.id, label: c.label }));
  return {
    channel: e.channel,
    source: 'bot',
    message: {
      conversationId: e.conversationId,
      userId: e.userId,
      text: r.text,
      ...(choices && choices.length > 0 ? { choices } : {}),
      ...(e.replyContext ? { replyContext: e.replyContext } : {}),
    },
  };
}

/** Processes one inbox event if one is runnable; false when there was nothing to do. */
export async function processOneInbox(o: WorkerOptions): Promise<boolean> {
  const row: InboxRow | undefined = await o.queue.claimInbox(o.leaseMs);
  if (!row) return false;
  const e = row.event;
  const ids = { channel: row.channel, event: row.eventId, conversation: row.conversationId, attempt: row.attempts };
  if (row.attempts > o.maxAttempts) {
    // Claimed again and again without finishing (the process died while handling it).
    await o.queue.failInbox(row, 'too many attempts');
    o.logger.error('inbox.failed', { ...ids, reason: 'max-attempts' });
    return true;
  }
  let replies: readonly OutgoingMessage[];
  try {
    const empty = e.text.trim() === '' && e.choiceId === undefined;
    if (empty && o.unsupportedReply !== null) replies = [{ text: o.unsupportedReply }];
    else replies = (await o.handle(toIncomingMessage(e), e)).replies;
  } catch (err) {
    const retryAt = row.attempts < o.maxAttempts ? o.now() + backoffDelay(row.attempts, o.random, o.backoff) : undefined;
    await o.queue.failInbox(row, (err as Error)?.name ?? 'Error', retryAt);
    o.logger.error('inbox.handle_failed', { ...ids, error: (err as Error)?.name, retry: retryAt !== undefined });
    return true;
  }
  const out = replies.filter((r) => r.text.trim() !== '' || (r.choices?.length ?? 0) > 0).map((r) => toOutbox(e, r));
  if (await o.queue.completeInbox(row, out)) {
    o.logger.info('inbox.done', { ...ids, replies: out.length });
    if (out.length > 0) o.onReplies(out.length);
  } else {
    o.logger.warn('inbox.claim_lost', ids); // lease ran out and another worker took over
  }
  return true;
}
