// The app wiring (openChannels) keeps the Zalo OA token pair in the database: the env pair seeds
// an empty row only, a second instance on the same DATA_DIR uses the stored pair, and the two
// instances refresh the single-use refresh token once between them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openChannels, type Channels } from '../../src/main-channels.js';
import { createLogger } from '../../src/shared/logger.js';
import { openTicketStore, type TicketStore } from '../../src/tickets/index.js';
import { APP_ID, APP_SECRET, startFakeZaloOa, type FakeZaloOa } from '../adapters/zalo-oa-fake.js';

const NOW = new Date('2026-11-28T05:00:00Z');
const now = () => NOW;

describe('openChannels: Zalo OA tokens in the database', () => {
  let zalo: FakeZaloOa;
  const open: Array<Channels | TicketStore> = [];
  beforeEach(async () => {
    zalo = await startFakeZaloOa({ access: 'access-0', refresh: 'refresh-0' });
  });
  afterEach(async () => {
    for (const x of open.splice(0)) await ('stop' in x ? x.stop() : x.close()).catch(() => undefined);
    await zalo.close();
  });

  async function instance(dataDir: string, envPair: { access: string; refresh: string }): Promise<Channels> {
    const config = loadConfig({
      DATA_DIR: dataDir,
      ZALO_OA_APP_ID: APP_ID,
      ZALO_OA_APP_SECRET: APP_SECRET,
      ZALO_OA_SECRET_KEY: 'oa-secret',
      ZALO_OA_API_BASE: zalo.api.url,
      ZALO_OA_OAUTH_BASE: zalo.oauth.url,
      ZALO_OA_ACCESS_TOKEN: envPair.access,
      ZALO_OA_REFRESH_TOKEN: envPair.refresh,
    });
    const store = await openTicketStore({ dataDir, now });
    open.push(store);
    const channels = await openChannels(config, store, createLogger({ write: () => undefined }), now);
    open.push(channels);
    return channels;
  }

  it('seeds once, then both instances share one refresh', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tokens-wiring-'));
    const first = await instance(dataDir, { access: 'access-0', refresh: 'refresh-0' });
    // A second instance started with a stale env pair: the stored pair wins.
    const second = await instance(dataDir, { access: 'stale-access', refresh: 'stale-refresh' });
    const stored = { accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: NOW.getTime() };
    expect(await first.queue.tokenStore('zalo-oa', APP_ID).get()).toEqual(stored);
    // No known expiry for the env pair: both refresh before the first send, concurrently.
    zalo.oauthDelayMs = 100;
    const oa = [first, second].map((c) => c.adapters.find((a) => a.channel === 'zalo-oa')!);
    const results = await Promise.all(oa.map((a) => a.send({ conversationId: 'zalo-oa:246', userId: 'zalo-oa:246', text: 'Xin chào' })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(zalo.exchanges).toEqual([{ used: 'refresh-0', access: 'access-1', refresh: 'refresh-1' }]);
    expect(zalo.api.requests.map((r) => r.headers['access_token'])).toEqual(['access-1', 'access-1']);
    expect(await second.queue.tokenStore('zalo-oa', APP_ID).get()).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });
});
