// The only reader of process.env. Every variable is declared once here, validated, and all
// problems are reported together so an operator fixes them in one pass. .env.example lists the
// same variables with comments.

import { resolve } from 'node:path';
import { parseSenderLimit, type SenderLimit } from './channels/sender-limit.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  knowledgeDir: string;
  /** Reload the knowledge base when its files change. */
  kbWatch: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  policy: { answer: number; clarify: number };
  /** postgres://… : tickets and conversation state in PostgreSQL; unset: SQLite in dataDir. */
  databaseUrl?: string;
  /** PostgreSQL schema for the tables (optional). */
  databaseSchema?: string;
  /** Working-day calendar (holidays, make-up days) for ticket deadlines. */
  calendarFile: string;
  tickets: {
    /** Working days per ticket type; unset types keep the documented defaults (src/tickets/deadlines.ts). */
    deadlineDays: { question?: number; complaint?: number; petition?: number };
    /** A ticket is due soon when at most this many working hours remain. */
    dueSoonWorkingHours: number;
    /** Minutes without an officer's action after which a live chat ends and the bot resumes. */
    liveIdleMinutes: number;
  };
  /** Bearer token for scripts calling /api/staff/* (Authorization: Bearer + X-Staff-Id); unset: only console sessions. */
  staffApiToken?: string;
  /** Per-sender limit on every channel ("20/60s"), null when off; counted per instance (SENDER_RATE_LIMIT). */
  senderRateLimit: SenderLimit | null;
  /** On SIGTERM, /readyz answers 503 this long before the server stops accepting connections. */
  shutdownDrainMs: number;
  /** Bearer token for GET /metrics (Prometheus); unset: /metrics is open (keep it off the internet). */
  metricsToken?: string;
  /** Staff console (issue 5). */
  staff: {
    /** Hours a console login lasts. */
    sessionHours: number;
    /** express "trust proxy": set behind a TLS-terminating proxy so req.secure / req.ip are right. */
    trustProxy?: string;
    /** Always mark the session cookie Secure (otherwise only when the request came over TLS). */
    cookieSecure: boolean;
    /** Days the masked unanswered questions are kept for editors. */
    unansweredRetentionDays: number;
  };
  channels: ChannelsConfig;
  /** Optional OpenAI-compatible model (README "Optional LLM"); absent: the rule-based bot only. */
  llm?: LlmSettings;
  /** Origins allowed to frame /chat (the portal), e.g. https://dongthap.gov.vn; empty: same origin only. */
  webchatAllowedOrigins?: string[];
}

export interface LlmSettings {
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Budget of all LLM calls for one citizen message together. */
  timeoutMs: number;
  /** Consecutive failed calls that open the circuit breaker, and how long it stays open. */
  breakerFailures: number;
  breakerCooldownMs: number;
  /** Embeddings model for semantic candidates (cached per KB version in DATA_DIR/embeddings). */
  embeddingModel?: string;
}

