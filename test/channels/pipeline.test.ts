// The pipeline over a real SQLite file with a fake clock: dedup, crash safety, retries, 429,
// dead letters, window closed, staff replies, rate limits, ordering, graceful stop.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleWebhook, type ChannelQueue, type DeliveryReport, type OutboxRow } from '../../src/channels/index.js';
import { createFakeAdapter } from './fake-adapter.js';
import { startFakePlatformApi, type FakePlatformApi } from './fake-api.js';
import { clock, echoHandle, makePipeline, openQueue, SECRET, sentTexts, signed, tempDb, wire, type Clock } from './harness.js';

let api: FakePlatformApi;
let path: string;
let c: Clock;
let queue: ChannelQueue;
const open: ChannelQueue[] = [];

beforeAll(async () => {
  api = await startFakePlatformApi();
});
afterAll(() => api.close());
beforeEach(async () => {
  api.reset();
  path = tempDb();
  c = clock();
  queue = await openQueue(path, c);
  open.push(queue);
});
afterEach(async () => {
  for (const q of open.splice(0)) await q.close();
});

async function reopen(): Promise<ChannelQueue> {
  const q = await openQueue(path, c);
  open.push(q);
  return q;
}

const adapter = () => createFakeAdapter({ secret: SECRET, apiBase: api.url }, { fetch, now: c.now });

describe('dedup', () => {
  it('stores an event delivered twice once and answers it once', async () => {
    const p = makePipeline(queue, api, c);
    const req = signed([wire('ev-1', 'chat-1', 'xin chào')]);
    const first = await handleWebhook(adapter(), req, { queue });
    const second = await handleWebhook(adapter(), req, { queue });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(JSON.parse(second.body)).toMatchObject({ stored: 0, duplicates: 1 });
    await p.drain();
    await handleWebhook(adapter(), req, { queue }); // redelivered after processing: still one
    await p.drain();
    expect(sentTexts(api)).toEqual(['re: xin chào']);
    expect((await queue.counts()).inbox).toMatchObject({ done: 1, pending: 0 });
  });

  it('keeps the same event id of two channels apart', async () => {
    await queue.insertInbox([
      { eventId: '1', channel: 'a', conversationId: 'a:1', userId: 'a:u', kind: 'text', text: 'x', sentAt: new Date(0).toISOString() },
      { eventId: '1', channel: 'b', conversationId: 'b:1', userId: 'b:u', kind: 'text', text: 'x', sentAt: new Date(0).toISOString() },
    ]);
    expect((await queue.counts()).inbox.pending).toBe(2);
  });
});

