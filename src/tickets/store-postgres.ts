// PostgreSQL TicketStore (pg Pool): for several bot instances behind a load balancer. Migrations
// run under a transaction-scoped advisory lock, so instances that start together apply them once
// and the others wait, then find nothing to do.
import pg from 'pg';
import { latestVersion, pendingMigrations, type Migration } from './migrations.js';
import { numberPlaceholders, type SqlDriver, type SqlExecutor } from './store-query.js';
import { createSqlStore, type StoreDeps } from './store-sql.js';
import type { MigrateResult, TicketStore } from './store-types.js';

export interface PostgresStoreOptions extends StoreDeps {
  connectionString: string;
  /** Schema for all tables (created by migrate() if missing); default: the server's search_path. */
  schema?: string;
  /** Pool size. Default 10. */
  max?: number;
  /** Errors of idle pooled connections (the pool drops the connection and opens a new one). */
  onPoolError?: (err: Error) => void;
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`;

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

type Queryable = Pick<pg.PoolClient, 'query'>;

function executor(client: Queryable): SqlExecutor {
  return {
    async query(sql, params = []) {
      const res = await client.query(numberPlaceholders(sql), params as unknown[]);
      return { rows: res.rows as Record<string, unknown>[], changes: res.rowCount ?? 0 };
    },
  };
}

export function createPostgresDriver(options: PostgresStoreOptions): SqlDriver {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new RangeError(`invalid schema name "${schema}"`);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', (err) => options.onPoolError?.(err));
  let closed = false;

  const transaction = async <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(executor(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackErr) {
        broken = rollbackErr as Error; // the connection is unusable: let the pool discard it
      }
      throw err;
    } finally {
      client.release(broken);
    }
  };

  return {
    dialect: 'postgres',
    query: (sql, params) => executor(pool).query(sql, params),
    transaction,

    migrate: (list: readonly Migration[]) =>
      transaction(async (tx): Promise<MigrateResult> => {
        // Held until COMMIT/ROLLBACK; keyed by schema so separate schemas migrate independently.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext(?))', [`troly1022.migrations.${schema ?? ''}`]);
        if (schema) await tx.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        await tx.query(MIGRATIONS_TABLE);
        const rows = (await tx.query('SELECT version FROM schema_migrations')).rows;
        const applied = rows.map((r) => Number(r.version));
        const newest = Math.max(0, ...applied);
        if (newest > latestVersion(list)) {
          throw new Error(`database schema version ${newest} is newer than this build knows (${latestVersion(list)})`);
        }
        const pending = pendingMigrations(list, applied);
        for (const m of pending) {
          await tx.query(m.sql);
          await tx.query('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [m.version, m.name]);
        }
        return { applied: pending.map((m) => m.version), version: Math.max(newest, ...pending.map((m) => m.version)) };
      }),

    isUniqueViolation: (err) => (err as { code?: unknown } | null)?.code === '23505',

    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

export function createPostgresStore(options: PostgresStoreOptions): TicketStore {
  return createSqlStore(createPostgresDriver(options), options);
}
