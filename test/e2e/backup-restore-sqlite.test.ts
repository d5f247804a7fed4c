// Backup and restore with SQLite, through the real CLIs (npm run backup / npm run restore):
// data written with the ticket store and channel queue APIs, backed up, restored into a fresh
// DATA_DIR, and read back through the same APIs. Refusals: an existing database without
// --force, a file that is not a SQLite database, a backup that would overwrite a file.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openChannelQueue } from '../../src/channels/index.js';
import { openTicketStore, SQLITE_FILE_NAME } from '../../src/tickets/index.js';
import { expectSeeded, runCli, seed, type Seeded } from '../backup-restore-helpers.js';

const root = mkdtempSync(join(tmpdir(), 'backup-sqlite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dir = (name: string) => join(root, name);

async function open(dataDir: string) {
  const store = await openTicketStore({ dataDir });
  const queue = await openChannelQueue({ dataDir });
  return { store, queue, close: async () => (await queue.close(), await store.close()) };
}

describe('SQLite backup and restore (npm run backup / restore)', { timeout: 90_000 }, () => {
  let seeded: Seeded;
  const backupFile = dir('troly1022-backup.sqlite');

  it('backs up a live database and restores it into a fresh DATA_DIR', async () => {
    const live = await open(dir('live'));
    seeded = await seed(live.store, live.queue);
    // The app stays open during the backup: the online backup API copies a consistent state.
    const b = runCli('backup', ['--out', backupFile], { DATA_DIR: dir('live') });
    await live.close();
    expect(b).toMatchObject({ status: 0 });
    expect(b.out).toMatch(/backup written/);
    expect(existsSync(backupFile)).toBe(true);

    const r = runCli('restore', ['--from', backupFile], { DATA_DIR: dir('fresh') });
    expect(r).toMatchObject({ status: 0 });
    const fresh = await open(dir('fresh'));
    try {
      await expectSeeded(fresh.store, fresh.queue, seeded);
    } finally {
      await fresh.close();
    }
  });

  it('refuses to replace an existing database without --force, and keeps the old file aside with it', async () => {
    const r = runCli('restore', ['--from', backupFile], { DATA_DIR: dir('fresh') });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/--force/);
    const forced = runCli('restore', ['--from', backupFile, '--force'], { DATA_DIR: dir('fresh') });
    expect(forced.status).toBe(0);
    expect(readdirSync(dir('fresh')).some((f) => f.startsWith(`${SQLITE_FILE_NAME}.before-restore-`))).toBe(true);
    const fresh = await open(dir('fresh'));
    try {
      await expectSeeded(fresh.store, fresh.queue, seeded);
    } finally {
      await fresh.close();
    }
  });

  it('refuses a file that is not a SQLite database, a missing database and an existing backup file', () => {
    writeFileSync(dir('junk.sqlite'), 'not a database');
    const junk = runCli('restore', ['--from', dir('junk.sqlite')], { DATA_DIR: dir('other') });
    expect(junk.status).toBe(1);
    expect(existsSync(join(dir('other'), SQLITE_FILE_NAME))).toBe(false);
    expect(runCli('backup', ['--out', dir('x.sqlite')], { DATA_DIR: dir('nothing-here') }).status).toBe(1);
    expect(runCli('backup', ['--out', backupFile], { DATA_DIR: dir('live') })).toMatchObject({ status: 1, out: expect.stringMatching(/already exists/) });
  });
});
