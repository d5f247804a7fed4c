// Scale-out on PostgreSQL: TWO real app processes (`node --import tsx src/main.ts`) on the same
// database (a fresh schema via DATABASE_SCHEMA) and one fake Telegram API on loopback. A burst of
// signed updates spread over both instances' webhooks, some delivered again to the OTHER instance:
// every update is answered exactly once at the fake API, both instances did part of the work
// (inbox and outbox claims with FOR UPDATE SKIP LOCKED), and nothing is left pending. Then one
// instance is SIGKILLed mid-burst: the other takes over its leased work, the platform re-sends
// what got no 200, and still every update is answered exactly once. Last, a rolling restart: one
// instance gets SIGTERM mid-burst, reports not-ready, finishes what it claimed and exits 0 while
// the other takes the traffic; with leases far longer than the test, any work the stopped instance
// had claimed and left would stay unanswered, so "every update answered" proves the drain.
// Conversation state and ticket codes are shared through the store (test/pg/store-pg.test.ts);
// the Zalo OA token refresh happening once across instances is covered by the token-store tests
// (test/pg/token-store-pg.test.ts, compare-and-set on the shared row).
// Runs only with TEST_DATABASE_URL, e.g.
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run test/pg/scale-out.test.ts
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openChannelQueue } from '../../src/channels/index.js';
import { tempDir } from '../knowledge/helpers.js';
import {
  answeredOnce,
  killAll,
  appEnv,
  knowledgeDir,
  pool,
  post,
  spawnApp,
  startGatedTelegramApi,
  update,
  waitFor,
  type AppProcess,
  type GatedTelegramApi,
} from '../e2e/crash-process.js';
import { adminQuery, dropSchema } from './admin.js';

const url = process.env.TEST_DATABASE_URL;
if (!url) console.warn('PostgreSQL scale-out: SKIPPED because TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)');

let api: GatedTelegramApi | undefined;
const apps: AppProcess[] = [];
const schemas: string[] = [];

afterEach(async () => {
  await killAll(apps);
  await api?.close();
  api = undefined;
  for (const schema of schemas.splice(0)) {
    await dropSchema(schema);
  }
});

