// The one wiring point: config → store → calendar → knowledge → tickets → bot → server.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { ConfigError, databaseOf, loadConfig, type Config } from './config.js';
import { createBot } from './core/index.js';
import { formatIssue, openLiveKnowledge } from './knowledge/index.js';
import { createApp } from './server/app.js';
import { createUnansweredRecorder, openStaffStore, type StaffStore } from './staff/index.js';
import { createMetricsRecorder } from './server/metrics.js';
import { createLogger, type Logger } from './shared/logger.js';
import { corpusOf, openLlm, type LlmMetrics } from './llm/index.js';
import { openChannels, type Channels } from './main-channels.js';
import { buildHttpRoot } from './main-http.js';
import { limitSenders } from './channels/sender-limit.js';
import {
  WEBCHAT_CHANNEL,
  createChannelRouterReplier,
  createDeadlinePolicy,
  createTicketAwareBot,
  createTicketRouter,
  createTicketService,
  createWebchatReplier,
  createWorkingCalendar,
  loadServiceCalendar,
  openTicketStore,
  type CitizenReplier,
  type TicketService,
  type TicketStore,
} from './tickets/index.js';

export interface Running {
  server: Server;
  port: number;
  store: TicketStore;
  tickets: TicketService;
  channels: Channels;
  /** Staff accounts, sessions and the editors' unanswered-question log. */
  staff: StaffStore;
  /** Present when LLM_BASE_URL is set: counters for /metrics. */
  llmMetrics?: LlmMetrics;
  /** SIGTERM: /readyz turns 503 at once; after drainMs the server stops taking work and stop() runs. */
  drain(drainMs: number): Promise<void>;
  stop(): Promise<void>;
}

export interface StartDeps {
  /** Replier for the messaging platforms (the channels' outbox); the web chat has its own. */
  channelReplier?: CitizenReplier;
  now?: () => Date;
}

