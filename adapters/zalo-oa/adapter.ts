// Zalo Official Account adapter (platforms.md §2): signed webhook events, customer-service (cs)
// replies through Open API v3, 2,000-character limit, 48 h free reply window, shared tokens.
import {
  splitText,
  type AdapterDeps,
  type ChannelAdapter,
  type OutboundChoice,
  type SendResult,
} from '../../src/channels/types.js';
import { DEFAULT_ZALO_OA_API_BASE, sendCsText, type CsRecipient } from './api.js';
import { parseZaloOaBody, ZALO_OA_CHANNEL } from './parse.js';
import { createPartialSends } from '../shared/partial-sends.js';
import { SIGNATURE_HEADER, verifyZaloOaSignature } from './signature.js';
import { createTokenManager, DEFAULT_ZALO_OAUTH_BASE, type TokenStore } from './tokens.js';

export interface ZaloOaAdapterConfig {
  /** ZALO_OA_APP_ID: the Zalo app linked to the OA. */
  appId: string;
  /** ZALO_OA_APP_SECRET: the app's secret key, sent as `secret_key` to the OAuth token endpoint. */
  appSecret: string;
  /**
   * ZALO_OA_SECRET_KEY: the OA secret key that signs webhook events (X-ZEvent-Signature).
   * Zalo shows it separately from the app secret; when unset, appSecret is used (and a warning logged).
   */
  oaSecretKey?: string;
  /** ZALO_OA_API_BASE, default https://openapi.zalo.me */
  apiBase?: string;
  /** ZALO_OA_OAUTH_BASE, default https://oauth.zaloapp.com */
  oauthBase?: string;
  /** Shared, atomic store of the access/refresh token pair (seed it from ZALO_OA_ACCESS_TOKEN / ZALO_OA_REFRESH_TOKEN). */
  tokens: TokenStore;
  /**
   * ZALO_OA_REPLY_TO_MESSAGE_ID (default true): answer with `recipient.message_id` of the citizen's
   * message (counted as a free reply) and fall back to `recipient.user_id` when Zalo answers -201.
   */
  replyToMessageId?: boolean;
  /** Refresh this long before the access token expires (default 10 minutes). */
  refreshAheadMs?: number;
}

export const ZALO_OA_MAX_TEXT = 2000;
/** Replies within 48 h of the citizen's last message are free "reply" messages (OA help centre). */
export const ZALO_OA_REPLY_WINDOW_MS = 48 * 60 * 60 * 1000;

export function createZaloOaAdapter(config: ZaloOaAdapterConfig, deps: AdapterDeps): ChannelAdapter {
  const apiBase = config.apiBase || DEFAULT_ZALO_OA_API_BASE;
  const partial = createPartialSends(deps.now);
  const oaSecretKey = config.oaSecretKey || config.appSecret;
  if (!config.oaSecretKey) {
    deps.logger?.warn('zalo-oa: ZALO_OA_SECRET_KEY unset, checking event signatures with the app secret');
  }
  const tokens = createTokenManager({
    store: config.tokens,
    fetch: deps.fetch,
    now: deps.now,
    oauthBase: config.oauthBase || DEFAULT_ZALO_OAUTH_BASE,
    appId: config.appId,
    appSecret: config.appSecret,
    refreshAheadMs: config.refreshAheadMs,
    logger: deps.logger,
  });

  async function sendWithToken(recipient: CsRecipient, text: string) {
    const t = await tokens.current();
    if (!t.ok) return { ok: false as const, error: t.error };
    const first = await sendCsText(deps.fetch, apiBase, t.accessToken, recipient, text);
    if (first.ok || !first.authExpired) return first;
    // Expired or revoked access token: refresh once, retry once (platforms.md §2).
    const renewed = await tokens.renew(t.accessToken);
    if (!renewed.ok) return { ok: false as const, error: renewed.error };
    return sendCsText(deps.fetch, apiBase, renewed.accessToken, recipient, text);
  }

  async function sendPart(userId: string, msgId: string | undefined, text: string) {
    if (msgId && config.replyToMessageId !== false) {
      const linked = await sendWithToken({ message_id: msgId }, text);
      // -201 "<field> is invalid!": this API does not take the message_id form (or the id).
      if (linked.ok || !('code' in linked) || linked.code !== -201) return linked;
      deps.logger?.warn('zalo-oa reply by message_id refused, sending by user_id', { message: linked.error.message });
    }
    return sendWithToken({ user_id: userId }, text);
  }

  return {
    channel: ZALO_OA_CHANNEL,
    maxTextLength: ZALO_OA_MAX_TEXT,
    replyWindowMs: ZALO_OA_REPLY_WINDOW_MS,

    verify(req) {
      return verifyZaloOaSignature(req.rawBody, req.headers[SIGNATURE_HEADER], { appId: config.appId, oaSecretKey });
    },

    parse(req) {
      return parseZaloOaBody(req.rawBody, deps.now);
    },

    async send(msg): Promise<SendResult> {
      const prefix = `${ZALO_OA_CHANNEL}:`;
      if (!msg.conversationId.startsWith(prefix)) {
        return { ok: false, error: { kind: 'rejected', message: 'conversation is not a Zalo OA chat' } };
      }
      const userId = msg.conversationId.slice(prefix.length);
      const msgId = typeof msg.replyContext?.msgId === 'string' ? msg.replyContext.msgId : undefined;
      // Zalo OA cs messages have no documented quick replies here: choices are the numbered lines.
      const full = withNumberedChoices(msg.text, msg.choices);
      const parts = splitText(full, ZALO_OA_MAX_TEXT);
      if (parts.length === 0) return { ok: false, error: { kind: 'rejected', message: 'empty message' } };
      const ids = partial.sent(msg.conversationId, full);
      for (let i = ids.length; i < parts.length; i++) {
        const r = await sendPart(userId, msgId, parts[i]!);
        if (!r.ok) {
          deps.logger?.warn('zalo-oa send failed', { conversationId: msg.conversationId, part: i + 1, of: parts.length, kind: r.error.kind });
          if (ids.length > 0) partial.remember(msg.conversationId, full, ids);
          return { ok: false, error: r.error };
        }
        ids.push(r.messageId);
      }
      partial.forget(msg.conversationId, full);
      return { ok: true, platformMessageIds: ids };
    },
  };
}

/** Appends "1. …" lines unless the text (written by the bot core) already has them. */
export function withNumberedChoices(text: string, choices: OutboundChoice[] | undefined): string {
  if (!choices || choices.length === 0) return text;
  const lines = choices.map((c, i) => `${i + 1}. ${c.label}`);
  if (lines.every((l) => text.includes(l))) return text;
  return `${text.trimEnd()}\n\n${lines.join('\n')}`;
}
