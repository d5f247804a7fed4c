// Public surface of the channel pipeline: durable inbox/outbox queues, webhook ingest, the
// worker and sender loops, staff replies through the outbox, rate limits, shared OAuth token pairs.
export type {
  AdapterDeps,
  ChannelAdapter,
  InboundEvent,
  OutboundChoice,
  OutboundMessage,
  ParseResult,
  RawRequest,
  ReplyContext,
  SendFailure,
  SendResult,
  VerifyResult,
} from './types.js';
export { isRetryable, splitText } from './types.js';
export type {
  ChannelQueue,
  DeadLetterFilter,
  InboxRow,
  InboxStatus,
  InsertInboxResult,
  NewOutboxMessage,
  OutboxRow,
  OutboxSource,
  OutboxStatus,
  QueueCounts,
} from './queue-types.js';
export { QUEUE_MIGRATIONS, QUEUE_MIGRATIONS_TABLE, type QueueMigration } from './queue-migrations.js';
export { createSqlQueue, type QueueDeps } from './queue-sql.js';
export { createSqlTokenStore, type PlatformTokens, type PlatformTokenStore, type SqlTokenStoreOptions } from './token-store.js';
export {
  createPostgresQueue,
  createSqliteQueue,
  openChannelQueue,
  type OpenChannelQueueOptions,
  type PostgresQueueOptions,
  type SqliteQueueOptions,
} from './queue-open.js';
export { handleWebhook, ingestEvents, MAX_WEBHOOK_BODY_BYTES, type IngestDeps, type IngestLogger, type WebhookResponse } from './ingest.js';
export {
  backoffDelay,
  createTokenBucket,
  DEFAULT_RATE_LIMITS,
  FALLBACK_RATE_LIMIT,
  type BackoffOptions,
  type RateLimit,
  type TokenBucket,
} from './rate-limit.js';
export { toIncomingMessage, UNSUPPORTED_REPLY, type HandleMessage, type PipelineLogger } from './worker.js';
export type { DeliveryReport, DeliveryStatus, SendOutcome } from './sender.js';
export {
  createChannelPipeline,
  type ChannelPipeline,
  type ChannelPipelineOptions,
  type StaffReplyInput,
  type StaffReplyResult,
  type Timers,
} from './pipeline.js';
export { createOutboxReplier, deliveryState, type OutboxReplier, type OutboxReplyResult, type ReplyTicket } from './staff-replier.js';
export { parseRateLimits } from './rate-limit-config.js';
export { createWebchatSubmitter, type WebchatMessage, type WebchatOutcome, type WebchatSubmit, type WebchatSubmitterDeps } from './webchat.js';