/** Messaging platforms: each is on when its credentials are set (README "Channels"). */
export interface ChannelsConfig {
  telegram?: { botToken: string; webhookSecret?: string; apiRoot?: string; mode: 'webhook' | 'polling' };
  zaloBot?: { botToken: string; webhookSecret?: string; apiBase?: string; mode: 'webhook' | 'polling' };
  zaloOa?: {
    appId: string;
    appSecret: string;
    oaSecretKey?: string;
    apiBase?: string;
    oauthBase?: string;
    accessToken?: string;
    refreshToken?: string;
    replyToMessageId: boolean;
  };
  messenger?: { pageAccessToken: string; appSecret: string; verifyToken: string; graphApiBase?: string; graphApiVersion?: string };
  botframework?: { appId: string; appPassword: string; appTenantId?: string; appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi'; openIdMetadataUrl?: string };
  pipeline: {
    workers: number;
    senders: number;
    maxSendAttempts: number;
    maxProcessAttempts: number;
    retryBaseMs: number;
    retryMaxMs: number;
    inboxLeaseMs: number;
    sendLeaseMs: number;
    pollIntervalMs: number;
    /** "channel=perSecond[/burst],…"; empty: built-in limits per platform. */
    rateLimits: string;
    retentionDays: number;
    staffReplyWaitMs: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

interface Reader {
  str(name: string, fallback: string): string;
  opt(name: string): string | undefined;
  optInt(name: string, min: number, max: number): number | undefined;
  int(name: string, fallback: number, min: number, max: number): number;
  num(name: string, fallback: number, min: number, max: number): number;
  bool(name: string, fallback: boolean): boolean;
  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T;
}

function reader(env: Env, problems: string[]): Reader {
  const raw = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  return {
    str: (name, fallback) => raw(name) ?? fallback,
    opt: (name) => raw(name),
    optInt(name, min, max) {
      const v = raw(name);
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        problems.push(`${name} must be an integer from ${min} to ${max} (got "${v}")`);
        return undefined;
      }
      return n;
    },
    int(name, fallback, min, max) {
      const v = raw(name);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        problems.push(`${name} must be an integer from ${min} to ${max} (got "${v}")`);
        return fallback;
      }
      return n;
    },
    num(name, fallback, min, max) {
      const v = raw(name);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > max) {
        problems.push(`${name} must be a number from ${min} to ${max} (got "${v}")`);
        return fallback;
      }
      return n;
    },
    bool(name, fallback) {
      const v = raw(name)?.toLowerCase();
      if (v === undefined) return fallback;
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      problems.push(`${name} must be true or false (got "${v}")`);
      return fallback;
    },
    oneOf(name, values, fallback) {
      const v = raw(name);
      if (v === undefined) return fallback;
      if ((values as readonly string[]).includes(v)) return v as (typeof values)[number];
      problems.push(`${name} must be one of ${values.join(', ')} (got "${v}")`);
      return fallback;
    },
  };
}

function readSenderLimit(r: Reader, problems: string[]): SenderLimit | null {
  const parsed = parseSenderLimit(r.str('SENDER_RATE_LIMIT', '20/60s'));
  if (parsed.ok) return parsed.limit;
  problems.push(`SENDER_RATE_LIMIT: ${parsed.problem}`);
  return null;
}

