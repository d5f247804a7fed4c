// Zalo OA token lifecycle (platforms.md §2 "Access token lifecycle"): refresh ahead of expiry,
// refresh once on an auth error, single-use refresh tokens shared by several instances.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdapterDeps } from '../../src/channels/types.js';
import {
  createMemoryTokenStore,
  createTokenManager,
  createZaloOaAdapter,
  seedTokenStore,
  type OaTokens,
  type TokenStore,
} from '../../adapters/zalo-oa/index.js';
import { deadUrl } from './zalo-fake-server.js';
import { APP_ID, APP_SECRET, startFakeZaloOa, type FakeZaloOa } from './zalo-oa-fake.js';
import { runTokenStoreContract } from './zalo-token-store-contract.js';

const NOW = new Date('2026-11-28T05:00:00Z');
const deps = (): AdapterDeps => ({ fetch, now: () => NOW });
const tokens = (access: string, refresh: string, inMs: number): OaTokens => ({ accessToken: access, refreshToken: refresh, expiresAt: NOW.getTime() + inMs });

let zalo: FakeZaloOa;
beforeEach(async () => {
  zalo = await startFakeZaloOa({ access: 'access-0', refresh: 'refresh-0' });
});
afterEach(() => zalo.close());

const adapter = (store: TokenStore, over: { oauthBase?: string } = {}) =>
  createZaloOaAdapter({ appId: APP_ID, appSecret: APP_SECRET, oaSecretKey: 'oa-secret', apiBase: zalo.api.url, oauthBase: over.oauthBase ?? zalo.oauth.url, tokens: store }, deps());
const send = (a: ReturnType<typeof adapter>, text = 'Xin chào') => a.send({ conversationId: 'zalo-oa:246', userId: 'zalo-oa:246', text });
const usedTokens = () => zalo.api.requests.map((r) => r.headers['access_token']);

runTokenStoreContract('memory', async () => createMemoryTokenStore());

describe('seedTokenStore', () => {
  it('seeds an empty store once and never overwrites a stored (newer) pair', async () => {
    const store = createMemoryTokenStore();
    expect(await seedTokenStore(store, { accessToken: 'env-a', refreshToken: 'env-r' }, () => NOW)).toBe('seeded');
    expect(await store.get()).toEqual({ accessToken: 'env-a', refreshToken: 'env-r', expiresAt: NOW.getTime() });
    await store.compareAndSet(await store.get(), tokens('a2', 'r2', 1000));
    expect(await seedTokenStore(store, { accessToken: 'env-a', refreshToken: 'env-r' }, () => NOW)).toBe('kept');
    expect(await store.get()).toMatchObject({ refreshToken: 'r2' });
  });
});

