// Token buckets, backoff, CHANNEL_RATE_LIMITS parsing, and the outbox-backed staff replier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffDelay, createOutboxReplier, createTokenBucket, deliveryState, parseRateLimits } from '../../src/channels/index.js';
import { startFakePlatformApi, type FakePlatformApi } from './fake-api.js';
import { clock, makePipeline, openQueue, tempDb } from './harness.js';

describe('token bucket', () => {
  it('allows a burst, then refills at the rate', () => {
    const b = createTokenBucket({ perSecond: 2, burst: 3 }, 0);
    expect([b.tryTake(0), b.tryTake(0), b.tryTake(0), b.tryTake(0)]).toEqual([true, true, true, false]);
    expect(b.nextAt(0)).toBe(500);
    expect(b.tryTake(499)).toBe(false);
    expect(b.tryTake(500)).toBe(true);
    b.refund();
    expect(b.tryTake(500)).toBe(true);
  });

  it('pauses until a retry-after', () => {
    const b = createTokenBucket({ perSecond: 100, burst: 100 }, 0);
    b.pauseUntil(5000);
    expect(b.tryTake(4999)).toBe(false);
    expect(b.nextAt(10)).toBe(5000);
    expect(b.tryTake(5000)).toBe(true);
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter, capped', () => {
    expect(backoffDelay(1, () => 0, { baseMs: 1000 })).toBe(500);
    expect(backoffDelay(1, () => 1, { baseMs: 1000 })).toBe(1000);
    expect(backoffDelay(3, () => 1, { baseMs: 1000 })).toBe(4000);
    expect(backoffDelay(40, () => 1, { baseMs: 1000, maxMs: 60_000 })).toBe(60_000);
  });

  it('never retries before a retry-after', () => {
    for (const r of [0, 0.5, 1]) {
      const d = backoffDelay(1, () => r, { baseMs: 1000 }, 30_000);
      expect(d).toBeGreaterThanOrEqual(30_000);
      expect(d).toBeLessThanOrEqual(31_000);
    }
  });
});

describe('CHANNEL_RATE_LIMITS', () => {
  it('parses channel=perSecond[/burst]', () => {
    expect(parseRateLimits('telegram=30/30, zalo-oa=5')).toEqual({ ok: true, limits: { telegram: { perSecond: 30, burst: 30 }, 'zalo-oa': { perSecond: 5, burst: 5 } } });
    expect(parseRateLimits('')).toEqual({ ok: true, limits: {} });
    expect(parseRateLimits('telegram=fast').ok).toBe(false);
    expect(parseRateLimits('telegram=0').ok).toBe(false);
  });
});

describe('outbox replier (CitizenReplier shape)', () => {
  let api: FakePlatformApi;
  beforeAll(async () => {
    api = await startFakePlatformApi();
  });
  afterAll(() => api.close());
  const ticket = { channel: 'fake', conversationId: 'fake:c1', citizenUserId: 'fake:u1' };

  it('reports sent, window closed, and failed for a channel without adapter', async () => {
    const c = clock();
    const q = await openQueue(tempDb(), c);
    const p = makePipeline(q, api, c);
    const replier = createOutboxReplier(p, { waitMs: 5000 });
    const sending = replier.send(ticket, 'Cán bộ trả lời', { fromStaff: true, messageId: 3 });
    await new Promise((r) => setTimeout(r, 20));
    await p.drain();
    expect(await sending).toEqual({ ok: true });
    expect(api.delivered().at(-1)?.json).toMatchObject({ text: 'Cán bộ trả lời', staff: true });

    api.failNext({ status: 400, body: '{"error":"window_closed"}' });
    const closed = replier.send(ticket, 'quá hạn', { fromStaff: true });
    await new Promise((r) => setTimeout(r, 20));
    await p.drain();
    expect(await closed).toEqual({ ok: false, reason: 'window-closed' });

    expect(await replier.send({ ...ticket, channel: 'zalo', conversationId: 'zalo:1' }, 'x', { fromStaff: true })).toEqual({ ok: false, reason: 'failed' });
    await q.close();
  });

  it('maps final outcomes to ticket message delivery states', () => {
    expect([deliveryState({ status: 'sent' }), deliveryState({ status: 'window-closed' }), deliveryState({ status: 'dead' })]).toEqual(['sent', 'needs_callback', 'failed']);
  });
});
