// npm run soak -- [--minutes 3] [--rate 50] [--knowledge DIR] [--chats 500]
// Runs the whole app in-process (start(), SQLite in a temp dir) against a fake Telegram Bot API on
// loopback, posts signed webhooks at a steady rate for the given minutes, samples RSS and heap every
// 10 s, then prints a JSON summary. Exits 1 on any error (non-2xx webhook, failed or dead queue
// rows, error log lines, unanswered messages) or clear memory growth (README "Benchmarks and soak").
// With node's --expose-gc (npm run soak does this) the heap is sampled after a full collection.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { startFakeBotApi } from '../eval/bench-webhook-fake-api.js';
import { post, telegramUpdate } from '../eval/bench-webhook-load.js';
import { start } from '../main.js';
import { createLogger } from '../shared/logger.js';
import { argValue } from './args.js';

const SECRET = 'soak-secret-0123456789';
const MB = 1024 * 1024;
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

interface MemorySample {
  atS: number;
  rssMb: number;
  heapMb: number;
}

/** Least-squares slope of heap (MB) over time, in MB per minute. */
function slopePerMinute(samples: MemorySample[]): number {
  if (samples.length < 2) return 0;
  const n = samples.length;
  const mx = samples.reduce((a, s) => a + s.atS, 0) / n;
  const my = samples.reduce((a, s) => a + s.heapMb, 0) / n;
  const num = samples.reduce((a, s) => a + (s.atS - mx) * (s.heapMb - my), 0);
  const den = samples.reduce((a, s) => a + (s.atS - mx) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 60;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const minutes = Number(argValue(argv, '--minutes') ?? 3);
  const rate = Number(argValue(argv, '--rate') ?? 50);
  const chats = Number(argValue(argv, '--chats') ?? 500);
  if (!(minutes > 0) || !(rate > 0) || !(chats > 0)) {
    console.error('usage: npm run soak -- [--minutes 3] [--rate 50] [--chats 500]');
    return 2;
  }
  const knowledgeDir = argValue(argv, '--knowledge') ?? loadConfig().knowledgeDir;
  const api = await startFakeBotApi();
  const dataDir = mkdtempSync(join(tmpdir(), 'soak-'));
  let errorLines = 0;
  const running = await start(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      KNOWLEDGE_DIR: knowledgeDir,
      DATA_DIR: dataDir,
      KB_WATCH: 'false',
      TELEGRAM_BOT_TOKEN: '123456:SOAK',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: api.url,
      CHANNEL_RATE_LIMITS: 'telegram=100000/1000',
    }),
    createLogger({ level: 'error', write: () => void errorLines++ }),
  );
  const gc = (globalThis as { gc?: () => void }).gc;
  const url = new URL(`http://127.0.0.1:${running.port}/webhooks/telegram`);
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const headers = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET };
  const t0 = performance.now();
  const samples: MemorySample[] = [];
  const sample = () => {
    gc?.();
    const m = process.memoryUsage();
    samples.push({ atS: Math.round((performance.now() - t0) / 1000), rssMb: round(m.rss / MB), heapMb: round(m.heapUsed / MB) });
  };
  sample();
  const sampler = setInterval(sample, 10_000);
  let sent = 0;
  let webhookErrors = 0;
  const inFlight = new Set<Promise<void>>();
  const endAt = t0 + minutes * 60_000;
  // Steady rate: every 100 ms, send whatever the schedule says is due by now.
  while (performance.now() < endAt) {
    const due = Math.floor(((performance.now() - t0) / 1000) * rate);
    while (sent < due) {
      const i = sent++;
      // update ids are unique; chats repeat (a pool of `chats` citizens asking again and again).
      const body = telegramUpdate(i, 7_000_000, 7_000_000 + (i % chats));
      const p = post(agent, url, headers, body).then((status) => {
        if (status < 200 || status > 299) webhookErrors++;
      });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.all(inFlight);
  // Let the pipeline finish the backlog (bounded).
  const drainUntil = Date.now() + 60_000;
  for (;;) {
    const c = await running.channels.queue.counts();
    const busy = c.inbox.pending + c.inbox.processing + c.outbox.pending + c.outbox.sending;
    if (busy === 0 || Date.now() > drainUntil) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  clearInterval(sampler);
  sample();
  const counts = await running.channels.queue.counts();
  agent.destroy();
  await running.stop();
  await api.close();
  rmSync(dataDir, { recursive: true, force: true });

  // Skip the first minute (warm-up: JIT, caches, SQLite pages) when judging growth.
  const steady = samples.filter((s) => s.atS >= Math.min(60, (minutes * 60) / 3));
  const slope = slopePerMinute(steady.length >= 3 ? steady : samples);
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const maxRss = Math.max(...samples.map((s) => s.rssMb));
  const maxHeap = Math.max(...samples.map((s) => s.heapMb));
  const errors = webhookErrors + counts.inbox.failed + counts.outbox.dead + errorLines + (sent - counts.inbox.done);
  // "Clear growth": the steady-state heap keeps rising by more than 2 MB a minute.
  const memoryGrowing = slope > 2;
  const summary = {
    minutes,
    rate,
    chats,
    messagesSent: sent,
    messagesAnswered: counts.inbox.done,
    repliesSent: api.sent(),
    errors: { total: errors, webhook: webhookErrors, inboxFailed: counts.inbox.failed, outboxDead: counts.outbox.dead, errorLogLines: errorLines, unanswered: sent - counts.inbox.done },
    memory: {
      gcBeforeSample: Boolean(gc),
      first,
      last,
      maxRssMb: maxRss,
      maxHeapMb: maxHeap,
      heapSlopeMbPerMin: round(slope, 2),
      samples: samples.map((s) => [s.atS, s.rssMb, s.heapMb]),
    },
    verdict: errors === 0 && !memoryGrowing ? 'ok' : errors > 0 ? 'errors' : 'memory-growth',
  };
  console.log(JSON.stringify(summary));
  return summary.verdict === 'ok' ? 0 : 1;
}

process.exitCode = await main();
