// The channel pipeline: inbox worker loops and outbox sender loops over the durable queues, the
// staff-reply entry point, and drain() for tests. Time, randomness and timers are injected.
import { ingestEvents } from './ingest.js';
import { channelOf } from './queue-rows.js';
import type { ChannelQueue, DeadLetterFilter, OutboxRow } from './queue-types.js';
import { createTokenBucket, DEFAULT_RATE_LIMITS, FALLBACK_RATE_LIMIT, type BackoffOptions, type RateLimit, type TokenBucket } from './rate-limit.js';
import { sendOneOutbox, type DeliveryReport, type SendOutcome } from './sender.js';
import type { ChannelAdapter, InboundEvent, OutboundChoice, ReplyContext } from './types.js';
import { processOneInbox, UNSUPPORTED_REPLY, type HandleMessage, type PipelineLogger } from './worker.js';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ChannelPipelineOptions {
  queue: ChannelQueue;
  adapters: readonly ChannelAdapter[];
  /** The bot's handle (or the ticket service's wrapper around it). */
  handle: HandleMessage;
  now?: () => Date;
  random?: () => number;
  timers?: Timers;
  logger?: PipelineLogger;
  /** Parallel inbox loops (different conversations run in parallel). Default 4. */
  workers?: number;
  /** Parallel sender loops. Default 4. */
  senders?: number;
  /** Lease of a claimed inbox event. Default 120 000 ms. */
  inboxLeaseMs?: number;
  /** Lease of an outbox row being sent. Default 60 000 ms. */
  sendLeaseMs?: number;
  /** Send attempts before dead-lettering. Default 8. */
  maxSendAttempts?: number;
  /** Processing attempts before an inbox event is marked failed. Default 5. */
  maxProcessAttempts?: number;
  backoff?: BackoffOptions;
  /** Per-channel limits; missing channels use DEFAULT_RATE_LIMITS, then 10/s. */
  rateLimits?: Readonly<Record<string, RateLimit>>;
  /** Idle poll interval (other instances may add work; retries become due). Default 1000 ms. */
  pollIntervalMs?: number;
  /**
   * How long done inbox events (the dedup memory) and sent outbox rows are kept. Platforms
   * redeliver within minutes to hours; default 7 days. Pruned hourly while started.
   */
  retentionMs?: number;
  /** Reply to events with no text and no choice (stickers, files); null hands them to handle(). */
  unsupportedReply?: string | null;
  /** A message could not be sent because the platform's reply window closed. */
  onWindowClosed?: (row: OutboxRow) => void | Promise<void>;
  /** Final delivery of every staff reply (sent / window-closed / dead). */
  onStaffDelivery?: (report: DeliveryReport) => void | Promise<void>;
  /** The outcome of every platform send attempt (metrics); must not throw. */
  onSendAttempt?: (channel: string, outcome: SendOutcome) => void;
}

export interface StaffReplyInput {
  /** The ticket's conversation ("messenger:2468…"); its prefix picks the adapter. */
  conversationId: string;
  /** The citizen's platform user id (ticket.citizenUserId). */
  userId: string;
  text: string;
  /** Ticket message id, echoed in the delivery report. */
  ticketMessageId?: number;
  choices?: OutboundChoice[];
  /** Default: the replyContext of the conversation's newest inbound event. */
  replyContext?: ReplyContext;
}

export type StaffReplyResult = { ok: true; outboxId: number } | { ok: false; reason: 'no-adapter' };

export interface ChannelPipeline {
  readonly queue: ChannelQueue;
  /** Starts the worker and sender loops. */
  start(): void;
  /** Stops claiming new work and waits for the in-flight steps to finish. */
  stop(): Promise<void>;
  /** Wakes idle loops: `inbox` workers for that many new events (all loops when called bare). */
  notify(work?: { inbox: number }): void;
  /** Processes and sends until nothing is runnable now (tests; do not mix with start()). */
  drain(): Promise<void>;
  /** Stores events from a long-polling adapter. */
  ingest(events: readonly InboundEvent[]): Promise<{ inserted: number; duplicates: number }>;
  /** Queues a staff-written message (fromStaff) for a ticket's conversation. */
  enqueueStaffReply(input: StaffReplyInput): Promise<StaffReplyResult>;
  /** Resolves with the final delivery of an outbox row, or undefined after waitMs. */
  waitForDelivery(outboxId: number, waitMs: number): Promise<DeliveryReport | undefined>;
  listDeadLetters(filter?: DeadLetterFilter): Promise<OutboxRow[]>;
  /** Puts a dead letter back in the queue. */
  requeue(outboxId: number): Promise<boolean>;
  /** Deletes finished rows older than the retention; returns how many of each. */
  prune(): Promise<{ inbox: number; outbox: number }>;
}

