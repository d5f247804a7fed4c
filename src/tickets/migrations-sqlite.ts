// SQLite schema. Timestamps are ISO-8601 UTC text (the store normalises them, so text order is
// time order); booleans are 0/1; JSON is text.
import type { Migration } from './migrations.js';

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tickets, messages, audit, conversation state and log',
    sql: `
CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('question', 'complaint', 'petition')),
  status TEXT NOT NULL CHECK (status IN ('new', 'assigned', 'in_progress', 'answered', 'closed')),
  channel TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  citizen_user_id TEXT NOT NULL,
  citizen_name TEXT,
  citizen_phone TEXT,
  agency_id TEXT NOT NULL,
  procedure_code TEXT,
  summary TEXT NOT NULL,
  created_at TEXT NOT NULL,
  due_at TEXT NOT NULL,
  first_response_at TEXT,
  answered_at TEXT,
  closed_at TEXT,
  close_reason TEXT,
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  assignee TEXT,
  live INTEGER NOT NULL DEFAULT 0 CHECK (live IN (0, 1)),
  live_until TEXT,
  needs_callback INTEGER NOT NULL DEFAULT 0 CHECK (needs_callback IN (0, 1)),
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX tickets_code_unique ON tickets (code);
CREATE INDEX tickets_status_due ON tickets (status, due_at);
CREATE INDEX tickets_agency_status_due ON tickets (agency_id, status, due_at);
CREATE INDEX tickets_conversation ON tickets (conversation_id, created_at);
CREATE INDEX tickets_created ON tickets (created_at);

CREATE TABLE ticket_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id TEXT NOT NULL REFERENCES tickets (id),
  at TEXT NOT NULL,
  author TEXT NOT NULL CHECK (author IN ('citizen', 'bot', 'staff', 'note')),
  staff_id TEXT,
  text TEXT NOT NULL,
  delivery TEXT CHECK (delivery IN ('pending', 'sent', 'failed', 'needs_callback'))
);
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, id);

CREATE TABLE ticket_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id TEXT NOT NULL REFERENCES tickets (id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX ticket_audit_ticket ON ticket_audit (ticket_id, id);

CREATE TABLE conversation_states (
  conversation_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX conversation_states_updated ON conversation_states (updated_at);

CREATE TABLE conversation_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  at TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  outcome TEXT NOT NULL,
  intent TEXT NOT NULL,
  procedure_code TEXT,
  ticket_code TEXT
);
CREATE INDEX conversation_log_at ON conversation_log (at);
`,
  },
];
