// Public surface of the tickets module.

// ── Store layer: types, codes, migrations, TicketStore and its two implementations ──────────
export type {
  AuditEntry,
  ConversationLogEntry,
  JsonValue,
  MessageAuthor,
  MessageDelivery,
  Ticket,
  TicketMessage,
  TicketStatus,
  TicketType,
} from './types.js';
export { MESSAGE_AUTHORS, MESSAGE_DELIVERIES, OPEN_TICKET_STATUSES, TICKET_STATUSES, TICKET_TYPES } from './types.js';
export {
  CANONICAL_TICKET_CODE,
  CODE_ALPHABET,
  TICKET_CODE_IN_TEXT,
  TICKET_CODE_PREFIX,
  findTicketCodeInText,
  generateTicketCode,
  isTicketCode,
  normalizeTicketCode,
  ticketCodeSearchKey,
  ticketTypeOfCode,
} from './codes.js';
export type {
  AddMessageResult,
  AuditInput,
  ConversationLogQuery,
  MigrateResult,
  NewTicket,
  NewTicketMessage,
  TicketFilter,
  TicketPage,
  TicketPatch,
  TicketStore,
  UpdateOptions,
  UpdateResult,
} from './store-types.js';
export { MIGRATIONS, checkMigrations, type Migration } from './migrations.js';
export type { StoreDeps } from './store-sql.js';
export { createSqliteStore, type SqliteStoreOptions } from './store-sqlite.js';
export { createPostgresStore, type PostgresStoreOptions } from './store-postgres.js';
export { storedSummary } from './store-validate.js';
export { SQLITE_FILE_NAME, openTicketStore, type OpenTicketStoreOptions } from './store-open.js';
// ── end of store layer ───────────────────────────────────────────────────────────────────────
