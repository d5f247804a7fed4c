// The driver seam and the listTickets query builder. SQL is written once with `?` placeholders in
// the subset SQLite and PostgreSQL share (ON CONFLICT, RETURNING, LIMIT/OFFSET); the PostgreSQL
// driver numbers the placeholders.
import { ticketCodeSearchKey } from './codes.js';
import type { Row } from './store-rows.js';
import type { MigrateResult, TicketFilter } from './store-types.js';
import type { Migration } from './migrations.js';
import { filterTime } from './store-validate.js';

export interface QueryResult {
  rows: Row[];
  /** Rows changed by INSERT/UPDATE/DELETE without RETURNING. */
  changes: number;
}

export interface SqlExecutor {
  query(sql: string, params?: readonly unknown[]): Promise<QueryResult>;
}

export interface SqlDriver extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs fn in one transaction on one connection; rolls back when fn throws. Inside fn use only
   * `tx` (the SQLite driver runs one operation at a time, so calling the driver itself would wait
   * for the transaction that is waiting for it).
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Applies pending migrations under the dialect's cross-instance lock. */
  migrate(migrations: readonly Migration[]): Promise<MigrateResult>;
  isUniqueViolation(err: unknown): boolean;
  close(): Promise<void>;
}

/** `?` → `$1`, `$2`, … (our SQL has no `?` inside literals or operators). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const SORT_COLUMNS = { dueAt: 'due_at', createdAt: 'created_at', updatedAt: 'updated_at' } as const;

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export interface BuiltQuery {
  where: string;
  params: unknown[];
  orderLimit: string;
  pageParams: unknown[];
}

function inList(column: string, values: readonly unknown[] | undefined, where: string[], params: unknown[]): void {
  if (!values || values.length === 0) return; // an empty list means "no filter on this field"
  where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
  params.push(...values);
}

export function buildTicketQuery(filter: TicketFilter = {}): BuiltQuery {
  const where: string[] = [];
  const params: unknown[] = [];
  inList('status', filter.status, where, params);
  inList('type', filter.type, where, params);
  inList('agency_id', filter.agencyId, where, params);
  inList('channel', filter.channel, where, params);
  if (filter.assignee !== undefined) {
    where.push('assignee = ?');
    params.push(filter.assignee);
  }
  if (filter.needsCallback !== undefined) {
    where.push('needs_callback = ?');
    params.push(filter.needsCallback);
  }
  const dueBefore = filterTime(filter, 'dueBefore');
  if (dueBefore) {
    where.push('due_at < ?');
    params.push(dueBefore);
  }
  const createdFrom = filterTime(filter, 'createdFrom');
  if (createdFrom) {
    where.push('created_at >= ?');
    params.push(createdFrom);
  }
  const createdTo = filterTime(filter, 'createdTo');
  if (createdTo) {
    where.push('created_at < ?');
    params.push(createdTo);
  }
  if (filter.codeSearch !== undefined) {
    // The key holds only [0-9A-Z], so it needs no LIKE escaping. An empty key matches nothing.
    const key = ticketCodeSearchKey(filter.codeSearch);
    where.push(key === '' ? '1 = 0' : `REPLACE(code, '-', '') LIKE ?`);
    if (key !== '') params.push(`%${key}%`);
  }
  const column = SORT_COLUMNS[filter.sort ?? 'dueAt'] ?? 'due_at';
  const dir = filter.order === 'desc' ? 'DESC' : 'ASC';
  const tie = column === 'created_at' ? `id ${dir}` : `created_at ${dir}, id ${dir}`;
  const rawLimit = Number.isFinite(filter.limit) ? Math.trunc(filter.limit as number) : DEFAULT_LIMIT;
  const limit = Math.min(Math.max(rawLimit, 1), MAX_LIMIT);
  const offset = Number.isFinite(filter.offset) ? Math.max(Math.trunc(filter.offset as number), 0) : 0;
  return {
    where: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    params,
    orderLimit: `ORDER BY ${column} ${dir}, ${tie} LIMIT ? OFFSET ?`,
    pageParams: [limit, offset],
  };
}
