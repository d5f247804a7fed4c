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

// ── Service layer (issue 3): routing, lifecycle, staff actions, live handoff, rating ─────────
export { createWorkingCalendar, type WorkingCalendar } from './calendar.js';
export { formatCalendarIssue, loadCalendarFile, loadServiceCalendar, type CalendarData } from './calendar-file.js';
export { DEFAULT_DEADLINE_RULES, createDeadlinePolicy, type DeadlinePolicy, type DeadlineState } from './deadlines.js';
export { DEFAULT_INTAKE_ID, createTicketRouter, routingKey, type RouteReason, type RouteResult, type TicketRouter } from './routing.js';
export {
  WEBCHAT_CHANNEL,
  createChannelRouterReplier,
  createFakeReplier,
  createWebchatReplier,
  type CitizenReplier,
  type FakeReplier,
  type ReplyResult,
} from './service-replier.js';
export { DEFAULT_LIVE_IDLE_MINUTES, type ActionError, type ActionResult, type TicketServiceDeps } from './service-context.js';
export { STATUS_TRANSITIONS, parseRating, ratingQuestion, statusChangeError } from './service-rules.js';
export type { StaffList, StaffListQuery, TicketDetail, TicketWithDeadline, WebchatReply } from './service-list.js';
export { createTicketService, type TicketService } from './service.js';
export { createTicketAwareBot, type TicketAwareBot, type TicketAwareResponse } from './service-bot.js';
// ── end of service layer ─────────────────────────────────────────────────────────────────────
