// Wiring of the messaging platforms (part of the main wiring point): adapters from config, the
// durable inbox/outbox pipeline, webhooks, long polling, and the staff-reply path into tickets.
import type express from 'express';
import { createBotFrameworkAdapter } from '../adapters/botframework/index.js';
import { createMessengerAdapter } from '../adapters/messenger/index.js';
import { createTelegramAdapter } from '../adapters/telegram/index.js';
import { createZaloBotAdapter } from '../adapters/zalo-bot/index.js';
import { createMemoryTokenStore, createZaloOaAdapter, seedTokenStore, type TokenStore } from '../adapters/zalo-oa/index.js';
import {
  createChannelPipeline,
  createOutboxReplier,
  createWebchatSubmitter,
  deliveryState,
  openChannelQueue,
  parseRateLimits,
  type ChannelPipeline,
  type ChannelQueue,
  type SendOutcome,
  type WebchatSubmit,
} from './channels/index.js';
import type { AdapterDeps, ChannelAdapter } from './channels/types.js';
import { databaseOf, type Config } from './config.js';
import type { BotResponse, IncomingMessage } from './core/index.js';
import { mountWebhooks } from './server/webhooks.js';
import type { Logger } from './shared/logger.js';
import type { CitizenReplier, TicketStore } from './tickets/index.js';

export interface Channels {
  adapters: ChannelAdapter[];
  queue: ChannelQueue;
  pipeline: ChannelPipeline;
  /** Staff replies to citizens on messaging platforms go through the outbox. */
  replier: CitizenReplier;
  /** The portal web chat through the same inbox (deduplicated by the page's message id). */
  webchat: WebchatSubmit;
  /** Mounts the webhook routes (raw bodies) on the root app, before any JSON body parser. */
  mount(root: express.Express): string[];
  /** Starts the workers, senders and pollers once the bot is ready. */
  start(handle: (msg: IncomingMessage) => Promise<BotResponse>): void;
  stop(): Promise<void>;
}

/** Adapters for the platforms whose credentials are configured. */
export function buildAdapters(config: Config['channels'], deps: AdapterDeps, tokens: TokenStore): ChannelAdapter[] {
  const adapters: ChannelAdapter[] = [];
  if (config.telegram) adapters.push(createTelegramAdapter(config.telegram, deps));
  if (config.zaloBot) adapters.push(createZaloBotAdapter(config.zaloBot, deps));
  if (config.zaloOa) {
    const { accessToken: _a, refreshToken: _r, ...oa } = config.zaloOa;
    adapters.push(createZaloOaAdapter({ ...oa, tokens }, deps));
  }
  if (config.messenger) adapters.push(createMessengerAdapter(config.messenger, deps));
  if (config.botframework) adapters.push(createBotFrameworkAdapter(config.botframework, deps));
  return adapters;
}

export interface ChannelHooks {
  /** Every platform send attempt's outcome (the /metrics counter). */
  onSendAttempt?: (channel: string, outcome: SendOutcome) => void;
}

export async function openChannels(config: Config, store: TicketStore, logger: Logger, now: () => Date, hooks: ChannelHooks = {}): Promise<Channels> {
  const limits = parseRateLimits(config.channels.pipeline.rateLimits);
  if (!limits.ok) throw new Error(`CHANNEL_RATE_LIMITS: ${limits.problem}`);
  const queue = await openChannelQueue({ ...databaseOf(config), now });
  // The Zalo OA token pair lives in the queues' database (table platform_tokens, keyed by app id),
  // shared by every instance: the single-use refresh token is exchanged with compare-and-set, so
  // a second instance never burns it. The env pair only seeds an empty row (first start).
  const oa = config.channels.zaloOa;
  const tokens: TokenStore = oa ? queue.tokenStore('zalo-oa', oa.appId) : createMemoryTokenStore(); // unused without an OA
  if (oa?.accessToken && oa.refreshToken) {
    try {
      await seedTokenStore(tokens, { accessToken: oa.accessToken, refreshToken: oa.refreshToken }, now);
    } catch (err) {
      await queue.close().catch(() => undefined);
      throw err;
    }
  }
  const deps: AdapterDeps = { fetch: globalThis.fetch, now, logger };
  const adapters = buildAdapters(config.channels, deps, tokens);
  let handle: ((msg: IncomingMessage) => Promise<BotResponse>) | undefined;
  const p = config.channels.pipeline;
  const pipeline = createChannelPipeline({
    queue,
    adapters,
    handle: (msg) => {
      if (!handle) throw new Error('channel pipeline started before the bot');
      return handle(msg);
    },
    now,
    logger,
    workers: p.workers,
    senders: p.senders,
    maxSendAttempts: p.maxSendAttempts,
    maxProcessAttempts: p.maxProcessAttempts,
    backoff: { baseMs: p.retryBaseMs, maxMs: p.retryMaxMs },
    inboxLeaseMs: p.inboxLeaseMs,
    sendLeaseMs: p.sendLeaseMs,
    pollIntervalMs: p.pollIntervalMs,
    rateLimits: limits.limits,
    retentionMs: p.retentionDays * 86_400_000,
    // A reply the platform's window no longer allows: the officer must call back.
    onWindowClosed: async (row) => {
      const t = await store.findOpenTicketForConversation(row.conversationId);
      if (t && !t.needsCallback) {
        await store.updateTicket(t.id, { needsCallback: true }, { expectedVersion: t.version, actor: 'system', action: 'window-closed', detail: { outbox: row.id } });
      }
    },
    onStaffDelivery: async (report) => {
      if (report.ticketMessageId !== undefined) await store.setMessageDelivery(report.ticketMessageId, deliveryState(report));
    },
    ...(hooks.onSendAttempt ? { onSendAttempt: hooks.onSendAttempt } : {}),
  });
  const pollers: { stop(): Promise<void> }[] = [];
  return {
    adapters,
    queue,
    pipeline,
    replier: createOutboxReplier(pipeline, { waitMs: p.staffReplyWaitMs }),
    webchat: createWebchatSubmitter({ queue, ingest: (events) => pipeline.ingest(events), now }),
    mount: (root) => mountWebhooks(root, adapters, { queue, logger, onIngested: (inserted) => pipeline.notify({ inbox: inserted }) }),
    start(h) {
      handle = h;
      for (const a of adapters) {
        const poller = a.startPolling?.((events) => pipeline.ingest(events).then(() => undefined));
        if (poller) pollers.push(poller);
      }
      pipeline.start();
      logger.info('channels.started', { channels: adapters.map((a) => a.channel).join(',') || 'none' });
    },
    async stop() {
      await Promise.all(pollers.map((x) => x.stop()));
      await pipeline.stop();
      await queue.close();
    },
  };
}
