// Bot Framework adapter with the real botbuilder CloudAdapter against a fake Bot Connector
// service on 127.0.0.1 (activity.serviceUrl points at it). Auth disabled (empty app id, the SDK's
// Emulator mode) for the wire tests; JWT validation is tested separately in botframework-auth.
// Activity shapes: /work/shared/docs/platforms.md §5 "Activity shape (inbound, from the channel)".
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBotFrameworkAdapter, type BotFrameworkChannelAdapter } from '../../adapters/botframework/index.js';
import type { InboundEvent, RawRequest } from '../../src/channels/types.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'botframework');
const NOW = new Date('2026-11-28T04:30:05.000Z');

interface Recorded { method: string; url: string; headers: IncomingHttpHeaders; body: any }
interface Scripted { status: number; body: unknown; headers?: Record<string, string> }

const requests: Recorded[] = [];
const script: Scripted[] = [];
let n = 0;
const connector: Server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : undefined });
    const next = script.shift() ?? { status: 200, body: { id: `reply-${++n}` } };
    res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
    res.end(JSON.stringify(next.body));
  });
});
let serviceUrl = '';
beforeAll(async () => {
  await new Promise<void>((r) => connector.listen(0, '127.0.0.1', r));
  serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => connector.close(() => r())));
beforeEach(() => {
  requests.length = 0;
  script.length = 0;
});

const adapter = (): BotFrameworkChannelAdapter => createBotFrameworkAdapter({ appId: '', appPassword: '', allowUnauthenticated: true }, { fetch, now: () => NOW });
/** Fixture bytes with serviceUrl pointed at the fake connector. */
const fixture = (name: string): Buffer =>
  Buffer.from(readFileSync(join(FIX, name), 'utf8').replaceAll('https://webchat.botframework.com/', serviceUrl));
const post = (body: Buffer): RawRequest => ({ method: 'POST', headers: { 'content-type': 'application/json' }, query: {}, rawBody: body });
async function receive(a: BotFrameworkChannelAdapter, body: Buffer): Promise<InboundEvent[]> {
  const req = post(body);
  expect(a.verify(req)).toEqual({ ok: true });
  expect(await a.verifyAsync(req)).toEqual({ ok: true });
  const r = a.parse(req);
  if (!r.ok) throw new Error(r.reason);
  return r.events;
}

describe('botframework parse', () => {
  it('parses every fixture into the documented events', async () => {
    const expected: Record<string, Array<Partial<InboundEvent>>> = {
      'message.json': [{ kind: 'text', eventId: 'act-1', text: 'Xin chào', userName: 'Nguyễn Văn An' }],
      'postback-choice.json': [{ kind: 'choice', eventId: 'act-2', choiceId: 'proc-1.000001' }],
      'image.json': [{ kind: 'photo', eventId: 'act-3', text: '' }],
      'conversation-update.json': [],
      'bot-echo.json': [],
      'typing.json': [],
    };
    const files = readdirSync(FIX).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(Object.keys(expected).sort());
    for (const f of files) {
      const got = await receive(adapter(), fixture(f));
      expect(got, f).toHaveLength(expected[f]!.length);
      got.forEach((e, i) => expect(e, f).toMatchObject({ channel: 'botframework', ...expected[f]![i]! }));
    }
  });
  it('prefixes ids with the channel and keeps the reply context', async () => {
    const [e] = await receive(adapter(), fixture('message.json'));
    expect(e).toMatchObject({
      conversationId: 'botframework:webchat:conv-1',
      userId: 'botframework:webchat:user-1',
      sentAt: '2026-11-28T04:30:00.000Z',
      replyContext: { serviceUrl, channelId: 'webchat', conversationId: 'conv-1', activityId: 'act-1', botId: 'bot-1', userId: 'user-1', locale: 'vi-VN' },
    });
  });
  it('returns 400 for malformed JSON and for a message without conversation', () => {
    const a = adapter();
    expect(a.parse(post(Buffer.from('{"type":"message",')))).toMatchObject({ ok: false, status: 400 });
    expect(a.parse(post(Buffer.from('"text"')))).toMatchObject({ ok: false, status: 400 });
    expect(a.parse(post(Buffer.from(JSON.stringify({ type: 'message', channelId: 'webchat', serviceUrl, from: { id: 'u' }, text: 'x' }))))).toMatchObject({ ok: false, status: 400 });
  });
  it('refuses methods other than POST', () => {
    expect(adapter().verify({ ...post(Buffer.from('{}')), method: 'GET' })).toMatchObject({ ok: false, status: 403 });
  });
});

