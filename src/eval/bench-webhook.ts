// Webhook ingest and processing throughput for `npm run bench -- --json`.
// - bareExpressRps: an express handler that only answers 200 (the ceiling of this machine).
// - webhookRps: the full ingest path of a signed Telegram webhook through mountWebhooks →
//   handleWebhook (verify the secret header, parse, persist into the inbox, acknowledge), with
//   SQLite and, when a PostgreSQL URL is given, PostgreSQL. Same process, same run, same load.
// - processingMps: the whole app (start()) answering a burst of webhooks, the Telegram API faked
//   on loopback: messages/s from the first request to the last reply sent (SQLite, and
//   PostgreSQL in a throw-away schema when a URL is given).
// The load comes from this process over loopback (node:http keep-alive, bounded count and time).
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import pg from 'pg';
import { createTelegramAdapter } from '../../adapters/telegram/index.js';
import { openChannelQueue } from '../channels/index.js';
import { loadConfig } from '../config.js';
import { start } from '../main.js';
import { mountWebhooks } from '../server/webhooks.js';
import { createLogger } from '../shared/logger.js';
import { startFakeBotApi } from './bench-webhook-fake-api.js';
import { startLoadClient, type LoadClient, type LoadResult } from './bench-webhook-load.js';

export const BENCH_SECRET = 'bench-secret-0123456789';
const listen = (app: express.Express) =>
  new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
const portOf = (s: Server) => (s.address() as AddressInfo).port;
const close = (s: Server) =>
  new Promise<void>((resolve) => {
    s.closeAllConnections();
    s.close(() => resolve());
  });
const quiet = { info() {}, warn() {}, error() {} };

export interface LoadShape {
  seconds: number;
  concurrency: number;
  maxRequests: number;
}

async function measure(client: LoadClient, url: string, shape: LoadShape, headers: Record<string, string>): Promise<LoadResult> {
  const base = { url, headers, concurrency: shape.concurrency, chatBase: 1_000_000 };
  await client.run({ ...base, durationMs: 500, maxRequests: 2_000, startIndex: 0 }); // warm-up (JIT, connections)
  return client.run({ ...base, durationMs: shape.seconds * 1000, maxRequests: shape.maxRequests, startIndex: 10_000 });
}

export async function benchBareExpress(client: LoadClient, shape: LoadShape): Promise<LoadResult> {
  const app = express();
  app.post('/bare', (_req, res) => {
    res.status(200).json({ ok: true });
  });
  const server = await listen(app);
  try {
    return await measure(client, `http://127.0.0.1:${portOf(server)}/bare`, shape, {});
  } finally {
    await close(server);
  }
}

/** The webhook route alone (no workers), over a fresh SQLite file or a fresh PostgreSQL schema. */
export async function benchWebhookIngest(client: LoadClient, shape: LoadShape, databaseUrl?: string): Promise<LoadResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-webhook-'));
  const schema = `bench_${process.pid}_${Date.now()}`;
  const queue = await openChannelQueue({ dataDir, ...(databaseUrl ? { databaseUrl, schema } : {}) });
  const adapter = createTelegramAdapter(
    { botToken: '123456:BENCH', webhookSecret: BENCH_SECRET, apiRoot: 'http://127.0.0.1:9', mode: 'webhook' },
    { fetch: globalThis.fetch, now: () => new Date(), logger: quiet },
  );
  const app = express();
  mountWebhooks(app, [adapter], { queue, logger: quiet, onIngested: () => {} });
  const server = await listen(app);
  try {
    const r = await measure(client, `http://127.0.0.1:${portOf(server)}/webhooks/telegram`, shape, { 'x-telegram-bot-api-secret-token': BENCH_SECRET });
    // Every acknowledged request must be a stored event (warm-up included); fewer is an error.
    const c = await queue.counts();
    const missing = Math.max(0, r.requests - r.errors - c.inbox.pending);
    return { ...r, errors: r.errors + missing };
  } finally {
    await close(server);
    await queue.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) await dropSchema(databaseUrl, schema);
  }
}

export interface ProcessingResult {
  messages: number;
  answered: number;
  /** Citizen messages answered per second, first webhook to last reply. */
  processingMps: number;
  /** How fast the burst was accepted (webhook requests/s while processing ran alongside). */
  ingestRps: number;
  seconds: number;
}

/**
 * The whole app answering a burst of `messages` webhooks, Telegram faked on loopback: SQLite, or
 * PostgreSQL in a throw-away schema when `databaseUrl` is given.
 */
