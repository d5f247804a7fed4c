// Messenger adapter against a fake Graph API on 127.0.0.1 (real HTTP, real fetch, no mocks).
// Payload shapes and wire facts: /work/shared/docs/platforms.md §3 (Meta Messenger Platform).
import { createHmac } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMessengerAdapter, truncateTitle } from '../../adapters/messenger/index.js';
import type { ChannelAdapter, InboundEvent, RawRequest } from '../../src/channels/types.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'messenger');
const fixture = (name: string): Buffer => readFileSync(join(FIX, name));
const SECRET = 'test-app-secret';
const VERIFY = 'my-verify-token';
const TOKEN = 'PAGE-TOKEN/with+odd=chars';
const NOW = new Date('2025-01-01T12:00:00.000Z');
const HOUR = 3_600_000;

interface Recorded { method: string; url: string; headers: IncomingHttpHeaders; body: any }
interface Scripted { status: number; body: unknown; headers?: Record<string, string> }

function fakeGraph() {
  const requests: Recorded[] = [];
  const script: Scripted[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : undefined });
      const next = script.shift() ?? { status: 200, body: { recipient_id: '24680135792468013', message_id: `m_sent_${++n}` } };
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(JSON.stringify(next.body));
    });
  });
  return { server, requests, script };
}

const graph = fakeGraph();
let base = '';
beforeAll(async () => {
  await new Promise<void>((r) => graph.server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(graph.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => graph.server.close(() => r())));
beforeEach(() => {
  graph.requests.length = 0;
  graph.script.length = 0;
});

function adapter(extra: { typingIndicator?: boolean; now?: Date } = {}): ChannelAdapter {
  return createMessengerAdapter(
    { pageAccessToken: TOKEN, appSecret: SECRET, verifyToken: VERIFY, graphApiBase: base, graphApiVersion: 'v25.0', typingIndicator: extra.typingIndicator },
    { fetch, now: () => extra.now ?? NOW },
  );
}

const sign = (body: Buffer, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const post = (body: Buffer, headers: Record<string, string | undefined> = { 'x-hub-signature-256': sign(body) }): RawRequest => ({
  method: 'POST', headers, query: {}, rawBody: body,
});
const get = (query: Record<string, string | undefined>): RawRequest => ({ method: 'GET', headers: {}, query, rawBody: Buffer.alloc(0) });
function events(a: ChannelAdapter, body: Buffer): InboundEvent[] {
  const r = a.parse(post(body));
  if (!r.ok) throw new Error(r.reason);
  return r.events;
}

describe('messenger verify', () => {
  it('answers the GET handshake with the raw challenge', () => {
    const r = adapter().verify(get({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY, 'hub.challenge': '1158201444' }));
    expect(r).toEqual({ ok: true, respond: { status: 200, contentType: 'text/plain; charset=utf-8', body: '1158201444' } });
  });
  it('refuses a handshake with a wrong token, wrong mode or no challenge (403)', () => {
    const a = adapter();
    for (const q of [
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'my-verify-tokeN', 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': '1' },
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY, 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY },
      { 'hub.mode': 'subscribe', 'hub.challenge': '1' },
    ]) expect(a.verify(get(q))).toMatchObject({ ok: false, status: 403 });
  });
  it('accepts the documented signature test vector (raw bytes, escaped non-ASCII)', () => {
    const body = fixture('signed-vector.json');
    const header = 'sha256=9b498205fd06411ea73c04ba97bd2ce1f88a5165b353479a682dd8a1d6ede594';
    expect(adapter().verify(post(body, { 'x-hub-signature-256': header }))).toEqual({ ok: true });
    expect(events(adapter(), body)[0]).toMatchObject({ kind: 'text', text: 'Xin chào', eventId: 'm_abc123' });
  });
  it('rejects a missing signature with 401 and a wrong or malformed one with 403', () => {
    const a = adapter();
    const body = fixture('text.json');
    expect(a.verify(post(body, {}))).toMatchObject({ ok: false, status: 401 });
    expect(a.verify(post(body, { 'x-hub-signature-256': sign(body, 'other-secret') }))).toMatchObject({ ok: false, status: 403 });
    expect(a.verify(post(body, { 'x-hub-signature-256': 'sha256=abc' }))).toMatchObject({ ok: false, status: 403 });
    expect(a.verify(post(body, { 'x-hub-signature-256': sign(body).replace('sha256=', 'sha1=') }))).toMatchObject({ ok: false, status: 403 });
    // Re-serialised JSON is a different byte string: its signature must not verify the original.
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(fixture('signed-vector.json').toString())));
    expect(a.verify(post(fixture('signed-vector.json'), { 'x-hub-signature-256': sign(reserialised) }))).toMatchObject({ ok: false, status: 403 });
    expect(a.verify({ ...post(body), method: 'PUT' })).toMatchObject({ ok: false, status: 403 });
  });
});

