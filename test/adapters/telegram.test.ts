// Telegram adapter: verify, parse (fixtures written from the Bot API Update/Message/CallbackQuery
// shapes, docs/platforms.md §4 "Update shapes"), send through the real telegraf client against a
// fake Bot API on loopback, error mapping. Polling: telegram-polling.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramAdapter, validateTelegramConfig, type TelegramAdapterConfig } from '../../adapters/telegram/index.js';
import type { AdapterDeps, InboundEvent, RawRequest } from '../../src/channels/types.js';
import { startFakeTelegramApi, type FakeTelegramApi } from './telegram-fake-api.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'telegram');
const TOKEN = '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11';
const SECRET = 'tg_secret-0123456789';
const NOW = new Date('2026-11-28T06:00:00.000Z');
const deps: AdapterDeps = { fetch, now: () => NOW };

function req(body: string | Buffer, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET }): RawRequest {
  return { method: 'POST', headers, query: {}, rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8') };
}
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

let api: FakeTelegramApi;
beforeEach(async () => {
  api = await startFakeTelegramApi();
});
afterEach(async () => {
  await api.close();
});
const make = (extra: Partial<TelegramAdapterConfig> = {}) =>
  createTelegramAdapter({ botToken: TOKEN, webhookSecret: SECRET, apiRoot: api.url, mode: 'webhook', ...extra }, deps);

function eventsOf(name: string, adapter = make()): InboundEvent[] {
  const r = adapter.parse(req(fixture(name)));
  if (!r.ok) throw new Error(`${name}: ${r.reason}`);
  return r.events;
}

describe('telegram verify', () => {
  it('accepts the configured secret token', () => {
    expect(make().verify(req('{}'))).toEqual({ ok: true });
  });
  it('rejects a wrong secret of the same or another length with 401', () => {
    const a = make();
    const same = a.verify(req('{}', { 'x-telegram-bot-api-secret-token': SECRET.replace('0', '1') }));
    const other = a.verify(req('{}', { 'x-telegram-bot-api-secret-token': 'x' }));
    expect(same).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/wrong/) });
    expect(other).toMatchObject({ ok: false, status: 401 });
  });
  it('rejects a missing header with 401', () => {
    expect(make().verify(req('{}', {}))).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/missing/) });
  });
  it('rejects every request when no secret is configured, saying why', () => {
    const a = createTelegramAdapter({ botToken: TOKEN, apiRoot: api.url, mode: 'webhook' }, deps);
    const r = a.verify(req('{}', { 'x-telegram-bot-api-secret-token': '' }));
    expect(r).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/TELEGRAM_WEBHOOK_SECRET is not configured/) });
  });
});

