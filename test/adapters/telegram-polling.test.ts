// Telegram long polling through the real telegraf client against the fake Bot API: webhook
// deleted first, scripted updates delivered as events, offset confirmed only after onEvents
// accepted a batch, failures retried, stop() ends an in-flight long poll.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTelegramAdapter } from '../../adapters/telegram/index.js';
import type { AdapterDeps, InboundEvent } from '../../src/channels/types.js';
import { startFakeTelegramApi, type FakeTelegramApi } from './telegram-fake-api.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'telegram');
const TOKEN = '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11';
const update = (name: string): { update_id: number } => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as { update_id: number };

let api: FakeTelegramApi;
const warnings: string[] = [];
const warnWaiters: Array<{ msg: string; resolve: () => void }> = [];
const warned = (msg: string) =>
  new Promise<void>((resolve) => (warnings.includes(msg) ? resolve() : warnWaiters.push({ msg, resolve })));
const deps = (): AdapterDeps => ({
  fetch,
  now: () => new Date('2026-11-28T06:00:00.000Z'),
  logger: {
    info: () => undefined,
    warn: (m) => {
      warnings.push(m);
      for (const w of warnWaiters.filter((x) => x.msg === m)) w.resolve();
    },
  },
});
beforeEach(async () => {
  api = await startFakeTelegramApi();
  warnings.length = 0;
});
afterEach(async () => {
  await api.close();
});
const make = () => createTelegramAdapter({ botToken: TOKEN, apiRoot: api.url, mode: 'polling', pollingTimeoutSeconds: 20 }, deps());

/** Collects batches; resolves `until(n)` once n events arrived. */
function collector() {
  const events: InboundEvent[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  return {
    events,
    onEvents: async (batch: InboundEvent[]) => {
      events.push(...batch);
      for (const w of [...waiters]) if (events.length >= w.n) w.resolve();
    },
    until: (n: number) => new Promise<void>((resolve) => (events.length >= n ? resolve() : waiters.push({ n, resolve }))),
  };
}

describe('telegram polling', () => {
  it('deletes the webhook, then delivers scripted updates and confirms them by offset', async () => {
    api.pushUpdates(update('text-private.json'), update('from-bot.json'), update('photo-caption.json'));
    const c = collector();
    const handle = make().startPolling!(c.onEvents);
    await c.until(2);
    await api.waitForCalls('getUpdates', 2); // the next long poll is open
    await handle.stop();
    expect(api.requests[0]?.method).toBe('deleteWebhook');
    expect(api.requests[0]?.body).toEqual({ drop_pending_updates: false });
    expect(c.events.map((e) => [e.eventId, e.kind, e.conversationId])).toEqual([
      ['10001', 'text', 'telegram:42'],
      ['10003', 'photo', 'telegram:42'],
    ]);
    const polls = api.calls('getUpdates');
    expect(polls[0]?.body).toEqual({ timeout: 20, allowed_updates: ['message', 'callback_query'] });
    expect(polls[1]?.body).toMatchObject({ timeout: 20, offset: 10004 });
    expect(polls.every((p) => p.path === `/bot${TOKEN}/getUpdates`)).toBe(true);
  });

  it('stop() ends the long poll in flight and no request follows the final confirmation', async () => {
    api.pushUpdates(update('text-private.json'));
    const c = collector();
    const handle = make().startPolling!(c.onEvents);
    await c.until(1);
    await api.waitForCalls('getUpdates', 2);
    await handle.stop();
    await vi.waitFor(() => expect(api.abortedPolls).toBe(1)); // the fake saw the poll dropped
    const after = api.requests.length;
    // the last request is the short confirmation of the offset (timeout 0), not a new long poll
    expect(api.requests.at(-1)?.body).toEqual({ offset: 10002, limit: 1, timeout: 0 });
    await new Promise((r) => setTimeout(r, 50));
    expect(api.requests.length).toBe(after);
  });

  it('fetches the same batch again when onEvents fails (offset not advanced)', async () => {
    api.pushUpdates(update('text-private.json'));
    let calls = 0;
    const seen: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const handle = make().startPolling!(async (events) => {
      calls += 1;
      seen.push(...events.map((e) => e.eventId));
      if (calls === 1) throw new Error('inbox unavailable');
      done();
    });
    await finished;
    await handle.stop();
    expect(seen).toEqual(['10001', '10001']);
    expect(api.calls('getUpdates')[1]?.body.offset).toBeUndefined();
    expect(warnings).toContain('telegram onEvents failed, will fetch the batch again');
  });

  it('retries getUpdates after a 500 and still delivers', async () => {
    api.script('getUpdates', { status: 500, json: { ok: false, error_code: 500, description: 'Internal Server Error' } });
    api.pushUpdates(update('text-private.json'));
    const c = collector();
    const handle = make().startPolling!(c.onEvents);
    await c.until(1);
    await handle.stop();
    expect(c.events[0]?.eventId).toBe('10001');
    expect(warnings).toContain('telegram getUpdates failed, retrying');
  });

  it('answers pressed buttons it received by polling', async () => {
    api.pushUpdates(update('callback-query.json'));
    const c = collector();
    const handle = make().startPolling!(c.onEvents);
    await c.until(1);
    await api.waitForCalls('answerCallbackQuery', 1);
    await handle.stop();
    expect(c.events[0]).toMatchObject({ kind: 'choice', choiceId: 'p:1.000178' });
    expect(api.calls('answerCallbackQuery')[0]?.body).toEqual({ callback_query_id: '4382bfdwdsb323b2d9' });
  });

  it('stops by itself when the token is refused (401) and stop() still resolves', async () => {
    api.script('getUpdates', { status: 401, json: { ok: false, error_code: 401, description: 'Unauthorized' } });
    const handle = make().startPolling!(async () => undefined);
    await warned('telegram polling stopped: bot token refused');
    await handle.stop();
    // no retry loop and no offset confirmation after a refused token
    expect(api.calls('getUpdates')).toHaveLength(1);
  });
});
