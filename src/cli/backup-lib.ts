// Backup and restore of the app's database (tickets, conversation state, channel queues, staff:
// all in one SQLite file or one PostgreSQL database/schema). Outcomes are values; the CLIs
// (backup.ts, restore.ts) print them. SQLite uses the online backup API of better-sqlite3 (safe
// while the app runs; no sqlite3 CLI needed); PostgreSQL uses pg_dump -Fc / pg_restore.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '../tickets/index.js';

export type DbTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };

export type OpResult = { ok: true; file: string; bytes: number; note?: string } | { ok: false; reason: string };

export function targetOf(config: { dataDir: string; databaseUrl?: string; databaseSchema?: string }): DbTarget {
  if (config.databaseUrl) return { kind: 'postgres', url: config.databaseUrl, ...(config.databaseSchema ? { schema: config.databaseSchema } : {}) };
  return { kind: 'sqlite', file: join(config.dataDir, SQLITE_FILE_NAME) };
}

/** Default backup file name: troly1022-<UTC timestamp>.sqlite | .dump */
export function defaultBackupName(target: DbTarget, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `troly1022-${stamp}.${target.kind === 'sqlite' ? 'sqlite' : 'dump'}`;
}

/**
 * The URL without its password, and the password for PGPASSWORD: a password on the command line
 * of pg_dump would be visible to every user in the process list.
 */
function splitPassword(url: string): { url: string; env: NodeJS.ProcessEnv } {
  try {
    const u = new URL(url);
    const password = decodeURIComponent(u.password);
    u.password = '';
    return { url: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env } };
  } catch {
    return { url, env: { ...process.env } };
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): { ok: true } | { ok: false; reason: string } {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8' });
  if (r.error) return { ok: false, reason: `${cmd} could not be started (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}); install the PostgreSQL client tools` };
  if (r.status !== 0) return { ok: false, reason: `${cmd} exited with ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}` };
  return { ok: true };
}

function integrityOf(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

export async function backupDatabase(target: DbTarget, out: string): Promise<OpResult> {
  if (existsSync(out)) return { ok: false, reason: `${out} already exists; choose another file name` };
  if (target.kind === 'sqlite') {
    if (!existsSync(target.file)) return { ok: false, reason: `no database at ${target.file} (check DATA_DIR)` };
    const db = new Database(target.file, { readonly: true, fileMustExist: true });
    try {
      await db.backup(out); // online backup: consistent even while the app writes
    } catch (err) {
      rmSync(out, { force: true });
      return { ok: false, reason: `SQLite backup failed: ${(err as Error).message}` };
    } finally {
      db.close();
    }
    const check = integrityOf(out);
    if (check !== 'ok') return { ok: false, reason: `backup failed its integrity check: ${check}` };
    return { ok: true, file: out, bytes: statSync(out).size };
  }
  const { url, env } = splitPassword(target.url);
  const args = ['--format=custom', '--no-owner', '--no-privileges', '--file', out, ...(target.schema ? ['--schema', target.schema] : []), '--dbname', url];
  const r = run('pg_dump', args, env);
  if (!r.ok) {
    rmSync(out, { force: true });
    return r;
  }
  return { ok: true, file: out, bytes: statSync(out).size };
}

export interface RestoreOptions {
  /** SQLite: replace an existing database file (kept aside as <file>.before-restore-<time>). */
  force?: boolean;
  now?: () => Date;
}

export async function restoreDatabase(target: DbTarget, from: string, options: RestoreOptions = {}): Promise<OpResult> {
  if (!existsSync(from)) return { ok: false, reason: `backup file ${from} not found` };
  if (target.kind === 'sqlite') {
    let check: string;
    try {
      check = integrityOf(from);
    } catch (err) {
      return { ok: false, reason: `${from} is not a SQLite database: ${(err as Error).message}` };
    }
    if (check !== 'ok') return { ok: false, reason: `${from} failed its integrity check: ${check}` };
    let note: string | undefined;
    if (existsSync(target.file)) {
      if (!options.force) return { ok: false, reason: `${target.file} exists; stop the app and pass --force to replace it (the old file is kept aside)` };
      const aside = `${target.file}.before-restore-${(options.now ?? (() => new Date()))().getTime()}`;
      renameSync(target.file, aside);
      note = `previous database kept as ${aside}`;
    }
    for (const suffix of ['-wal', '-shm']) rmSync(`${target.file}${suffix}`, { force: true });
    mkdirSync(dirname(target.file), { recursive: true });
    const src = new Database(from, { readonly: true, fileMustExist: true });
    try {
      await src.backup(target.file);
    } catch (err) {
      return { ok: false, reason: `SQLite restore failed: ${(err as Error).message}` };
    } finally {
      src.close();
    }
    return { ok: true, file: target.file, bytes: statSync(target.file).size, ...(note ? { note } : {}) };
  }
  // Into a FRESH database: --exit-on-error and --single-transaction leave nothing half-restored
  // if the database already holds the tables.
  const { url, env } = splitPassword(target.url);
  const r = run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--dbname', url, from], env);
  if (!r.ok) return r;
  return { ok: true, file: from, bytes: statSync(from).size };
}
