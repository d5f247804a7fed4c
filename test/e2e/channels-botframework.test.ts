// The pipeline with the Bot Framework adapter (real botbuilder CloudAdapter, auth disabled as in
// the Emulator) over real HTTP: POST /api/messages goes through verify + verifyAsync + parse into
// the inbox, and the reply reaches the fake Bot Connector at the activity's serviceUrl, once,
// even when the activity is delivered twice or the connector fails twice first; with
// authentication on, a forged token is refused and nothing is stored.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
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
let tick: (ms: number) => void;
const isReply = (r: { path: string; json?: unknown }) => r.path.startsWith('/v3/conversations/') && (r.json as { type?: string } | undefined)?.type === 'message';

beforeAll(async () => {
  connector = await startFakePlatformApi({ success: (_r, n) => ({ status: 200, body: JSON.stringify({ id: `reply-${n}` }) }) });
  const c = clock();
  tick = (ms) => c.advance(ms);
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

  it('delivers the reply exactly once when the connector fails twice and then succeeds', async () => {
    connector.reset();
    connector.failNext({ status: 500, body: 'boom' }, { status: 503, body: 'busy' });
    const body = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'botframework', 'message.json'), 'utf8')
      .replaceAll('https://webchat.botframework.com/', `${connector.url}/`)
      .replace(/"id":\s*"([^"]+)"/, '"id": "$1-retry"');
    expect((await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(200);
    // Retries are due after their backoff: advance the injected clock between drains.
    for (let i = 0; i < 6 && connector.delivered().filter(isReply).length === 0; i++) {
      tick(600_000);
      await pipeline.drain();
    }
    const attempts = connector.requests.filter(isReply);
    expect(attempts.map((r) => r.status)).toEqual([500, 503, 200]);
    expect(connector.delivered().filter(isReply)).toHaveLength(1);
  });

  it('refuses a malformed body with 400 and stores nothing', async () => {
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(res.status).toBe(400);
    expect((await queue.counts()).inbox.pending + (await queue.counts()).inbox.done).toBe(2);
  });
});

// With authentication on (an app id, and a fake Bot Framework token service on loopback that
// publishes the channel's signing key): a request signed with another key is refused and nothing
// is stored or answered.
describe('Bot Framework through the pipeline, authentication on', () => {
  const APP_ID = '00000000-1111-2222-3333-444444444444';
  const channelKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attackerKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let tokenService: Server;
  let authServer: Server;
  let authBase = '';
  let authQueue: ChannelQueue;

  beforeAll(async () => {
    tokenService = createServer((req, res) => {
      const here = `http://127.0.0.1:${(tokenService.address() as AddressInfo).port}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${here}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      } else {
        const jwk = channelKey.publicKey.export({ format: 'jwk' });
        res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: 'k1', n: jwk.n, e: jwk.e, endorsements: ['webchat'] }] }));
      }
    });
    await new Promise<void>((r) => tokenService.listen(0, '127.0.0.1', r));
    const metadata = `http://127.0.0.1:${(tokenService.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
    const adapter = createBotFrameworkAdapter({ appId: APP_ID, appPassword: 'unused', openIdMetadataUrl: metadata }, { fetch, now: () => new Date() });
    authQueue = await openQueue(tempDb(), clock());
    const app = express();
    mountWebhooks(app, [adapter], { queue: authQueue });
    authServer = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    authBase = `http://127.0.0.1:${(authServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((r) => authServer.close(() => r()));
    await new Promise<void>((r) => tokenService.close(() => r()));
    await authQueue.close();
  });

  const token = (key: KeyObject) => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const head = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'https://webchat.botframework.com/', nbf: now - 60, exp: now + 3600 })}`;
    return `${head}.${sign('sha256', Buffer.from(head), key).toString('base64url')}`;
  };
  const body = () => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'botframework', 'message.json'), 'utf8');
  const post = (authorization?: string) =>
    fetch(`${authBase}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: body() });

  it('refuses a forged or missing token with 401/403 and stores nothing', async () => {
    expect([401, 403]).toContain((await post(`Bearer ${token(attackerKey.privateKey)}`)).status);
    expect([401, 403]).toContain((await post()).status);
    const counts = await authQueue.counts();
    expect(counts.inbox.pending + counts.inbox.done + counts.inbox.processing + counts.inbox.failed).toBe(0);
  });

  it('accepts a token signed with the channel key', async () => {
    expect((await post(`Bearer ${token(channelKey.privateKey)}`)).status).toBe(200);
    expect((await authQueue.counts()).inbox.pending).toBe(1);
  });
});
