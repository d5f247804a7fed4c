// The database-backed platform token store on PostgreSQL (table platform_tokens from the channel
// queue migrations): the shared TokenStore contract, and two app instances (two pools, as two
// servers) sharing a single-use Zalo OA refresh token. Runs only when TEST_DATABASE_URL is set:
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run test/pg
// The run gets a fresh schema (t_<random>), dropped afterwards.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTokenStore, type OaTokens } from '../../adapters/zalo-oa/index.js';
import { createPostgresQueue, type ChannelQueue } from '../../src/channels/index.js';
import { runTokenStoreContract } from '../adapters/zalo-token-store-contract.js';
import { runSharedRefreshContract } from '../channels/token-refresh-shared.js';
import { dropSchema } from './admin.js';

const url = process.env.TEST_DATABASE_URL;
const SKIP_NOTE = 'PostgreSQL token store: SKIPPED because TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';
if (!url) console.warn(SKIP_NOTE);

const schema = `t_${randomBytes(6).toString('hex')}`;
const opened: ChannelQueue[] = [];
let accounts = 0;

/** A new instance (its own pool) on the run's schema. */
async function instance(): Promise<ChannelQueue> {
  const q = createPostgresQueue({ connectionString: url!, schema, max: 4 });
  opened.push(q);
  await q.migrate();
  return q;
}

/** A fresh row key, so the tests share the schema without seeing each other's pairs. */
const account = () => `app-${++accounts}`;
const pair = (n: number, expiresAt = 1_800_000_000_000 + n): OaTokens => ({ accessToken: `a${n}`, refreshToken: `r${n}`, expiresAt });

if (url) {
  afterAll(async () => {
    for (const q of opened) await q.close().catch(() => undefined);
    await dropSchema(schema);
  });
  runTokenStoreContract('postgres (platform_tokens)', async () => (await instance()).tokenStore('zalo-oa', account()));
}

describe.skipIf(!url)(url ? 'PostgreSQL platform token store' : SKIP_NOTE, () => {
  let one: ChannelQueue;
  let two: ChannelQueue;
  beforeAll(async () => {
    [one, two] = [await instance(), await instance()];
  });

  it('stores BIGINT expiry times exactly and keeps one pair per platform and account', async () => {
    const id = account();
    const expiresAt = Date.parse('2099-12-31T23:59:59.999Z');
    expect(await one.tokenStore('zalo-oa', id).compareAndSet(undefined, pair(1, expiresAt))).toBe(true);
    expect(await two.tokenStore('zalo-oa', id).get()).toEqual(pair(1, expiresAt));
    expect(await two.tokenStore('other-platform', id).get()).toBeUndefined();
  });

  it('lets exactly one writer per round win across two pools, and seeds once', async () => {
    const id = account();
    const [a, b] = [one.tokenStore('zalo-oa', id), two.tokenStore('zalo-oa', id)];
    const seeded = await Promise.all([a, b, a, b].map((s) => seedTokenStore(s, { accessToken: 'env-a', refreshToken: 'env-r' }, () => new Date(0))));
    expect(seeded.filter((r) => r === 'seeded')).toHaveLength(1);
    let seen = (await a.get())!;
    for (let round = 1; round <= 5; round++) {
      const candidates = [1, 2, 3, 4].map((k) => pair(round * 10 + k));
      const results = await Promise.all(candidates.map((c, i) => (i % 2 ? b : a).compareAndSet(seen, c)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = candidates[results.indexOf(true)]!;
      expect(await b.get()).toEqual(winner);
      seen = winner;
    }
  });
});

runSharedRefreshContract(
  url ? 'two instances on PostgreSQL refresh the Zalo OA token' : SKIP_NOTE,
  async () => {
    const id = account(); // two pools, one row
    return [(await instance()).tokenStore('zalo-oa', id), (await instance()).tokenStore('zalo-oa', id)];
  },
  !url,
);
