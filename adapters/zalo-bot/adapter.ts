// Zalo Bot Platform adapter (platforms.md §1): shared-secret webhook, long polling, plain-text
// replies split at 2,000 characters. The platform documents no buttons, so choices are the
// numbered lines of the text and the citizen answers "2" as an ordinary text message.
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  splitText,
  type AdapterDeps,
  type ChannelAdapter,
  type InboundEvent,
  type OutboundChoice,
  type RawRequest,
  type SendResult,
  type VerifyResult,
} from '../../src/channels/types.js';
import { createBotApi, DEFAULT_ZALO_BOT_API_BASE } from './api.js';
import { parseBotWebhookBody, updatesToEvents, ZALO_BOT_CHANNEL } from './parse.js';
import { createPartialSends } from '../shared/partial-sends.js';

export interface ZaloBotAdapterConfig {
  /** `<numeric bot id>:<secret>` from Zalo Bot Manager (ZALO_BOT_TOKEN). */
  botToken: string;
  /** The `secret_token` given to setWebhook (ZALO_BOT_WEBHOOK_SECRET, 8–256 chars). Required for webhooks. */
  webhookSecret?: string;
  /** ZALO_BOT_API_BASE, default https://bot-api.zaloplatforms.com */
  apiBase?: string;
  /** ZALO_BOT_MODE: 'webhook' (public HTTPS URL) or 'polling' (getUpdates, e.g. on a laptop). */
  mode: 'webhook' | 'polling';
  /** getUpdates long-poll timeout in seconds (default 30). */
  pollTimeoutSeconds?: number;
  /** First delay after a failed poll or delivery; doubles up to 60 s (default 1000). */
  pollRetryDelayMs?: number;
}

export const ZALO_BOT_MAX_TEXT = 2000;
const SECRET_HEADER = 'x-bot-api-secret-token';

export function createZaloBotAdapter(config: ZaloBotAdapterConfig, deps: AdapterDeps): ChannelAdapter {
  const api = createBotApi({ fetch: deps.fetch, apiBase: config.apiBase || DEFAULT_ZALO_BOT_API_BASE, botToken: config.botToken });
  const expected = config.webhookSecret ? digest(config.webhookSecret) : undefined;
  const partial = createPartialSends(deps.now);
  if (config.mode === 'webhook' && !expected) {
    deps.logger?.warn('zalo-bot: ZALO_BOT_WEBHOOK_SECRET unset, every webhook request will be refused');
  }

  const adapter: ChannelAdapter = {
    channel: ZALO_BOT_CHANNEL,
    maxTextLength: ZALO_BOT_MAX_TEXT,
    // No reply window is documented for the Bot Platform.

    verify(req: RawRequest): VerifyResult {
      if (!expected) return { ok: false, status: 401, reason: 'webhook secret not configured' };
      const got = req.headers[SECRET_HEADER];
      if (!got) return { ok: false, status: 401, reason: 'missing X-Bot-Api-Secret-Token' };
      // Hashing both sides gives equal-length buffers, so timingSafeEqual leaks neither content nor length.
      if (!timingSafeEqual(digest(got), expected)) return { ok: false, status: 401, reason: 'wrong X-Bot-Api-Secret-Token' };
      return { ok: true };
    },

    parse(req: RawRequest) {
      return parseBotWebhookBody(req.rawBody, deps.now);
    },

    async send(msg): Promise<SendResult> {
      const prefix = `${ZALO_BOT_CHANNEL}:`;
      if (!msg.conversationId.startsWith(prefix)) {
        return { ok: false, error: { kind: 'rejected', message: 'conversation is not a Zalo Bot chat' } };
      }
      const chatId = msg.conversationId.slice(prefix.length);
      const full = withNumberedChoices(msg.text, msg.choices);
      const parts = splitText(full, ZALO_BOT_MAX_TEXT);
      if (parts.length === 0) return { ok: false, error: { kind: 'rejected', message: 'empty message' } };
      const ids = partial.sent(msg.conversationId, full);
      for (let i = ids.length; i < parts.length; i++) {
        const r = await api.call<{ message_id?: unknown }>('sendMessage', { chat_id: chatId, text: parts[i] });
        if (!r.ok) {
          deps.logger?.warn('zalo-bot send failed', { conversationId: msg.conversationId, part: i + 1, of: parts.length, kind: r.error.kind });
          if (ids.length > 0) partial.remember(msg.conversationId, full, ids);
          return { ok: false, error: r.error };
        }
        const id = r.result?.message_id;
        ids.push(typeof id === 'string' || typeof id === 'number' ? String(id) : '');
      }
      partial.forget(msg.conversationId, full);
      return { ok: true, platformMessageIds: ids };
    },
  };

  if (config.mode === 'polling') {
    adapter.startPolling = (onEvents) => startBotPolling(config, deps, api, onEvents);
  }
  return adapter;
}

function startBotPolling(
  config: ZaloBotAdapterConfig,
  deps: AdapterDeps,
  api: ReturnType<typeof createBotApi>,
  onEvents: (events: InboundEvent[]) => Promise<void>,
): { stop(): Promise<void> } {
  const ctrl = new AbortController();
  const timeout = String(config.pollTimeoutSeconds ?? 30); // sent as a string, like openclaw
  const baseDelay = config.pollRetryDelayMs ?? 1000;
  const nextDelay = (d: number) => Math.min(d * 2, 60_000);

  const loop = (async () => {
    let delay = baseDelay;
    while (!ctrl.signal.aborted) {
      const r = await api.call<unknown>('getUpdates', { timeout }, ctrl.signal);
      if (ctrl.signal.aborted) break;
      if (!r.ok) {
        // 408 = the long poll ended without an update (openclaw), not an error.
        if (r.errorCode === 408 || r.status === 408) continue;
        deps.logger?.warn('zalo-bot getUpdates failed', { kind: r.error.kind, message: r.error.message });
        await sleep(delay, ctrl.signal);
        delay = nextDelay(delay);
        continue;
      }
      delay = baseDelay;
      const events = updatesToEvents(r.result, deps.now);
      if (events.length === 0) {
        // An immediate empty answer must not turn the long poll into a busy loop.
        if (r.result == null) await sleep(baseDelay, ctrl.signal);
        continue;
      }
      // getUpdates has no offset/ack: an update we fail to hand over is gone, so keep retrying
      // the hand-over (the inbox being down) instead of fetching the next one.
      let d = baseDelay;
      while (!ctrl.signal.aborted) {
        try {
          await onEvents(events);
          break;
        } catch (e) {
          deps.logger?.warn('zalo-bot polled events not accepted, retrying', { eventIds: events.map((x) => x.eventId), error: String(e) });
          await sleep(d, ctrl.signal);
          d = nextDelay(d);
        }
      }
    }
  })();

  return {
    async stop() {
      ctrl.abort();
      await loop;
    },
  };
}

/**
 * The bot core already writes "1. …" lines; add them only when missing, so the choice survives
 * on a platform without buttons.
 */
export function withNumberedChoices(text: string, choices: OutboundChoice[] | undefined): string {
  if (!choices || choices.length === 0) return text;
  const lines = choices.map((c, i) => `${i + 1}. ${c.label}`);
  if (lines.every((l) => text.includes(l))) return text;
  return `${text.trimEnd()}\n\n${lines.join('\n')}`;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