const realTimers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
const silent: PipelineLogger = { info() {}, warn() {}, error() {} };

export function createChannelPipeline(o: ChannelPipelineOptions): ChannelPipeline {
  const clock = o.now ?? (() => new Date());
  const now = () => clock().getTime();
  const random = o.random ?? Math.random;
  const timers = o.timers ?? realTimers;
  const logger = o.logger ?? silent;
  const adapters = new Map(o.adapters.map((a) => [a.channel, a] as const));
  const buckets = new Map<string, TokenBucket>();
  for (const ch of adapters.keys()) {
    buckets.set(ch, createTokenBucket(o.rateLimits?.[ch] ?? DEFAULT_RATE_LIMITS[ch] ?? FALLBACK_RATE_LIMIT, now()));
  }

  // In-process waiters for final deliveries (staff replies awaiting their outcome).
  const waiters = new Map<number, Set<(r: DeliveryReport) => void>>();
  const onFinal = async (row: OutboxRow, report: DeliveryReport) => {
    for (const w of waiters.get(row.id) ?? []) w(report);
    waiters.delete(row.id);
    if (row.source === 'staff') await o.onStaffDelivery?.(report);
  };

  // One wake-up signal for inbox work (new events) and one for outbox work (new replies), so a
  // burst of webhooks wakes only as many workers as there are new events and no sender at all.
  // generation counts notifications, so a loop that was busy when one came does not go to sleep.
  const signal = () => {
    const sleepers = new Set<() => void>();
    let generation = 0;
    return {
      generation: () => generation,
      notify(count = Infinity) {
        generation++;
        let woken = 0;
        for (const w of [...sleepers]) {
          if (woken++ >= count) break;
          w();
        }
      },
      sleep: (ms: number) =>
        new Promise<void>((resolve) => {
          const done = () => {
            sleepers.delete(done);
            timers.clearTimeout(handle);
            resolve();
          };
          const handle = timers.setTimeout(done, Math.max(1, ms));
          sleepers.add(done);
        }),
    };
  };
  type Signal = ReturnType<typeof signal>;
  const inboxWork = signal();
  const outboxWork = signal();
  const notify = (work?: { inbox: number }) => {
    if (work) return inboxWork.notify(work.inbox);
    inboxWork.notify();
    outboxWork.notify();
  };

  const shared = { queue: o.queue, now, random, logger, ...(o.backoff ? { backoff: o.backoff } : {}) };
  const workerStep = () =>
    processOneInbox({
      ...shared,
      handle: o.handle,
      leaseMs: o.inboxLeaseMs ?? 120_000,
      maxAttempts: o.maxProcessAttempts ?? 5,
      unsupportedReply: o.unsupportedReply === undefined ? UNSUPPORTED_REPLY : o.unsupportedReply,
      onReplies: (count) => outboxWork.notify(count),
    });
  const senderStep = () =>
    sendOneOutbox({
      ...shared,
      adapters,
      buckets,
      leaseMs: o.sendLeaseMs ?? 60_000,
      maxAttempts: o.maxSendAttempts ?? 8,
      ...(o.onWindowClosed ? { onWindowClosed: o.onWindowClosed } : {}),
      ...(o.onSendAttempt ? { onAttempt: o.onSendAttempt } : {}),
      onFinal,
    });

  const pollMs = o.pollIntervalMs ?? 1000;
  const retentionMs = o.retentionMs ?? 7 * 24 * 3600_000;
  const prune = async () => {
    const before = now() - retentionMs;
    return { inbox: await o.queue.pruneInbox(before), outbox: await o.queue.pruneOutbox(before) };
  };
  let pruneTimer: unknown;
  const schedulePrune = () => {
    pruneTimer = timers.setTimeout(() => {
      prune()
        .then((n) => logger.info('queue.pruned', n))
        .catch((err: unknown) => logger.error('queue.prune_failed', { error: (err as Error)?.name }))
        .finally(() => {
          if (running) schedulePrune();
        });
    }, 3600_000);
  };
  let running = false;
  let loops: Promise<void>[] = [];
  const loop = async (step: () => Promise<boolean>, name: string, work: Signal, idleMs: () => Promise<number>) => {
    while (running) {
      let did = false;
      const seen = work.generation();
      try {
        did = await step();
      } catch (err) {
        logger.error(`${name}.step_failed`, { error: (err as Error)?.name }); // e.g. database unreachable
      }
      if (running && !did && seen === work.generation()) await work.sleep(await idleMs().catch(() => pollMs));
    }
  };
  const senderIdle = async () => {
    // Sleep until the next retry or rate-limit token is due, but no longer than the poll interval.
    const t = now();
    const due = await o.queue.nextOutboxDue([...adapters.keys()]);
    const tokenAt = Math.min(...[...buckets.values()].map((b) => b.nextAt(t)));
    const next = Math.max(due ?? t + pollMs, tokenAt);
    return Math.min(pollMs, Math.max(5, next - t));
  };

  return {
    queue: o.queue,
    start() {
      if (running) return;
      running = true;
      loops = [
        ...Array.from({ length: Math.max(1, o.workers ?? 4) }, () => loop(workerStep, 'inbox', inboxWork, async () => pollMs)),
        ...Array.from({ length: Math.max(1, o.senders ?? 4) }, () => loop(senderStep, 'outbox', outboxWork, senderIdle)),
      ];
      schedulePrune();
    },
    async stop() {
      running = false;
      if (pruneTimer !== undefined) timers.clearTimeout(pruneTimer);
      notify();
      await Promise.all(loops);
      loops = [];
    },
    notify,
    async drain() {
      for (;;) {
        let progressed = false;
        while (await workerStep()) progressed = true;
        while (await senderStep()) progressed = true;
        if (!progressed) return;
      }
    },
    async ingest(events) {
      return ingestEvents({ queue: o.queue, logger, onIngested: (count) => inboxWork.notify(count) }, events);
    },
    async enqueueStaffReply(input) {
      const channel = channelOf(input.conversationId);
      if (!adapters.has(channel)) return { ok: false, reason: 'no-adapter' };
      // Platforms thread or bill a reply by the citizen's last message (Zalo OA message_id, Bot
      // Framework serviceUrl): reuse the reply context of the newest stored event.
      const replyContext = input.replyContext ?? (await o.queue.latestInboxEvent(input.conversationId))?.replyContext;
      const row = await o.queue.enqueueOutbox({
        channel,
        source: 'staff',
        ...(input.ticketMessageId !== undefined ? { ticketMessageId: input.ticketMessageId } : {}),
        message: {
          conversationId: input.conversationId,
          userId: input.userId,
          text: input.text,
          fromStaff: true,
          ...(input.choices ? { choices: input.choices } : {}),
          ...(replyContext ? { replyContext } : {}),
        },
      });
      logger.info('outbox.staff_enqueued', { outbox: row.id, channel, conversation: input.conversationId });
      outboxWork.notify(1);
      return { ok: true, outboxId: row.id };
    },
    async waitForDelivery(outboxId, waitMs) {
      const deadline = now() + waitMs;
      for (;;) {
        // The row may be sent by another instance (PostgreSQL): look at it, then wait a little.
        const row = await o.queue.getOutbox(outboxId);
        if (!row) return undefined;
        if (row.status === 'sent' || row.status === 'dead') {
          const status = row.status === 'sent' ? 'sent' : row.failureKind === 'window-closed' ? 'window-closed' : 'dead';
          return {
            outboxId,
            status,
            channel: row.channel,
            conversationId: row.conversationId,
            ...(row.ticketMessageId !== undefined ? { ticketMessageId: row.ticketMessageId } : {}),
            ...(status !== 'sent' ? { error: { kind: row.failureKind ?? 'unknown', message: row.lastError ?? '' } } : {}),
          };
        }
        const left = deadline - now();
        if (left <= 0) return undefined;
        const report = await new Promise<DeliveryReport | undefined>((resolve) => {
          const set = waiters.get(outboxId) ?? new Set();
          const done = (r?: DeliveryReport) => {
            set.delete(done);
            timers.clearTimeout(handle);
            resolve(r);
          };
          const handle = timers.setTimeout(() => done(undefined), Math.min(left, 500));
          set.add(done);
          waiters.set(outboxId, set);
        });
        if (report) return report;
      }
    },
    prune,
    listDeadLetters: (filter) => o.queue.listDeadLetters(filter),
    async requeue(id) {
      const ok = await o.queue.requeue(id);
      if (ok) outboxWork.notify(1);
      return ok;
    },
  };
}
