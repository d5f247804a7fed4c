// Schema of the channel queues (inbox and outbox), kept apart from the ticket store's migrations:
// its own version table (channel_migrations) so the two sets evolve independently in the same
// database. A migration is never edited once released: add a new version instead. Statements are
// listed one by one (better-sqlite3 prepares a single statement at a time).
//
// Times are epoch milliseconds in both dialects (INTEGER / BIGINT): comparisons are plain
// numbers, and the row mappers turn them into ISO strings for callers.

export interface QueueMigration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const QUEUE_MIGRATIONS_TABLE = 'channel_migrations';

const SQLITE_V1 = [
  `CREATE TABLE channel_inbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL,
  event_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  processed_at INTEGER,
  last_error TEXT
)`,
  'CREATE UNIQUE INDEX channel_inbox_event ON channel_inbox (channel, event_id)',
  'CREATE INDEX channel_inbox_status ON channel_inbox (status, id)',
  'CREATE INDEX channel_inbox_conversation ON channel_inbox (conversation_id, status, id)',
  `CREATE TABLE channel_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('bot', 'staff')),
  ticket_message_id INTEGER,
  inbox_id INTEGER,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  locked_until INTEGER,
  last_error TEXT,
  failure_kind TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  platform_message_ids TEXT
)`,
  'CREATE INDEX channel_outbox_status ON channel_outbox (status, next_attempt_at, id)',
  'CREATE INDEX channel_outbox_conversation ON channel_outbox (conversation_id, status, id)',
];

const POSTGRES_V1 = [
  `CREATE TABLE channel_inbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel TEXT NOT NULL,
  event_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  payload JSONB NOT NULL,
  received_at BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT,
  processed_at BIGINT,
  last_error TEXT
)`,
  'CREATE UNIQUE INDEX channel_inbox_event ON channel_inbox (channel, event_id)',
  'CREATE INDEX channel_inbox_status ON channel_inbox (status, id)',
  'CREATE INDEX channel_inbox_conversation ON channel_inbox (conversation_id, status, id)',
  `CREATE TABLE channel_outbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  payload JSONB NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('bot', 'staff')),
  ticket_message_id BIGINT,
  inbox_id BIGINT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  locked_until BIGINT,
  last_error TEXT,
  failure_kind TEXT,
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  platform_message_ids JSONB
)`,
  'CREATE INDEX channel_outbox_status ON channel_outbox (status, next_attempt_at, id)',
  'CREATE INDEX channel_outbox_conversation ON channel_outbox (conversation_id, status, id)',
];

const LATEST_INDEX = 'CREATE INDEX channel_inbox_latest ON channel_inbox (conversation_id, id)';

// v3: OAuth token pairs shared by all instances (single-use refresh tokens; src/channels/token-store.ts).
const SQLITE_V3 = [
  `CREATE TABLE platform_tokens (
  platform TEXT NOT NULL,
  account_id TEXT NOT NULL,
  access_token TEXT NOT NULL,
  refresh_token TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (platform, account_id)
)`,
];

const POSTGRES_V3 = [
  `CREATE TABLE platform_tokens (
  platform TEXT NOT NULL,
  account_id TEXT NOT NULL,
  access_token TEXT NOT NULL,
  refresh_token TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (platform, account_id)
)`,
];

const TOKENS_NAME = 'platform token pairs (single-use refresh tokens)';

// v4: claims walk (status, id) in id order and stop at the first runnable row, so a claim costs
// the same with 10 or 10,000 rows waiting. The old (status, next_attempt_at, id) index made the
// planner collect and sort every due row on each claim (about 1.5 ms per claim at a backlog of
// 2,000, the processing bottleneck under a burst). "Next due" reads walk (status, id) too; that
// read runs only when the sender is idle.
const CLAIM_ORDER_V4 = [
  'DROP INDEX channel_outbox_status',
  'CREATE INDEX channel_outbox_status_id ON channel_outbox (status, id)',
];
const CLAIM_ORDER_NAME = 'claims walk the queue in id order';

// v5: the replies of one event, read by the web chat while the citizen waits for them.
const REPLIES_OF_EVENT = ['CREATE INDEX channel_outbox_inbox ON channel_outbox (inbox_id)'];
const REPLIES_NAME = 'replies of one inbox event';

export const QUEUE_MIGRATIONS: Readonly<Record<'sqlite' | 'postgres', readonly QueueMigration[]>> = {
  sqlite: [
    { version: 1, name: 'channel inbox and outbox', statements: SQLITE_V1 },
    { version: 2, name: 'newest event of a conversation (staff reply context)', statements: [LATEST_INDEX] },
    { version: 3, name: TOKENS_NAME, statements: SQLITE_V3 },
    { version: 4, name: CLAIM_ORDER_NAME, statements: CLAIM_ORDER_V4 },
    { version: 5, name: REPLIES_NAME, statements: REPLIES_OF_EVENT },
  ],
  postgres: [
    { version: 1, name: 'channel inbox and outbox', statements: POSTGRES_V1 },
    { version: 2, name: 'newest event of a conversation (staff reply context)', statements: [LATEST_INDEX] },
    { version: 3, name: TOKENS_NAME, statements: POSTGRES_V3 },
    { version: 4, name: CLAIM_ORDER_NAME, statements: CLAIM_ORDER_V4 },
    { version: 5, name: REPLIES_NAME, statements: REPLIES_OF_EVENT },
  ],
};
