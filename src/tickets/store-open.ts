// Picks and opens the ticket store for the app: PostgreSQL when a database URL is configured
// (several instances), otherwise SQLite in DATA_DIR (one server, nothing to install). Migrates
// before returning, so the caller gets a store that is ready to use.
import { join } from 'node:path';
import { createPostgresStore } from './store-postgres.js';
import { createSqliteStore } from './store-sqlite.js';
import type { StoreDeps } from './store-sql.js';
import type { TicketStore } from './store-types.js';

export const SQLITE_FILE_NAME = 'troly1022.sqlite';

/** Runs a store's migrations; when they fail, closes it (no pool or file handle left open) and rethrows. */
export async function migrated<T extends { migrate(): Promise<unknown>; close(): Promise<void> }>(store: T): Promise<T> {
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}

export interface OpenTicketStoreOptions extends StoreDeps {
  /** DATA_DIR: the SQLite file lives here when no database URL is given. */
  dataDir: string;
  /** postgres://… ; when set, PostgreSQL is used. */
  databaseUrl?: string;
  /** PostgreSQL schema (optional). */
  schema?: string;
}

export async function openTicketStore(options: OpenTicketStoreOptions): Promise<TicketStore> {
  const { dataDir, databaseUrl, schema, ...deps } = options;
  const store = databaseUrl
    ? createPostgresStore({ connectionString: databaseUrl, ...(schema ? { schema } : {}), ...deps })
    : createSqliteStore({ path: join(dataDir, SQLITE_FILE_NAME), ...deps });
  return migrated(store);
}
