// Contract every Zalo OA TokenStore must pass (memory here; the SQLite/PostgreSQL store written
// elsewhere can call runTokenStoreContract with its own factory).
import { describe, expect, it } from 'vitest';
import type { OaTokens, TokenStore } from '../../adapters/zalo-oa/index.js';

const pair = (n: number): OaTokens => ({ accessToken: `a${n}`, refreshToken: `r${n}`, expiresAt: 1_800_000_000_000 + n });

export function runTokenStoreContract(name: string, make: () => Promise<TokenStore>): void {
  describe(`TokenStore contract: ${name}`, () => {
    it('starts empty and seeds only once', async () => {
      const s = await make();
      expect(await s.get()).toBeUndefined();
      expect(await s.compareAndSet(undefined, pair(1))).toBe(true);
      expect(await s.compareAndSet(undefined, pair(2))).toBe(false);
      expect(await s.get()).toEqual(pair(1));
    });

    it('replaces the pair only when the refresh token still matches', async () => {
      const s = await make();
      await s.compareAndSet(undefined, pair(1));
      expect(await s.compareAndSet(pair(1), pair(2))).toBe(true);
      expect(await s.compareAndSet(pair(1), pair(3))).toBe(false);
      expect(await s.get()).toEqual(pair(2));
    });

    it('lets exactly one of many concurrent writers win', async () => {
      const s = await make();
      await s.compareAndSet(undefined, pair(1));
      const results = await Promise.all([2, 3, 4, 5].map((n) => s.compareAndSet(pair(1), pair(n))));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = [2, 3, 4, 5][results.indexOf(true)]!;
      expect(await s.get()).toEqual(pair(winner));
    });
  });
}
