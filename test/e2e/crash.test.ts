// Crash and graceful shutdown of the whole app as a real child process on SQLite (same DATA_DIR
// across restarts), against a fake Telegram API on loopback. A burst of signed webhooks; the
// process is stopped in the middle (SIGKILL, or SIGTERM with readiness turning 503 while it drains
// and exit code 0); restarted; the "platform" re-sends every update that got no 200 (as Telegram
// does) plus a few that did. Then: every update is answered exactly once at the fake API and
// nothing is left pending in the inbox or outbox.
// With SIGKILL the fake API holds (never answers) sendMessage calls from just before the kill, so
// no reply was confirmed by the platform without the app learning it; a reply already accepted
// by a real platform when the process dies before recording it could be sent again (platforms
// offer no idempotency key; the outbox makes that window one HTTP call long).
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
} from './crash-process.js';

const N = 120;
let api: GatedTelegramApi | undefined;
const apps: AppProcess[] = [];

afterEach(async () => {
  await killAll(apps);
  await api?.close();
  api = undefined;
});

async function readyStatus(base: string): Promise<number> {
  try {
    return (await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(1000) })).status;
  } catch {
    return 0;
  }
}

describe.each(['SIGKILL', 'SIGTERM'] as const)('whole app stopped with %s mid-burst (SQLite)', (signal) => {
  it('answers every acknowledged and every re-sent update exactly once after restart', { timeout: 60_000 }, async () => {
    api = await startGatedTelegramApi();
    const env = appEnv(api.url, { KNOWLEDGE_DIR: knowledgeDir(), DATA_DIR: tempDir('crash-data-'), SHUTDOWN_DRAIN_MS: '600' });
    const first = await spawnApp(env);
    apps.push(first);
    const ids = Array.from({ length: N }, (_, i) => 700_000 + i);
    const status = new Map<number, number>();
    let acked = 0;
    let stopped = false;
    const readiness: number[] = [];
    // Paced (about 150 updates/s) so that the stop lands mid-burst.
    const burst = pool(
      ids,
      8,
      async (id) => {
        const s = await post(first.base, update(id));
        status.set(id, s);
        if (s === 200) acked += 1;
      },
      50,
    );
    await waitFor(() => acked >= N / 3, 20_000, 'a third of the burst acknowledged');
    if (signal === 'SIGKILL') {
      api.hold = true; // from here the platform confirms nothing (see the header)
      await new Promise((r) => setTimeout(r, 100));
    }
    first.child.kill(signal);
    stopped = true;
    if (signal === 'SIGTERM') {
      // While draining the process still answers, but /readyz says 503 (load balancer stops).
      await waitFor(async () => {
        const s = await readyStatus(first.base);
        readiness.push(s);
        return s === 503 || s === 0;
      }, 5_000, 'readiness to turn false');
    }
    await burst;
    const code = await first.exited;
    expect(stopped).toBe(true);
    if (signal === 'SIGTERM') {
      expect(code).toBe(0);
      expect(readiness).toContain(503);
    } else {
      expect(first.child.signalCode).toBe('SIGKILL');
    }
    const notAcked = ids.filter((id) => status.get(id) !== 200);
    expect(ids.length - notAcked.length).toBeGreaterThan(0);
    if (signal === 'SIGKILL') {
      expect(notAcked.length).toBeGreaterThan(0); // the kill really happened mid-burst
    } else {
      // Graceful: nothing was left half-done (claimed but unfinished); pending rows wait for a restart.
      const q = await openChannelQueue({ dataDir: env.DATA_DIR! });
      try {
        const c = await q.counts();
        expect(c.inbox.processing).toBe(0);
        expect(c.outbox.sending).toBe(0);
      } finally {
        await q.close();
      }
    }

    api.hold = false;
    const second = await spawnApp(env);
    apps.push(second);
    // The platform re-sends what got no 200, and (as Telegram may) a few acknowledged ones too.
    const resend = [...notAcked, ...ids.filter((id) => status.get(id) === 200).slice(0, 10)];
    await pool(resend, 8, async (id) => {
      expect(await post(second.base, update(id))).toBe(200);
    });
    await waitFor(() => answeredOnce(api!.delivered, ids).missing.length === 0, 40_000, 'every update answered');
    // Wait for the queues to drain, then check nothing was sent twice.
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const { missing, twice } = answeredOnce(api.delivered, ids);
    expect(missing).toEqual([]);
    expect(twice).toEqual([]);
    const sizes = new Set(ids.map((id) => api!.delivered.get(String(id))!.length));
    expect(sizes.size).toBe(1); // the same answer, the same number of messages, for every update
    const queue = await openChannelQueue({ dataDir: env.DATA_DIR! });
    try {
      const c = await queue.counts();
      expect(c.inbox.pending + c.inbox.processing + c.inbox.failed).toBe(0);
      expect(c.outbox.pending + c.outbox.sending + c.outbox.dead).toBe(0);
      expect(c.inbox.done).toBe(N);
    } finally {
      await queue.close();
    }
  });
});