describe('messenger parse', () => {
  it('parses every fixture into the documented events', () => {
    const expected: Record<string, Array<Partial<InboundEvent>>> = {
      'text.json': [{ kind: 'text', eventId: 'm_AbCdEf123', text: 'Làm căn cước cho con cần giấy tờ gì?' }],
      'quick-reply.json': [{ kind: 'choice', eventId: 'm_QuickReply1', choiceId: 'TTHC_CCCD', text: 'Căn cước' }],
      'postback.json': [{ kind: 'choice', eventId: 'm_XyZ789', choiceId: 'GET_STARTED' }],
      'postback-no-mid.json': [{ kind: 'choice', eventId: 'postback:24680135792468013:1735689710000:MENU_TRA_CUU', choiceId: 'MENU_TRA_CUU' }],
      'image.json': [{ kind: 'photo', eventId: 'm_Image456', text: '' }],
      'sticker.json': [{ kind: 'unsupported', eventId: 'm_Sticker1' }],
      'echo.json': [],
      'delivery-read.json': [],
      'batched.json': [{ eventId: 'm_Batch1', conversationId: 'messenger:13579246801357924' }, { eventId: 'm_Batch2', text: 'Cảm ơn' }],
      'signed-vector.json': [{ kind: 'text', eventId: 'm_abc123' }],
    };
    const files = readdirSync(FIX).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(Object.keys(expected).sort());
    for (const f of files) {
      const got = events(adapter(), fixture(f));
      expect(got, f).toHaveLength(expected[f]!.length);
      got.forEach((e, i) => {
        expect(e, f).toMatchObject(expected[f]![i]!);
        expect(e.channel).toBe('messenger');
        expect(e.userId).toBe(e.conversationId);
      });
    }
  });
  it('takes ids and times from the payload (PSID, epoch ms)', () => {
    const [e] = events(adapter(), fixture('text.json'));
    expect(e).toEqual({
      eventId: 'm_AbCdEf123', channel: 'messenger', conversationId: 'messenger:24680135792468013', userId: 'messenger:24680135792468013',
      kind: 'text', text: 'Làm căn cước cho con cần giấy tờ gì?', sentAt: '2025-01-01T00:00:00.000Z',
      replyContext: { lastUserMessageAt: '2025-01-01T00:00:00.000Z', pageId: '112233445566778' },
    });
  });
  it('ignores our own echoes', () => {
    expect(events(adapter(), fixture('echo.json'))).toEqual([]);
  });
  it('returns 400 for malformed JSON or a body without entry[]', () => {
    const a = adapter();
    expect(a.parse(post(Buffer.from('{"object":"page","entry":[')))).toMatchObject({ ok: false, status: 400 });
    expect(a.parse(post(Buffer.from('[1,2]')))).toMatchObject({ ok: false, status: 400 });
    expect(a.parse(post(Buffer.from('{"object":"page"}')))).toMatchObject({ ok: false, status: 400 });
  });
});

