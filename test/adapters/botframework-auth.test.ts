// Inbound JWT validation of the Bot Framework adapter, run by the real botbuilder SDK
// (ConfigurationBotFrameworkAuthentication.authenticateRequest) against a fake Bot Framework
// token service on 127.0.0.1: OpenID configuration + JWKS with a key endorsed for "webchat".
// Facts: platforms.md §5 "What CloudAdapter needs" (a request without a valid Bot Connector JWT
// gets 401 when an app id is set).
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBotFrameworkAdapter, type BotFrameworkChannelAdapter } from '../../adapters/botframework/index.js';
import type { RawRequest } from '../../src/channels/types.js';

const APP_ID = '00000000-1111-2222-3333-444444444444';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'https://webchat.botframework.com/';
const microsoft = generateKeyPairSync('rsa', { modulusLength: 2048 });
const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
let metadataRequests = 0;

const tokenService: Server = createServer((req, res) => {
  metadataRequests++;
  const base = `http://127.0.0.1:${(tokenService.address() as AddressInfo).port}`;
  res.writeHead(200, { 'content-type': 'application/json' });
  if (req.url === '/v1/.well-known/openidconfiguration') {
    res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
  } else {
    const jwk = microsoft.publicKey.export({ format: 'jwk' });
    res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: 'ms-key-1', n: jwk.n, e: jwk.e, endorsements: ['webchat', 'msteams'] }] }));
  }
});
let metadataUrl = '';
beforeAll(async () => {
  await new Promise<void>((r) => tokenService.listen(0, '127.0.0.1', r));
  metadataUrl = `http://127.0.0.1:${(tokenService.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
});
afterAll(() => new Promise<void>((r) => tokenService.close(() => r())));

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function jwt(claims: Record<string, unknown>, key: KeyObject = microsoft.privateKey, kid = 'ms-key-1'): string {
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now - 60, exp: now + 3600, ...claims })}`;
  return `${head}.${sign('sha256', Buffer.from(head), key).toString('base64url')}`;
}
const activity = (extra: Record<string, unknown> = {}) => Buffer.from(JSON.stringify({
  type: 'message', id: 'act-9', timestamp: '2026-11-28T04:30:00.000Z', channelId: 'webchat', serviceUrl: SERVICE_URL,
  from: { id: 'user-1', name: 'Trần Thị Bình' }, recipient: { id: 'bot-1' }, conversation: { id: 'conv-9' }, text: 'Cho hỏi thủ tục khai sinh', ...extra,
}));
const req = (body: Buffer, authorization?: string): RawRequest => ({ method: 'POST', headers: { authorization }, query: {}, rawBody: body });

let a: BotFrameworkChannelAdapter;
beforeAll(() => {
  a = createBotFrameworkAdapter({ appId: APP_ID, appPassword: 'not-used-for-inbound', openIdMetadataUrl: metadataUrl }, { fetch, now: () => new Date() });
});

describe('botframework inbound JWT (real SDK validation, fake token service)', () => {
  it('accepts a token signed by the channel key and then parses the activity', async () => {
    const r = req(activity(), `Bearer ${jwt({})}`);
    expect(a.verify(r)).toEqual({ ok: true });
    expect(await a.verifyAsync(r)).toEqual({ ok: true });
    expect(metadataRequests).toBeGreaterThan(0);
    expect(a.parse(r)).toMatchObject({ ok: true, events: [{ kind: 'text', eventId: 'act-9' }] });
  });
  it('rejects in verify (401, no I/O) a missing header, a non-Bearer scheme, a wrong audience, an expired token', () => {
    const body = activity();
    const now = Math.floor(Date.now() / 1000);
    for (const auth of [undefined, `Basic ${jwt({})}`, `Bearer ${jwt({ aud: 'someone-else' })}`, `Bearer ${jwt({ exp: now - 3600 })}`, 'Bearer not-a-jwt']) {
      expect(a.verify(req(body, auth)), String(auth).slice(0, 12)).toMatchObject({ ok: false, status: 401 });
    }
  });
  it('rejects a forged token (right claims, attacker key) in verifyAsync, and parse then refuses it', async () => {
    const forged = req(activity(), `Bearer ${jwt({}, attacker.privateKey)}`);
    expect(a.verify(forged)).toEqual({ ok: true }); // the cheap check cannot see signatures…
    expect(await a.verifyAsync(forged)).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/invalid signature/) }); // …the SDK does
    expect(a.parse(forged)).toMatchObject({ ok: false, status: 400 }); // fail closed: nothing stored
    const unknownKey = req(activity(), `Bearer ${jwt({}, attacker.privateKey, 'attacker-key')}`);
    expect(await a.verifyAsync(unknownKey)).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/Signing Key could not be retrieved/) });
  });
  it('rejects a valid token used for another serviceUrl or a channel the key is not endorsed for', async () => {
    const hijack = req(activity({ serviceUrl: 'http://127.0.0.1:9/' }), `Bearer ${jwt({})}`);
    expect(await a.verifyAsync(hijack)).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/ServiceUrl claim/) });
    const otherChannel = req(activity({ channelId: 'facebook' }), `Bearer ${jwt({})}`);
    expect(await a.verifyAsync(otherChannel)).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/endorsement/) });
  });
  it('refuses to parse a body that was never authenticated, even with a valid token', () => {
    expect(a.parse(req(activity(), `Bearer ${jwt({})}`))).toMatchObject({ ok: false, status: 400 });
  });
  it('requires the password and tenant the SDK needs for the app type', () => {
    expect(() => createBotFrameworkAdapter({ appId: APP_ID, appPassword: '' }, { fetch, now: () => new Date() })).toThrow(/appPassword/);
    expect(() => createBotFrameworkAdapter({ appId: APP_ID, appPassword: 'x', appType: 'SingleTenant' }, { fetch, now: () => new Date() })).toThrow(/appTenantId/);
    expect(() => createBotFrameworkAdapter({ appId: APP_ID, appPassword: 'x', appTenantId: 'tenant' }, { fetch, now: () => new Date() })).not.toThrow();
    // No app id means no authentication: refused unless explicitly allowed (Emulator/tests).
    expect(() => createBotFrameworkAdapter({ appId: '', appPassword: '' }, { fetch, now: () => new Date() })).toThrow(/appId/);
  });
});
