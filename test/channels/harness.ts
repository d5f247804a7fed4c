// Test harness for the channel pipeline: a temp SQLite file, a settable clock, the fake channel
// and its fake API, and a handle() that echoes (no knowledge base needed).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChannelPipeline, createSqliteQueue, type ChannelPipelineOptions, type ChannelQueue } from '../../src/channels/index.js';
import type { IncomingMessage } from '../../src/core/index.js';
import { createFakeAdapter, fakeRequest, type FakeWireEvent } from './fake-adapter.js';
import type { FakePlatformApi } from './fake-api.js';

export const SECRET = 'test-secret';
export const T0 = Date.parse('2026-11-20T02:00:00.000Z');

export function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'channels-')), 'troly1022.sqlite');
}

export interface Clock {
  now: () => Date;
  advance(ms: number): void;
}

export function clock(start = T0): Clock {
  let t = start;
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

export async function openQueue(path: string, c: Clock): Promise<ChannelQueue> {
  const q = createSqliteQueue({ path, now: c.now });
  await q.migrate();
  return q;
}

/** Echo bot: one reply "re: <text>" (records what it saw). */
export function echoHandle(seen: IncomingMessage[] = []) {
  return async (msg: IncomingMessage) => {
    seen.push(msg);
    return { replies: [{ text: `re: ${msg.text}` }] };
  };
}

export function makePipeline(
  queue: ChannelQueue,
  api: FakePlatformApi,
  c: Clock,
  over: Partial<ChannelPipelineOptions> = {},
) {
  const adapter = createFakeAdapter({ secret: SECRET, apiBase: api.url }, { fetch, now: c.now });
  return createChannelPipeline({
    queue,
    adapters: [adapter],
    handle: echoHandle(),
    now: c.now,
    random: () => 0.5,
    ...over,
  });
}

export function wire(id: string, chat: string, text: string, extra: Partial<FakeWireEvent> = {}): FakeWireEvent {
  return { id, chat, user: `u-${chat}`, text, ts: T0, ...extra };
}

export const signed = (events: FakeWireEvent[]) => fakeRequest(SECRET, { events });

export const sentTexts = (api: FakePlatformApi) => api.delivered().map((r) => (r.json as { text: string }).text);
