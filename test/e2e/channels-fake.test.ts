// End to end over real HTTP for the channel pipeline: the app (createApp + mountWebhooks) on port
// 0, the real bot over a small temp knowledge base, the durable queues in a temp SQLite file, the
// fake channel and its fake platform API on loopback. A signed question gets an answer at the
// platform API; a redelivery gets no second answer; a failing API gets the reply exactly once;
// a forged request gets 403 and no reply.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelPipeline, createWebchatSubmitter, openChannelQueue, type ChannelPipeline, type ChannelQueue } from '../../src/channels/index.js';
import { createBot, createMemoryConversationStore } from '../../src/core/index.js';
import { openLiveKnowledge } from '../../src/knowledge/index.js';
import { createApp } from '../../src/server/app.js';
import { mountWebhooks } from '../../src/server/webhooks.js';
import { createLogger } from '../../src/shared/logger.js';
import { createFakeAdapter, FAKE_SIGNATURE_HEADER, signFake } from '../channels/fake-adapter.js';
import { startFakePlatformApi, type FakePlatformApi } from '../channels/fake-api.js';
import { procedure, tempDir, writeProcedure } from '../knowledge/helpers.js';

const SECRET = 'e2e-secret';
let api: FakePlatformApi;
let server: Server;
let base: string;
let queue: ChannelQueue;
let pipeline: ChannelPipeline;
let stopKb: () => void;

beforeAll(async () => {
  const kbDir = tempDir('channels-kb-');
  writeProcedure(kbDir, 'test/1.000001.md', procedure({ code: '1.000001', title: 'Đăng ký khai sinh', aliases: ['làm giấy khai sinh cho con'] }));
  writeProcedure(kbDir, 'test/1.000002.md', procedure({ code: '1.000002', title: 'Đăng ký kết hôn', aliases: ['làm giấy đăng ký kết hôn'] }));
  const opened = openLiveKnowledge(kbDir, { watch: false });
  if (!opened.ok) throw new Error('test KB invalid');
  const live = opened.live;
  stopKb = live.stop;
  const logger = createLogger({ level: 'error', write: () => {} });
  const bot = createBot({ retriever: live.retriever, lookup: (code) => live.kb().byCode.get(code), conversations: createMemoryConversationStore(), now: () => new Date(), logger });

  api = await startFakePlatformApi();
  queue = await openChannelQueue({ dataDir: tempDir('channels-data-') });
  const adapter = createFakeAdapter({ secret: SECRET, apiBase: api.url, maxTextLength: 4000 }, { fetch, now: () => new Date() });
  pipeline = createChannelPipeline({
    queue,
    adapters: [adapter],
    handle: (msg) => bot.handle(msg),
    logger,
    pollIntervalMs: 50,
    backoff: { baseMs: 50, maxMs: 200 },
  });
  const app = createApp({
    logger,
    ready: () => true,
    kbInfo: () => ({ procedures: live.kb().procedures.length, version: live.kb().version }),
    webchat: createWebchatSubmitter({ queue, ingest: (events) => pipeline.ingest(events), now: () => new Date() }),
  });
  mountWebhooks(app, [adapter], { queue, logger, onIngested: (inserted) => pipeline.notify({ inbox: inserted }) });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pipeline.start();
});

afterAll(async () => {
  await pipeline?.stop();
  await new Promise<void>((r) => server?.close(() => r()));
  await queue?.close();
  await api?.close();
  stopKb?.();
});

async function postSigned(events: unknown[], secret = SECRET): Promise<Response> {
  const body = JSON.stringify({ events });
  return fetch(`${base}/webhooks/fake`, { method: 'POST', headers: { 'content-type': 'application/json', [FAKE_SIGNATURE_HEADER]: signFake(secret, body) }, body });
}

async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not met in time');
}

const toChat = (chat: string) => api.delivered().filter((r) => (r.json as { chat: string }).chat === chat).map((r) => (r.json as { text: string }).text);
const settled = async () => {
  const c = await queue.counts();
  return c.inbox.pending + c.inbox.processing + c.outbox.pending + c.outbox.sending === 0;
};

describe('fake channel end to end', () => {
  it('answers a signed question at the platform API', async () => {
    const res = await postSigned([{ id: 'q1', chat: 'chat-1', user: 'u1', text: 'lam giay khai sinh cho con can giay to gi' }]);
    expect(res.status).toBe(200);
    await until(() => toChat('chat-1').length > 0);
    await until(settled);
    const text = toChat('chat-1').join('\n');
    expect(text).toContain('Đăng ký khai sinh');
    expect(text).toContain('Tờ khai đăng ký khai sinh');
  });

  it('answers an event delivered twice only once', async () => {
    const ev = { id: 'q2', chat: 'chat-2', user: 'u2', text: 'làm giấy đăng ký kết hôn' };
    expect((await postSigned([ev])).status).toBe(200);
    expect((await postSigned([ev])).status).toBe(200);
    await until(() => toChat('chat-2').length > 0);
    await until(settled);
    const once = toChat('chat-2');
    expect(once.join('\n')).toContain('Đăng ký kết hôn');
    expect((await postSigned([ev])).status).toBe(200); // a late redelivery
    await new Promise((r) => setTimeout(r, 200));
    await until(settled);
    expect(toChat('chat-2')).toEqual(once);
  });

  it('delivers the reply exactly once when the platform API fails twice first', async () => {
    api.failNext({ status: 500 }, { status: 502 });
    const before = api.requests.length;
    expect((await postSigned([{ id: 'q3', chat: 'chat-3', user: 'u3', text: 'làm giấy khai sinh cho con' }])).status).toBe(200);
    await until(() => toChat('chat-3').length > 0);
    await until(settled);
    const answers = toChat('chat-3');
    const first = answers[0]!;
    expect(answers.filter((t) => t === first)).toHaveLength(1);
    expect(api.requests.length - before).toBe(answers.length + 2);
  });

  it('refuses a forged request with 403 and sends nothing', async () => {
    const before = api.requests.length;
    const stored = async () => Object.values((await queue.counts()).inbox).reduce((a, b) => a + b, 0);
    const storedBefore = await stored();
    const res = await postSigned([{ id: 'q4', chat: 'chat-4', user: 'u4', text: 'làm giấy khai sinh' }], 'not-the-secret');
    expect(res.status).toBe(403);
    await new Promise((r) => setTimeout(r, 200));
    expect(api.requests.length).toBe(before);
    expect(await stored()).toBe(storedBefore);
  });
});