describe('telegram parse', () => {
  it('covers every fixture file', () => {
    const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();
    expect(names).toEqual(Object.keys(EXPECTED).sort());
  });

  // Expected events per fixture (decisions documented in adapters/telegram/README.md).
  const EXPECTED: Record<string, InboundEvent[]> = {
    'text-private.json': [{
      eventId: '10001', channel: 'telegram', conversationId: 'telegram:42', userId: 'telegram:42', kind: 'text',
      text: 'Làm căn cước cần giấy tờ gì?', sentAt: '2025-01-01T00:00:00.000Z', userName: 'An', replyContext: { messageId: 5 },
    }],
    'callback-query.json': [{
      eventId: '10002', channel: 'telegram', conversationId: 'telegram:42', userId: 'telegram:42', kind: 'choice', text: '',
      choiceId: 'p:1.000178', sentAt: NOW.toISOString(), userName: 'An', replyContext: { callbackQueryId: '4382bfdwdsb323b2d9' },
    }],
    'photo-caption.json': [{
      eventId: '10003', channel: 'telegram', conversationId: 'telegram:42', userId: 'telegram:42', kind: 'photo',
      text: 'Giấy hẹn này hết hạn chưa?', sentAt: '2025-01-01T00:01:40.000Z', userName: 'An Nguyễn', replyContext: { messageId: 6 },
    }],
    'edited-message.json': [],
    'from-bot.json': [],
    'group-message.json': [],
    'command-start.json': [{
      eventId: '10007', channel: 'telegram', conversationId: 'telegram:42', userId: 'telegram:42', kind: 'text',
      text: 'xin chào', sentAt: '2024-12-31T23:58:20.000Z', userName: 'An', replyContext: { messageId: 1 },
    }],
    'sticker.json': [{
      eventId: '10008', channel: 'telegram', conversationId: 'telegram:42', userId: 'telegram:42', kind: 'unsupported',
      text: '', sentAt: '2025-01-01T00:06:40.000Z', userName: 'An', replyContext: { messageId: 8 },
    }],
    'my-chat-member.json': [],
  };
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`parses ${name}`, () => {
      expect(eventsOf(name)).toEqual(expected);
    });
  }

  it('ignores messages and button presses from bots (own echoes)', () => {
    expect(eventsOf('from-bot.json')).toEqual([]);
    const update = JSON.parse(fixture('callback-query.json').toString()) as { callback_query: { from: { is_bot: boolean } } };
    update.callback_query.from.is_bot = true;
    const r = make().parse(req(JSON.stringify(update)));
    expect(r).toEqual({ ok: true, events: [] });
  });

  it('turns other commands into plain words', () => {
    const body = JSON.parse(fixture('command-start.json').toString()) as { message: { text: string } };
    body.message.text = '/help@troly1022_bot thủ tục';
    expect(make().parse(req(JSON.stringify(body)))).toMatchObject({ ok: true, events: [{ kind: 'text', text: 'help thủ tục' }] });
  });

  it('returns 400 for malformed JSON and for JSON that is not an Update', () => {
    const a = make();
    expect(a.parse(req('{"update_id": 1, "message": '))).toMatchObject({ ok: false, status: 400 });
    expect(a.parse(req('[1,2]'))).toMatchObject({ ok: false, status: 400 });
    expect(a.parse(req('{"message": {}}'))).toMatchObject({ ok: false, status: 400 });
    expect(a.parse(req(Buffer.from([0xff, 0xfe, 0x00])))).toMatchObject({ ok: false, status: 400 });
  });
});