describe('zalo-oa token refresh', () => {
  it('refreshes ahead of expiry with the documented token request, stores the new pair, then sends', async () => {
    const store = createMemoryTokenStore(tokens('access-0', 'refresh-0', 5 * 60_000));
    expect(await send(adapter(store))).toEqual({ ok: true, platformMessageIds: ['oa-msg-1'] });
    expect(zalo.oauth.requests).toHaveLength(1);
    const t = zalo.oauth.requests[0]!;
    expect(t.method).toBe('POST');
    expect(t.path).toBe('/v4/oa/access_token');
    expect(t.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(t.headers['secret_key']).toBe(APP_SECRET);
    expect(Object.fromEntries(new URLSearchParams(t.body))).toEqual({ refresh_token: 'refresh-0', app_id: APP_ID, grant_type: 'refresh_token' });
    expect(usedTokens()).toEqual(['access-1']);
    expect(await store.get()).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: NOW.getTime() + 90_000_000 });
  });

  it('refreshes once on -216 and retries the send once', async () => {
    zalo.validAccess.delete('access-0'); // revoked although the store thinks it has 20 h left
    const store = createMemoryTokenStore(tokens('access-0', 'refresh-0', 20 * 3600_000));
    expect(await send(adapter(store))).toMatchObject({ ok: true });
    expect(usedTokens()).toEqual(['access-0', 'access-1']);
    expect(zalo.exchanges).toHaveLength(1);
  });

  it('treats HTTP 401 as an expired token too', async () => {
    zalo.api.enqueue('/message/cs', { status: 401, body: { error: -216, message: 'Access token is invalid' } });
    const store = createMemoryTokenStore(tokens('access-0', 'refresh-0', 20 * 3600_000));
    expect(await send(adapter(store))).toMatchObject({ ok: true });
    expect(usedTokens()).toEqual(['access-0', 'access-1']);
  });

  it('gives up with auth after one refresh and one retry', async () => {
    zalo.api.enqueue('/message/cs', { body: { error: -216, message: 'invalid' } }, { body: { error: -220, message: 'expired' } });
    const store = createMemoryTokenStore(tokens('access-0', 'refresh-0', 20 * 3600_000));
    expect(await send(adapter(store))).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(zalo.api.requests).toHaveLength(2);
    expect(zalo.oauth.requests).toHaveLength(1);
  });

  it('keeps using a still-valid token when the token endpoint is unreachable', async () => {
    const store = createMemoryTokenStore(tokens('access-0', 'refresh-0', 60_000));
    expect(await send(adapter(store, { oauthBase: await deadUrl() }))).toMatchObject({ ok: true });
    expect(usedTokens()).toEqual(['access-0']);
    expect(await store.get()).toMatchObject({ refreshToken: 'refresh-0' });
  });

  it('refreshes exactly once when three instances sharing a store refresh concurrently', async () => {
    zalo.oauthDelayMs = 100; // the winner's answer arrives after the losers were rejected
    const store = createMemoryTokenStore(tokens('access-0', 'refresh-0', -1000));
    const instances = [adapter(store), adapter(store), adapter(store)];
    const results = await Promise.all(instances.map((a) => send(a)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(zalo.exchanges).toEqual([{ used: 'refresh-0', access: 'access-1', refresh: 'refresh-1' }]);
    expect(await store.get()).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    expect(usedTokens()).toEqual(['access-1', 'access-1', 'access-1']);
    // The refresh token that is now stored is still alive at Zalo.
    expect(zalo.validRefresh.has('refresh-1')).toBe(true);
  });

  it('uses the stored pair, not its own, when it loses the compare-and-set', async () => {
    const inner = createMemoryTokenStore(tokens('access-0', 'refresh-0', -1000));
    let raced = false;
    const store: TokenStore = {
      get: () => inner.get(),
      async compareAndSet(old, next) {
        if (!raced) {
          raced = true; // another instance stores its pair just before us
          zalo.validAccess.add('access-other');
          await inner.compareAndSet(old, tokens('access-other', 'refresh-other', 3600_000));
        }
        return inner.compareAndSet(old, next);
      },
    };
    expect(await send(adapter(store))).toMatchObject({ ok: true });
    expect(usedTokens()).toEqual(['access-other']);
    expect(await store.get()).toMatchObject({ refreshToken: 'refresh-other' });
  });

  it('reports auth (re-authorize) when the refresh token is dead and nobody stored a newer pair', async () => {
    const store = createMemoryTokenStore(tokens('access-0', 'refresh-dead', -1000));
    const m = createTokenManager({ store, fetch, now: () => NOW, oauthBase: zalo.oauth.url, appId: APP_ID, appSecret: APP_SECRET, rereadAttempts: 3, rereadDelayMs: 5 });
    expect(await m.current()).toMatchObject({ ok: false, error: { kind: 'auth', message: expect.stringContaining('re-authorize') } });
    expect(zalo.oauth.requests).toHaveLength(1);
  });

  it('coalesces concurrent refreshes inside one instance into one token request', async () => {
    zalo.oauthDelayMs = 50;
    const store = createMemoryTokenStore(tokens('access-0', 'refresh-0', -1000));
    const a = adapter(store);
    const results = await Promise.all([send(a, 'một'), send(a, 'hai'), send(a, 'ba')]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(zalo.oauth.requests).toHaveLength(1);
  });
});
