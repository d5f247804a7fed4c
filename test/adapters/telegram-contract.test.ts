// The shared adapter contract (test/channels/adapter-contract.ts) run on the Telegram adapter,
// with fixtures written from the Bot API Update shapes (docs/platforms.md §4) and the shared
// fake platform API answering like the Bot API ({ ok: true, result: Message }).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createTelegramAdapter } from '../../adapters/telegram/index.js';
import type { RawRequest } from '../../src/channels/types.js';
import { runAdapterContract } from '../channels/adapter-contract.js';
import { startFakePlatformApi, type FakePlatformApi } from '../channels/fake-api.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'telegram');
const SECRET = 'contract_secret-123';
const HEADER = 'x-telegram-bot-api-secret-token';

const withSecret = (secret: string | undefined, body: string | Buffer): RawRequest => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(secret !== undefined ? { [HEADER]: secret } : {}) },
  query: {},
  rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
});
const signed = (file: string): RawRequest => withSecret(SECRET, readFileSync(join(FIXTURES, file)));
const tgError = (error_code: number, description: string, parameters?: object) =>
  JSON.stringify({ ok: false, error_code, description, ...(parameters ? { parameters } : {}) });

let api: FakePlatformApi;
beforeAll(async () => {
  api = await startFakePlatformApi({
    success: (_req, n) => ({
      status: 200,
      body: JSON.stringify({ ok: true, result: { message_id: n, date: 1735689600, chat: { id: 42, type: 'private' }, text: 'x' } }),
    }),
  });
});
afterAll(() => api.close());

runAdapterContract(
  'telegram',
  (deps) =>
    createTelegramAdapter(
      { botToken: '123456:ABC-contract', webhookSecret: SECRET, apiRoot: api.url, mode: 'webhook' },
      { fetch, now: () => new Date('2026-11-28T06:00:00.000Z'), ...deps },
    ),
  {
    good: [
      { name: 'text message in a private chat', request: signed('text-private.json'), events: 1 },
      { name: 'button press (callback_query)', request: signed('callback-query.json'), events: 1 },
      { name: 'photo with caption', request: signed('photo-caption.json'), events: 1 },
      { name: '/start command', request: signed('command-start.json'), events: 1 },
      { name: 'sticker (unsupported)', request: signed('sticker.json'), events: 1 },
    ],
    forged: [
      { name: 'no secret header', request: withSecret(undefined, readFileSync(join(FIXTURES, 'text-private.json'))) },
      { name: 'wrong secret', request: withSecret('contract_secret-124', readFileSync(join(FIXTURES, 'text-private.json'))) },
      { name: 'empty secret', request: withSecret('', readFileSync(join(FIXTURES, 'text-private.json'))) },
    ],
    malformed: withSecret(SECRET, '{"update_id": 1, "message":'),
    ignored: [
      { name: 'message from a bot (own echo)', request: signed('from-bot.json') },
      { name: 'edited message', request: signed('edited-message.json') },
      { name: 'group chat message', request: signed('group-message.json') },
      { name: 'my_chat_member (bot blocked)', request: signed('my-chat-member.json') },
    ],
    errors: [
      { name: '429 with parameters.retry_after', response: { status: 429, body: tgError(429, 'Too Many Requests: retry after 5', { retry_after: 5 }) }, kind: 'rate-limit', retryAfterMs: 5000 },
      { name: '401 Unauthorized (bad token)', response: { status: 401, body: tgError(401, 'Unauthorized') }, kind: 'auth' },
      { name: '403 bot was blocked by the user', response: { status: 403, body: tgError(403, 'Forbidden: bot was blocked by the user') }, kind: 'rejected' },
      { name: '400 chat not found', response: { status: 400, body: tgError(400, 'Bad Request: chat not found') }, kind: 'rejected' },
    ],
  },
  () => api,
);
