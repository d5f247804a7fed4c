// Two app instances sharing one database refresh the Zalo OA token: the single-use refresh token is
// exchanged once and both instances send with the new access token. Run on SQLite
// (token-store-sqlite.test.ts) and on PostgreSQL (test/pg/token-store-pg.test.ts), each giving two
// token stores on separate connections to the same row.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenManager, createZaloOaAdapter, type TokenStore } from '../../adapters/zalo-oa/index.js';
import { APP_ID, APP_SECRET, startFakeZaloOa, type FakeZaloOa } from '../adapters/zalo-oa-fake.js';

export function runSharedRefreshContract(title: string, twoConnections: () => Promise<[TokenStore, TokenStore]>, skip = false): void {
  describe.skipIf(skip)(title, () => {
    const NOW = new Date('2026-11-28T05:00:00Z');
    let zalo: FakeZaloOa;
    beforeEach(async () => {
      zalo = await startFakeZaloOa({ access: 'access-0', refresh: 'refresh-0' });
    });
    afterEach(() => zalo?.close());

    /** Two app instances, the stored pair already expired. */
    async function twoStores(): Promise<[TokenStore, TokenStore]> {
      const stores = await twoConnections();
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
}