describe('messenger send', () => {
  it('round-trips the conversation id and makes the documented Send API request', async () => {
    const a = adapter();
    const [e] = events(a, fixture('text.json'));
    const r = await a.send({ conversationId: e!.conversationId, userId: e!.userId, text: 'Dạ, anh/chị cần tờ khai CT01.', replyContext: e!.replyContext });
    expect(r).toEqual({ ok: true, platformMessageIds: [expect.stringMatching(/^m_sent_\d+$/)] });
    expect(graph.requests).toHaveLength(1);
    const req = graph.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe(`/v25.0/me/messages?access_token=${encodeURIComponent(TOKEN)}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.body).toEqual({ recipient: { id: '24680135792468013' }, messaging_type: 'RESPONSE', message: { text: 'Dạ, anh/chị cần tờ khai CT01.' } });
  });
  it('renders choices as at most 13 quick replies with titles of at most 20 characters', async () => {
    const choices = Array.from({ length: 15 }, (_, i) => ({ id: `c${i}`, label: i === 0 ? 'Cấp đổi thẻ căn cước khi hết hạn' : `Lựa chọn ${i}` }));
    await adapter().send({ conversationId: 'messenger:1', userId: 'messenger:1', text: 'Anh/chị hỏi thủ tục nào?\n1. …', choices });
    const qr = graph.requests[0]!.body.message.quick_replies;
    expect(qr).toHaveLength(13);
    expect(qr[0]).toEqual({ content_type: 'text', title: 'Cấp đổi thẻ căn…', payload: 'c0' });
    expect(qr[12]).toEqual({ content_type: 'text', title: 'Lựa chọn 12', payload: 'c12' });
    for (const q of qr) expect(Array.from(q.title as string).length).toBeLessThanOrEqual(20);
    expect(truncateTitle('Đăng ký thường trú cho trẻ em')).toBe('Đăng ký thường trú…');
  });
  it('splits long text at 2,000 characters and puts quick replies on the last part only', async () => {
    const text = Array.from({ length: 60 }, (_, i) => `Bước ${i + 1}: nộp hồ sơ tại bộ phận một cửa cấp xã.`).join('\n');
    const r = await adapter().send({ conversationId: 'messenger:1', userId: 'messenger:1', text, choices: [{ id: 'yes', label: 'Có' }] });
    expect(r.ok && r.platformMessageIds.length).toBe(graph.requests.length);
    expect(graph.requests.length).toBeGreaterThan(1);
    for (const q of graph.requests) expect(q.body.message.text.length).toBeLessThanOrEqual(2000);
    expect(graph.requests.map((q) => q.body.message.text).join('\n')).toBe(text);
    expect(graph.requests.map((q) => q.body.message.quick_replies === undefined)).toEqual([...graph.requests.slice(1).map(() => true), false]);
  });
  it('uses HUMAN_AGENT only for staff replies between 24 h and 7 days', async () => {
    const a = adapter();
    const ctx = (hoursAgo: number) => ({ lastUserMessageAt: new Date(NOW.getTime() - hoursAgo * HOUR).toISOString() });
    const msg = { conversationId: 'messenger:7', userId: 'messenger:7', text: 'Cán bộ trả lời' };
    expect(await a.send({ ...msg, fromStaff: true, replyContext: ctx(2) })).toMatchObject({ ok: true });
    expect(await a.send({ ...msg, fromStaff: true, replyContext: ctx(30) })).toMatchObject({ ok: true });
    expect(graph.requests.map((q) => [q.body.messaging_type, q.body.tag])).toEqual([['RESPONSE', undefined], ['MESSAGE_TAG', 'HUMAN_AGENT']]);
    // A bot reply after 24 h and a staff reply after 7 days are refused without calling Meta.
    expect(await a.send({ ...msg, replyContext: ctx(30) })).toMatchObject({ ok: false, error: { kind: 'window-closed' } });
    expect(await a.send({ ...msg, fromStaff: true, replyContext: { lastUserMessageAt: NOW.getTime() - 8 * 24 * HOUR } })).toMatchObject({ ok: false, error: { kind: 'window-closed' } });
    expect(graph.requests).toHaveLength(2);
  });
  it('without the last-message time, retries a refused staff reply once with HUMAN_AGENT, never a bot reply', async () => {
    const a = adapter();
    const windowErr = { status: 400, body: { error: { message: '(#10) This message is sent outside of allowed window.', code: 10, error_subcode: 2018278 } } };
    graph.script.push(windowErr);
    const staff = await a.send({ conversationId: 'messenger:7', userId: 'messenger:7', text: 'Cán bộ trả lời', fromStaff: true });
    expect(staff).toMatchObject({ ok: true });
    expect(graph.requests.map((q) => [q.body.messaging_type, q.body.tag])).toEqual([['RESPONSE', undefined], ['MESSAGE_TAG', 'HUMAN_AGENT']]);
    graph.script.push(windowErr);
    const bot = await a.send({ conversationId: 'messenger:7', userId: 'messenger:7', text: 'Bot trả lời' });
    expect(bot).toMatchObject({ ok: false, error: { kind: 'window-closed' } });
    expect(graph.requests).toHaveLength(3);
  });
  it('sends typing_on before a bot reply only when enabled', async () => {
    await adapter({ typingIndicator: true }).send({ conversationId: 'messenger:1', userId: 'messenger:1', text: 'Chào anh/chị' });
    await adapter({ typingIndicator: true }).send({ conversationId: 'messenger:1', userId: 'messenger:1', text: 'Cán bộ', fromStaff: true });
    await adapter().send({ conversationId: 'messenger:1', userId: 'messenger:1', text: 'Chào' });
    expect(graph.requests.map((q) => q.body.sender_action ?? q.body.messaging_type)).toEqual(['typing_on', 'RESPONSE', 'RESPONSE', 'RESPONSE']);
  });
  it('maps Graph errors to retry-relevant kinds', async () => {
    const a = adapter();
    const msg = { conversationId: 'messenger:1', userId: 'messenger:1', text: 'x' };
    const graphErr = (status: number, code: number, sub?: number, message = 'err', headers?: Record<string, string>) =>
      graph.script.push({ status, headers, body: { error: { message, type: 'OAuthException', code, error_subcode: sub, fbtrace_id: 'A' } } });
    const cases: Array<[() => void, string, number?]> = [
      [() => graphErr(400, 10, 2018278, '(#10) This message is sent outside of allowed window.'), 'window-closed'],
      [() => graphErr(400, 10, 2018108, 'policy'), 'window-closed'],
      [() => graphErr(400, 10, 2018065, '(#10) This message is sent outside of allowed window. You need page_messaging_subscriptions'), 'window-closed'],
      [() => graphErr(400, 10, 1893063, 'Page temporarily restricted'), 'rejected'],
      [() => graphErr(400, 613, undefined, 'Calls to this api have exceeded the rate limit.'), 'rate-limit'],
      [() => graphErr(400, 4, undefined, 'Application request limit reached'), 'rate-limit'],
      [() => graphErr(429, 4, undefined, 'slow down', { 'retry-after': '7' }), 'rate-limit', 7000],
      [() => graphErr(401, 190, 463, 'Error validating access token'), 'auth'],
      [() => graphErr(403, 99999, undefined, 'forbidden'), 'auth'],
      [() => graphErr(500, 1200, undefined, 'Temporary send message failure'), 'server'],
      [() => graph.script.push({ status: 502, body: 'bad gateway' }), 'server'],
      [() => graphErr(400, 100, 2018001, 'No matching user found'), 'rejected'],
    ];
    for (const [arrange, kind, retryAfterMs] of cases) {
      arrange();
      const r = await a.send(msg);
      expect(r.ok ? 'ok' : r.error.kind).toBe(kind);
      if (retryAfterMs !== undefined && !r.ok && r.error.kind === 'rate-limit') expect(r.error.retryAfterMs).toBe(retryAfterMs);
    }
  });
  it('delivers exactly once when the Graph API fails twice and then succeeds', async () => {
    const a = adapter();
    graph.script.push({ status: 500, body: { error: { code: 1200, message: 'Temporary send message failure' } } }, { status: 503, body: {} });
    const msg = { conversationId: 'messenger:1', userId: 'messenger:1', text: 'Dạ.' };
    const kinds = [await a.send(msg), await a.send(msg), await a.send(msg)].map((r) => (r.ok ? 'ok' : r.error.kind));
    expect(kinds).toEqual(['server', 'server', 'ok']);
    expect(graph.requests).toHaveLength(3);
  });
  it('maps an unreachable Graph API to network', async () => {
    const a = createMessengerAdapter(
      { pageAccessToken: TOKEN, appSecret: SECRET, verifyToken: VERIFY, graphApiBase: 'http://127.0.0.1:1' },
      { fetch, now: () => NOW },
    );
    expect(await a.send({ conversationId: 'messenger:1', userId: 'messenger:1', text: 'x' })).toMatchObject({ ok: false, error: { kind: 'network' } });
  });
  it('does not resend parts of a split message that Meta already accepted', async () => {
    const a = adapter();
    const text = `${'a '.repeat(900)}\n\n${'b '.repeat(900)}\n\n${'c '.repeat(900)}`;
    graph.script.push({ status: 200, body: { message_id: 'm_p1' } }, { status: 500, body: { error: { code: 2, message: 'temporary' } } });
    const first = await a.send({ conversationId: 'messenger:1', userId: 'messenger:1', text });
    expect(first).toMatchObject({ ok: false, error: { kind: 'server' } });
    const second = await a.send({ conversationId: 'messenger:1', userId: 'messenger:1', text });
    expect(second).toMatchObject({ ok: true });
    const texts = graph.requests.map((q) => q.body.message.text[0]);
    expect(texts).toEqual(['a', 'b', 'b', 'c']);
    expect(second.ok && second.platformMessageIds[0]).toBe('m_p1');
  });
  it('refuses a conversation of another channel', async () => {
    expect(await adapter().send({ conversationId: 'telegram:1', userId: 'telegram:1', text: 'x' })).toMatchObject({ ok: false, error: { kind: 'rejected' } });
    expect(graph.requests).toHaveLength(0);
  });
});
