// The database-backed platform token store on SQLite (the queues' file, table platform_tokens):
// the shared TokenStore contract, persistence across reopen, one row per (platform, account), and
// two instances (two connections to one file) sharing a single-use Zalo OA refresh token.
import { afterAll, describe, expect, it } from 'vitest';
import { seedTokenStore, type OaTokens } from '../../adapters/zalo-oa/index.js';
import type { ChannelQueue } from '../../src/channels/index.js';
import { APP_ID } from '../adapters/zalo-oa-fake.js';
import { runTokenStoreContract } from '../adapters/zalo-token-store-contract.js';
import { clock, openQueue, tempDb, T0 } from './harness.js';
import { runSharedRefreshContract } from './token-refresh-shared.js';

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

runSharedRefreshContract('two instances sharing one SQLite file refresh the Zalo OA token', async () => {
  const path = tempDb();
  return [(await open(path)).tokenStore('zalo-oa', APP_ID), (await open(path)).tokenStore('zalo-oa', APP_ID)];
});
