// The one wiring point: config → knowledge → bot → server.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createBot, createMemoryConversationStore } from './core/index.js';
import { formatIssue, openLiveKnowledge } from './knowledge/index.js';
import { createApp } from './server/app.js';
import { createLogger, type Logger } from './shared/logger.js';

export interface Running {
  server: Server;
  port: number;
  stop(): Promise<void>;
}

export async function start(config: Config, logger: Logger): Promise<Running> {
  mkdirSync(config.dataDir, { recursive: true });
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
  const bot = createBot({
    retriever: live.retriever,
    lookup: (code) => live.kb().byCode.get(code),
    conversations: createMemoryConversationStore(),
    now: () => new Date(),
    logger,
    policy: config.policy,
  });
  const app = createApp({
    bot,
    logger,
    ready: () => true,
    kbInfo: () => ({ procedures: live.kb().procedures.length, version: live.kb().version.slice(0, 12) }),
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info('server.listening', { port, procedures: live.kb().procedures.length });
  return {
    server,
    port,
    stop: async () => {
      live.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
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
  const shutdown = (signal: string) => {
    logger.info('server.stopping', { signal });
    void running.stop().then(() => process.exit(0));
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
