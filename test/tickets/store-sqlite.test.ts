// The TicketStore contract against SQLite, on a temp file (so a second instance and a restart
// open the same database), plus the SQLite specifics.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME, createSqliteStore, openTicketStore } from '../../src/tickets/index.js';
import { newTicket, runStoreContract } from './store-contract.js';

runStoreContract('SQLite (temp file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'troly1022-store-'));
  const path = join(dir, 'nested', 'troly1022.sqlite');
  return {
    open: (deps) => createSqliteStore({ path, ...deps }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SQLite store specifics', () => {
  it('uses WAL on a file and records applied migrations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'troly1022-store-'));
    try {
      const path = join(dir, 'db.sqlite');
      const store = createSqliteStore({ path });
      await store.migrate();
      await store.createTicket(newTicket());
      const db = new Database(path, { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
      db.close();
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('openTicketStore without a database URL opens a migrated SQLite file in DATA_DIR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'troly1022-store-'));
    try {
      const store = await openTicketStore({ dataDir: join(dir, 'data') });
      expect(store.dialect).toBe('sqlite');
      const t = await store.createTicket(newTicket());
      await store.close();
      const again = createSqliteStore({ path: join(dir, 'data', SQLITE_FILE_NAME) });
      expect((await again.getTicket(t.id))?.code).toBe(t.code);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('works in memory', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await store.migrate();
    const t = await store.createTicket(newTicket());
    expect((await store.getTicketByCode(t.code))?.id).toBe(t.id);
    await store.close();
  });

  it('lets several processes migrate and write the same file at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'troly1022-store-'));
    try {
      const path = join(dir, 'shared.sqlite');
      const tsx = join(import.meta.dirname, '../../node_modules/.bin/tsx');
      const worker = join(import.meta.dirname, 'store-sqlite-worker.ts');
      const outputs = await Promise.all(
        [1, 2, 3].map(() => promisify(execFile)(tsx, [worker, path, '25'], { timeout: 60_000 })),
      );
      const results = outputs.map((o) => JSON.parse(o.stdout) as { applied: number[]; codes: string[] });
      expect(results.flatMap((r) => r.applied)).toEqual([1]); // one process migrated, the others found it done
      const codes = results.flatMap((r) => r.codes);
      expect(new Set(codes).size).toBe(75);
      const store = createSqliteStore({ path });
      expect((await store.listTickets({ limit: 500 })).total).toBe(75);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
