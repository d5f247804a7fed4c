// Zalo Official Account adapter: signature, parsing, cs replies and error mapping against a fake
// OA API on loopback. Fixtures under test/fixtures/zalo-oa/ follow platforms.md §2 "Webhook event
// user_send_text" (the documented body), "Other events seen" (user_send_image, follow/unfollow,
// oa_send_* echoes) and the note on 19-digit ids arriving as JSON numbers.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdapterDeps, InboundEvent, RawRequest } from '../../src/channels/types.js';
import { computeZaloOaSignature, createMemoryTokenStore, createZaloOaAdapter, type ZaloOaAdapterConfig } from '../../adapters/zalo-oa/index.js';
import { deadUrl } from './zalo-fake-server.js';
import { APP_ID, APP_SECRET, startFakeZaloOa, type FakeZaloOa } from './zalo-oa-fake.js';

const OA_SECRET = 'test-oa-secret';
const NOW = new Date('2026-11-28T05:00:00Z');
const deps = (): AdapterDeps => ({ fetch, now: () => NOW });
const fixture = (name: string) => readFileSync(new URL(`../fixtures/zalo-oa/${name}`, import.meta.url));

/** The documented formula, written out independently of the adapter: sha256(app_id + body + timestamp + OA secret). */
function sign(raw: Buffer, secret = OA_SECRET): string {
  const text = raw.toString('utf8');
  const field = (name: string) => new RegExp(`"${name}"\\s*:\\s*"?(\\d+)"?`).exec(text)?.[1] ?? '';
  return createHash('sha256').update(`${field('app_id')}${text}${field('timestamp')}${secret}`, 'utf8').digest('hex');
}
const req = (raw: Buffer | string, headers?: Record<string, string>): RawRequest => {
  const rawBody = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
  return { method: 'POST', headers: headers ?? { 'x-zevent-signature': `mac=${sign(rawBody)}` }, query: {}, rawBody };
};

let zalo: FakeZaloOa;
beforeEach(async () => {
  zalo = await startFakeZaloOa({ access: 'access-0', refresh: 'refresh-0' });
});
afterEach(() => zalo.close());

const adapter = (over: Partial<ZaloOaAdapterConfig> = {}) =>
  createZaloOaAdapter(
    {
      appId: APP_ID,
      appSecret: APP_SECRET,
      oaSecretKey: OA_SECRET,
      apiBase: zalo.api.url,
      oauthBase: zalo.oauth.url,
      tokens: createMemoryTokenStore({ accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: NOW.getTime() + 20 * 3600_000 }),
      ...over,
    },
    deps(),
  );
const events = (name: string): InboundEvent[] => {
  const r = adapter().parse(req(fixture(name)));
  if (!r.ok) throw new Error(r.reason);
  return r.events;
};

