// Staff store: accounts, server-side sessions and the unanswered-question log, in the ticket
// store's database (same SQLite file through its own connection, or the same PostgreSQL
// database and schema through its own pool). Session ids are stored as SHA-256 digests, so a
// copy of the database does not let anyone log in.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { migrated, SQLITE_FILE_NAME } from '../tickets/store-open.js';
import { createPostgresDriver } from '../tickets/store-postgres.js';
import type { SqlDriver } from '../tickets/store-query.js';
import { createSqliteDriver } from '../tickets/store-sqlite.js';
import { STAFF_MIGRATIONS, STAFF_MIGRATIONS_TABLE } from './migrations.js';
import type { NewStaffUser, StaffRole, StaffSession, StaffUser, UnansweredQuestion } from './types.js';

export interface StaffStore {
  migrate(): Promise<{ applied: number[] }>;
  createUser(u: NewStaffUser): Promise<{ ok: true; user: StaffUser } | { ok: false; reason: 'exists' }>;
  findUser(username: string): Promise<(StaffUser & { passwordHash: string }) | undefined>;
  listUsers(): Promise<StaffUser[]>;
  setPassword(username: string, passwordHash: string): Promise<boolean>;
  setActive(username: string, active: boolean): Promise<boolean>;
  createSession(s: { id: string; userId: number; csrfToken: string; expiresAt: string; ip: string }): Promise<void>;
  /** The session and its user when it exists, has not expired and the user is active. */
  getSession(id: string): Promise<StaffSession | undefined>;
  deleteSession(id: string): Promise<void>;
  deleteUserSessions(userId: number): Promise<void>;
  pruneSessions(): Promise<number>;
  addQuestion(q: Omit<UnansweredQuestion, 'id'>): Promise<void>;
  listQuestions(since: string, limit?: number): Promise<UnansweredQuestion[]>;
  pruneQuestions(before: string): Promise<number>;
  close(): Promise<void>;
}

export const sessionKey = (id: string): string => createHash('sha256').update(id).digest('hex');

type Row = Record<string, unknown>;
const USER_COLUMNS = 'id, username, display_name, role, agency_id, active, created_at';

function toUser(r: Row): StaffUser {
  return {
    id: Number(r.id),
    username: String(r.username),
    displayName: String(r.display_name ?? ''),
    role: String(r.role) as StaffRole,
    ...(r.agency_id ? { agencyId: String(r.agency_id) } : {}),
    active: Number(r.active) === 1,
    createdAt: String(r.created_at),
  };
}

