// The channel queues on PostgreSQL: migrations from two instances at once, dedup, and two
// pipelines (separate pools, as two servers) on the same tables never processing or sending a
// row twice, while keeping each conversation in order. Runs only when TEST_DATABASE_URL is set:
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run test/pg
// Each test gets a fresh schema (c_<random>), dropped afterwards.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelPipeline, createPostgresQueue, QUEUE_MIGRATIONS, type ChannelQueue, type InboundEvent } from '../../src/channels/index.js';
import type { IncomingMessage } from '../../src/core/index.js';
import { createFakeAdapter } from '../channels/fake-adapter.js';
import { startFakePlatformApi, type FakePlatformApi } from '../channels/fake-api.js';
import { dropSchema } from './admin.js';

const url = process.env.TEST_DATABASE_URL;
const SKIP_NOTE = 'PostgreSQL channel queues: SKIPPED because TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';
if (!url) console.warn(SKIP_NOTE);

async function withSchema(fn: (open: () => ChannelQueue) => Promise<void>): Promise<void> {
  const schema = `c_${randomBytes(6).toString('hex')}`;
  const opened: ChannelQueue[] = [];
  try {
    await fn(() => {
      const q = createPostgresQueue({ connectionString: url!, schema });
      opened.push(q);
      return q;
    });
  } finally {
    for (const q of opened) await q.close().catch(() => undefined);
    await dropSchema(schema);
  }
}

const event = (id: string, conv: string, text: string): InboundEvent => ({
  eventId: id,
  channel: 'fake',
  conversationId: `fake:${conv}`,
  userId: `fake:u-${conv}`,
  kind: 'text',
  text,
  sentAt: new Date(0).toISOString(),
});