/** Drops undefined values so optional config fields stay absent (exactOptionalPropertyTypes-friendly). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function readChannels(r: Reader, problems: string[]): ChannelsConfig {
  const mode = (name: string) => r.oneOf(name, ['webhook', 'polling'] as const, 'webhook');
  const need = (platform: string, names: string[]): boolean => {
    const missing = names.filter((n) => r.opt(n) === undefined);
    if (missing.length > 0) problems.push(`${platform} is partly configured: set ${missing.join(', ')}`);
    return missing.length === 0;
  };
  const channels: ChannelsConfig = {
    pipeline: {
      workers: r.int('CHANNEL_WORKERS', 4, 1, 64),
      senders: r.int('CHANNEL_SENDERS', 4, 1, 64),
      maxSendAttempts: r.int('CHANNEL_MAX_SEND_ATTEMPTS', 8, 1, 100),
      maxProcessAttempts: r.int('CHANNEL_MAX_PROCESS_ATTEMPTS', 5, 1, 100),
      retryBaseMs: r.int('CHANNEL_RETRY_BASE_MS', 2000, 10, 3_600_000),
      retryMaxMs: r.int('CHANNEL_RETRY_MAX_MS', 600_000, 100, 86_400_000),
      inboxLeaseMs: r.int('CHANNEL_INBOX_LEASE_MS', 120_000, 1000, 3_600_000),
      sendLeaseMs: r.int('CHANNEL_SEND_LEASE_MS', 60_000, 1000, 3_600_000),
      pollIntervalMs: r.int('CHANNEL_POLL_INTERVAL_MS', 1000, 10, 60_000),
      rateLimits: r.str('CHANNEL_RATE_LIMITS', ''),
      retentionDays: r.int('CHANNEL_RETENTION_DAYS', 7, 1, 365),
      staffReplyWaitMs: r.int('STAFF_REPLY_WAIT_MS', 10_000, 0, 120_000),
    },
  };
  const tgToken = r.opt('TELEGRAM_BOT_TOKEN');
  if (tgToken) {
    const m = mode('TELEGRAM_MODE');
    if (m === 'webhook') need('Telegram', ['TELEGRAM_WEBHOOK_SECRET']);
    channels.telegram = defined({ botToken: tgToken, webhookSecret: r.opt('TELEGRAM_WEBHOOK_SECRET'), apiRoot: r.opt('TELEGRAM_API_ROOT'), mode: m });
  }
  const zbToken = r.opt('ZALO_BOT_TOKEN');
  if (zbToken) {
    const m = mode('ZALO_BOT_MODE');
    if (m === 'webhook') need('Zalo Bot', ['ZALO_BOT_WEBHOOK_SECRET']);
    channels.zaloBot = defined({ botToken: zbToken, webhookSecret: r.opt('ZALO_BOT_WEBHOOK_SECRET'), apiBase: r.opt('ZALO_BOT_API_BASE'), mode: m });
  }
  const oaApp = r.opt('ZALO_OA_APP_ID');
  if (oaApp && need('Zalo OA', ['ZALO_OA_APP_SECRET', 'ZALO_OA_SECRET_KEY'])) {
    channels.zaloOa = defined({
      appId: oaApp,
      appSecret: r.opt('ZALO_OA_APP_SECRET')!,
      oaSecretKey: r.opt('ZALO_OA_SECRET_KEY'),
      apiBase: r.opt('ZALO_OA_API_BASE'),
      oauthBase: r.opt('ZALO_OA_OAUTH_BASE'),
      accessToken: r.opt('ZALO_OA_ACCESS_TOKEN'),
      refreshToken: r.opt('ZALO_OA_REFRESH_TOKEN'),
      replyToMessageId: r.bool('ZALO_OA_REPLY_TO_MESSAGE_ID', true),
    });
  }
  const pageToken = r.opt('MESSENGER_PAGE_ACCESS_TOKEN');
  if (pageToken && need('Messenger', ['MESSENGER_APP_SECRET', 'MESSENGER_VERIFY_TOKEN'])) {
    channels.messenger = defined({
      pageAccessToken: pageToken,
      appSecret: r.opt('MESSENGER_APP_SECRET')!,
      verifyToken: r.opt('MESSENGER_VERIFY_TOKEN')!,
      graphApiBase: r.opt('MESSENGER_GRAPH_API_BASE'),
      graphApiVersion: r.opt('MESSENGER_GRAPH_API_VERSION'),
    });
  }
  const msApp = r.opt('MICROSOFT_APP_ID');
  if (msApp) {
    const appType = r.opt('MICROSOFT_APP_TYPE');
    if (appType !== undefined && !['MultiTenant', 'SingleTenant', 'UserAssignedMsi'].includes(appType)) {
      problems.push(`MICROSOFT_APP_TYPE must be MultiTenant, SingleTenant or UserAssignedMsi (got "${appType}")`);
    }
    if (appType !== 'UserAssignedMsi') need('Bot Framework', ['MICROSOFT_APP_PASSWORD']);
    channels.botframework = defined({
      appId: msApp,
      appPassword: r.opt('MICROSOFT_APP_PASSWORD') ?? '',
      appTenantId: r.opt('MICROSOFT_APP_TENANT_ID'),
      appType: appType as 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi' | undefined,
      openIdMetadataUrl: r.opt('MICROSOFT_BOT_OPENID_METADATA_URL'),
    });
  }
  return channels;
}

/** WEBCHAT_ALLOWED_ORIGINS: comma- or space-separated origins (scheme://host[:port], "*." allowed as the first label). */
function readWebchatOrigins(r: Reader, problems: string[]): string[] {
  const origins: string[] = [];
  for (const item of (r.opt('WEBCHAT_ALLOWED_ORIGINS') ?? '').split(/[\s,]+/).filter(Boolean)) {
    const o = item.replace(/\/+$/, '').toLowerCase();
    if (/^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/.test(o)) origins.push(o);
    else problems.push(`WEBCHAT_ALLOWED_ORIGINS: "${item}" is not an origin like https://dongthap.gov.vn (no path)`);
  }
  return origins;
}