describe('crash safety', () => {
  it('an event stored before a crash is processed once after restart', async () => {
    await handleWebhook(adapter(), signed([wire('ev-1', 'chat-1', 'hỏi')]), { queue });
    await queue.close(); // the process dies before the worker ran
    const q2 = await reopen();
    const seen: unknown[] = [];
    await makePipeline(q2, api, c, { handle: echoHandle(seen as never) }).drain();
    expect(seen).toHaveLength(1);
    expect(sentTexts(api)).toEqual(['re: hỏi']);
  });

  it('a crash while the bot runs (claimed, not committed) reprocesses after the lease, answering once', async () => {
    const parsed = adapter().parse(signed([wire('ev-1', 'chat-1', 'hỏi')]));
    await queue.insertInbox(parsed.ok ? parsed.events : []);
    const claimed = await queue.claimInbox(120_000);
    expect(claimed?.status).toBe('processing');
    await queue.close(); // dies before completeInbox
    const q2 = await reopen();
    const p = makePipeline(q2, api, c, { inboxLeaseMs: 120_000 });
    await p.drain();
    expect(api.requests).toHaveLength(0); // still leased by the dead process
    c.advance(120_001);
    await p.drain();
    expect(sentTexts(api)).toEqual(['re: hỏi']);
    await p.drain();
    expect(api.requests).toHaveLength(1);
  });

  it('a late finisher whose lease was taken over writes nothing', async () => {
    await queue.insertInbox([{ eventId: 'x', channel: 'fake', conversationId: 'fake:1', userId: 'fake:u', kind: 'text', text: 't', sentAt: new Date(0).toISOString() }]);
    const stale = await queue.claimInbox(1000);
    c.advance(1001);
    const fresh = await queue.claimInbox(1000);
    expect(fresh?.attempts).toBe(2);
    expect(await queue.completeInbox(stale!, [{ message: { conversationId: 'fake:1', userId: 'fake:u', text: 'old' } }])).toBe(false);
    expect(await queue.completeInbox(fresh!, [{ message: { conversationId: 'fake:1', userId: 'fake:u', text: 'new' } }])).toBe(true);
    expect((await queue.counts()).outbox.pending).toBe(1);
  });

  it('replies committed before a crash are sent once after restart', async () => {
    await handleWebhook(adapter(), signed([wire('ev-1', 'chat-1', 'hỏi')]), { queue });
    // First process: the worker commits the reply, then the process dies before sending
    // (no adapter configured for sending in this instance).
    const handled: unknown[] = [];
    const p1 = makePipeline(queue, api, c, { adapters: [], handle: echoHandle(handled as never) });
    await p1.drain();
    expect((await queue.counts()).outbox.pending).toBe(1);
    await queue.close();
    const q2 = await reopen();
    await makePipeline(q2, api, c, { handle: echoHandle(handled as never) }).drain();
    expect(handled).toHaveLength(1); // not processed again
    expect(sentTexts(api)).toEqual(['re: hỏi']);
  });

  it('a crash during the send (row left sending) is retried after the lease, delivered once', async () => {
    await queue.enqueueOutbox({ message: { conversationId: 'fake:chat-1', userId: 'fake:u', text: 'trả lời' } });
    const claimed = await queue.claimOutbox(['fake'], 60_000);
    expect(claimed?.status).toBe('sending');
    await queue.close(); // died before calling the platform
    const q2 = await reopen();
    const p = makePipeline(q2, api, c, { sendLeaseMs: 60_000 });
    await p.drain();
    expect(api.requests).toHaveLength(0);
    c.advance(60_001);
    await p.drain();
    expect(sentTexts(api)).toEqual(['trả lời']);
    const row = await q2.getOutbox(claimed!.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('retries and dead letters', () => {
  it('a platform failing twice with 500 then succeeding gets the reply exactly once', async () => {
    const attempts: string[] = [];
    const p = makePipeline(queue, api, c, { onSendAttempt: (ch, outcome) => void attempts.push(`${ch}:${outcome}`) });
    await handleWebhook(adapter(), signed([wire('ev-1', 'chat-1', 'hỏi')]), { queue });
    api.failNext({ status: 500 }, { status: 500 });
    await p.drain();
    expect(api.requests).toHaveLength(1);
    expect((await queue.counts()).outbox.pending).toBe(1);
    c.advance(10 * 60_000);
    await p.drain();
    c.advance(10 * 60_000);
    await p.drain();
    expect(api.requests).toHaveLength(3);
    expect(sentTexts(api)).toEqual(['re: hỏi']);
    expect((await queue.counts()).outbox).toMatchObject({ sent: 1, pending: 0, dead: 0 });
    expect(attempts).toEqual(['fake:retry', 'fake:retry', 'fake:sent']);
  });

  it('backs off: a failed row is not retried before its next attempt time', async () => {
    const p = makePipeline(queue, api, c, { backoff: { baseMs: 4000 } });
    await queue.enqueueOutbox({ message: { conversationId: 'fake:c', userId: 'fake:u', text: 'x' } });
    api.failNext({ status: 503 });
    await p.drain();
    const row = await queue.getOutbox(1);
    expect(row).toMatchObject({ status: 'pending', failureKind: 'server', attempts: 1 });
    // random() = 0.5 → 4000/2 + 2000*0.5 = 3000 ms
    expect(Date.parse(row!.nextAttemptAt) - c.now().getTime()).toBe(3000);
    c.advance(2999);
    await p.drain();
    expect(api.requests).toHaveLength(1);
    c.advance(1);
    await p.drain();
    expect(api.delivered()).toHaveLength(1);
  });

  it('honours 429 retry-after before retrying', async () => {
    const p = makePipeline(queue, api, c);
    await queue.enqueueOutbox({ message: { conversationId: 'fake:c', userId: 'fake:u', text: 'x' } });
    api.failNext({ status: 429, headers: { 'retry-after': '30' } });
    await p.drain();
    c.advance(29_000);
    await p.drain();
    expect(api.requests).toHaveLength(1);
    c.advance(2_100); // retry-after plus at most 1 s of jitter
    await p.drain();
    expect(api.requests).toHaveLength(2);
    expect(api.delivered()).toHaveLength(1);
  });

  it('dead-letters after N attempts; staff can list and requeue it', async () => {
    const p = makePipeline(queue, api, c, { maxSendAttempts: 3 });
    await queue.enqueueOutbox({ message: { conversationId: 'fake:c', userId: 'fake:u', text: 'x' } });
    api.failNext({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    for (let i = 0; i < 5; i++) {
      await p.drain();
      c.advance(30 * 60_000);
    }
    expect(api.requests).toHaveLength(3);
    const dead = await p.listDeadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ status: 'dead', attempts: 3, failureKind: 'server', lastError: 'HTTP 500' });
    api.reset();
    expect(await p.requeue(dead[0]!.id)).toBe(true);
    expect(await p.requeue(dead[0]!.id)).toBe(false); // no longer dead
    await p.drain();
    expect(api.delivered()).toHaveLength(1);
    expect(await p.listDeadLetters()).toHaveLength(0);
  });

  it('a non-retryable failure is dead at once', async () => {
    const attempts: string[] = [];
    const p = makePipeline(queue, api, c, { onSendAttempt: (_ch, outcome) => void attempts.push(outcome) });
    await queue.enqueueOutbox({ message: { conversationId: 'fake:c', userId: 'fake:u', text: 'x' } });
    api.failNext({ status: 401 });
    await p.drain();
    c.advance(60 * 60_000);
    await p.drain();
    expect(api.requests).toHaveLength(1);
    expect(await p.listDeadLetters()).toMatchObject([{ failureKind: 'auth' }]);
    expect(attempts).toEqual(['dead']);
  });

  it('window closed: dead with that reason, callback and staff report', async () => {
    const closed: OutboxRow[] = [];
    const reports: DeliveryReport[] = [];
    const attempts: string[] = [];
    const p = makePipeline(queue, api, c, {
      onWindowClosed: (r) => void closed.push(r),
      onStaffDelivery: (r) => void reports.push(r),
      onSendAttempt: (_ch, outcome) => void attempts.push(outcome),
    });
    const queued = await p.enqueueStaffReply({ conversationId: 'fake:c', userId: 'fake:u', text: 'Cán bộ trả lời', ticketMessageId: 77 });
    expect(queued.ok).toBe(true);
    api.failNext({ status: 400, body: '{"error":"window_closed"}' });
    await p.drain();
    expect(closed.map((r) => r.ticketMessageId)).toEqual([77]);
    expect(reports).toMatchObject([{ status: 'window-closed', ticketMessageId: 77, outboxId: queued.ok ? queued.outboxId : -1 }]);
    expect(await p.listDeadLetters()).toMatchObject([{ failureKind: 'window-closed', source: 'staff' }]);
    expect(attempts).toEqual(['window-closed']);
  });
});

describe('staff replies', () => {
  it('are sent as fromStaff through the outbox and reported', async () => {
    const reports: DeliveryReport[] = [];
    const p = makePipeline(queue, api, c, { onStaffDelivery: (r) => void reports.push(r) });
    const r = await p.enqueueStaffReply({ conversationId: 'fake:c9', userId: 'fake:u9', text: 'Hồ sơ đã được tiếp nhận.', ticketMessageId: 5 });
    await p.drain();
    expect(api.delivered().map((x) => x.json)).toEqual([{ chat: 'c9', text: 'Hồ sơ đã được tiếp nhận.', staff: true }]);
    expect(reports).toEqual([{ outboxId: r.ok ? r.outboxId : -1, status: 'sent', channel: 'fake', conversationId: 'fake:c9', ticketMessageId: 5 }]);
    expect(await p.waitForDelivery(r.ok ? r.outboxId : -1, 0)).toMatchObject({ status: 'sent' });
  });

  it('carry the reply context of the citizen\'s latest message', async () => {
    const p = makePipeline(queue, api, c);
    await handleWebhook(adapter(), signed([wire('m-1', 'c7', 'một'), wire('m-2', 'c7', 'hai')]), { queue });
    const r = await p.enqueueStaffReply({ conversationId: 'fake:c7', userId: 'fake:u-c7', text: 'Cán bộ trả lời' });
    const row = await queue.getOutbox(r.ok ? r.outboxId : -1);
    expect(row?.message).toMatchObject({ fromStaff: true, replyContext: { messageId: 'm-2' } });
    expect(row?.source).toBe('staff');
  });

  it('refuse a conversation whose channel has no adapter', async () => {
    const p = makePipeline(queue, api, c);
    expect(await p.enqueueStaffReply({ conversationId: 'zalo:1', userId: 'zalo:1', text: 'x' })).toEqual({ ok: false, reason: 'no-adapter' });
  });
});

describe('rate limit and ordering', () => {
  it('sends no more than the bucket allows', async () => {
    const p = makePipeline(queue, api, c, { rateLimits: { fake: { perSecond: 1, burst: 2 } } });
    for (let i = 0; i < 5; i++) await queue.enqueueOutbox({ message: { conversationId: `fake:c${i}`, userId: 'fake:u', text: `m${i}` } });
    await p.drain();
    expect(api.requests).toHaveLength(2);
    c.advance(1000);
    await p.drain();
    expect(api.requests).toHaveLength(3);
    c.advance(2000);
    await p.drain();
    expect(sentTexts(api)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('claims one event at a time per conversation, in order', async () => {
    const evs = ['1', '2', '3'].map((n) => ({ eventId: n, channel: 'fake', conversationId: 'fake:A', userId: 'fake:u', kind: 'text' as const, text: n, sentAt: new Date(0).toISOString() }));
    await queue.insertInbox([...evs, { ...evs[0]!, eventId: 'b1', conversationId: 'fake:B' }]);
    const first = await queue.claimInbox(60_000);
    const second = await queue.claimInbox(60_000);
    expect(first?.eventId).toBe('1');
    expect(second?.conversationId).toBe('fake:B'); // A's next message waits for the first
    expect(await queue.claimInbox(60_000)).toBeUndefined();
    await queue.completeInbox(first!, []);
    expect((await queue.claimInbox(60_000))?.eventId).toBe('2');
  });

  it('sends the replies of a conversation in order, holding later ones while an earlier one is retried', async () => {
    const p = makePipeline(queue, api, c);
    for (const text of ['một', 'hai']) await queue.enqueueOutbox({ message: { conversationId: 'fake:A', userId: 'fake:u', text } });
    await queue.enqueueOutbox({ message: { conversationId: 'fake:B', userId: 'fake:u', text: 'khác' } });
    const first = await queue.claimOutbox(['fake'], 60_000);
    expect(first?.message.text).toBe('một');
    expect((await queue.claimOutbox(['fake'], 60_000))?.message.text).toBe('khác'); // not 'hai'
    expect(await queue.claimOutbox(['fake'], 60_000)).toBeUndefined();
    await queue.markRetry(first!, { kind: 'server', message: 'HTTP 500' }, c.now().getTime() + 5000);
    await p.drain();
    expect(api.requests).toHaveLength(0); // 'hai' waits for 'một'
    c.advance(5000);
    await p.drain();
    expect(sentTexts(api)).toEqual(['một', 'hai']);
  });

  it('answers two messages of one chat in sequence even when the first is slower', async () => {
    const order: string[] = [];
    const p = makePipeline(queue, api, c, {
      workers: 4,
      senders: 4,
      pollIntervalMs: 20,
      handle: async (m) => {
        order.push(`start ${m.text}`);
        await new Promise((r) => setTimeout(r, m.text === 'một' ? 80 : 1));
        order.push(`end ${m.text}`);
        return { replies: [{ text: `re: ${m.text}` }, { text: `(2) ${m.text}` }] };
      },
    });
    await handleWebhook(adapter(), signed([wire('e1', 'A', 'một'), wire('e2', 'A', 'hai')]), { queue, onIngested: p.notify });
    p.start();
    for (let i = 0; i < 200 && api.delivered().length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    await p.stop();
    expect(order).toEqual(['start một', 'end một', 'start hai', 'end hai']);
    expect(sentTexts(api)).toEqual(['re: một', '(2) một', 're: hai', '(2) hai']);
  });
});

describe('worker details', () => {
  it('answers stickers and files with a fixed Vietnamese message without calling the bot', async () => {
    const seen: unknown[] = [];
    const p = makePipeline(queue, api, c, { handle: echoHandle(seen as never) });
    await handleWebhook(adapter(), signed([{ id: 's1', chat: 'c', user: 'u' }]), { queue });
    await p.drain();
    expect(seen).toHaveLength(0);
    expect(sentTexts(api)[0]).toContain('chỉ đọc được tin nhắn chữ');
  });

  it('retries an event whose handling threw, then marks it failed after the limit', async () => {
    let calls = 0;
    const p = makePipeline(queue, api, c, {
      maxProcessAttempts: 2,
      handle: async () => {
        calls++;
        throw new Error('boom');
      },
    });
    await handleWebhook(adapter(), signed([wire('e1', 'A', 'x')]), { queue });
    await p.drain();
    c.advance(60 * 60_000);
    await p.drain();
    c.advance(60 * 60_000);
    await p.drain();
    expect(calls).toBe(2);
    expect((await queue.counts()).inbox).toMatchObject({ failed: 1, pending: 0 });
  });

  it('stop() finishes the step in flight and claims nothing after', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const seen: string[] = [];
    const p = makePipeline(queue, api, c, {
      workers: 1,
      pollIntervalMs: 10,
      handle: async (m) => {
        seen.push(m.text);
        await gate;
        return { replies: [{ text: 'ok' }] };
      },
    });
    await handleWebhook(adapter(), signed([wire('e1', 'A', 'first')]), { queue });
    p.start();
    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const stopped = p.stop();
    await handleWebhook(adapter(), signed([wire('e2', 'B', 'second')]), { queue });
    release();
    await stopped;
    expect(seen).toEqual(['first']);
    expect((await queue.counts()).inbox).toMatchObject({ done: 1, pending: 1 });
  });
});

describe('housekeeping', () => {
  it('prunes finished rows past the retention and keeps the rest', async () => {
    const p = makePipeline(queue, api, c, { retentionMs: 24 * 3600_000 });
    await handleWebhook(adapter(), signed([wire('old', 'A', 'cũ')]), { queue });
    await p.drain();
    c.advance(25 * 3600_000);
    await handleWebhook(adapter(), signed([wire('new', 'B', 'mới')]), { queue });
    await p.drain();
    expect(await p.prune()).toEqual({ inbox: 1, outbox: 1 });
    expect(await queue.counts()).toMatchObject({ inbox: { done: 1 }, outbox: { sent: 1 } });
    // Within the retention a redelivery is still recognised.
    await handleWebhook(adapter(), signed([wire('new', 'B', 'mới')]), { queue });
    await p.drain();
    expect(sentTexts(api)).toEqual(['re: cũ', 're: mới']);
  });

  it('counts rows by status, in total and per channel', async () => {
    await queue.enqueueOutbox({ message: { conversationId: 'fake:c', userId: 'fake:u', text: 'x' } });
    await queue.enqueueOutbox({ message: { conversationId: 'other:c', userId: 'other:u', text: 'y' } });
    await queue.insertInbox([{ eventId: 'e1', channel: 'fake', conversationId: 'fake:c', userId: 'fake:u', kind: 'text', text: 'a', sentAt: new Date(0).toISOString() }]);
    const c = await queue.counts();
    expect(c.outbox).toEqual({ pending: 2, sending: 0, sent: 0, dead: 0 });
    expect(c.byChannel.outbox).toEqual({ fake: { pending: 1, sending: 0, sent: 0, dead: 0 }, other: { pending: 1, sending: 0, sent: 0, dead: 0 } });
    expect(c.byChannel.inbox).toEqual({ fake: { pending: 1, processing: 0, done: 0, failed: 0 } });
  });
});
