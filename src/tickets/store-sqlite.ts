// SQLite TicketStore (better-sqlite3): the default for a single server. WAL journal so readers
// never block the writer; busy_timeout so a second process waits for the write lock instead of
// failing. better-sqlite3 is synchronous, so one store serialises its own operations (a
// transaction spans awaits) and write transactions start with BEGIN IMMEDIATE, which takes the
// file's write lock up front and makes concurrent migrations from several processes queue.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { latestVersion, pendingMigrations, type Migration } from './migrations.js';
import type { QueryResult, SqlDriver, SqlExecutor } from './store-query.js';
import type { Row } from './store-rows.js';
import { createSqlStore, type StoreDeps } from './store-sql.js';
import type { MigrateResult, TicketStore } from './store-types.js';

export interface SqliteStoreOptions extends StoreDeps {
  /** Database file (e.g. join(DATA_DIR, 'troly1022.sqlite')); ':memory:' for a throwaway store. */
  path: string;
  /** How long to wait for another process's write lock. Default 5000 ms. */
  busyTimeoutMs?: number;
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`;

function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

export function createSqliteDriver(options: SqliteStoreOptions): SqlDriver {
  if (options.path !== ':memory:' && !options.path.startsWith('file:')) mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');

  const statements = new Map<string, Database.Statement>();
  const run = (sql: string, params: readonly unknown[] = []): QueryResult => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    const args = params.map(bindable);
    if (stmt.reader) return { rows: stmt.all(...args) as Row[], changes: 0 };
    return { rows: [], changes: stmt.run(...args).changes };
  };

  // One operation at a time per connection: a transaction awaits between its statements, and
  // nothing else may run on the connection in between.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T> | T): Promise<T> => {
    const next = tail.then(() => fn());
    tail = next.catch(() => undefined);
    return next;
  };

  const tx: SqlExecutor = { query: async (sql, params) => run(sql, params) };

  return {
    dialect: 'sqlite',
    query: (sql, params) => exclusive(() => run(sql, params)),

    transaction: (fn) =>
      exclusive(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(tx);
          db.exec('COMMIT');
          return result;
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      }),

    migrate: (list: readonly Migration[]) =>
      exclusive((): MigrateResult => {
        // Synchronous from BEGIN IMMEDIATE to COMMIT: nothing interleaves, other processes wait.
        const apply = db.transaction((): MigrateResult => {
          db.exec(MIGRATIONS_TABLE);
          const applied = (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version);
          const newest = Math.max(0, ...applied);
          if (newest > latestVersion(list)) {
            throw new Error(`database schema version ${newest} is newer than this build knows (${latestVersion(list)})`);
          }
          const pending = pendingMigrations(list, applied);
          const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
          for (const m of pending) {
            db.exec(m.sql);
            record.run(m.version, m.name, new Date().toISOString());
          }
          return { applied: pending.map((m) => m.version), version: Math.max(newest, ...pending.map((m) => m.version)) };
        });
        const result = apply.immediate();
        statements.clear(); // prepared statements may predate the new schema
        return result;
      }),

    isUniqueViolation: (err) => {
      const code = (err as { code?: unknown } | null)?.code;
      return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
    },

    close: () =>
      exclusive(() => {
        if (db.open) db.close();
      }),
  };
}

export function createSqliteStore(options: SqliteStoreOptions): TicketStore {
  return createSqlStore(createSqliteDriver(options), options);
}