describe('zalo-oa verify (X-ZEvent-Signature, platforms.md §2)', () => {
  it('matches the documented test vector', () => {
    const body =
      '{"app_id":"1234567890123456789","user_id_by_app":"5566778899001122334","event_name":"user_send_text","timestamp":"1735689600000","sender":{"id":"2468013579246801357"},"recipient":{"id":"9876543210987654321"},"message":{"text":"Xin chào","msg_id":"a1b2c3d4e5f6a7b8c9d0"}}';
    const doc = 'd8803b463037b10e8c4c4e885c284af5d08431d6bebac690a7218b8ed9984552';
    expect(computeZaloOaSignature(APP_ID, body, '1735689600000', 'test-oa-secret')).toBe(doc);
    expect(adapter().verify(req(body, { 'x-zevent-signature': `mac=${doc}` }))).toEqual({ ok: true });
  });

  it('accepts good signatures with or without "mac=" and in upper case', () => {
    const raw = fixture('user-send-text.json');
    const a = adapter();
    expect(a.verify(req(raw))).toEqual({ ok: true });
    expect(a.verify(req(raw, { 'x-zevent-signature': sign(raw) }))).toEqual({ ok: true });
    expect(a.verify(req(raw, { 'x-zevent-signature': `mac=${sign(raw).toUpperCase()}` }))).toEqual({ ok: true });
  });

  it('rejects a missing signature with 401 and a bad one with 403', () => {
    const raw = fixture('user-send-text.json');
    const a = adapter();
    expect(a.verify(req(raw, {}))).toMatchObject({ ok: false, status: 401 });
    expect(a.verify(req(raw, { 'x-zevent-signature': `mac=${sign(raw, 'wrong-secret')}` }))).toMatchObject({ ok: false, status: 403 });
    expect(a.verify(req(raw, { 'x-zevent-signature': 'mac=abc' }))).toMatchObject({ ok: false, status: 403 });
    // Body changed after signing (one byte): the signature covers the raw bytes.
    const tampered = Buffer.from(raw.toString('utf8').replace('Xin chào', 'Xin chao'));
    expect(a.verify(req(tampered, { 'x-zevent-signature': `mac=${sign(raw)}` }))).toMatchObject({ ok: false, status: 403 });
    expect(a.verify(req('{not json', { 'x-zevent-signature': 'mac=00' }))).toMatchObject({ ok: false, status: 403 });
  });

  it('rejects an event correctly signed for another app id', () => {
    const other = Buffer.from(fixture('user-send-text.json').toString('utf8').replace(APP_ID, '1111111111111111111'));
    expect(adapter().verify(req(other))).toMatchObject({ ok: false, status: 403, reason: expect.stringContaining('app_id') });
  });

  it('checks with the app secret when no separate OA secret key is configured', () => {
    const raw = fixture('user-send-text.json');
    const a = adapter({ oaSecretKey: undefined });
    expect(a.verify(req(raw, { 'x-zevent-signature': sign(raw, APP_SECRET) }))).toEqual({ ok: true });
    expect(a.verify(req(raw))).toMatchObject({ ok: false, status: 403 });
  });

  it('verifies bodies whose 19-digit ids are JSON numbers using their exact digits', () => {
    const raw = fixture('user-send-text-numeric-ids.json');
    expect(adapter().verify(req(raw))).toEqual({ ok: true });
  });
});

describe('zalo-oa parse', () => {
  it('parses user_send_text: sender.id is the conversation, msg_id the event id', () => {
    expect(events('user-send-text.json')).toEqual([
      {
        eventId: 'a1b2c3d4e5f6a7b8c9d0',
        channel: 'zalo-oa',
        conversationId: 'zalo-oa:2468013579246801357',
        userId: 'zalo-oa:2468013579246801357',
        kind: 'text',
        text: 'Xin chào',
        sentAt: '2025-01-01T00:00:00.000Z',
        replyContext: { msgId: 'a1b2c3d4e5f6a7b8c9d0', oaId: '9876543210987654321' },
      },
    ]);
  });

  it('parses user_send_image as a photo with its caption and url', () => {
    expect(events('user-send-image.json')).toEqual([
      expect.objectContaining({
        kind: 'photo',
        text: 'Ảnh chụp tờ khai',
        eventId: 'b2c3d4e5f6a7b8c9d0e1',
        replyContext: expect.objectContaining({ photoUrl: 'https://example.invalid/zalo-oa/image-1.jpg' }),
      }),
    ]);
  });

  it('marks stickers unsupported and ignores follow, unfollow and the OA\'s own oa_send_* echoes', () => {
    expect(events('user-send-sticker.json')).toEqual([expect.objectContaining({ kind: 'unsupported', text: '' })]);
    expect(events('follow.json')).toEqual([]);
    expect(events('unfollow.json')).toEqual([]);
    expect(events('oa-send-text.json')).toEqual([]);
  });

  it('keeps 19-digit ids sent as JSON numbers exact and leaves digits inside text alone', () => {
    const [e] = events('user-send-text-numeric-ids.json');
    expect(e).toMatchObject({ conversationId: 'zalo-oa:2468013579246801357', text: 'Mã số 1022: 12345678901234567890', sentAt: '2025-01-01T00:03:00.000Z' });
  });

  it('returns a 400 value for malformed JSON', () => {
    expect(adapter().parse(req('{"event_name":'))).toEqual({ ok: false, status: 400, reason: 'malformed JSON' });
    expect(adapter().parse(req('"text"'))).toMatchObject({ ok: false, status: 400 });
  });
});

