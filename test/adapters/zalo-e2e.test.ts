// End to end per Zalo channel over real HTTP: express webhook routes (src/server/webhooks.ts) →
// durable SQLite inbox → echo bot → outbox → Zalo adapter → fake Zalo API on loopback.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannelPipeline, ingestEvents, type ChannelPipeline, type ChannelQueue } from '../../src/channels/index.js';
import { mountWebhooks } from '../../src/server/webhooks.js';
import { createZaloBotAdapter } from '../../adapters/zalo-bot/index.js';
import { createMemoryTokenStore, createZaloOaAdapter } from '../../adapters/zalo-oa/index.js';
import { clock, echoHandle, openQueue, tempDb, type Clock } from '../channels/harness.js';
import { startFakePlatformApi, type FakePlatformApi } from '../channels/fake-api.js';

const BOT_SECRET = 'e2e-bot-secret-123';
const APP_ID = '1234567890123456789';
const OA_SECRET = 'e2e-oa-secret';
const read = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url), 'utf8');

let c: Clock;
let queue: ChannelQueue;
let botApi: FakePlatformApi;
let oaApi: FakePlatformApi;
let server: Server;
let base: string;
let pipeline: ChannelPipeline;
let bot: ReturnType<typeof createZaloBotAdapter>;

beforeEach(async () => {
  c = clock();
  queue = await openQueue(tempDb(), c);
  botApi = await startFakePlatformApi({ success: (_r, n) => ({ status: 200, body: JSON.stringify({ ok: true, result: { message_id: `z${n}`, date: 1 } }) }) });
  oaApi = await startFakePlatformApi({ success: (_r, n) => ({ status: 200, body: JSON.stringify({ data: { message_id: `o${n}` }, error: 0, message: 'Success' }) }) });
  const deps = { fetch, now: c.now };
  bot = createZaloBotAdapter({ botToken: '42:tok', webhookSecret: BOT_SECRET, apiBase: botApi.url, mode: 'polling' }, deps);
  const oa = createZaloOaAdapter(
    {
      appId: APP_ID,
      appSecret: 'app-secret',
      oaSecretKey: OA_SECRET,
      apiBase: oaApi.url,
      oauthBase: oaApi.url,
      tokens: createMemoryTokenStore({ accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: c.now().getTime() + 24 * 3600_000 }),
    },
    deps,
  );
  pipeline = createChannelPipeline({ queue, adapters: [bot, oa], handle: echoHandle(), now: c.now, random: () => 0.5 });
  const app = express();
  mountWebhooks(app, [bot, oa], { queue });
  server = await new Promise<Server>((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await botApi.close();
  await oaApi.close();
  await queue.close();
});

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const oaSign = (raw: string) => {
  const f = (k: string) => new RegExp(`"${k}"\\s*:\\s*"?(\\d+)"?`).exec(raw)?.[1] ?? '';
  return `mac=${createHash('sha256').update(`${f('app_id')}${raw}${f('timestamp')}${OA_SECRET}`, 'utf8').digest('hex')}`;
};
const botTexts = () => botApi.delivered().filter((r) => r.path.endsWith('/sendMessage')).map((r) => r.json as { chat_id: string; text: string });
const oaTexts = () => oaApi.delivered().map((r) => r.json as { recipient: Record<string, string>; message: { text: string } });

describe('Zalo Bot Platform end to end', () => {
  const body = read('zalo-bot/text-wrapped.json');
  const signed = { 'x-bot-api-secret-token': BOT_SECRET };

  it('answers a question once, even when Zalo delivers it twice', async () => {
    expect((await post('/webhooks/zalo', body, signed)).status).toBe(200);
    expect((await post('/webhooks/zalo', body, signed)).status).toBe(200);
    await pipeline.drain();
    expect(botTexts()).toEqual([{ chat_id: '8e2f1a0c9b7d6e5f4a3b', text: 're: Cho tôi hỏi thủ tục làm căn cước' }]);
  });

  it('delivers exactly once when the API fails twice then succeeds', async () => {
    await post('/webhooks/zalo', body, signed);
    botApi.failNext({ status: 500, body: '{"ok":false,"error_code":500,"description":"x"}' }, { drop: true });
    await pipeline.drain();
    for (let i = 0; i < 3; i++) {
      c.advance(10 * 60_000);
      await pipeline.drain();
    }
    expect(botApi.requests).toHaveLength(3);
    expect(botTexts()).toHaveLength(1);
  });

  it('refuses a forged request with 401 and stores nothing', async () => {
    expect((await post('/webhooks/zalo', body, { 'x-bot-api-secret-token': 'guess' })).status).toBe(401);
    expect((await post('/webhooks/zalo', body, {})).status).toBe(401);
    await pipeline.drain();
    expect(botApi.requests).toHaveLength(0);
    expect((await queue.counts()).inbox).toMatchObject({ pending: 0, done: 0 });
  });

  it('answers a question received by long polling', async () => {
    botApi.failNext({ status: 200, body: read('zalo-bot/text-bare.json').replace(/^\{/, '{"ok":true,"result":{').replace(/\}\s*$/, '}}') });
    const p = bot.startPolling!((events) => ingestEvents({ queue }, events).then(() => undefined));
    await expect.poll(async () => (await queue.counts()).inbox.pending, { timeout: 5000 }).toBe(1);
    await p.stop();
    await pipeline.drain();
    expect(botTexts()).toEqual([{ chat_id: '1f2e3d4c5b6a79880706', text: 're: Đăng ký khai sinh cần giấy tờ gì?' }]);
  });
});

describe('Zalo Official Account end to end', () => {
  const raw = read('zalo-oa/user-send-text.json');

  it('answers a signed question once, even when Zalo delivers it twice', async () => {
    expect((await post('/webhooks/zalo-oa', raw, { 'x-zevent-signature': oaSign(raw) })).status).toBe(200);
    expect((await post('/webhooks/zalo-oa', raw, { 'x-zevent-signature': oaSign(raw) })).status).toBe(200);
    await pipeline.drain();
    // Linked to the citizen's message (free reply), platforms.md §2 "Messaging window".
    expect(oaTexts()).toEqual([{ recipient: { message_id: 'a1b2c3d4e5f6a7b8c9d0' }, message: { text: 're: Xin chào' } }]);
    expect(oaApi.delivered()[0]!.headers['access_token']).toBe('at-1');
  });

  it('delivers exactly once when the API fails twice then succeeds', async () => {
    await post('/webhooks/zalo-oa', raw, { 'x-zevent-signature': oaSign(raw) });
    oaApi.failNext({ status: 503, body: 'unavailable' }, { status: 500, body: '{"error":-1}' });
    await pipeline.drain();
    for (let i = 0; i < 3; i++) {
      c.advance(10 * 60_000);
      await pipeline.drain();
    }
    expect(oaApi.requests).toHaveLength(3);
    expect(oaTexts()).toHaveLength(1);
  });

  it('refuses forged requests (401 missing, 403 wrong) and stores nothing', async () => {
    expect((await post('/webhooks/zalo-oa', raw, {})).status).toBe(401);
    expect((await post('/webhooks/zalo-oa', raw.replace('Xin chào', 'Chuyển tiền'), { 'x-zevent-signature': oaSign(raw) })).status).toBe(403);
    await pipeline.drain();
    expect(oaApi.requests).toHaveLength(0);
    expect((await queue.counts()).inbox).toMatchObject({ pending: 0, done: 0 });
  });

  it('does not retry a reply refused because the window closed (-230)', async () => {
    await post('/webhooks/zalo-oa', raw, { 'x-zevent-signature': oaSign(raw) });
    oaApi.failNext({ status: 200, body: '{"error":-230,"message":"User has not interacted with the OA in the past 7 days"}' });
    await pipeline.drain();
    c.advance(60 * 60_000);
    await pipeline.drain();
    expect(oaApi.requests).toHaveLength(1);
    expect((await queue.counts()).outbox.sent ?? 0).toBe(0);
  });
});
