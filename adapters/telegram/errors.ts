// Maps what telegraf throws into the channel's SendFailure union, because the retry differs:
// a platform that refused will refuse again, a rate limit or an unreachable API will not.
//
// Telegram Bot API replies { ok: false, error_code, description, parameters? } (core.telegram.org
// /bots/api#making-requests); telegraf 4 wraps that in TelegramError, turns any HTTP 5xx into a
// TelegramError with the status as error_code, and lets node-fetch's FetchError (no connection,
// reset socket, unreadable JSON) and AbortError (our timeout) through.
import { TelegramError } from 'telegraf';
import type { SendFailure } from '../../src/channels/types.js';

/** 403 descriptions that are about one chat (blocked, deactivated, kicked), not about our token. */
const CHAT_REFUSAL = /blocked|deactivated|kicked|initiate conversation|not a member|chat/i;

export function mapTelegramError(err: unknown): SendFailure {
  if (err instanceof TelegramError) {
    const code = err.code;
    const message = `telegram ${code}: ${err.description ?? 'no description'}`;
    if (code === 429) {
      // parameters.retry_after is in seconds (ResponseParameters in the Bot API docs).
      const seconds = err.parameters?.retry_after;
      return typeof seconds === 'number' && seconds >= 0
        ? { kind: 'rate-limit', retryAfterMs: seconds * 1000, message }
        : { kind: 'rate-limit', message };
    }
    if (code >= 500) return { kind: 'server', message };
    // 401 Unauthorized: wrong token; 404 Not Found: malformed token in the URL path.
    if (code === 401 || code === 404) return { kind: 'auth', message };
    // 403 "Forbidden: bot was blocked by the user" and friends: this citizen refuses us.
    if (code === 403) return CHAT_REFUSAL.test(err.description ?? '') ? { kind: 'rejected', message } : { kind: 'auth', message };
    // 400 Bad Request ("chat not found", "message is too long"…), 409 and the rest: sending the
    // same request again will not help.
    return { kind: 'rejected', message };
  }
  const e = err as { name?: unknown; type?: unknown; message?: unknown } | null;
  const name = typeof e?.name === 'string' ? e.name : 'Error';
  const text = typeof e?.message === 'string' ? e.message : String(err);
  // A body that is not JSON comes from a proxy or a broken gateway in front of the API.
  if (name === 'FetchError' && e?.type === 'invalid-json') return { kind: 'server', message: `telegram: unreadable response (${text})` };
  if (name === 'AbortError' || name === 'TimeoutError') return { kind: 'network', message: 'telegram: request timed out' };
  return { kind: 'network', message: `telegram: ${name}: ${text}` };
}

/** True when the failure means our token is wrong: retrying or polling on is pointless. */
export function isTokenFailure(err: unknown): boolean {
  return err instanceof TelegramError && (err.code === 401 || err.code === 404);
}