async function setup(): Promise<Record<string, string>> {
  api = await startGatedTelegramApi();
  const schema = `s_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return appEnv(api.url, { KNOWLEDGE_DIR: knowledgeDir(), DATA_DIR: tempDir('scale-data-'), DATABASE_URL: url!, DATABASE_SCHEMA: schema, CHANNEL_WORKERS: '3', CHANNEL_SENDERS: '3' });
}

async function startBoth(env: Record<string, string>): Promise<[AppProcess, AppProcess]> {
  // Both start (and migrate) at the same time, as after a deploy.
  const [a, b] = await Promise.all([spawnApp(env), spawnApp(env)]);
  apps.push(a, b);
  return [a, b];
}

const doneBy = (app: AppProcess): number => app.logs.filter((l) => l.includes('"msg":"inbox.done"')).length;

async function expectDrained(env: Record<string, string>, total: number): Promise<void> {
  const queue = await openChannelQueue({ dataDir: env.DATA_DIR!, databaseUrl: url!, schema: env.DATABASE_SCHEMA! });
  try {
    await waitFor(async () => {
      const c = await queue.counts();
      return c.inbox.done === total && c.outbox.pending + c.outbox.sending === 0;
    }, 20_000, 'queues drained');
    const c = await queue.counts();
    expect(c.inbox.pending + c.inbox.processing + c.inbox.failed).toBe(0);
    expect(c.outbox.dead).toBe(0);
  } finally {
    await queue.close();
  }
}

function expectExactlyOnce(ids: number[]): void {
  const { missing, twice } = answeredOnce(api!.delivered, ids);
  expect(missing).toEqual([]);
  expect(twice).toEqual([]);
  expect(new Set(ids.map((id) => api!.delivered.get(String(id))!.length)).size).toBe(1);
}

describe.skipIf(!url)('two app processes on one PostgreSQL', () => {
  it('answers a burst spread over both instances exactly once, duplicates included', { timeout: 60_000 }, async () => {
    const env = await setup();
    const [a, b] = await startBoth(env);
    const ids = Array.from({ length: 200 }, (_, i) => 800_000 + i);
    // Even ids to A, odd to B; every 4th update is delivered again to the other instance.
    const deliveries: Array<[AppProcess, number]> = ids.map((id) => [id % 2 === 0 ? a : b, id]);
    for (const id of ids.filter((x) => x % 4 === 0 || x % 4 === 1)) deliveries.push([id % 2 === 0 ? b : a, id]);
    await pool(deliveries, 16, async ([app, id]) => {
      expect(await post(app.base, update(id))).toBe(200);
    });
    await waitFor(() => answeredOnce(api!.delivered, ids).missing.length === 0, 40_000, 'every update answered');
    await expectDrained(env, ids.length);
    expectExactlyOnce(ids);
    expect(doneBy(a)).toBeGreaterThan(0);
    expect(doneBy(b)).toBeGreaterThan(0);
    expect(doneBy(a) + doneBy(b)).toBe(ids.length);
  });

  it('keeps exactly once when one instance is SIGKILLed mid-burst and restarted', { timeout: 60_000 }, async () => {
    const env = await setup();
    const [a, b] = await startBoth(env);
    const ids = Array.from({ length: 160 }, (_, i) => 900_000 + i);
    const status = new Map<number, number>();
    let ackedByA = 0;
    const burst = pool(
      ids,
      12,
      async (id) => {
        const s = await post((id % 2 === 0 ? a : b).base, update(id));
        status.set(id, s);
        if (s === 200 && id % 2 === 0) ackedByA += 1;
      },
      50, // paced, so the kill lands mid-burst
    );
    await waitFor(() => ackedByA >= 20, 20_000, 'A acknowledged part of the burst');
    api!.hold = true; // see test/e2e/crash.test.ts: the platform confirms nothing around the kill
    await new Promise((r) => setTimeout(r, 100));
    a.child.kill('SIGKILL');
    await a.exited;
    api!.hold = false;
    await burst;
    // The platform re-sends every update that got no 200 (here to B, the load balancer's choice).
    const notAcked = ids.filter((id) => status.get(id) !== 200);
    expect(notAcked.length).toBeGreaterThan(0);
    await pool(notAcked, 12, async (id) => {
      expect(await post(b.base, update(id))).toBe(200);
    });
    const restarted = await spawnApp(env);
    apps.push(restarted);
    await waitFor(() => answeredOnce(api!.delivered, ids).missing.length === 0, 40_000, 'every update answered');
    await expectDrained(env, ids.length);
    expectExactlyOnce(ids);
  });

  it('a rolling restart: the SIGTERMed instance drains and exits 0, the other takes over, exactly once', { timeout: 60_000 }, async () => {
    const env = { ...(await setup()), SHUTDOWN_DRAIN_MS: '600', CHANNEL_INBOX_LEASE_MS: '600000', CHANNEL_SEND_LEASE_MS: '600000' };
    const [a, b] = await startBoth(env);
    const ids = Array.from({ length: 160 }, (_, i) => 950_000 + i);
    let aOut = false; // the load balancer's view: A failed its readiness check
    let ackedByA = 0;
    let movedToB = 0; // A's share that B took once A was out
    const readiness: number[] = [];
    const burst = pool(
      ids,
      12,
      async (id) => {
        if (id % 2 === 0 && !aOut) {
          const s = await post(a.base, update(id));
          if (s === 200) {
            ackedByA += 1;
            return;
          }
        }
        // B's share, and A's when A refused or was out (nginx: proxy_next_upstream).
        if (id % 2 === 0) movedToB += 1;
        expect(await post(b.base, update(id))).toBe(200);
      },
      50, // paced, so the stop lands mid-burst
    );
    await waitFor(() => ackedByA >= 20, 20_000, 'A acknowledged part of the burst');
    a.child.kill('SIGTERM');
    await waitFor(async () => {
      const res = await fetch(`${a.base}/readyz`, { signal: AbortSignal.timeout(1000) }).catch(() => undefined);
      readiness.push(res?.status ?? 0);
      return res?.status !== 200;
    }, 5_000, 'A not ready');
    aOut = true;
    await burst;
    expect(await a.exited).toBe(0);
    expect(readiness).toContain(503);
    expect(movedToB).toBeGreaterThan(0); // A stopped mid-burst
    await waitFor(() => answeredOnce(api!.delivered, ids).missing.length === 0, 40_000, 'every update answered');
    await expectDrained(env, ids.length);
    expectExactlyOnce(ids);
    expect(doneBy(a)).toBeGreaterThan(0);
  });

  it('web chat: a message resent to the other instance gets the same answer, one ticket each', { timeout: 60_000 }, async () => {
    const env = await setup();
    const [a, b] = await startBoth(env);
    const send = async (base: string, i: number) => {
      const res = await fetch(`${base}/api/webchat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ conversationId: `pg-web-${String(i).padStart(4, '0')}`, messageId: `pg-msg-${String(i).padStart(6, '0')}`, text: `Đèn đường hẻm ${i + 1} bị hư cả tuần nay` }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { replies: { text: string }[] }).replies.map((r) => r.text).join('\n');
    };
    const ids = Array.from({ length: 20 }, (_, i) => i);
    const first = await Promise.all(ids.map((i) => send(i % 2 === 0 ? a.base : b.base, i)));
    const again = await Promise.all(ids.map((i) => send(i % 2 === 0 ? b.base : a.base, i)));
    expect(again).toEqual(first);
    expect(new Set(first.map((t) => /PA-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(t)?.[0])).size).toBe(ids.length);
    const [count] = await adminQuery(`SELECT COUNT(*)::int AS n FROM "${env.DATABASE_SCHEMA}".tickets`);
    expect(count!.n).toBe(ids.length);
  });
});