export function createStaffStoreOn(driver: SqlDriver, deps: { now: () => Date; schema?: string }): StaffStore {
  const now = () => deps.now().toISOString();
  const q = (sql: string, params: readonly unknown[] = []) => driver.query(sql, params);
  return {
    migrate: () =>
      driver.transaction(async (tx) => {
        if (driver.dialect === 'postgres') {
          await tx.query('SELECT pg_advisory_xact_lock(hashtext(?))', [`troly1022.staff-migrations.${deps.schema ?? ''}`]);
          if (deps.schema) await tx.query(`CREATE SCHEMA IF NOT EXISTS "${deps.schema}"`);
        }
        await tx.query(`CREATE TABLE IF NOT EXISTS ${STAFF_MIGRATIONS_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
        const done = new Set((await tx.query(`SELECT version FROM ${STAFF_MIGRATIONS_TABLE}`)).rows.map((r) => Number(r.version)));
        const list = STAFF_MIGRATIONS[driver.dialect];
        const newest = Math.max(0, ...done);
        if (newest > list.length) throw new Error(`staff schema version ${newest} is newer than this build knows (${list.length})`);
        const applied: number[] = [];
        for (const m of list) {
          if (done.has(m.version)) continue;
          for (const sql of m.statements) await tx.query(sql);
          await tx.query(`INSERT INTO ${STAFF_MIGRATIONS_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`, [m.version, m.name, new Date().toISOString()]);
          applied.push(m.version);
        }
        return { applied };
      }),

    async createUser(u) {
      const at = now();
      try {
        const r = await q(
          `INSERT INTO staff_users (username, display_name, role, agency_id, password_hash, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?) RETURNING ${USER_COLUMNS}`,
          [u.username, u.displayName ?? '', u.role, u.role === 'agency' ? (u.agencyId ?? null) : null, u.passwordHash, at, at],
        );
        return { ok: true, user: toUser(r.rows[0]!) };
      } catch (err) {
        if (driver.isUniqueViolation(err)) return { ok: false, reason: 'exists' };
        throw err;
      }
    },

    async findUser(username) {
      const r = await q(`SELECT ${USER_COLUMNS}, password_hash FROM staff_users WHERE username = ?`, [username]);
      const row = r.rows[0];
      return row ? { ...toUser(row), passwordHash: String(row.password_hash) } : undefined;
    },

    async listUsers() {
      return (await q(`SELECT ${USER_COLUMNS} FROM staff_users ORDER BY username`)).rows.map(toUser);
    },

    async setPassword(username, passwordHash) {
      return (await q('UPDATE staff_users SET password_hash = ?, updated_at = ? WHERE username = ?', [passwordHash, now(), username])).changes > 0;
    },

    async setActive(username, active) {
      return (await q('UPDATE staff_users SET active = ?, updated_at = ? WHERE username = ?', [active ? 1 : 0, now(), username])).changes > 0;
    },

    async createSession(s) {
      await q('INSERT INTO staff_sessions (id_hash, user_id, csrf_token, created_at, expires_at, ip) VALUES (?, ?, ?, ?, ?, ?)', [
        sessionKey(s.id), s.userId, s.csrfToken, now(), s.expiresAt, s.ip.slice(0, 64),
      ]);
    },

    async getSession(id) {
      const r = await q(
        `SELECT s.csrf_token, s.expires_at, u.id, u.username, u.display_name, u.role, u.agency_id, u.active, u.created_at
         FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id WHERE s.id_hash = ? AND s.expires_at > ?`,
        [sessionKey(id), now()],
      );
      const row = r.rows[0];
      if (!row || Number(row.active) !== 1) return undefined;
      return { user: toUser(row), csrfToken: String(row.csrf_token), expiresAt: String(row.expires_at) };
    },

    async deleteSession(id) {
      await q('DELETE FROM staff_sessions WHERE id_hash = ?', [sessionKey(id)]);
    },

    async deleteUserSessions(userId) {
      await q('DELETE FROM staff_sessions WHERE user_id = ?', [userId]);
    },

    async pruneSessions() {
      return (await q('DELETE FROM staff_sessions WHERE expires_at <= ?', [now()])).changes;
    },

    async addQuestion(x) {
      await q('INSERT INTO unanswered_questions (at, channel, outcome, text) VALUES (?, ?, ?, ?)', [x.at, x.channel, x.outcome, x.text]);
    },

    async listQuestions(since, limit = 2000) {
      const r = await q('SELECT id, at, channel, outcome, text FROM unanswered_questions WHERE at >= ? ORDER BY at DESC LIMIT ?', [since, limit]);
      return r.rows.map((row) => ({ id: Number(row.id), at: String(row.at), channel: String(row.channel), outcome: String(row.outcome), text: String(row.text) }));
    },

    async pruneQuestions(before) {
      return (await q('DELETE FROM unanswered_questions WHERE at < ?', [before])).changes;
    },

    close: () => driver.close(),
  };
}

export interface OpenStaffStoreOptions {
  dataDir: string;
  databaseUrl?: string;
  schema?: string;
  now: () => Date;
}

/** Same database choice as openTicketStore; migrated before returning. */
export async function openStaffStore(o: OpenStaffStoreOptions): Promise<StaffStore> {
  const driver = o.databaseUrl
    ? createPostgresDriver({ connectionString: o.databaseUrl, max: 3, ...(o.schema ? { schema: o.schema } : {}) })
    : createSqliteDriver({ path: join(o.dataDir, SQLITE_FILE_NAME) });
  const store = createStaffStoreOn(driver, { now: o.now, ...(o.schema ? { schema: o.schema } : {}) });
  return migrated(store);
}

/** A throwaway SQLite store (tests). */
export async function openMemoryStaffStore(now: () => Date = () => new Date()): Promise<StaffStore> {
  const store = createStaffStoreOn(createSqliteDriver({ path: ':memory:' }), { now });
  await store.migrate();
  return store;
}