describe('telegram send', () => {
  it('round-trips the conversation id: parse → sendMessage to the same chat, exact request', async () => {
    const a = make();
    const [ev] = eventsOf('text-private.json', a);
    const r = await a.send({ conversationId: ev!.conversationId, userId: ev!.userId, text: 'Chào bạn, đây là hồ sơ cần nộp.' });
    expect(r).toEqual({ ok: true, platformMessageIds: ['1000'] });
    expect(api.requests).toHaveLength(1);
    const sent = api.requests[0]!;
    expect(sent.httpMethod).toBe('POST');
    expect(sent.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.body).toEqual({ chat_id: 42, text: 'Chào bạn, đây là hồ sơ cần nộp.' });
  });

  it('honours an API root with a path prefix', async () => {
    const a = make({ apiRoot: `${api.url}/prefix` });
    await a.send({ conversationId: 'telegram:42', userId: 'telegram:42', text: 'x' });
    expect(api.requests[0]?.path).toBe(`/prefix/bot${TOKEN}/sendMessage`);
  });

  it('renders choices as one inline button per row with callback_data = choice id', async () => {
    const a = make();
    const text = 'Bạn hỏi thủ tục nào?\n1. Cấp thẻ căn cước\n2. Đăng ký khai sinh';
    await a.send({ conversationId: 'telegram:42', userId: 'telegram:42', text, choices: [
      { id: 'p:1.000178', label: 'Cấp thẻ căn cước' },
      { id: 'p:1.001193', label: 'Đăng ký khai sinh' },
    ] });
    expect(api.calls('sendMessage')[0]?.body).toEqual({
      chat_id: 42,
      text,
      reply_markup: { inline_keyboard: [
        [{ text: 'Cấp thẻ căn cước', callback_data: 'p:1.000178' }],
        [{ text: 'Đăng ký khai sinh', callback_data: 'p:1.001193' }],
      ] },
    });
  });

  it('maps ids over 64 bytes through a short hash and back; after a restart the press becomes the option number', async () => {
    const a = make();
    const longId = `p:${'thủ-tục-'.repeat(12)}`;
    expect(Buffer.byteLength(longId)).toBeGreaterThan(64);
    await a.send({ conversationId: 'telegram:42', userId: 'telegram:42', text: '1. A\n2. B', choices: [
      { id: 'yes', label: 'A' },
      { id: longId, label: 'B' },
    ] });
    const keyboard = (api.calls('sendMessage')[0]?.body.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> }).inline_keyboard;
    const data = keyboard[1]![0]!.callback_data;
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(data).not.toBe(longId);
    const press = JSON.parse(fixture('callback-query.json').toString()) as { callback_query: { data: string } };
    press.callback_query.data = data;
    expect(a.parse(req(JSON.stringify(press)))).toMatchObject({ ok: true, events: [{ kind: 'choice', choiceId: longId }] });
    const restarted = make();
    expect(restarted.parse(req(JSON.stringify(press)))).toMatchObject({ ok: true, events: [{ kind: 'text', text: '2' }] });
  });

  it('splits long text at 4096 characters; buttons go with the last part', async () => {
    const a = make();
    const para = `${'Hồ sơ gồm tờ khai và giấy tờ tùy thân. '.repeat(50).trim()}`;
    const text = [para, para, para, para, para].join('\n\n');
    expect(text.length).toBeGreaterThan(4096 * 2);
    const r = await a.send({ conversationId: 'telegram:42', userId: 'telegram:42', text, choices: [{ id: 'yes', label: 'Có' }] });
    const sends = api.calls('sendMessage');
    expect(r).toEqual({ ok: true, platformMessageIds: sends.map((_, i) => String(1000 + i)) });
    expect(sends.length).toBeGreaterThanOrEqual(3);
    for (const s of sends) expect((s.body.text as string).length).toBeLessThanOrEqual(4096);
    expect(sends.map((s) => s.body.text).join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
    expect(sends.slice(0, -1).every((s) => s.body.reply_markup === undefined)).toBe(true);
    expect(sends.at(-1)?.body.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Có', callback_data: 'yes' }]] });
  });

  it('answers the pressed button once (answerCallbackQuery) before replying', async () => {
    const a = make();
    const [ev] = eventsOf('callback-query.json', a);
    const msg = { conversationId: ev!.conversationId, userId: ev!.userId, text: 'Hồ sơ gồm…', replyContext: ev!.replyContext! };
    await a.send(msg);
    await a.send({ ...msg, text: 'Phần 2' });
    expect(api.requests.map((r) => r.method)).toEqual(['answerCallbackQuery', 'sendMessage', 'sendMessage']);
    expect(api.requests[0]?.body).toEqual({ callback_query_id: '4382bfdwdsb323b2d9' });
  });

  it('a failing answerCallbackQuery does not stop the reply', async () => {
    api.script('answerCallbackQuery', { status: 400, json: { ok: false, error_code: 400, description: 'Bad Request: query is too old and response timeout expired or query ID is invalid' } });
    const a = make();
    const r = await a.send({ conversationId: 'telegram:42', userId: 'telegram:42', text: 'ok', replyContext: { callbackQueryId: 'old' } });
    expect(r.ok).toBe(true);
    expect(api.calls('sendMessage')).toHaveLength(1);
  });

  it('sends a typing action', async () => {
    expect(await make().sendTyping('telegram:42')).toEqual({ ok: true, platformMessageIds: [] });
    expect(api.calls('sendChatAction')[0]?.body).toEqual({ chat_id: 42, action: 'typing' });
  });

  it('refuses a conversation id of another channel without calling the API', async () => {
    const r = await make().send({ conversationId: 'zalo:42', userId: 'zalo:42', text: 'x' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'rejected' } });
    expect(api.requests).toHaveLength(0);
  });
});

