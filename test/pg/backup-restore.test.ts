// Backup and restore with PostgreSQL, through the real CLIs (npm run backup / npm run restore):
// a fresh source database filled through the ticket store and channel queue APIs, pg_dump -Fc,
// pg_restore into another fresh database (createdb), read back through the same APIs; both
// databases are dropped afterwards. Also: restoring over a database that already holds the
// tables fails as a whole. Runs only when TEST_DATABASE_URL is set:
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run test/pg
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChannelQueue } from '../../src/channels/index.js';
import { openTicketStore } from '../../src/tickets/index.js';
import { expectSeeded, runCli, seed } from '../backup-restore-helpers.js';
import { adminQuery as admin } from './admin.js';

const url = process.env.TEST_DATABASE_URL;
const SKIP_NOTE = 'PostgreSQL backup/restore: SKIPPED because TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';
if (!url) console.warn(SKIP_NOTE);

const suffix = randomBytes(5).toString('hex');
const SOURCE = `bk_src_${suffix}`;
const RESTORED = `bk_dst_${suffix}`;
const dbUrl = (name: string) => {
  const u = new URL(url!);
  u.pathname = `/${name}`;
  return u.toString();
};

async function open(databaseUrl: string) {
  const store = await openTicketStore({ dataDir: '/nonexistent', databaseUrl });
  const queue = await openChannelQueue({ dataDir: '/nonexistent', databaseUrl });
  return { store, queue, close: async () => (await queue.close(), await store.close()) };
}

describe.skipIf(!url)(url ? 'PostgreSQL backup and restore (npm run backup / restore)' : SKIP_NOTE, { timeout: 90_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'backup-pg-'));
  const file = join(dir, 'troly1022.dump');

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${SOURCE}`);
    await admin(`CREATE DATABASE ${RESTORED}`);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${SOURCE} WITH (FORCE)`);
    await admin(`DROP DATABASE IF EXISTS ${RESTORED} WITH (FORCE)`);
  });

  it('restores a pg_dump backup into a fresh database with tickets and the channel queue intact', async () => {
    const live = await open(dbUrl(SOURCE));
    const seeded = await seed(live.store, live.queue);
    const b = runCli('backup', ['--out', file], { DATABASE_URL: dbUrl(SOURCE) });
    await live.close();
    expect(b).toMatchObject({ status: 0 });

    const r = runCli('restore', ['--from', file], { DATABASE_URL: dbUrl(RESTORED) });
    expect(r).toMatchObject({ status: 0 });
    const restored = await open(dbUrl(RESTORED));
    try {
      await expectSeeded(restored.store, restored.queue, seeded);
    } finally {
      await restored.close();
    }

    // A second restore over the now populated database fails as a whole (single transaction).
    const again = runCli('restore', ['--from', file], { DATABASE_URL: dbUrl(RESTORED) });
    expect(again.status).toBe(1);
    expect(again.out).toMatch(/pg_restore exited/);
    const still = await open(dbUrl(RESTORED));
    try {
      await expectSeeded(still.store, still.queue, seeded);
    } finally {
      await still.close();
    }
  });

  it('reports a missing backup file without touching the database', () => {
    const r = runCli('restore', ['--from', join(dir, 'missing.dump')], { DATABASE_URL: dbUrl(RESTORED) });
    expect(r).toMatchObject({ status: 1, out: expect.stringMatching(/not found/) });
  });
});
