// Outbox sender step. At most one send per claim: the row is marked `sending` with a lease BEFORE
// the platform call and finished right after it (sent / retry later / dead), guarded by the claim
// so a late finisher cannot overwrite a newer claim. A crash during the call leaves the row
// `sending`; when the lease runs out it is claimed and sent again. The one window for a duplicate
// is a crash after the platform accepted the message and before our `sent` commit (any
// at-least-once sender has it); we keep it to a single UPDATE right after the call returns.
import type { OutboxRow } from './queue-types.js';
import { backoffDelay, type TokenBucket } from './rate-limit.js';
import { isRetryable, type ChannelAdapter, type SendFailure, type SendResult } from './types.js';
import type { LeasedStepOptions } from './worker.js';

export type DeliveryStatus = 'sent' | 'window-closed' | 'dead';

/** Final outcome of one outbox row (reported for staff replies). */
export interface DeliveryReport {
  outboxId: number;
  status: DeliveryStatus;
  channel: string;
  conversationId: string;
  ticketMessageId?: number;
  /** Failure kind and message when not sent. */
  error?: { kind: string; message: string };
}

export interface SenderOptions extends LeasedStepOptions {
  adapters: ReadonlyMap<string, ChannelAdapter>;
  buckets: ReadonlyMap<string, TokenBucket>;
  onWindowClosed?: (row: OutboxRow) => void | Promise<void>;
  /** Final outcome of every row (the pipeline filters staff replies for its callback). */
  onFinal: (row: OutboxRow, report: DeliveryReport) => void | Promise<void>;
  /** Every platform call's outcome (metrics); must not throw. */
  onAttempt?: (channel: string, outcome: SendOutcome) => void;
}

/** What one send attempt led to: delivered, to be retried, dead-lettered, or window closed. */
export type SendOutcome = 'sent' | 'retry' | 'dead' | 'window-closed';

async function safeSend(adapter: ChannelAdapter, row: OutboxRow): Promise<SendResult> {
  try {
    return await adapter.send(row.message);
  } catch (err) {
    // The contract says send never throws; treat a throw as a network-type failure (retried).
    return { ok: false, error: { kind: 'network', message: `adapter threw: ${(err as Error)?.name ?? 'Error'}` } };
  }
}

/** Sends one due outbox row if a channel has both work and a rate-limit token; false otherwise. */
export async function sendOneOutbox(o: SenderOptions): Promise<boolean> {
  const t = o.now();
  // Take a token for every channel that has one, claim a row of those channels, give back the rest.
  const taken: string[] = [];
  for (const [channel, bucket] of o.buckets) if (bucket.tryTake(t)) taken.push(channel);
  if (taken.length === 0) return false;
  let row: OutboxRow | undefined;
  try {
    row = await o.queue.claimOutbox(taken, o.leaseMs);
  } finally {
    for (const ch of taken) if (ch !== row?.channel) o.buckets.get(ch)?.refund();
  }
  if (!row) return false;
  const adapter = o.adapters.get(row.channel);
  const ids = { outbox: row.id, channel: row.channel, conversation: row.conversationId, attempt: row.attempts };
  const final = async (status: DeliveryStatus, error?: { kind: string; message: string }) => {
    try {
      await o.onFinal(row, { outboxId: row.id, status, channel: row.channel, conversationId: row.conversationId, ...(row.ticketMessageId !== undefined ? { ticketMessageId: row.ticketMessageId } : {}), ...(error ? { error } : {}) });
    } catch (err) {
      o.logger.error('outbox.report_failed', { ...ids, error: (err as Error)?.name });
    }
  };

  if (!adapter || row.attempts > o.maxAttempts) {
    // attempts > max: the lease ran out again and again (the process died while sending).
    const error = { kind: 'max-attempts' as const, message: adapter ? 'lease expired too often' : 'no adapter' };
    if (await o.queue.markDead(row, error)) await final('dead', error);
    o.logger.error('outbox.dead', { ...ids, kind: error.kind });
    return true;
  }

  const result = await safeSend(adapter, row);
  const attempt = (outcome: SendOutcome) => o.onAttempt?.(row.channel, outcome);
  if (result.ok) {
    attempt('sent');
    if (await o.queue.markSent(row, result.platformMessageIds)) await final('sent');
    else o.logger.warn('outbox.claim_lost', ids);
    o.logger.info('outbox.sent', ids);
    return true;
  }
  const error: SendFailure = result.error;
  if (error.kind === 'window-closed') {
    attempt('window-closed');
    if (await o.queue.markDead(row, error)) {
      o.logger.warn('outbox.window_closed', ids);
      try {
        await o.onWindowClosed?.(row);
      } catch (err) {
        o.logger.error('outbox.window_callback_failed', { ...ids, error: (err as Error)?.name });
      }
      await final('window-closed', { kind: error.kind, message: error.message });
    }
    return true;
  }
  if (isRetryable(error) && row.attempts < o.maxAttempts) {
    const retryAfter = error.kind === 'rate-limit' ? error.retryAfterMs : undefined;
    if (retryAfter !== undefined && retryAfter > 0) o.buckets.get(row.channel)?.pauseUntil(o.now() + retryAfter);
    const delay = backoffDelay(row.attempts, o.random, o.backoff, retryAfter);
    attempt('retry');
    await o.queue.markRetry(row, error, o.now() + delay);
    o.logger.warn('outbox.retry', { ...ids, kind: error.kind, delayMs: delay });
    return true;
  }
  attempt('dead');
  if (await o.queue.markDead(row, error)) await final('dead', { kind: error.kind, message: error.message });
  o.logger.error('outbox.dead', { ...ids, kind: error.kind });
  return true;
}
