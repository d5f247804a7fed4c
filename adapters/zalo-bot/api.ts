// Typed client for the Zalo Bot Platform HTTP API (platforms.md §1). Every method is a JSON POST
// to `<apiBase>/bot<token>/<method>` and answers the Telegram-style envelope
// `{ ok: true, result }` / `{ ok: false, error_code, description }`. No official npm SDK exists.
import type { SendFailure } from '../../src/channels/types.js';

export const DEFAULT_ZALO_BOT_API_BASE = 'https://bot-api.zaloplatforms.com';

export type BotCallResult<T> =
  | { ok: true; result: T }
  | { ok: false; error: SendFailure; errorCode?: number; status?: number };

export interface BotApi {
  call<T>(method: string, body?: Record<string, unknown>, signal?: AbortSignal): Promise<BotCallResult<T>>;
}

interface Envelope {
  ok?: unknown;
  result?: unknown;
  error_code?: unknown;
  description?: unknown;
  parameters?: { retry_after?: unknown };
}

export function createBotApi(opts: { fetch: typeof fetch; apiBase: string; botToken: string }): BotApi {
  const base = opts.apiBase.replace(/\/+$/, '');
  // The token is a URL path segment: scrub it from anything we log or return (platforms.md gotcha 2).
  const scrub = (s: string): string => (opts.botToken ? s.split(opts.botToken).join('<token>') : s);

  return {
    async call<T>(method: string, body?: Record<string, unknown>, signal?: AbortSignal): Promise<BotCallResult<T>> {
      let res: Response;
      try {
        res = await opts.fetch(`${base}/bot${opts.botToken}/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body ?? {}),
          signal,
        });
      } catch (e) {
        return { ok: false, error: { kind: 'network', message: scrub(`Zalo Bot ${method}: ${errText(e)}`) } };
      }
      let env: Envelope | undefined;
      try {
        const parsed: unknown = await res.json();
        if (parsed && typeof parsed === 'object') env = parsed as Envelope;
      } catch {
        env = undefined;
      }
      if (res.ok && env?.ok === true) return { ok: true, result: env.result as T };
      const errorCode = typeof env?.error_code === 'number' ? env.error_code : undefined;
      const description = typeof env?.description === 'string' ? env.description : res.statusText;
      const message = scrub(`Zalo Bot ${method}: HTTP ${res.status} ${errorCode ?? ''} ${description}`.replace(/\s+/g, ' ').trim());
      return { ok: false, errorCode, status: res.status, error: mapBotFailure(res, env, errorCode, message) };
    },
  };
}

/** Checks both the HTTP status and the envelope's `error_code` (platforms.md §1 "Response envelope"). */
function mapBotFailure(res: Response, env: Envelope | undefined, code: number | undefined, message: string): SendFailure {
  const status = res.status;
  if (status === 429 || code === 429) {
    return { kind: 'rate-limit', retryAfterMs: retryAfterMs(res.headers.get('retry-after'), env?.parameters?.retry_after), message };
  }
  if (status === 401 || status === 403 || code === 401 || code === 403) return { kind: 'auth', message };
  if (status >= 500 || (code !== undefined && code >= 500)) return { kind: 'server', message };
  if (res.ok && !env) return { kind: 'server', message: `${message} (response was not JSON)` };
  return { kind: 'rejected', message };
}

/** `retry-after` as seconds or an HTTP date; falls back to the envelope's `parameters.retry_after`. */
export function retryAfterMs(header: string | null, bodyValue?: unknown, nowMs = Date.now()): number | undefined {
  if (header) {
    const secs = Number(header);
    if (Number.isFinite(secs) && secs >= 0) return Math.round(secs * 1000);
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  const b = Number(bodyValue);
  if (bodyValue !== undefined && Number.isFinite(b) && b >= 0) return Math.round(b * 1000);
  return undefined;
}

function errText(e: unknown): string {
  if (e instanceof Error) return e.name === 'AbortError' ? 'aborted' : e.message;
  return String(e);
}