describe('telegram error mapping', () => {
  const msg = { conversationId: 'telegram:42', userId: 'telegram:42', text: 'Xin chào' };
  const fail = (error_code: number, description: string, parameters?: object) =>
    ({ status: error_code, json: { ok: false, error_code, description, ...(parameters ? { parameters } : {}) } });

  it('429 → rate-limit with retry_after in ms', async () => {
    api.script('sendMessage', fail(429, 'Too Many Requests: retry after 7', { retry_after: 7 }));
    expect(await make().send(msg)).toMatchObject({ ok: false, error: { kind: 'rate-limit', retryAfterMs: 7000 } });
  });
  it('401 → auth', async () => {
    api.script('sendMessage', fail(401, 'Unauthorized'));
    expect(await make().send(msg)).toMatchObject({ ok: false, error: { kind: 'auth' } });
  });
  it('403 bot blocked by the user → rejected', async () => {
    api.script('sendMessage', fail(403, 'Forbidden: bot was blocked by the user'));
    expect(await make().send(msg)).toMatchObject({ ok: false, error: { kind: 'rejected' } });
  });
  it('400 chat not found → rejected', async () => {
    api.script('sendMessage', fail(400, 'Bad Request: chat not found'));
    expect(await make().send(msg)).toMatchObject({ ok: false, error: { kind: 'rejected' } });
  });
  it('5xx → server', async () => {
    api.script('sendMessage', { status: 502, raw: '<html>Bad Gateway</html>' });
    expect(await make().send(msg)).toMatchObject({ ok: false, error: { kind: 'server' } });
    api.script('sendMessage', fail(500, 'Internal Server Error'));
    expect(await make().send(msg)).toMatchObject({ ok: false, error: { kind: 'server' } });
  });
  it('a dropped connection or a closed port → network', async () => {
    api.script('sendMessage', { destroy: true });
    expect(await make().send(msg)).toMatchObject({ ok: false, error: { kind: 'network' } });
    const closed = await startFakeTelegramApi();
    await closed.close();
    expect(await make({ apiRoot: closed.url }).send(msg)).toMatchObject({ ok: false, error: { kind: 'network' } });
  });
  it('a failure in the middle of a split message is reported', async () => {
    api.script('sendMessage', { status: 200, json: { ok: true, result: { message_id: 1 } } }, fail(500, 'Internal Server Error'));
    const r = await make().send({ ...msg, text: `${'a '.repeat(2500)}\n\n${'b '.repeat(2500)}` });
    expect(r).toMatchObject({ ok: false, error: { kind: 'server' } });
    expect(api.calls('sendMessage')).toHaveLength(2);
  });
});

describe('telegram config', () => {
  it('reports a bad token, a bad secret and a webhook without secret', () => {
    expect(validateTelegramConfig({ botToken: TOKEN, webhookSecret: SECRET, mode: 'webhook' })).toEqual([]);
    expect(validateTelegramConfig({ botToken: TOKEN, mode: 'polling' })).toEqual([]);
    const problems = validateTelegramConfig({ botToken: 'nope', webhookSecret: 'có dấu', mode: 'webhook', apiRoot: 'ftp://x' });
    expect(problems).toHaveLength(3);
    expect(validateTelegramConfig({ botToken: TOKEN, mode: 'webhook' })).toEqual(['TELEGRAM_WEBHOOK_SECRET is required in webhook mode']);
  });
  it('offers startPolling only in polling mode', () => {
    expect(make().startPolling).toBeUndefined();
    expect(typeof make({ mode: 'polling' }).startPolling).toBe('function');
  });
});