function readLlm(r: Reader, problems: string[]): LlmSettings | undefined {
  const baseUrl = r.opt('LLM_BASE_URL');
  const model = r.opt('LLM_MODEL');
  const timeoutMs = r.int('LLM_TIMEOUT_MS', 4000, 100, 120_000);
  const breakerFailures = r.int('LLM_BREAKER_FAILURES', 3, 1, 100);
  const breakerCooldownMs = r.int('LLM_BREAKER_COOLDOWN_MS', 30_000, 100, 3_600_000);
  if (!baseUrl) {
    if (model) problems.push('LLM_MODEL is set but LLM_BASE_URL is not: set both (or neither)');
    return undefined;
  }
  if (!/^https?:\/\//.test(baseUrl)) problems.push('LLM_BASE_URL must start with http:// or https://');
  if (!model) {
    problems.push('LLM_BASE_URL is set but LLM_MODEL is not: set both (or neither)');
    return undefined;
  }
  return defined({
    baseUrl,
    apiKey: r.opt('LLM_API_KEY'),
    model,
    timeoutMs,
    breakerFailures,
    breakerCooldownMs,
    embeddingModel: r.opt('LLM_EMBEDDING_MODEL'),
  });
}

/** Reads and validates the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const r = reader(env, problems);
  const knowledgeDir = resolve(r.str('KNOWLEDGE_DIR', './knowledge'));
  const databaseUrl = r.opt('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  const staffApiToken = r.opt('STAFF_API_TOKEN');
  if (staffApiToken !== undefined && staffApiToken.length < 16) problems.push('STAFF_API_TOKEN must be at least 16 characters');
  const metricsToken = r.opt('METRICS_TOKEN');
  const databaseSchema = r.opt('DATABASE_SCHEMA');
  const deadlineDays: Config['tickets']['deadlineDays'] = {};
  for (const [type, name] of [['question', 'DEADLINE_QUESTION_DAYS'], ['complaint', 'DEADLINE_COMPLAINT_DAYS'], ['petition', 'DEADLINE_PETITION_DAYS']] as const) {
    const v = r.optInt(name, 1, 365);
    if (v !== undefined) deadlineDays[type] = v;
  }
  const config: Config = {
    port: r.int('PORT', 3000, 0, 65535),
    host: r.str('HOST', '0.0.0.0'),
    dataDir: resolve(r.str('DATA_DIR', './data')),
    knowledgeDir,
    kbWatch: r.bool('KB_WATCH', true),
    logLevel: r.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    policy: {
      answer: r.num('POLICY_ANSWER_THRESHOLD', 0.75, 0, 1),
      clarify: r.num('POLICY_CLARIFY_THRESHOLD', 0.1, 0, 1),
    },
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(databaseSchema ? { databaseSchema } : {}),
    calendarFile: resolve(knowledgeDir, r.str('CALENDAR_FILE', 'calendar/holidays.yaml')),
    tickets: {
      deadlineDays,
      dueSoonWorkingHours: r.num('DUE_SOON_WORKING_HOURS', 8, 0, 200),
      liveIdleMinutes: r.int('LIVE_IDLE_MINUTES', 30, 1, 24 * 60),
    },
    ...(staffApiToken ? { staffApiToken } : {}),
    ...(metricsToken ? { metricsToken } : {}),
    staff: {
      sessionHours: r.int('STAFF_SESSION_HOURS', 12, 1, 24 * 30),
      ...(r.opt('TRUST_PROXY') ? { trustProxy: r.opt('TRUST_PROXY')! } : {}),
      cookieSecure: r.bool('STAFF_COOKIE_SECURE', false),
      unansweredRetentionDays: r.int('UNANSWERED_RETENTION_DAYS', 180, 1, 3650),
    },
    channels: readChannels(r, problems),
    senderRateLimit: readSenderLimit(r, problems),
    shutdownDrainMs: r.int('SHUTDOWN_DRAIN_MS', 2000, 0, 120_000),
    webchatAllowedOrigins: readWebchatOrigins(r, problems),
  };
  const llm = readLlm(r, problems);
  if (llm) config.llm = llm;
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Where every store lives: PostgreSQL when DATABASE_URL is set (with DATABASE_SCHEMA), else SQLite in DATA_DIR. */
export function databaseOf(config: Config): { dataDir: string; databaseUrl?: string; schema?: string } {
  return {
    dataDir: config.dataDir,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
  };
}

/** PostgreSQL for `npm run bench` (webhook ingest): TEST_DATABASE_URL, else DATABASE_URL; undefined: SQLite only. */
export function benchDatabaseUrl(env: Env = process.env): string | undefined {
  return env.TEST_DATABASE_URL || env.DATABASE_URL || undefined;
}
