// CONTRACT SUITE for channel adapters: the behaviour every adapter must have, whatever the
// platform. Call it from your adapter's test file:
//
//   import { runAdapterContract } from '../channels/adapter-contract.js';
//   import { startFakePlatformApi, type FakePlatformApi } from '../channels/fake-api.js';
//   let api: FakePlatformApi;
//   beforeAll(async () => { api = await startFakePlatformApi({ success: () => ({ status: 200, body: '{"ok":true,"result":{"message_id":1}}' }) }); });
//   afterAll(() => api.close());
//   runAdapterContract(
//     'telegram',
//     (deps) => createTelegramAdapter({ token: 'T', webhookSecret: 'S', apiRoot: api.url }, { fetch, now: () => new Date(), ...deps }),
//     {
//       good: [{ name: 'text message (Bot API Update)', request: signed(readFixture('text.json')) }],
//       forged: [{ name: 'wrong secret', request: withSecret('nope', …) }, { name: 'no secret header', request: … }],
//       malformed: signed('{"update_id":'),
//       ignored: [{ name: 'message from a bot', request: signed(readFixture('from-bot.json')) }],
//       errors: [{ name: 'Telegram 429 with parameters.retry_after', response: { status: 429, body: '{"ok":false,"error_code":429,"parameters":{"retry_after":5}}' }, kind: 'rate-limit', retryAfterMs: 5000 }],
//     },
//     () => api,
//   );
//
// Arguments:
//   makeAdapter(deps?)  a fresh adapter pointed at the fake API (apiBase = api.url); `deps`
//                       overrides AdapterDeps for a check (the suite passes none today, but
//                       spread it last so future checks can inject fetch/now).
//   fixtures.good       authentic requests (right secret / signature) written from the documented
//                       payload shapes; each must verify and parse to >= 1 event (or `events`).
//   fixtures.forged     requests with a missing or wrong secret/signature, or a tampered body:
//                       verify must refuse with 401 or 403.
//   fixtures.malformed  an authentic request whose body is not valid JSON: parse → 400 value.
//   fixtures.ignored    authentic requests without a message for the bot (own echoes, receipts,
//                       typing): parse → ok with zero events.
//   fixtures.errors     platform-specific error answers and the SendFailure kind they map to
//                       (window closed, 429 with retry-after in the body…). 500 → 'server' and a
//                       dropped connection → 'network' are always checked.
//   fakeApi             the fake platform API (or a getter, when it starts in beforeAll): the
//                       suite reads `requests` and queues failures with `failNext`.
//
// Adapters must not retry inside send(): the outbox retries with backoff and rate limits.
import { describe, expect, it } from 'vitest';
import type { AdapterDeps, ChannelAdapter, InboundEvent, OutboundMessage, RawRequest, SendFailure } from '../../src/channels/types.js';
import type { FakePlatformApi, ScriptedResponse } from './fake-api.js';

export interface NamedRequest {
  name: string;
  request: RawRequest;
  /** Exact number of events expected (default: at least one). */
  events?: number;
}

export interface AdapterContractFixtures {
  good: NamedRequest[];
  forged: NamedRequest[];
  malformed: RawRequest;
  ignored?: NamedRequest[];
  errors?: { name: string; response: ScriptedResponse; kind: SendFailure['kind']; retryAfterMs?: number }[];
}

export type ContractFakeApi = Pick<FakePlatformApi, 'requests' | 'failNext'>;

const KINDS = new Set(['text', 'choice', 'photo', 'unsupported']);

