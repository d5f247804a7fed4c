// Zalo Bot Platform adapter against a fake Bot API on loopback. Fixtures under
// test/fixtures/zalo-bot/ follow platforms.md §1 "Webhook (inbound)" (text update example, both
// the `{ ok, result }` and the bare envelope; image `photo_url` vs `photo`; sticker; unsupported).
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdapterDeps, InboundEvent, RawRequest } from '../../src/channels/types.js';
import { createZaloBotAdapter, type ZaloBotAdapterConfig } from '../../adapters/zalo-bot/index.js';
import { deadUrl, startFakeServer, type FakeServer } from './zalo-fake-server.js';

const TOKEN = '1903914807132028399:AbCdEfGhSecretPart';
const SECRET = 'k7Qz2-long-random-secret';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/zalo-bot/${name}`, import.meta.url));
const deps = (): AdapterDeps => ({ fetch, now: () => new Date('2026-11-28T05:00:00Z') });
const req = (rawBody: Buffer | string, headers: Record<string, string> = { 'x-bot-api-secret-token': SECRET }): RawRequest => ({
  method: 'POST',
  headers,
  query: {},
  rawBody: Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody),
});

let api: FakeServer;
const ok = (result: unknown) => ({ body: { ok: true, result } });
beforeEach(async () => {
  let n = 0;
  api = await startFakeServer((r) =>
    r.path.endsWith('/getUpdates')
      ? { delayMs: 20, body: { ok: false, error_code: 408, description: 'Request timeout' } }
      : ok({ message_id: `m${++n}`, date: 1750316131602 }),
  );
});
afterEach(() => api.close());

const adapter = (over: Partial<ZaloBotAdapterConfig> = {}) =>
  createZaloBotAdapter({ botToken: TOKEN, webhookSecret: SECRET, apiBase: api.url, mode: 'webhook', ...over }, deps());
const parseEvents = (name: string): InboundEvent[] => {
  const r = adapter().parse(req(fixture(name)));
  if (!r.ok) throw new Error(r.reason);
  return r.events;
};

describe('zalo-bot verify (X-Bot-Api-Secret-Token, platforms.md §1)', () => {
  it('accepts the exact secret and rejects wrong, missing, prefix and unconfigured secrets with 401', () => {
    const a = adapter();
    expect(a.verify(req('{}'))).toEqual({ ok: true });
    expect(a.verify(req('{}', { 'x-bot-api-secret-token': 'k7Qz2-long-random-secreT' }))).toMatchObject({ ok: false, status: 401 });
    expect(a.verify(req('{}', { 'x-bot-api-secret-token': SECRET.slice(0, 10) }))).toMatchObject({ ok: false, status: 401 });
    expect(a.verify(req('{}', {}))).toMatchObject({ ok: false, status: 401, reason: expect.stringContaining('missing') });
    const noSecret = adapter({ webhookSecret: undefined });
    expect(noSecret.verify(req('{}'))).toMatchObject({ ok: false, status: 401 });
  });
});

describe('zalo-bot parse', () => {
  it('parses a wrapped text update into a text event with ids prefixed by the channel', () => {
    expect(parseEvents('text-wrapped.json')).toEqual([
      {
        eventId: 'message.text.received:2d7c0f3e9a8b1c4d5e6f',
        channel: 'zalo',
        conversationId: 'zalo:8e2f1a0c9b7d6e5f4a3b',
        userId: 'zalo:8e2f1a0c9b7d6e5f4a3b',
        kind: 'text',
        text: 'Cho tôi hỏi thủ tục làm căn cước',
        sentAt: new Date(1750316131602).toISOString(),
        userName: 'Nguyễn Văn An',
        replyContext: { messageId: '2d7c0f3e9a8b1c4d5e6f', chatType: 'PRIVATE' },
      },
    ]);
  });

  it('parses the bare envelope the same way', () => {
    const [e] = parseEvents('text-bare.json');
    expect(e).toMatchObject({ kind: 'text', conversationId: 'zalo:1f2e3d4c5b6a79880706', text: 'Đăng ký khai sinh cần giấy tờ gì?' });
    expect(e?.sentAt).toBe('2025-06-11T09:03:57.199Z');
  });

  it('parses images with photo_url + caption and with photo', () => {
    expect(parseEvents('image-photo-url.json')).toEqual([
      expect.objectContaining({ kind: 'photo', text: 'Giấy hẹn trả kết quả', replyContext: expect.objectContaining({ photoUrl: 'https://example.invalid/zalo/photo-1.jpg' }) }),
    ]);
    expect(parseEvents('image-photo-field.json')).toEqual([
      expect.objectContaining({ kind: 'photo', text: '', replyContext: expect.objectContaining({ photoUrl: 'https://example.invalid/zalo/photo-2.jpg' }) }),
    ]);
  });

  it('marks stickers unsupported, ignores protected-user and unknown events', () => {
    expect(parseEvents('sticker.json')).toEqual([expect.objectContaining({ kind: 'unsupported', text: '', eventId: 'message.sticker.received:0b1c2d3e4f5a6b7c8d9e' })]);
    expect(parseEvents('unsupported.json')).toEqual([]);
    expect(parseEvents('unknown-event.json')).toEqual([]);
  });

  it('ignores messages sent by a bot (own echoes)', () => {
    expect(parseEvents('from-bot.json')).toEqual([]);
  });

  it('keeps the group chat id as the conversation and the sender as the user', () => {
    expect(parseEvents('group-text.json')).toEqual([
      expect.objectContaining({ conversationId: 'zalo:g-77aa88bb99cc00dd11ee', userId: 'zalo:8e2f1a0c9b7d6e5f4a3b', replyContext: expect.objectContaining({ chatType: 'GROUP' }) }),
    ]);
  });

  it('returns a 400 value for malformed JSON and non-object bodies', () => {
    expect(adapter().parse(req('{"ok": true, "result": '))).toEqual({ ok: false, status: 400, reason: 'malformed JSON' });
    expect(adapter().parse(req('[1,2]'))).toMatchObject({ ok: false, status: 400 });
    expect(adapter().parse(req('null'))).toMatchObject({ ok: false, status: 400 });
  });
});

describe('zalo-bot send', () => {
  it('answers the chat a parsed event came from with the documented sendMessage request', async () => {
    const [e] = parseEvents('text-wrapped.json');
    const r = await adapter().send({ conversationId: e!.conversationId, userId: e!.userId, text: 'Bạn cần mang CCCD cũ.' });
    expect(r).toEqual({ ok: true, platformMessageIds: ['m1'] });
    expect(api.requests).toHaveLength(1);
    const sent = api.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.json).toEqual({ chat_id: '8e2f1a0c9b7d6e5f4a3b', text: 'Bạn cần mang CCCD cũ.' });
  });

  it('splits text longer than 2,000 characters into ordered messages', async () => {
    const para = (c: string) => `${c.repeat(20)} `.repeat(60).trim(); // 1,259 chars
    const text = [para('a'), para('b'), para('c')].join('\n\n');
    const r = await adapter().send({ conversationId: 'zalo:chat1', userId: 'zalo:chat1', text });
    expect(r).toEqual({ ok: true, platformMessageIds: ['m1', 'm2', 'm3'] });
    const texts = api.requests.map((q) => (q.json as { text: string }).text);
    expect(texts.every((t) => t.length <= 2000)).toBe(true);
    expect(texts.join('\n\n')).toBe(text);
  });

  it('renders choices as numbered lines (no buttons on this platform) without repeating them', async () => {
    const choices = [
      { id: 'p1', label: 'Cấp lại căn cước' },
      { id: 'p2', label: 'Cấp đổi căn cước' },
    ];
    const a = adapter();
    await a.send({ conversationId: 'zalo:c', userId: 'zalo:c', text: 'Bạn hỏi thủ tục nào?', choices });
    await a.send({ conversationId: 'zalo:c', userId: 'zalo:c', text: 'Bạn hỏi thủ tục nào?\n1. Cấp lại căn cước\n2. Cấp đổi căn cước', choices });
    expect((api.requests[0]!.json as { text: string }).text).toBe('Bạn hỏi thủ tục nào?\n\n1. Cấp lại căn cước\n2. Cấp đổi căn cước');
    expect((api.requests[1]!.json as { text: string }).text).toBe('Bạn hỏi thủ tục nào?\n1. Cấp lại căn cước\n2. Cấp đổi căn cước');
    // The citizen's answer "2" is an ordinary text message.
    const reply = JSON.parse(fixture('text-bare.json').toString()) as { message: { text: string } };
    reply.message.text = '2';
    const r = a.parse(req(JSON.stringify(reply)));
    expect(r.ok && r.events[0]).toMatchObject({ kind: 'text', text: '2' });
  });

  it('refuses a conversation of another channel without calling the API', async () => {
    const r = await adapter().send({ conversationId: 'telegram:42', userId: 'telegram:42', text: 'x' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'rejected' } });
    expect(api.requests).toHaveLength(0);
  });
});

describe('zalo-bot error mapping (envelope ok/error_code + HTTP status)', () => {
  const sendOnce = () => adapter().send({ conversationId: 'zalo:c', userId: 'zalo:c', text: 'x' });
  it.each([
    [{ status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } }, { kind: 'auth' }],
    [{ status: 403, body: { ok: false, error_code: 403, description: 'Forbidden' } }, { kind: 'auth' }],
    [{ status: 200, body: { ok: false, error_code: 401, description: 'Unauthorized' } }, { kind: 'auth' }],
    [{ status: 429, headers: { 'retry-after': '7' }, body: { ok: false, error_code: 429, description: 'Too Many Requests' } }, { kind: 'rate-limit', retryAfterMs: 7000 }],
    [{ status: 200, body: { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 3 } } }, { kind: 'rate-limit', retryAfterMs: 3000 }],
    [{ status: 500, body: { ok: false, error_code: 500, description: 'Internal Server Error' } }, { kind: 'server' }],
    [{ status: 502, body: '<html>bad gateway</html>' }, { kind: 'server' }],
    [{ status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } }, { kind: 'rejected' }],
  ])('%j → %j', async (reply, expected) => {
    api.enqueue('/sendMessage', reply);
    const r = await sendOnce();
    expect(r).toMatchObject({ ok: false, error: expected });
    if (!r.ok) expect(r.error.message).not.toContain('AbCdEfGhSecretPart');
  });

  it('maps a failed fetch to network and never leaks the token', async () => {
    const a = createZaloBotAdapter({ botToken: TOKEN, webhookSecret: SECRET, apiBase: await deadUrl(), mode: 'webhook' }, deps());
    const r = await a.send({ conversationId: 'zalo:c', userId: 'zalo:c', text: 'x' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'network' } });
    if (!r.ok) expect(r.error.message).not.toContain('AbCdEfGhSecretPart');
  });

  it('stops at the first failed part, and the retry continues with the parts not yet delivered', async () => {
    api.enqueue('/sendMessage', ok({ message_id: 'x1' }), { status: 500, body: { ok: false, error_code: 500, description: 'err' } });
    const a = adapter();
    const msg = { conversationId: 'zalo:c', userId: 'zalo:c', text: `${'a'.repeat(1500)}\n\n${'b'.repeat(1500)}\n\n${'c'.repeat(1500)}` };
    expect(await a.send(msg)).toMatchObject({ ok: false, error: { kind: 'server' } });
    expect(api.requests).toHaveLength(2);
    expect(await a.send(msg)).toEqual({ ok: true, platformMessageIds: ['x1', 'm1', 'm2'] });
    const texts = api.requests.map((q) => (q.json as { text: string }).text[0]);
    expect(texts).toEqual(['a', 'b', 'b', 'c']); // part 1 ("a…") went out once
    // Delivered completely: the same text later is a new message, sent in full.
    expect(await a.send(msg)).toMatchObject({ ok: true, platformMessageIds: ['m3', 'm4', 'm5'] });
  });
});

describe('zalo-bot long polling (getUpdates)', () => {
  const update = (id: string, text: string) => ({
    event_name: 'message.text.received',
    message: { message_id: id, date: 1750316131602, from: { id: 'u1', is_bot: false }, chat: { id: 'u1', chat_type: 'PRIVATE' }, text },
  });

  it('exists only in polling mode', () => {
    expect(adapter().startPolling).toBeUndefined();
    expect(adapter({ mode: 'polling' }).startPolling).toBeTypeOf('function');
  });

  it('delivers single and array results, treats 408 as "no update", survives errors and stops', async () => {
    api.enqueue(
      '/getUpdates',
      ok(update('p1', 'một')),
      { status: 500, body: { ok: false, error_code: 500, description: 'oops' } },
      ok([update('p2', 'hai'), { event_name: 'message.text.received', message: { ...update('p3', 'bot').message, from: { id: 'b', is_bot: true } } }]),
    );
    const got: InboundEvent[] = [];
    const p = adapter({ mode: 'polling', pollTimeoutSeconds: 1, pollRetryDelayMs: 5 }).startPolling!(async (evs) => {
      got.push(...evs);
    });
    await vi.waitFor(() => expect(got.map((e) => e.text)).toEqual(['một', 'hai']), { timeout: 5000 });
    await vi.waitFor(() => expect(api.requests.length).toBeGreaterThan(4));
    await p.stop();
    const polls = api.requests.filter((q) => q.path === `/bot${TOKEN}/getUpdates`);
    expect(polls.length).toBe(api.requests.length);
    expect(polls[0]!.json).toEqual({ timeout: '1' });
    expect(got[0]).toMatchObject({ conversationId: 'zalo:u1', eventId: 'message.text.received:p1' });
  });

  it('hands the same events over again when the inbox refuses them, before polling on', async () => {
    api.enqueue('/getUpdates', ok(update('r1', 'lại')));
    const calls: string[] = [];
    let fail = true;
    const p = adapter({ mode: 'polling', pollTimeoutSeconds: 1, pollRetryDelayMs: 5 }).startPolling!(async (evs) => {
      calls.push(evs.map((e) => e.eventId).join(','));
      if (fail) {
        fail = false;
        throw new Error('inbox down');
      }
    });
    await vi.waitFor(() => expect(calls).toEqual(['message.text.received:r1', 'message.text.received:r1']));
    await p.stop();
  });

  it('stop() ends an in-flight long poll', async () => {
    api.enqueue('/getUpdates', { delayMs: 60_000, body: { ok: false, error_code: 408, description: 'timeout' } });
    const p = adapter({ mode: 'polling' }).startPolling!(async () => {});
    await vi.waitFor(() => expect(api.requests.length).toBe(1));
    await p.stop(); // would hang for 60 s if the request were not aborted (test timeout catches it)
    expect(api.requests.length).toBe(1);
  });
});
