// Telegram channel adapter on telegraf's Telegram client (the Bot API over HTTPS).
// telegraf brings its own HTTP client (node-fetch), so deps.fetch is not used here; the API root
// is configurable (TELEGRAM_API_ROOT) and tests point it at a fake Bot API on loopback.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Telegram } from 'telegraf';
import {
  splitText,
  type AdapterDeps,
  type ChannelAdapter,
  type OutboundMessage,
  type RawRequest,
  type SendResult,
  type VerifyResult,
} from '../../src/channels/types.js';
import { createCallbackCodec } from './callback-data.js';
import { mapTelegramError } from './errors.js';
import { CHANNEL, parseBody, parseUpdate, type ParseContext } from './parse.js';
import { runPolling } from './polling.js';
import { withSignal } from './signal.js';

export interface TelegramAdapterConfig {
  /** TELEGRAM_BOT_TOKEN, from @BotFather ("123456:ABC-…"). */
  botToken: string;
  /** TELEGRAM_WEBHOOK_SECRET: the secret_token given to setWebhook (1–256 of A-Z a-z 0-9 _ -). */
  webhookSecret?: string;
  /** TELEGRAM_API_ROOT, default https://api.telegram.org (a local Bot API server or a test fake). */
  apiRoot?: string;
  /** TELEGRAM_MODE: 'webhook' (POST /webhooks/telegram) or 'polling' (getUpdates, no public URL). */
  mode: 'webhook' | 'polling';
  /** Long-poll timeout in seconds (default 30). */
  pollingTimeoutSeconds?: number;
  /** Per-request timeout for sends in ms (default 30 000; telegraf's own is 500 s). */
  requestTimeoutMs?: number;
}

/** The adapter plus Telegram-only extras the server may use. */
export interface TelegramAdapter extends ChannelAdapter {
  /** "typing…" in the chat while the bot works (lasts ≤ 5 s or until the next message). */
  sendTyping(conversationId: string): Promise<SendResult>;
}

export const DEFAULT_API_ROOT = 'https://api.telegram.org';
/** sendMessage text: 1–4096 characters after entity parsing; we send plain text (no parse_mode). */
export const MAX_TEXT = 4096;
const MAX_BUTTONS = 100;
const MAX_LABEL = 60;
const SECRET_SHAPE = /^[A-Za-z0-9_-]{1,256}$/;