describe('zalo-oa send (POST /v3.0/oa/message/cs)', () => {
  it('replies to the parsed sender with the documented request', async () => {
    const [e] = events('user-send-text.json');
    const r = await adapter().send({ conversationId: e!.conversationId, userId: e!.userId, text: 'Hồ sơ của bạn đã được tiếp nhận.' });
    expect(r).toEqual({ ok: true, platformMessageIds: ['oa-msg-1'] });
    const sent = zalo.api.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v3.0/oa/message/cs');
    expect(sent.headers['access_token']).toBe('access-0');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['authorization']).toBeUndefined();
    expect(sent.json).toEqual({ recipient: { user_id: '2468013579246801357' }, message: { text: 'Hồ sơ của bạn đã được tiếp nhận.' } });
    expect(zalo.oauth.requests).toHaveLength(0);
  });

  it('links the reply to the citizen\'s message with recipient.message_id when it is known', async () => {
    const [e] = events('user-send-text.json');
    const r = await adapter().send({ conversationId: e!.conversationId, userId: e!.userId, text: 'Dạ.', replyContext: e!.replyContext });
    expect(r).toMatchObject({ ok: true });
    expect(zalo.api.requests.map((q) => q.json)).toEqual([{ recipient: { message_id: 'a1b2c3d4e5f6a7b8c9d0' }, message: { text: 'Dạ.' } }]);
  });

  it('falls back to recipient.user_id once when Zalo answers -201 to the message_id form', async () => {
    zalo.api.enqueue('/message/cs', { body: { error: -201, message: 'recipient is invalid!' } });
    const [e] = events('user-send-text.json');
    const r = await adapter().send({ conversationId: e!.conversationId, userId: e!.userId, text: 'Dạ.', replyContext: e!.replyContext });
    expect(r).toMatchObject({ ok: true });
    expect(zalo.api.requests.map((q) => (q.json as { recipient: unknown }).recipient)).toEqual([
      { message_id: 'a1b2c3d4e5f6a7b8c9d0' },
      { user_id: '2468013579246801357' },
    ]);
  });

  it('does not fall back when the message_id reply is refused for the window', async () => {
    zalo.api.enqueue('/message/cs', { body: { error: -230, message: 'User has not interacted with the OA in the past 7 days' } });
    const [e] = events('user-send-text.json');
    const r = await adapter().send({ conversationId: e!.conversationId, userId: e!.userId, text: 'Dạ.', replyContext: e!.replyContext });
    expect(r).toMatchObject({ ok: false, error: { kind: 'window-closed' } });
    expect(zalo.api.requests).toHaveLength(1);
  });

  it('sends by user_id when replyToMessageId is off', async () => {
    const [e] = events('user-send-text.json');
    await adapter({ replyToMessageId: false }).send({ conversationId: e!.conversationId, userId: e!.userId, text: 'Dạ.', replyContext: e!.replyContext });
    expect((zalo.api.requests[0]!.json as { recipient: unknown }).recipient).toEqual({ user_id: '2468013579246801357' });
  });

  it('declares the 2,000-character limit and the 48-hour reply window', () => {
    const a = adapter();
    expect(a.maxTextLength).toBe(2000);
    expect(a.replyWindowMs).toBe(48 * 3600 * 1000);
  });

  it('splits long text at 2,000 characters', async () => {
    const text = Array.from({ length: 6 }, (_, i) => `Đoạn ${i}: ${'thủ tục '.repeat(80)}`.trim()).join('\n\n');
    const r = await adapter().send({ conversationId: 'zalo-oa:1', userId: 'zalo-oa:1', text });
    const texts = zalo.api.requests.map((q) => (q.json as { message: { text: string } }).message.text);
    expect(r.ok && r.platformMessageIds.length).toBe(texts.length);
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.every((t) => t.length <= 2000)).toBe(true);
    expect(texts.join('\n\n')).toBe(text);
  });

  it('resumes a partly delivered long reply at the first undelivered part', async () => {
    const text = `${'một '.repeat(450).trim()}\n\n${'hai '.repeat(450).trim()}`;
    zalo.api.enqueue('/message/cs', { body: { data: { message_id: 'p1' }, error: 0, message: 'Success' } }, { status: 502, body: 'bad gateway' });
    const a = adapter();
    const msg = { conversationId: 'zalo-oa:1', userId: 'zalo-oa:1', text };
    expect(await a.send(msg)).toMatchObject({ ok: false, error: { kind: 'server' } });
    expect(await a.send(msg)).toMatchObject({ ok: true, platformMessageIds: ['p1', 'oa-msg-1'] });
    const sent = zalo.api.requests.map((q) => (q.json as { message: { text: string } }).message.text.slice(0, 3));
    expect(sent).toEqual(['một', 'hai', 'hai']);
  });

  it('renders choices as numbered lines', async () => {
    await adapter().send({ conversationId: 'zalo-oa:1', userId: 'zalo-oa:1', text: 'Bạn muốn hỏi gì?', choices: [{ id: 'a', label: 'Lệ phí' }, { id: 'b', label: 'Thời hạn' }] });
    expect((zalo.api.requests[0]!.json as { message: { text: string } }).message.text).toBe('Bạn muốn hỏi gì?\n\n1. Lệ phí\n2. Thời hạn');
  });
});

