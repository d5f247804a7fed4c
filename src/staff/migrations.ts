// Schema of staff accounts, sessions and the editors' unanswered-question log. Kept apart from the
// ticket store's migrations, with its own version table (staff_migrations), the same way the
// channel queues do it: the three sets evolve independently in one database. Never edit a
// released migration: add a version. One statement per entry (better-sqlite3 prepares one at a time).
// Times are ISO-8601 UTC text in both dialects (text order is time order).

export interface StaffMigration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const STAFF_MIGRATIONS_TABLE = 'staff_migrations';

const v1 = (id: string): string[] => [
  `CREATE TABLE staff_users (
  id ${id},
  username TEXT NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('admin', 'agency', 'editor')),
  agency_id TEXT,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((role = 'agency') = (agency_id IS NOT NULL))
)`,
  'CREATE UNIQUE INDEX staff_users_username ON staff_users (username)',
  `CREATE TABLE staff_sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES staff_users (id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ip TEXT NOT NULL DEFAULT ''
)`,
  'CREATE INDEX staff_sessions_expires ON staff_sessions (expires_at)',
  `CREATE TABLE unanswered_questions (
  id ${id},
  at TEXT NOT NULL,
  channel TEXT NOT NULL,
  outcome TEXT NOT NULL,
  text TEXT NOT NULL
)`,
  'CREATE INDEX unanswered_questions_at ON unanswered_questions (at)',
];

export const STAFF_MIGRATIONS: Readonly<Record<'sqlite' | 'postgres', readonly StaffMigration[]>> = {
  sqlite: [{ version: 1, name: 'staff users, sessions, unanswered questions', statements: v1('INTEGER PRIMARY KEY AUTOINCREMENT') }],
  postgres: [{ version: 1, name: 'staff users, sessions, unanswered questions', statements: v1('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY') }],
};