/** Problems in a config, for src/config.ts to report at start-up (empty when fine). */
export function validateTelegramConfig(config: TelegramAdapterConfig): string[] {
  const problems: string[] = [];
  if (!/^\d+:[A-Za-z0-9_-]+$/.test(config.botToken)) problems.push('TELEGRAM_BOT_TOKEN does not look like "123456:ABC-…" from @BotFather');
  if (config.webhookSecret !== undefined && !SECRET_SHAPE.test(config.webhookSecret)) {
    problems.push('TELEGRAM_WEBHOOK_SECRET must be 1–256 characters of A-Z a-z 0-9 _ - (Telegram setWebhook secret_token)');
  }
  if (config.mode === 'webhook' && !config.webhookSecret) problems.push('TELEGRAM_WEBHOOK_SECRET is required in webhook mode');
  if (config.apiRoot !== undefined && !/^https?:\/\//.test(config.apiRoot)) problems.push('TELEGRAM_API_ROOT must start with http:// or https://');
  return problems;
}

/** Constant-time equality: hash both sides so timingSafeEqual always gets equal lengths. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

function chatIdOf(conversationId: string): number | undefined {
  const m = /^telegram:(-?\d{1,20})$/.exec(conversationId);
  const id = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(id) ? id : undefined;
}

const label = (s: string): string => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

export function createTelegramAdapter(config: TelegramAdapterConfig, deps: AdapterDeps): TelegramAdapter {
  // A trailing slash keeps a path prefix in the root (telegraf resolves "./bot<token>/<method>").
  const apiRoot = (config.apiRoot ?? DEFAULT_API_ROOT).replace(/\/*$/, '/');
  // webhookReply false: every call is a real request with a real result (platforms.md §4).
  const telegram = new Telegram(config.botToken, { apiRoot, webhookReply: false });
  const codec = createCallbackCodec();
  const parseCtx: ParseContext = { codec, now: deps.now };
  const timeoutMs = config.requestTimeoutMs ?? 30_000;
  const log = deps.logger;
  const answered = new Set<string>();

  /** Stops the spinner on a pressed button. Best effort: a late answer only gets a 400. */
  async function answerCallback(id: string): Promise<void> {
    if (answered.has(id)) return;
    answered.add(id);
    if (answered.size > 1000) answered.delete(answered.values().next().value as string);
    try {
      await telegram.callApi('answerCallbackQuery', { callback_query_id: id }, withSignal(AbortSignal.timeout(timeoutMs)));
    } catch (err) {
      log?.warn('telegram answerCallbackQuery failed', { error: mapTelegramError(err).message });
    }
  }

  function verify(req: RawRequest): VerifyResult {
    const expected = config.webhookSecret;
    if (!expected) {
      return { ok: false, status: 401, reason: 'TELEGRAM_WEBHOOK_SECRET is not configured: refusing an unauthenticated webhook (set secret_token in setWebhook)' };
    }
    const given = req.headers['x-telegram-bot-api-secret-token'];
    if (given === undefined || given === '') return { ok: false, status: 401, reason: 'missing X-Telegram-Bot-Api-Secret-Token' };
    if (!sameSecret(given, expected)) return { ok: false, status: 401, reason: 'wrong X-Telegram-Bot-Api-Secret-Token' };
    return { ok: true };
  }

  async function send(msg: OutboundMessage): Promise<SendResult> {
    const chatId = chatIdOf(msg.conversationId);
    if (chatId === undefined) return { ok: false, error: { kind: 'rejected', message: 'not a telegram conversation id' } };
    const callbackId = msg.replyContext?.callbackQueryId;
    if (typeof callbackId === 'string') await answerCallback(callbackId);
    const parts = splitText(msg.text, MAX_TEXT);
    if (parts.length === 0) return { ok: false, error: { kind: 'rejected', message: 'empty text' } };
    const choices = (msg.choices ?? []).slice(0, MAX_BUTTONS);
    const ids: string[] = [];
    for (const [i, text] of parts.entries()) {
      const last = i === parts.length - 1;
      // One button per row: labels are procedure names, too long to sit side by side.
      const reply_markup = last && choices.length > 0
        ? { inline_keyboard: choices.map((c, n) => [{ text: label(c.label), callback_data: codec.encode(c.id, n + 1) }]) }
        : undefined;
      try {
        const sent = await telegram.callApi(
          'sendMessage',
          { chat_id: chatId, text, ...(reply_markup ? { reply_markup } : {}) },
          withSignal(AbortSignal.timeout(timeoutMs)),
        );
        ids.push(String(sent.message_id));
      } catch (err) {
        const error = mapTelegramError(err);
        log?.warn('telegram sendMessage failed', { conversationId: msg.conversationId, part: i + 1, of: parts.length, sentParts: ids.length, kind: error.kind });
        return { ok: false, error };
      }
    }
    return { ok: true, platformMessageIds: ids };
  }

  async function sendTyping(conversationId: string): Promise<SendResult> {
    const chatId = chatIdOf(conversationId);
    if (chatId === undefined) return { ok: false, error: { kind: 'rejected', message: 'not a telegram conversation id' } };
    try {
      await telegram.callApi('sendChatAction', { chat_id: chatId, action: 'typing' }, withSignal(AbortSignal.timeout(timeoutMs)));
      return { ok: true, platformMessageIds: [] };
    } catch (err) {
      return { ok: false, error: mapTelegramError(err) };
    }
  }

  const adapter: TelegramAdapter = {
    channel: CHANNEL,
    maxTextLength: MAX_TEXT,
    verify,
    parse: (req) => parseBody(req.rawBody, parseCtx),
    send,
    sendTyping,
  };
  if (config.mode === 'polling') {
    adapter.startPolling = (onEvents) =>
      runPolling({
        telegram,
        timeoutSeconds: config.pollingTimeoutSeconds ?? 30,
        parse: (u) => parseUpdate(u, parseCtx),
        onEvents,
        afterBatch: async (events) => {
          for (const e of events) {
            const id = e.replyContext?.callbackQueryId;
            if (typeof id === 'string') await answerCallback(id);
          }
        },
        ...(log ? { logger: log } : {}),
      });
  }
  return adapter;
}
