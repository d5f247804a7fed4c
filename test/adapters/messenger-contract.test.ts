// The shared adapter contract (test/channels/adapter-contract.ts) run on the Messenger adapter
// against the shared fake platform API on 127.0.0.1. Fixtures: test/fixtures/messenger/
// (platforms.md §3 "Event notification"); signatures: §3 "Signature X-Hub-Signature-256".
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createMessengerAdapter } from '../../adapters/messenger/index.js';
import type { RawRequest } from '../../src/channels/types.js';
import { runAdapterContract } from '../channels/adapter-contract.js';
import { startFakePlatformApi } from '../channels/fake-api.js';

const SECRET = 'contract-app-secret';
// Fixture times are 2025-01-01; a clock 1 minute later keeps the bot inside the 24 h window.
const NOW = new Date('2025-01-01T00:05:00.000Z');
const api = await startFakePlatformApi({ success: (_r, n) => ({ status: 200, body: JSON.stringify({ recipient_id: '24680135792468013', message_id: `m_${n}` }) }) });
afterAll(() => api.close());

const raw = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'messenger', name));
const sig = (body: Buffer, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const signed = (body: Buffer | string): RawRequest => {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  return { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sig(b) }, query: {}, rawBody: b };
};
const good = signed(raw('text.json'));
const graphError = (status: number, code: number, sub: number | undefined, message: string) =>
  JSON.stringify({ error: { message, type: 'OAuthException', code, error_subcode: sub, fbtrace_id: 'AbC' } });

runAdapterContract(
  'messenger',
  (deps) =>
    createMessengerAdapter(
      { pageAccessToken: 'PAGE-TOKEN', appSecret: SECRET, verifyToken: 'verify-me', graphApiBase: api.url },
      { fetch, now: () => NOW, ...deps },
    ),
  {
    good: [
      { name: 'text message', request: good, events: 1 },
      { name: 'quick reply', request: signed(raw('quick-reply.json')), events: 1 },
      { name: 'postback', request: signed(raw('postback.json')), events: 1 },
      { name: 'postback without mid', request: signed(raw('postback-no-mid.json')), events: 1 },
      { name: 'image', request: signed(raw('image.json')), events: 1 },
      { name: 'sticker', request: signed(raw('sticker.json')), events: 1 },
      { name: 'two entries in one delivery', request: signed(raw('batched.json')), events: 2 },
    ],
    forged: [
      { name: 'no X-Hub-Signature-256', request: { ...good, headers: { 'content-type': 'application/json' } } },
      { name: 'signed with another secret', request: { ...good, headers: { 'x-hub-signature-256': sig(good.rawBody, 'other') } } },
      { name: 'tampered body', request: { ...good, rawBody: raw('image.json') } },
      { name: 'GET handshake with a wrong verify token', request: { method: 'GET', headers: {}, query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '42' }, rawBody: Buffer.alloc(0) } },
    ],
    malformed: signed('{"object":"page","entry":['),
    ignored: [
      { name: 'own echo (is_echo)', request: signed(raw('echo.json')) },
      { name: 'delivery and read receipts', request: signed(raw('delivery-read.json')) },
    ],
    errors: [
      { name: '(#10) outside of allowed window, 2018278', response: { status: 400, body: graphError(400, 10, 2018278, '(#10) This message is sent outside of allowed window.') }, kind: 'window-closed' },
      { name: '613 rate limit', response: { status: 400, body: graphError(400, 613, undefined, 'Calls to this api have exceeded the rate limit.') }, kind: 'rate-limit' },
      { name: '429 with Retry-After', response: { status: 429, headers: { 'retry-after': '4' }, body: graphError(429, 4, undefined, 'limit') }, kind: 'rate-limit', retryAfterMs: 4000 },
      { name: '190 invalid token', response: { status: 401, body: graphError(401, 190, 463, 'Error validating access token') }, kind: 'auth' },
      { name: '551 person unavailable', response: { status: 400, body: graphError(400, 551, 1545041, "This person isn't available right now.") }, kind: 'rejected' },
    ],
  },
  api,
);