describe.skipIf(!url)(url ? 'PostgreSQL channel queues' : SKIP_NOTE, () => {
  let api: FakePlatformApi;
  beforeAll(async () => {
    api = await startFakePlatformApi();
  });
  afterAll(() => api?.close());

  it('migrates once when two instances start together, then finds nothing to do', () =>
    withSchema(async (open) => {
      const [a, b] = await Promise.all([open().migrate(), open().migrate()]);
      expect([...a.applied, ...b.applied]).toEqual(QUEUE_MIGRATIONS.postgres.map((m) => m.version));
      expect(a.applied.length === 0 || b.applied.length === 0).toBe(true); // one instance did all the work
      expect((await open().migrate()).applied).toEqual([]);
    }));

  it('deduplicates, keeps JSON payloads and dead letters', () =>
    withSchema(async (open) => {
      const q = open();
      await q.migrate();
      expect(await q.insertInbox([event('1', 'a', 'Xin chào'), event('1', 'a', 'again')])).toEqual({ inserted: 1, duplicates: 1 });
      const row = await q.claimInbox(60_000);
      expect(row?.event.text).toBe('Xin chào');
      expect(await q.completeInbox(row!, [{ message: { conversationId: 'fake:a', userId: 'fake:u', text: 'trả lời', choices: [{ id: 'x', label: 'Có' }] } }])).toBe(true);
      const out = await q.claimOutbox(['fake'], 60_000);
      expect(out?.message.choices).toEqual([{ id: 'x', label: 'Có' }]);
      expect(await q.markDead(out!, { kind: 'auth', message: 'HTTP 401' })).toBe(true);
      expect(await q.listDeadLetters({ channel: 'fake' })).toMatchObject([{ id: out!.id, failureKind: 'auth' }]);
      expect(await q.requeue(out!.id)).toBe(true);
      expect((await q.counts()).outbox.pending).toBe(1);
    }));

  it('concurrent claimers never take the same row', () =>
    withSchema(async (open) => {
      const [q1, q2] = [open(), open()];
      await q1.migrate();
      await q1.insertInbox(Array.from({ length: 40 }, (_, i) => event(`e${i}`, `conv${i}`, 't')));
      const claimed: number[] = [];
      const grab = async (q: ChannelQueue) => {
        for (;;) {
          const r = await q.claimInbox(60_000);
          if (!r) return;
          claimed.push(r.id);
        }
      };
      await Promise.all([grab(q1), grab(q2), grab(q1), grab(q2)]);
      expect(claimed).toHaveLength(40);
      expect(new Set(claimed).size).toBe(40);
    }));

  it('work whose lease ran out is claimed again first, by exactly one of two claimers', async () => {
    let t = Date.parse('2026-11-20T02:00:00Z');
    const schema = `c_${randomBytes(6).toString('hex')}`;
    const mk = () => createPostgresQueue({ connectionString: url!, schema, now: () => new Date(t) });
    const [q1, q2] = [mk(), mk()];
    try {
      await q1.migrate();
      await q1.insertInbox([event('a', 'x', 'một'), event('b', 'y', 'hai')]);
      await q1.enqueueOutbox({ message: { conversationId: 'fake:x', userId: 'fake:u-x', text: 'một' } });
      await q1.enqueueOutbox({ message: { conversationId: 'fake:y', userId: 'fake:u-y', text: 'hai' } });
      const a = await q1.claimInbox(1_000);
      const sendA = await q1.claimOutbox(['fake'], 1_000);
      t += 5_000; // q1's leases ran out (its worker died)
      const inbox = await Promise.all([q1.claimInbox(1_000), q2.claimInbox(1_000)]);
      const outbox = await Promise.all([q1.claimOutbox(['fake'], 1_000), q2.claimOutbox(['fake'], 1_000)]);
      expect(inbox.map((r) => r?.eventId).sort()).toEqual(['a', 'b']);
      expect(inbox.find((r) => r?.eventId === 'a')!.attempts).toBe(2);
      expect(outbox.map((r) => r?.message.text).sort()).toEqual(['hai', 'một']);
      expect(outbox.find((r) => r?.id === sendA!.id)!.attempts).toBe(2);
      expect(a!.eventId).toBe('a');
      expect(await q1.claimInbox(1_000)).toBeUndefined();
    } finally {
      await q1.close();
      await q2.close();
      await dropSchema(schema);
    }
  });

  it('completing an event writes its replies in order, and nothing when the claim was lost', async () => {
    let t = Date.parse('2026-11-20T02:00:00Z');
    const schema = `c_${randomBytes(6).toString('hex')}`;
    const q = createPostgresQueue({ connectionString: url!, schema, now: () => new Date(t) });
    try {
      await q.migrate();
      await q.insertInbox([event('a', 'x', 'một'), event('b', 'y', 'hai')]);
      const reply = (conv: string, text: string) => ({ message: { conversationId: `fake:${conv}`, userId: `fake:u-${conv}`, text } });
      const a = await q.claimInbox(60_000);
      expect(await q.completeInbox(a!, [reply('x', 'thứ nhất'), reply('x', 'thứ hai'), reply('x', 'thứ ba')])).toBe(true);
      const sent: string[] = [];
      for (let r = await q.claimOutbox(['fake'], 60_000); r; r = await q.claimOutbox(['fake'], 60_000)) {
        sent.push(r.message.text);
        await q.markSent(r, []);
      }
      expect(sent).toEqual(['thứ nhất', 'thứ hai', 'thứ ba']);
      const b = await q.claimInbox(1_000);
      t += 5_000;
      const taken = await q.claimInbox(1_000); // another worker took b over
      expect(taken!.id).toBe(b!.id);
      expect(await q.completeInbox(b!, [reply('y', 'muộn')])).toBe(false);
      expect(await q.completeInbox(b!, [])).toBe(false);
      expect(await q.claimOutbox(['fake'], 60_000)).toBeUndefined();
      expect(await q.completeInbox(taken!, [reply('y', 'đúng')])).toBe(true);
      expect((await q.claimOutbox(['fake'], 60_000))!.message.text).toBe('đúng');
    } finally {
      await q.close();
      await dropSchema(schema);
    }
  });

  it('two pipelines on the same database process and send every event exactly once, in order per conversation', () =>
    withSchema(async (open) => {
      api.reset();
      const q1 = open();
      const q2 = open();
      await q1.migrate();
      const events: InboundEvent[] = [];
      for (let n = 0; n < 8; n++) for (let c = 0; c < 6; c++) events.push(event(`e-${c}-${n}`, `c${c}`, `${n}`));
      await q1.insertInbox(events);
      const handled: { worker: string; conv: string; n: number }[] = [];
      const makeHandle = (worker: string) => async (m: IncomingMessage) => {
        handled.push({ worker, conv: m.conversationId, n: Number(m.text) });
        await new Promise((r) => setTimeout(r, Math.random() * 5));
        return { replies: [{ text: `${m.conversationId}#${m.text}` }] };
      };
      const pipelines = [q1, q2].map((queue, i) =>
        createChannelPipeline({
          queue,
          adapters: [createFakeAdapter({ secret: 's', apiBase: api.url }, { fetch, now: () => new Date() })],
          handle: makeHandle(`w${i}`),
          workers: 3,
          senders: 3,
          pollIntervalMs: 20,
          rateLimits: { fake: { perSecond: 10_000, burst: 1000 } },
        }),
      );
      for (const p of pipelines) p.start();
      for (let i = 0; i < 500 && api.delivered().length < events.length; i++) await new Promise((r) => setTimeout(r, 20));
      await Promise.all(pipelines.map((p) => p.stop()));

      expect(handled).toHaveLength(events.length);
      expect(new Set(handled.map((h) => `${h.conv}#${h.n}`)).size).toBe(events.length);
      expect(new Set(handled.map((h) => h.worker)).size).toBe(2); // both instances took part
      const texts = api.delivered().map((r) => (r.json as { text: string }).text);
      expect(texts).toHaveLength(events.length);
      expect(new Set(texts).size).toBe(events.length);
      for (let c = 0; c < 6; c++) {
        const conv = `fake:c${c}`;
        expect(handled.filter((h) => h.conv === conv).map((h) => h.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
        expect(texts.filter((t) => t.startsWith(`${conv}#`))).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((n) => `${conv}#${n}`));
      }
      expect(await q1.counts()).toMatchObject({ inbox: { done: events.length }, outbox: { sent: events.length } });
    }));
});