export async function start(config: Config, logger: Logger, deps: StartDeps = {}): Promise<Running> {
  const now = deps.now ?? (() => new Date());
  mkdirSync(config.dataDir, { recursive: true });
  const calendar = await loadServiceCalendar(config.calendarFile, () => logger.warn('calendar.missing', { file: config.calendarFile }));
  const workingCalendar = createWorkingCalendar({ calendar });
  const deadlines = createDeadlinePolicy({
    calendar: workingCalendar,
    rules: config.tickets.deadlineDays,
    dueSoonWorkingHours: config.tickets.dueSoonWorkingHours,
  });
  const opened = openLiveKnowledge(config.knowledgeDir, {
    watch: config.kbWatch,
    onReload: (kb) => logger.info('kb.reloaded', { procedures: kb.procedures.length, version: kb.version.slice(0, 12) }),
    onInvalid: (errors) => {
      logger.warn('kb.reload_rejected', { errors: errors.length, first: errors[0] ? formatIssue(errors[0]) : '' });
    },
  });
  if (!opened.ok) {
    for (const e of opened.errors.slice(0, 20)) logger.error('kb.invalid', { issue: formatIssue(e) });
    throw new Error(`knowledge base in ${config.knowledgeDir} is invalid (${opened.errors.length} errors); run: npm run kb -- check`);
  }
  const live = opened.live;
  // SQLite in DATA_DIR, or PostgreSQL when DATABASE_URL is set; every store migrates before use.
  const database = { ...databaseOf(config), now };
  let store: TicketStore;
  try {
    store = await openTicketStore(database);
  } catch (err) {
    live.stop();
    throw err;
  }
  logger.info('store.opened', { dialect: store.dialect });
  // Messages in/out and sends per channel, the answer latency histogram (GET /metrics).
  const metrics = createMetricsRecorder();
  // Messaging platforms: adapters, durable inbox/outbox in the same database, staff replies.
  let channels: Channels;
  try {
    channels = await openChannels(config, store, logger, now, { onSendAttempt: metrics.observeSend });
  } catch (err) {
    live.stop();
    await store.close();
    throw err;
  }
  let staff: StaffStore;
  try {
    staff = await openStaffStore(database);
  } catch (err) {
    live.stop();
    await channels.stop();
    await store.close();
    throw err;
  }
  // Optional model (README "Optional LLM"): absent, the bot is the rule-based one, unchanged.
  const llm = config.llm
    ? openLlm(config.llm, {
        logger,
        // Embeddings (LLM_EMBEDDING_MODEL): built in the background, cached per KB version.
        semantic: {
          cacheDir: `${config.dataDir}/embeddings`,
          corpus: corpusOf(() => live.kb()),
        },
      })
    : undefined;
  if (llm) {
    logger.info('llm.enabled', { model: config.llm!.model, embeddings: Boolean(llm.semantic) });
    void llm.semantic?.warm();
  }
  const tickets = createTicketService({
    store,
    deadlines,
    router: createTicketRouter(() => live.kb().agencies),
    lookupProcedure: (code) => live.kb().byCode.get(code),
    replier: createChannelRouterReplier({ [WEBCHAT_CHANNEL]: createWebchatReplier() }, deps.channelReplier ?? channels.replier),
    now,
    logger,
    liveIdleMinutes: config.tickets.liveIdleMinutes,
    // With a model, the staff inbox shows its one-line summary of each new ticket.
    ...(llm ? { summarize: (text: string) => llm.assist.summarize(text) } : {}),
  });
  const core = createBot({
    ...(llm ? { assist: llm.assist } : {}),
    retriever: live.retriever,
    lookup: (code) => live.kb().byCode.get(code),
    // Dialogue state lives in the store: a restart or a second instance continues the chat.
    conversations: store.conversations,
    tickets: tickets.port,
    now,
    logger,
    policy: config.policy,
  });
  // /readyz reports the store's last ping (checked in the background: readiness is synchronous).
  let storeReady = true;
  const ping = setInterval(() => {
    void store.ping().then((ok) => {
      if (ok !== storeReady) logger.warn('store.readiness', { ready: ok });
      storeReady = ok;
    });
  }, 15_000);
  ping.unref();
  // Escalated and low-confidence questions are kept, masked, for the editors' page.
  const recorded = createUnansweredRecorder({
    bot: createTicketAwareBot({ bot: core, service: tickets, store, now, logger }),
    store: staff,
    tickets: store,
    retriever: live.retriever,
    answerThreshold: config.policy.answer,
    now,
    logger,
    retentionDays: config.staff.unansweredRetentionDays,
  });
  // One flooding sender gets a slow-down message; the same limit on every channel and the web chat.
  const bot = limitSenders(recorded, config.senderRateLimit, () => now().getTime(), logger);
  const measured = metrics.wrapBot(bot);
  let draining = false;
  const app = createApp({
    logger,
    ready: () => storeReady && !draining,
    kbInfo: () => ({ procedures: live.kb().procedures.length, version: live.kb().version.slice(0, 12) }),
    ...(config.webchatAllowedOrigins ? { webchatAllowedOrigins: config.webchatAllowedOrigins } : {}),
    webchat: channels.webchat,
  });
  const { root, webhookRoutes } = buildHttpRoot({
    config,
    channels,
    metrics: { recorder: metrics, sources: { queue: channels.queue, tickets: store, ...(llm ? { llm: llm.metrics } : {}) } },
    staffRoutes: {
      service: tickets,
      store,
      staff,
      kb: live.kb,
      retriever: live.retriever,
      lookupProcedure: (code) => live.kb().byCode.get(code),
      calendar: workingCalendar,
      logger,
      now,
      sessionHours: config.staff.sessionHours,
      cookieSecure: config.staff.cookieSecure,
      ...(config.staffApiToken ? { token: config.staffApiToken } : {}),
    },
    app,
    now,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = root.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  }).catch(async (err: unknown) => {
    clearInterval(ping);
    live.stop();
    await channels.stop();
    await staff.close();
    await store.close();
    throw err;
  });
  channels.start((msg) => measured.handle(msg));
  // Conversation states (and pending-rating records) untouched for 30 days are removed.
  const prune = setInterval(() => {
    store
      .pruneConversationStates(new Date(now().getTime() - 30 * 86_400_000).toISOString())
      .then((n) => n > 0 && logger.info('conversations.pruned', { count: n }))
      .catch((err: unknown) => logger.warn('conversations.prune-failed', { error: String(err) }));
  }, 6 * 3_600_000);
  prune.unref();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info('server.listening', { port, procedures: live.kb().procedures.length, webhooks: webhookRoutes.join(' ') });
  const stop = async (): Promise<void> => {
    draining = true;
    clearInterval(prune);
    clearInterval(ping);
    live.stop();
    // Stop taking requests, then finish in-flight channel work, then close the databases.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
    await channels.stop();
    await tickets.settle();
    await staff.close();
    await store.close();
  };
  return {
    server,
    port,
    store,
    tickets,
    channels,
    staff,
    ...(llm ? { llmMetrics: llm.metrics } : {}),
    drain: async (drainMs) => {
      draining = true;
      logger.info('server.draining', { drainMs });
      if (drainMs > 0) await new Promise((r) => setTimeout(r, drainMs));
      await stop();
    },
    stop,
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel });
  const running = await start(config, logger);
  console.log(`troly1022: http://localhost:${running.port}/chat`);
  // Graceful shutdown: readiness 503 while draining, no new work, in-flight work finished, exit 0.
  const shutdown = (signal: string) => {
    logger.info('server.stopping', { signal });
    running.drain(signal === 'SIGTERM' ? config.shutdownDrainMs : 0).then(
      () => {
        logger.info('server.stopped', { signal });
        process.exit(0);
      },
      (err: unknown) => {
        logger.error('server.stop_failed', { error: String(err) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

// Run only when executed directly (node dist/src/main.js), not when imported by tests.
if (/[\\/]main\.(js|ts)$/.test(process.argv[1] ?? '')) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
