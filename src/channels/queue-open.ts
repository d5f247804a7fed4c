// Opens the channel queues in the ticket store's database: the same SQLite file (its own
// connection: WAL, busy_timeout, BEGIN IMMEDIATE for writes) or the same PostgreSQL database and
// schema (its own pool). Migrates before returning.
import { join } from 'node:path';
import { migrated, SQLITE_FILE_NAME } from '../tickets/store-open.js';
import { createPostgresDriver } from '../tickets/store-postgres.js';
import { createSqliteDriver } from '../tickets/store-sqlite.js';
import { createSqlQueue, type QueueDeps } from './queue-sql.js';
import type { ChannelQueue } from './queue-types.js';

export interface SqliteQueueOptions extends QueueDeps {
  /** The ticket store's file (join(DATA_DIR, 'troly1022.sqlite')), or ':memory:' in tests. */
  path: string;
  busyTimeoutMs?: number;
}

export interface PostgresQueueOptions extends QueueDeps {
  connectionString: string;
  schema?: string;
  /** Pool size. Default 5. */
  max?: number;
  onPoolError?: (err: Error) => void;
}

export function createSqliteQueue(options: SqliteQueueOptions): ChannelQueue {
  return createSqlQueue(createSqliteDriver({ path: options.path, busyTimeoutMs: options.busyTimeoutMs }), options);
}

export function createPostgresQueue(options: PostgresQueueOptions): ChannelQueue {
  const driver = createPostgresDriver({
    connectionString: options.connectionString,
    max: options.max ?? 5,
    ...(options.schema ? { schema: options.schema } : {}),
    ...(options.onPoolError ? { onPoolError: options.onPoolError } : {}),
  });
  return createSqlQueue(driver, options);
}

export interface OpenChannelQueueOptions extends QueueDeps {
  /** DATA_DIR (same as openTicketStore): the SQLite file lives here when no database URL is given. */
  dataDir: string;
  /** DATABASE_URL (same as openTicketStore); when set, PostgreSQL is used. */
  databaseUrl?: string;
  schema?: string;
}

/** Same choice of database as openTicketStore, so inbox, outbox and tickets share one database. */
export async function openChannelQueue(options: OpenChannelQueueOptions): Promise<ChannelQueue> {
  const { dataDir, databaseUrl, schema, ...deps } = options;
  const queue = databaseUrl
    ? createPostgresQueue({ connectionString: databaseUrl, ...(schema ? { schema } : {}), ...deps })
    : createSqliteQueue({ path: join(dataDir, SQLITE_FILE_NAME), ...deps });
  return migrated(queue);
}