export async function benchProcessing(
  client: LoadClient,
  knowledgeDir: string,
  messages: number,
  timeoutMs = 60_000,
  databaseUrl?: string,
): Promise<ProcessingResult> {
  const api = await startFakeBotApi();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-processing-'));
  const schema = `bench_processing_${process.pid}_${Date.now()}`;
  const config = loadConfig({
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema } : {}),
    PORT: '0',
    HOST: '127.0.0.1',
    KNOWLEDGE_DIR: knowledgeDir,
    DATA_DIR: dataDir,
    KB_WATCH: 'false',
    TELEGRAM_BOT_TOKEN: '123456:BENCH',
    TELEGRAM_WEBHOOK_SECRET: BENCH_SECRET,
    TELEGRAM_API_ROOT: api.url,
    // The fake API has no platform limit; the default 30/s would measure the limiter, not the app.
    CHANNEL_RATE_LIMITS: 'telegram=100000/1000',
    CHANNEL_POLL_INTERVAL_MS: '20',
  });
  const running = await start(config, createLogger({ level: 'error', write: () => {} }));
  try {
    const t0 = performance.now();
    const load = await client.run({
      url: `http://127.0.0.1:${running.port}/webhooks/telegram`,
      headers: { 'x-telegram-bot-api-secret-token': BENCH_SECRET },
      chatBase: 5_000_000,
      startIndex: 0,
      concurrency: 32,
      durationMs: timeoutMs,
      maxRequests: messages,
    });
    const ingestSeconds = (performance.now() - t0) / 1000;
    const until = Date.now() + timeoutMs;
    while (api.answeredChats() < messages && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    const seconds = (performance.now() - t0) / 1000;
    return {
      messages,
      answered: api.answeredChats(),
      processingMps: Math.round(api.answeredChats() / seconds),
      ingestRps: Math.round(load.requests / ingestSeconds),
      seconds: Math.round(seconds * 100) / 100,
    };
  } finally {
    await running.stop();
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) await dropSchema(databaseUrl, schema);
  }
}

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
}

export interface WebhookBench {
  bareExpressRps: number;
  bareExpressP99Ms: number;
  webhookRps: { sqlite: number; postgres: number | null };
  webhookP99Ms: { sqlite: number; postgres: number | null };
  webhookVsBare: { sqlite: number; postgres: number | null };
  webhookErrors: number;
  postgresNote?: string;
  /** SQLite (the one-machine default). */
  processing: ProcessingResult;
  /** The same burst on PostgreSQL; null without a PostgreSQL URL. */
  processingPostgres: ProcessingResult | null;
  load: { seconds: number; concurrency: number; client: string };
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

export async function benchWebhooks(o: { knowledgeDir: string; databaseUrl?: string; seconds?: number; messages?: number }): Promise<WebhookBench> {
  const shape: LoadShape = { seconds: o.seconds ?? 5, concurrency: 32, maxRequests: 200_000 };
  const client = startLoadClient();
  try {
    const bare = await benchBareExpress(client, shape);
    const sqlite = await benchWebhookIngest(client, shape);
    const pgRun = o.databaseUrl ? await benchWebhookIngest(client, shape, o.databaseUrl) : undefined;
    const processing = await benchProcessing(client, o.knowledgeDir, o.messages ?? 1000);
    const processingPg = o.databaseUrl ? await benchProcessing(client, o.knowledgeDir, o.messages ?? 1000, 60_000, o.databaseUrl) : null;
    return result(bare, sqlite, pgRun, processing, processingPg, shape);
  } finally {
    client.close();
  }
}

function result(
  bare: LoadResult,
  sqlite: LoadResult,
  pgRun: LoadResult | undefined,
  processing: ProcessingResult,
  processingPostgres: ProcessingResult | null,
  shape: LoadShape,
): WebhookBench {
  return {
    bareExpressRps: bare.rps,
    bareExpressP99Ms: bare.p99Ms,
    webhookRps: { sqlite: sqlite.rps, postgres: pgRun?.rps ?? null },
    webhookP99Ms: { sqlite: sqlite.p99Ms, postgres: pgRun?.p99Ms ?? null },
    webhookVsBare: { sqlite: ratio(sqlite.rps, bare.rps), postgres: pgRun ? ratio(pgRun.rps, bare.rps) : null },
    webhookErrors: sqlite.errors + (pgRun?.errors ?? 0),
    ...(pgRun ? {} : { postgresNote: 'no TEST_DATABASE_URL or DATABASE_URL: PostgreSQL not measured' }),
    processing,
    processingPostgres,
    load: { seconds: shape.seconds, concurrency: shape.concurrency, client: 'child process, node:http keep-alive, loopback' },
  };
}