describe('zalo-oa error mapping', () => {
  const send = (a = adapter()) => a.send({ conversationId: 'zalo-oa:1', userId: 'zalo-oa:1', text: 'x' });
  it.each([
    [{ body: { error: -230, message: 'User has not interacted with the OA in the past 7 days' } }, { kind: 'window-closed' }],
    [{ body: { error: -232, message: 'User has not interacted with the OA, or the last interaction has expired' } }, { kind: 'window-closed' }],
    [{ body: { error: -305, message: 'Offical Account cannot response to user after 48 hours' } }, { kind: 'window-closed' }],
    [{ body: { error: -311, message: 'Out of quota for responding to user message' } }, { kind: 'window-closed' }],
    [{ status: 429, headers: { 'retry-after': '9' }, body: { error: -32, message: 'limit' } }, { kind: 'rate-limit', retryAfterMs: 9000 }],
    [{ body: { error: -32, message: 'Your OA reached limit call api' } }, { kind: 'rate-limit', retryAfterMs: 60000 }],
    [{ status: 500, body: { error: -1, message: 'internal' } }, { kind: 'server' }],
    [{ status: 403, body: { error: -1, message: 'forbidden' } }, { kind: 'auth' }],
    [{ body: { error: -201, message: 'user_id is invalid!' } }, { kind: 'rejected' }],
    [{ body: { error: -224, message: 'The OA needs to upgrade OA Tier Package' } }, { kind: 'rejected' }],
  ])('%j → %j', async (reply, expected) => {
    zalo.api.enqueue('/message/cs', reply);
    expect(await send()).toMatchObject({ ok: false, error: expected });
    expect(zalo.api.requests).toHaveLength(1);
  });

  it('maps a failed fetch to network', async () => {
    expect(await send(adapter({ apiBase: await deadUrl() }))).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('fails with auth and no request when the store holds no tokens', async () => {
    expect(await send(adapter({ tokens: createMemoryTokenStore() }))).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(zalo.api.requests).toHaveLength(0);
  });
});