export function runAdapterContract(
  name: string,
  makeAdapter: (deps?: Partial<AdapterDeps>) => ChannelAdapter | Promise<ChannelAdapter>,
  fixtures: AdapterContractFixtures,
  fakeApi: ContractFakeApi | (() => ContractFakeApi),
): void {
  const api = () => (typeof fakeApi === 'function' ? fakeApi() : fakeApi);
  const firstEvent = async (a: ChannelAdapter): Promise<InboundEvent> => {
    for (const f of fixtures.good) {
      const r = a.parse(f.request);
      if (r.ok && r.events[0]) return r.events[0];
    }
    throw new Error('no good fixture parses to an event');
  };
  const replyTo = (e: InboundEvent, text: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
    conversationId: e.conversationId,
    userId: e.userId,
    text,
    ...(e.replyContext ? { replyContext: e.replyContext } : {}),
    ...extra,
  });
  const sendCounting = async (a: ChannelAdapter, msg: OutboundMessage) => {
    const before = api().requests.length;
    const result = await a.send(msg);
    return { result, requests: api().requests.length - before };
  };

  describe(`adapter contract: ${name}`, () => {
    it('declares its channel and text limit', async () => {
      const a = await makeAdapter();
      expect(a.channel).toMatch(/^[a-z0-9-]+$/);
      expect(a.maxTextLength).toBeGreaterThan(0);
      expect(fixtures.good.length).toBeGreaterThan(0);
      expect(fixtures.forged.length).toBeGreaterThan(0);
    });

    it('accepts every authentic fixture', async () => {
      const a = await makeAdapter();
      for (const f of fixtures.good) expect(a.verify(f.request), f.name).toMatchObject({ ok: true });
      for (const f of fixtures.ignored ?? []) expect(a.verify(f.request), f.name).toMatchObject({ ok: true });
    });

    it('refuses forged requests with 401 or 403', async () => {
      const a = await makeAdapter();
      for (const f of fixtures.forged) {
        const v = a.verify(f.request);
        expect(v.ok, f.name).toBe(false);
        if (!v.ok) expect([401, 403], f.name).toContain(v.status);
      }
    });

    it('never throws on garbage input', async () => {
      const a = await makeAdapter();
      const junk: RawRequest[] = [
        { method: 'POST', headers: {}, query: {}, rawBody: Buffer.alloc(0) },
        { method: 'POST', headers: { 'content-type': 'application/json' }, query: {}, rawBody: Buffer.from('null') },
        { method: 'POST', headers: { 'content-type': 'application/json' }, query: {}, rawBody: Buffer.from('[1,2') },
        { method: 'GET', headers: {}, query: { 'hub.mode': 'x' }, rawBody: Buffer.from('\u0000\u00ff') },
      ];
      for (const r of junk) {
        const v = a.verify(r);
        expect(typeof v.ok).toBe('boolean');
        const p = a.parse(r);
        if (!p.ok) expect(p.status).toBe(400);
        else expect(Array.isArray(p.events)).toBe(true);
      }
    });

    it('parses every fixture into events with channel-prefixed ids', async () => {
      const a = await makeAdapter();
      for (const f of fixtures.good) {
        const p = a.parse(f.request);
        expect(p.ok, f.name).toBe(true);
        if (!p.ok) continue;
        if (f.events !== undefined) expect(p.events, f.name).toHaveLength(f.events);
        else expect(p.events.length, f.name).toBeGreaterThan(0);
        for (const e of p.events) {
          expect(e.channel, f.name).toBe(a.channel);
          expect(typeof e.eventId === 'string' && e.eventId.length > 0, `${f.name}: eventId`).toBe(true);
          expect(e.conversationId.startsWith(`${a.channel}:`), `${f.name}: conversationId ${e.conversationId}`).toBe(true);
          expect(e.conversationId.length, f.name).toBeGreaterThan(a.channel.length + 1);
          expect(e.userId.startsWith(`${a.channel}:`), `${f.name}: userId ${e.userId}`).toBe(true);
          expect(KINDS.has(e.kind), `${f.name}: kind ${e.kind}`).toBe(true);
          expect(typeof e.text, f.name).toBe('string');
          if (e.kind === 'choice') expect(typeof e.choiceId, `${f.name}: choiceId`).toBe('string');
          expect(Number.isNaN(Date.parse(e.sentAt)), `${f.name}: sentAt ${e.sentAt}`).toBe(false);
          expect(() => JSON.stringify(e), f.name).not.toThrow(); // stored as JSON in the inbox
        }
        // Same bytes → same event ids (redeliveries are deduplicated by id).
        const again = a.parse(f.request);
        if (again.ok) expect(again.events.map((e) => e.eventId), f.name).toEqual(p.events.map((e) => e.eventId));
      }
    });

    it('returns a 400 value for malformed JSON', async () => {
      const a = await makeAdapter();
      expect(a.parse(fixtures.malformed)).toMatchObject({ ok: false, status: 400 });
    });

    it('ignores its own echoes and non-message events', async () => {
      const a = await makeAdapter();
      for (const f of fixtures.ignored ?? []) expect(a.parse(f.request), f.name).toEqual({ ok: true, events: [] });
    });

    it('answers a parsed conversation: the request reaches the platform API', async () => {
      const a = await makeAdapter();
      const e = await firstEvent(a);
      const { result, requests } = await sendCounting(a, replyTo(e, 'Xin chào, đây là câu trả lời thử.'));
      expect(result).toMatchObject({ ok: true });
      if (result.ok) expect(Array.isArray(result.platformMessageIds)).toBe(true);
      expect(requests).toBeGreaterThan(0);
      expect(api().requests.at(-1)?.body ?? '').toContain('Xin chào');
    });

    it('splits text longer than maxTextLength', async () => {
      const a = await makeAdapter();
      if (a.maxTextLength > 20_000) return; // platforms without a practical limit
      const e = await firstEvent(a);
      const words = 'thủ tục hành chính cấp xã '.repeat(Math.ceil((a.maxTextLength * 2.5) / 26));
      const { result, requests } = await sendCounting(a, replyTo(e, words));
      expect(result).toMatchObject({ ok: true });
      expect(requests).toBeGreaterThanOrEqual(3);
    });

    it('sends choices without failing', async () => {
      const a = await makeAdapter();
      const e = await firstEvent(a);
      const { result, requests } = await sendCounting(
        a,
        replyTo(e, 'Bạn muốn hỏi thủ tục nào?\n1. Đăng ký khai sinh\n2. Đăng ký kết hôn', {
          choices: [
            { id: 'c1', label: 'Đăng ký khai sinh' },
            { id: 'c2', label: 'Đăng ký kết hôn' },
          ],
        }),
      );
      expect(result).toMatchObject({ ok: true });
      expect(requests).toBeGreaterThan(0);
    });

    it('maps a 5xx answer to a server failure without throwing', async () => {
      const a = await makeAdapter();
      const e = await firstEvent(a);
      api().failNext({ status: 500, body: '{"error":"internal"}' });
      const r = await a.send(replyTo(e, 'thử lỗi máy chủ'));
      expect(r).toMatchObject({ ok: false, error: { kind: 'server' } });
    });

    it('maps a dropped connection to a network failure without throwing', async () => {
      const a = await makeAdapter();
      const e = await firstEvent(a);
      api().failNext({ drop: true });
      const r = await a.send(replyTo(e, 'thử mất kết nối'));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(['network', 'server']).toContain(r.error.kind);
    });

    for (const f of fixtures.errors ?? []) {
      it(`maps platform error: ${f.name}`, async () => {
        const a = await makeAdapter();
        const e = await firstEvent(a);
        api().failNext(f.response);
        const r = await a.send(replyTo(e, 'thử lỗi nền tảng'));
        expect(r).toMatchObject({ ok: false, error: { kind: f.kind } });
        if (f.retryAfterMs !== undefined && !r.ok && r.error.kind === 'rate-limit') expect(r.error.retryAfterMs).toBe(f.retryAfterMs);
      });
    }
  });
}
