// The shared adapter contract (test/channels/adapter-contract.ts) run on both Zalo adapters,
// with fixtures from test/fixtures/zalo-bot and test/fixtures/zalo-oa (platforms.md §1, §2).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { RawRequest } from '../../src/channels/types.js';
import { createZaloBotAdapter } from '../../adapters/zalo-bot/index.js';
import { createMemoryTokenStore, createZaloOaAdapter } from '../../adapters/zalo-oa/index.js';
import { runAdapterContract } from '../channels/adapter-contract.js';
import { startFakePlatformApi, type FakePlatformApi } from '../channels/fake-api.js';

const read = (dir: string, name: string) => readFileSync(new URL(`../fixtures/${dir}/${name}`, import.meta.url));

// ---- Zalo Bot Platform ----
const BOT_SECRET = 'contract-bot-secret';
let botApi: FakePlatformApi;
let oaApi: FakePlatformApi;
beforeAll(async () => {
  botApi = await startFakePlatformApi({ success: (_r, n) => ({ status: 200, body: JSON.stringify({ ok: true, result: { message_id: `z${n}`, date: 1750316131602 } }) }) });
  oaApi = await startFakePlatformApi({ success: (_r, n) => ({ status: 200, body: JSON.stringify({ data: { message_id: `oa${n}`, user_id: '1' }, error: 0, message: 'Success' }) }) });
});
afterAll(async () => {
  await botApi.close();
  await oaApi.close();
});

const botReq = (body: Buffer | string, secret: string | null = BOT_SECRET): RawRequest => ({
  method: 'POST',
  headers: secret === null ? { 'content-type': 'application/json' } : { 'content-type': 'application/json', 'x-bot-api-secret-token': secret },
  query: {},
  rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body),
});
const bot = (f: string) => botReq(read('zalo-bot', f));

runAdapterContract(
  'zalo',
  (deps) => createZaloBotAdapter({ botToken: '123:abc', webhookSecret: BOT_SECRET, apiBase: botApi.url, mode: 'webhook' }, { fetch, now: () => new Date(), ...deps }),
  {
    good: [
      { name: 'text, {ok,result} envelope', request: bot('text-wrapped.json'), events: 1 },
      { name: 'text, bare update', request: bot('text-bare.json'), events: 1 },
      { name: 'image with photo_url', request: bot('image-photo-url.json'), events: 1 },
      { name: 'image with photo', request: bot('image-photo-field.json'), events: 1 },
      { name: 'sticker', request: bot('sticker.json'), events: 1 },
      { name: 'group text', request: bot('group-text.json'), events: 1 },
    ],
    forged: [
      { name: 'no secret header', request: botReq(read('zalo-bot', 'text-wrapped.json'), null) },
      { name: 'wrong secret', request: botReq(read('zalo-bot', 'text-wrapped.json'), 'contract-bot-secreT') },
      { name: 'empty secret', request: botReq(read('zalo-bot', 'text-wrapped.json'), '') },
    ],
    malformed: botReq('{"ok":true,"result":'),
    ignored: [
      { name: 'message from a bot', request: bot('from-bot.json') },
      { name: 'unsupported (protected user)', request: bot('unsupported.json') },
      { name: 'unknown event name', request: bot('unknown-event.json') },
    ],
    errors: [
      { name: '429 with parameters.retry_after', response: { status: 429, body: '{"ok":false,"error_code":429,"description":"Too Many Requests","parameters":{"retry_after":5}}' }, kind: 'rate-limit', retryAfterMs: 5000 },
      { name: '401 Unauthorized', response: { status: 401, body: '{"ok":false,"error_code":401,"description":"Unauthorized"}' }, kind: 'auth' },
      { name: '200 with ok:false 400', response: { status: 200, body: '{"ok":false,"error_code":400,"description":"Bad Request"}' }, kind: 'rejected' },
    ],
  },
  () => botApi,
);

// ---- Zalo Official Account ----
const APP_ID = '1234567890123456789';
const OA_SECRET = 'contract-oa-secret';
/** platforms.md §2: sha256(app_id + raw body + timestamp + OA secret key), hex, "mac=" prefix allowed. */
const oaSign = (raw: string, secret = OA_SECRET) => {
  const field = (k: string) => new RegExp(`"${k}"\\s*:\\s*"?(\\d+)"?`).exec(raw)?.[1] ?? '';
  return createHash('sha256').update(`${field('app_id')}${raw}${field('timestamp')}${secret}`, 'utf8').digest('hex');
};
const oaReq = (raw: string, signature?: string): RawRequest => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(signature === undefined ? {} : { 'x-zevent-signature': signature }) },
  query: {},
  rawBody: Buffer.from(raw),
});
const oa = (f: string) => {
  const raw = read('zalo-oa', f).toString('utf8');
  return oaReq(raw, `mac=${oaSign(raw)}`);
};
const textRaw = read('zalo-oa', 'user-send-text.json').toString('utf8');

runAdapterContract(
  'zalo-oa',
  (deps) =>
    createZaloOaAdapter(
      {
        appId: APP_ID,
        appSecret: 'contract-app-secret',
        oaSecretKey: OA_SECRET,
        apiBase: oaApi.url,
        oauthBase: oaApi.url,
        tokens: createMemoryTokenStore({ accessToken: 'at', refreshToken: 'rt', expiresAt: Date.now() + 24 * 3600_000 }),
      },
      { fetch, now: () => new Date(), ...deps },
    ),
  {
    good: [
      { name: 'user_send_text', request: oa('user-send-text.json'), events: 1 },
      { name: 'user_send_image', request: oa('user-send-image.json'), events: 1 },
      { name: 'user_send_sticker', request: oa('user-send-sticker.json'), events: 1 },
      { name: 'ids as JSON numbers', request: oa('user-send-text-numeric-ids.json'), events: 1 },
    ],
    forged: [
      { name: 'no signature', request: oaReq(textRaw) },
      { name: 'signed with another secret', request: oaReq(textRaw, `mac=${oaSign(textRaw, 'other')}`) },
      { name: 'tampered body', request: oaReq(textRaw.replace('Xin chào', 'Xin chao'), `mac=${oaSign(textRaw)}`) },
    ],
    malformed: oaReq('{"event_name":"user_send_text",', 'mac=00'),
    ignored: [
      { name: 'oa_send_text echo', request: oa('oa-send-text.json') },
      { name: 'follow', request: oa('follow.json') },
      { name: 'unfollow', request: oa('unfollow.json') },
    ],
    errors: [
      { name: '-230 no interaction in 7 days', response: { status: 200, body: '{"error":-230,"message":"User has not interacted with the OA in the past 7 days"}' }, kind: 'window-closed' },
      { name: '-232 interaction expired', response: { status: 200, body: '{"error":-232,"message":"User has not interacted with the OA, or the last interaction has expired"}' }, kind: 'window-closed' },
      { name: '-32 OA call limit', response: { status: 200, body: '{"error":-32,"message":"Your OA reached limit call api"}' }, kind: 'rate-limit', retryAfterMs: 60000 },
      { name: '429 with retry-after', response: { status: 429, headers: { 'retry-after': '4' }, body: '{"error":-32}' }, kind: 'rate-limit', retryAfterMs: 4000 },
      { name: '-224 OA tier lacks the feature', response: { status: 200, body: '{"error":-224,"message":"The OA needs to upgrade OA Tier Package"}' }, kind: 'rejected' },
    ],
  },
  () => oaApi,
);
