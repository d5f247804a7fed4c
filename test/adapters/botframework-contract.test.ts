// The shared adapter contract (test/channels/adapter-contract.ts) run on the Bot Framework
// adapter. Inbound: a real auth-enabled adapter (app id set) whose JWTs are checked by the SDK
// against a fake Bot Framework token service on loopback; the authentic fixtures go through
// verifyAsync() first, as the server does. Outbound: with an app id the SDK must fetch an AAD
// token from login.microsoftonline.com (MSAL, HTTPS only), which no loopback fake can serve, so
// send() comes from an adapter with an empty app id (the SDK's documented no-auth mode) talking
// to the same fake connector. Fixtures: test/fixtures/botframework/ (platforms.md §5).
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createBotFrameworkAdapter } from '../../adapters/botframework/index.js';
import type { ChannelAdapter, RawRequest } from '../../src/channels/types.js';
import { runAdapterContract, type NamedRequest } from '../channels/adapter-contract.js';
import { startFakePlatformApi } from '../channels/fake-api.js';

const APP_ID = 'contract-app-id';
const ISSUER = 'https://api.botframework.com';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const tokenService = createServer((req, res) => {
  const base = `http://127.0.0.1:${(tokenService.address() as AddressInfo).port}`;
  const jwk = keys.publicKey.export({ format: 'jwk' });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(req.url === '/openid' ? JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys` }) : JSON.stringify({ keys: [{ kty: 'RSA', kid: 'k1', n: jwk.n, e: jwk.e, endorsements: ['webchat'] }] }));
});
await new Promise<void>((r) => tokenService.listen(0, '127.0.0.1', r));
const metadataUrl = `http://127.0.0.1:${(tokenService.address() as AddressInfo).port}/openid`;
const api = await startFakePlatformApi({ success: (_r, n) => ({ status: 200, body: JSON.stringify({ id: `reply-${n}` }) }) });
afterAll(async () => {
  await api.close();
  await new Promise<void>((r) => tokenService.close(() => r()));
});
const serviceUrl = `${api.url}/`;

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function bearer(claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64({ iss: ISSUER, aud: APP_ID, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600, ...claims })}`;
  return `Bearer ${head}.${sign('sha256', Buffer.from(head), keys.privateKey).toString('base64url')}`;
}
const body = (name: string) => Buffer.from(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'botframework', name), 'utf8').replaceAll('https://webchat.botframework.com/', serviceUrl));
const signed = (b: Buffer, authorization = bearer()): RawRequest => ({ method: 'POST', headers: { 'content-type': 'application/json', authorization }, query: {}, rawBody: b });

const good: NamedRequest[] = [
  { name: 'message', request: signed(body('message.json')), events: 1 },
  { name: 'postBack suggested action', request: signed(body('postback-choice.json')), events: 1 },
  { name: 'image attachment', request: signed(body('image.json')), events: 1 },
];
const ignored: NamedRequest[] = [
  { name: 'bot message (from.role = bot)', request: signed(body('bot-echo.json')) },
  { name: 'conversationUpdate', request: signed(body('conversation-update.json')) },
  { name: 'typing', request: signed(body('typing.json')) },
];
const malformed = signed(Buffer.from('{"type":"message",'));
const message = good[0]!.request;

async function makeAdapter(deps: Record<string, unknown> = {}): Promise<ChannelAdapter> {
  const d = { fetch, now: () => new Date(), ...deps };
  const inbound = createBotFrameworkAdapter({ appId: APP_ID, appPassword: 'secret', openIdMetadataUrl: metadataUrl }, d);
  for (const f of [...good, ...ignored, { name: 'malformed', request: malformed }]) {
    const v = await inbound.verifyAsync(f.request);
    if (!v.ok) throw new Error(`${f.name}: ${v.reason}`);
  }
  const outbound = createBotFrameworkAdapter({ appId: '', appPassword: '', allowUnauthenticated: true }, d);
  return { channel: inbound.channel, maxTextLength: inbound.maxTextLength, verify: inbound.verify, parse: inbound.parse, send: outbound.send };
}

runAdapterContract(
  'botframework',
  makeAdapter,
  {
    good,
    forged: [
      { name: 'no Authorization header', request: { ...message, headers: { 'content-type': 'application/json' } } },
      { name: 'token for another bot (aud)', request: signed(message.rawBody, bearer({ aud: 'another-bot' })) },
      { name: 'expired token', request: signed(message.rawBody, bearer({ exp: Math.floor(Date.now() / 1000) - 7200 })) },
      { name: 'not a JWT', request: signed(message.rawBody, 'Bearer abc') },
      { name: 'Basic scheme', request: signed(message.rawBody, 'Basic dXNlcjpwYXNz') },
    ],
    malformed,
    ignored,
    errors: [
      { name: '429 with Retry-After', response: { status: 429, headers: { 'retry-after': '2' }, body: '{}' }, kind: 'rate-limit', retryAfterMs: 2000 },
      { name: '401 from the connector', response: { status: 401, body: '{"error":{"code":"Unauthorized"}}' }, kind: 'auth' },
      { name: '403 from the connector', response: { status: 403, body: '{"error":{"code":"Forbidden"}}' }, kind: 'auth' },
      { name: '404 conversation not found', response: { status: 404, body: '{"error":{"code":"ConversationNotFound"}}' }, kind: 'rejected' },
    ],
  },
  api,
);
