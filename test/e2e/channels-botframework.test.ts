// The pipeline with the Bot Framework adapter (real botbuilder CloudAdapter, auth disabled as in
// the Emulator) over real HTTP: POST /api/messages goes through verify + verifyAsync + parse into
// the inbox, and the reply reaches the fake Bot Connector at the activity's serviceUrl, once,
// even when the activity is delivered twice. Checks the wiring between the two pieces.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBotFrameworkAdapter } from '../../adapters/botframework/index.js';
import { createChannelPipeline, type ChannelPipeline, type ChannelQueue } from '../../src/channels/index.js';
import { mountWebhooks } from '../../src/server/webhooks.js';
import { clock, echoHandle, openQueue, tempDb } from '../channels/harness.js';
import { startFakePlatformApi, type FakePlatformApi } from '../channels/fake-api.js';

let connector: FakePlatformApi;
let server: Server;
let base: string;
let queue: ChannelQueue;
let pipeline: ChannelPipeline;

beforeAll(async () => {
  connector = await startFakePlatformApi({ success: (_r, n) => ({ status: 200, body: JSON.stringify({ id: `reply-${n}` }) }) });
  const c = clock();
  queue = await openQueue(tempDb(), c);
  const adapter = createBotFrameworkAdapter({ appId: '', appPassword: '', allowUnauthenticated: true }, { fetch, now: () => new Date() });
  pipeline = createChannelPipeline({ queue, adapters: [adapter], handle: echoHandle(), now: c.now, random: () => 0.5 });
  const app = express();
  mountWebhooks(app, [adapter], { queue });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await queue.close();
  await connector.close();
});

describe('Bot Framework through the pipeline', () => {
  it('stores the activity once and answers it once at the connector', async () => {
    const body = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'botframework', 'message.json'), 'utf8').replaceAll(
      'https://webchat.botframework.com/',
      `${connector.url}/`,
    );
    const post = () => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    expect((await queue.counts()).inbox.pending).toBe(1);
    await pipeline.drain();
    const replies = connector.delivered().filter((r) => r.path.startsWith('/v3/conversations/') && (r.json as { type?: string })?.type === 'message');
    expect(replies).toHaveLength(1);
    expect((replies[0]!.json as { text: string }).text).toMatch(/^re: /);
  });

  it('refuses a malformed body with 400 and stores nothing', async () => {
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(res.status).toBe(400);
    expect((await queue.counts()).inbox.pending + (await queue.counts()).inbox.done).toBe(1);
  });
});
