// The database-backed platform token store on SQLite (the queues' file, table platform_tokens):
// the shared TokenStore contract, persistence across reopen, one row per (platform, account), and
// two instances (two connections to one file) sharing a single-use Zalo OA refresh token.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenManager, createZaloOaAdapter, seedTokenStore, type OaTokens, type TokenStore } from '../../adapters/zalo-oa/index.js';
import type { ChannelQueue } from '../../src/channels/index.js';
import { APP_ID, APP_SECRET, startFakeZaloOa, type FakeZaloOa } from '../adapters/zalo-oa-fake.js';
import { runTokenStoreContract } from '../adapters/zalo-token-store-contract.js';
import { clock, openQueue, tempDb, T0 } from './harness.js';

const opened: ChannelQueue[] = [];
afterAll(async () => {
  for (const q of opened) await q.close().catch(() => undefined);
});

async function open(path = tempDb()): Promise<ChannelQueue> {
  const q = await openQueue(path, clock());
  opened.push(q);
  return q;
}

const pair = (n: number, expiresAt = T0 + n): OaTokens => ({ accessToken: `a${n}`, refreshToken: `r${n}`, expiresAt });

runTokenStoreContract('sqlite (platform_tokens)', async () => (await open()).tokenStore('zalo-oa', APP_ID));

describe('sqlite platform token store', () => {
  it('keeps the pair across a restart and stores large expiry times exactly', async () => {
    const path = tempDb();
    const first = await open(path);
    const expiresAt = Date.parse('2099-12-31T23:59:59.999Z');
    expect(await first.tokenStore('zalo-oa', APP_ID).compareAndSet(undefined, pair(1, expiresAt))).toBe(true);
    await first.close();
    const again = await open(path);
    expect(await again.tokenStore('zalo-oa', APP_ID).get()).toEqual(pair(1, expiresAt));
  });

  it('keeps one pair per platform and account', async () => {
    const q = await open();
    const a = q.tokenStore('zalo-oa', 'app-a');
    const b = q.tokenStore('zalo-oa', 'app-b');
    const other = q.tokenStore('other-platform', 'app-a');
    expect(await a.compareAndSet(undefined, pair(1))).toBe(true);
    expect(await b.compareAndSet(undefined, pair(2))).toBe(true);
    expect(await other.get()).toBeUndefined();
    expect(await b.compareAndSet(pair(1), pair(3))).toBe(false); // a's refresh token does not open b's row
    expect(await a.get()).toEqual(pair(1));
    expect(await b.get()).toEqual(pair(2));
  });

  it('lets exactly one of two connections replace the pair, and seeds once', async () => {
    const path = tempDb();
    const [one, two] = [(await open(path)).tokenStore('zalo-oa', APP_ID), (await open(path)).tokenStore('zalo-oa', APP_ID)];
    const seeded = await Promise.all([
      seedTokenStore(one, { accessToken: 'env-a', refreshToken: 'env-r' }, () => new Date(T0)),
      seedTokenStore(two, { accessToken: 'env-a', refreshToken: 'env-r' }, () => new Date(T0)),
    ]);
    expect(seeded.sort()).toEqual(['kept', 'seeded']);
    const seen = (await two.get())!;
    expect(seen).toEqual({ accessToken: 'env-a', refreshToken: 'env-r', expiresAt: T0 });
    const results = await Promise.all([one.compareAndSet(seen, pair(1)), two.compareAndSet(seen, pair(2))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results[0] ? pair(1) : pair(2);
    expect(await one.get()).toEqual(winner);
    expect(await two.get()).toEqual(winner);
  });
});

describe('two instances sharing one SQLite file refresh the Zalo OA token', () => {
  const NOW = new Date('2026-11-28T05:00:00Z');
  let zalo: FakeZaloOa;
  beforeEach(async () => {
    zalo = await startFakeZaloOa({ access: 'access-0', refresh: 'refresh-0' });
  });
  afterEach(() => zalo.close());

  /** Two app instances: separate connections, the stored pair already expired. */
  async function twoStores(): Promise<[TokenStore, TokenStore]> {
    const path = tempDb();
    const stores: [TokenStore, TokenStore] = [(await open(path)).tokenStore('zalo-oa', APP_ID), (await open(path)).tokenStore('zalo-oa', APP_ID)];
    expect(await stores[0].compareAndSet(undefined, { accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: NOW.getTime() - 1000 })).toBe(true);
    return stores;
  }

  it('two adapters: one refresh-token exchange, both send with the same new access token', async () => {
    zalo.oauthDelayMs = 100; // the loser is refused (-14020) before the winner has stored its pair
    const stores = await twoStores();
    const adapters = stores.map((tokens) =>
      createZaloOaAdapter(
        { appId: APP_ID, appSecret: APP_SECRET, oaSecretKey: 'oa-secret', apiBase: zalo.api.url, oauthBase: zalo.oauth.url, tokens },
        { fetch, now: () => NOW },
      ),
    );
    const results = await Promise.all(adapters.map((a) => a.send({ conversationId: 'zalo-oa:246', userId: 'zalo-oa:246', text: 'Xin chào' })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(zalo.exchanges).toEqual([{ used: 'refresh-0', access: 'access-1', refresh: 'refresh-1' }]);
    expect(zalo.api.requests.map((r) => r.headers['access_token'])).toEqual(['access-1', 'access-1']);
    for (const s of stores) expect(await s.get()).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: NOW.getTime() + 90_000_000 });
    expect(zalo.validRefresh.has('refresh-1')).toBe(true); // the stored refresh token is still alive
  });

  it('two token managers: the winner stores, the loser reads the same pair', async () => {
    const stores = await twoStores();
    const managers = stores.map((store) =>
      createTokenManager({ store, fetch, now: () => NOW, oauthBase: zalo.oauth.url, appId: APP_ID, appSecret: APP_SECRET, rereadDelayMs: 20, rereadAttempts: 100 }),
    );
    const results = await Promise.all(managers.map((m) => m.current()));
    expect(results).toEqual([
      { ok: true, accessToken: 'access-1' },
      { ok: true, accessToken: 'access-1' },
    ]);
    expect(zalo.exchanges).toHaveLength(1);
    expect(await stores[1].get()).toMatchObject({ refreshToken: 'refresh-1' });
  });
});
