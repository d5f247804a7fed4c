// PostgreSQL schema: same tables and columns as the SQLite one, native types (timestamptz,
// boolean, jsonb, identity columns).
import type { Migration } from './migrations.js';

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
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
  created_at TIMESTAMPTZ NOT NULL,
  due_at TIMESTAMPTZ NOT NULL,
  first_response_at TIMESTAMPTZ,
  answered_at TIMESTAMPTZ,
  closed_at TIMESTAMPTZ,
  close_reason TEXT,
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  assignee TEXT,
  live BOOLEAN NOT NULL DEFAULT FALSE,
  live_until TIMESTAMPTZ,
  needs_callback BOOLEAN NOT NULL DEFAULT FALSE,
  updated_at TIMESTAMPTZ NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX tickets_code_unique ON tickets (code);
CREATE INDEX tickets_status_due ON tickets (status, due_at);
CREATE INDEX tickets_agency_status_due ON tickets (agency_id, status, due_at);
CREATE INDEX tickets_conversation ON tickets (conversation_id, created_at);
CREATE INDEX tickets_created ON tickets (created_at);

CREATE TABLE ticket_messages (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets (id),
  at TIMESTAMPTZ NOT NULL,
  author TEXT NOT NULL CHECK (author IN ('citizen', 'bot', 'staff', 'note')),
  staff_id TEXT,
  text TEXT NOT NULL,
  delivery TEXT CHECK (delivery IN ('pending', 'sent', 'failed', 'needs_callback'))
);
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, id);

CREATE TABLE ticket_audit (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets (id),
  at TIMESTAMPTZ NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail JSONB NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX ticket_audit_ticket ON ticket_audit (ticket_id, id);

CREATE TABLE conversation_states (
  conversation_id TEXT PRIMARY KEY,
  state JSONB NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX conversation_states_updated ON conversation_states (updated_at);

CREATE TABLE conversation_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  at TIMESTAMPTZ NOT NULL,
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