describe('botframework send (CloudAdapter → fake connector)', () => {
  it('a parsed activity gets its reply at the connector, with suggested actions for choices', async () => {
    const a = adapter();
    const [e] = await receive(a, fixture('message.json'));
    const r = await a.send({
      conversationId: e!.conversationId, userId: e!.userId, replyContext: e!.replyContext,
      text: 'Anh/chị muốn hỏi thủ tục nào?\n1. Cấp căn cước\n2. Hộ chiếu',
      choices: [{ id: 'proc-cccd', label: 'Cấp căn cước' }, { id: 'proc-hc', label: 'Hộ chiếu' }],
    });
    expect(r).toEqual({ ok: true, platformMessageIds: ['reply-' + n] });
    expect(requests).toHaveLength(1);
    const q = requests[0]!;
    expect(q.method).toBe('POST');
    expect(q.url).toBe('/v3/conversations/conv-1/activities/act-1');
    expect(q.headers.authorization).toBeUndefined(); // auth disabled: no AAD token
    expect(q.body).toMatchObject({
      type: 'message', channelId: 'webchat', text: 'Anh/chị muốn hỏi thủ tục nào?\n1. Cấp căn cước\n2. Hộ chiếu',
      conversation: { id: 'conv-1' }, recipient: { id: 'user-1' }, from: { id: 'bot-1' }, replyToId: 'act-1', inputHint: 'expectingInput',
      suggestedActions: {
        to: ['user-1'],
        actions: [
          { type: 'postBack', title: 'Cấp căn cước', value: { choiceId: 'proc-cccd' } },
          { type: 'postBack', title: 'Hộ chiếu', value: { choiceId: 'proc-hc' } },
        ],
      },
    });
  });
  it('a pressed suggested action comes back as a choice with the same id', async () => {
    const a = adapter();
    const [e] = await receive(a, fixture('postback-choice.json'));
    expect(e).toMatchObject({ kind: 'choice', choiceId: 'proc-1.000001', conversationId: 'botframework:webchat:conv-1' });
    await a.send({ conversationId: e!.conversationId, userId: e!.userId, replyContext: e!.replyContext, text: 'Dạ.' });
    expect(requests[0]!.url).toBe('/v3/conversations/conv-1/activities/act-2');
    expect(requests[0]!.body.suggestedActions).toBeUndefined();
  });
  it('splits long text for channels with a small limit (facebook via Azure: 2,000)', async () => {
    const a = adapter();
    const [e] = await receive(a, fixture('message.json'));
    const text = Array.from({ length: 80 }, (_, i) => `Dòng ${i + 1}: thông tin thủ tục hành chính.`).join('\n');
    const r = await a.send({ conversationId: e!.conversationId, userId: e!.userId, replyContext: { ...e!.replyContext!, channelId: 'facebook' }, text });
    expect(r.ok && r.platformMessageIds.length).toBe(2);
    expect(requests.map((q) => q.body.text.length <= 2000)).toEqual([true, true]);
    expect(requests.map((q) => q.body.text).join('\n')).toBe(text);
  });
  it('maps connector failures: 401 → auth, 429 → rate-limit, 500 → server, 400 → rejected, unreachable → network', async () => {
    const a = adapter();
    const [e] = await receive(a, fixture('message.json'));
    const msg = { conversationId: e!.conversationId, userId: e!.userId, replyContext: e!.replyContext, text: 'x' };
    const outcomes: string[] = [];
    for (const s of [
      { status: 401, body: { error: { code: 'Unauthorized', message: 'no' } } },
      { status: 400, body: { error: { code: 'BadArgument', message: 'bad' } } },
    ] as Scripted[]) {
      script.push(s);
      const r = await a.send(msg);
      outcomes.push(r.ok ? 'ok' : r.error.kind);
    }
    expect(outcomes).toEqual(['auth', 'rejected']);
    // 429 and 5xx: exactly one HTTP attempt each (the SDK pipeline's own retries are removed,
    // the durable outbox retries), classified as retryable, retry-after passed on.
    requests.length = 0;
    script.push({ status: 429, body: {}, headers: { 'retry-after': '3' } });
    expect(await a.send(msg)).toMatchObject({ ok: false, error: { kind: 'rate-limit', retryAfterMs: 3000 } });
    script.push({ status: 500, body: { error: { code: 'ServiceError', message: 'boom' } } });
    expect(await a.send(msg)).toMatchObject({ ok: false, error: { kind: 'server' } });
    expect(requests).toHaveLength(2);
    // Fails twice, then succeeds: the third send delivers exactly one message.
    script.push({ status: 503, body: {} }, { status: 502, body: {} });
    const tries = [await a.send(msg), await a.send(msg), await a.send(msg)].map((r) => (r.ok ? 'ok' : r.error.kind));
    expect(tries).toEqual(['server', 'server', 'ok']);
    expect(requests).toHaveLength(5);
    script.length = 0;
    const gone = await a.send({ ...msg, replyContext: { ...msg.replyContext!, serviceUrl: 'http://127.0.0.1:1/' } });
    expect(gone).toMatchObject({ ok: false, error: { kind: 'network' } });
  });
  it('refuses to send without a reply context', async () => {
    expect(await adapter().send({ conversationId: 'botframework:webchat:conv-1', userId: 'botframework:webchat:user-1', text: 'x' }))
      .toMatchObject({ ok: false, error: { kind: 'rejected' } });
    expect(requests).toHaveLength(0);
  });
});
