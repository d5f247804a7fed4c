// Versioned schema migrations, one ordered list per dialect. A migration is never edited once
// released: add a new version instead. Both lists must keep the same versions and names so the two
// stores stay interchangeable (checked by checkMigrations and the contract tests).
import { POSTGRES_MIGRATIONS } from './migrations-postgres.js';
import { SQLITE_MIGRATIONS } from './migrations-sqlite.js';

export interface Migration {
  version: number;
  name: string;
  /** One or more statements, run inside the migration's transaction. */
  sql: string;
}

export const MIGRATIONS: Readonly<Record<'sqlite' | 'postgres', readonly Migration[]>> = {
  sqlite: SQLITE_MIGRATIONS,
  postgres: POSTGRES_MIGRATIONS,
};

/** Problems with a migration list (versions not strictly increasing from 1, empty SQL). */
export function checkMigrations(list: readonly Migration[]): string[] {
  const problems: string[] = [];
  list.forEach((m, i) => {
    if (m.version !== i + 1) problems.push(`migration #${i} has version ${m.version}, expected ${i + 1}`);
    if (m.sql.trim() === '') problems.push(`migration ${m.version} (${m.name}) has no SQL`);
  });
  return problems;
}

/** Migrations not yet applied, in order. */
export function pendingMigrations(list: readonly Migration[], applied: Iterable<number>): Migration[] {
  const done = new Set(applied);
  return list.filter((m) => !done.has(m.version));
}

export function latestVersion(list: readonly Migration[]): number {
  return list.reduce((v, m) => Math.max(v, m.version), 0);
}
