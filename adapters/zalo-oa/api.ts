// Zalo OA Open API v3 customer-service message (platforms.md §2 "Endpoints", "Auth for API calls").
// Header `access_token`, JSON body; success only when HTTP 200 and `error === 0`.
import type { SendFailure } from '../../src/channels/types.js';

export const DEFAULT_ZALO_OA_API_BASE = 'https://openapi.zalo.me';

/** Access token invalid / expired / removed: refresh once and retry (-124 is the ZNS spelling). */
const AUTH_CODES = new Set([-216, -220, -124]);
/**
 * "Not allowed to send any more": -230 no interaction in the past 7 days, -232 no interaction or
 * the last one expired, -305 cannot respond after 48 hours (older API), -311 out of reply quota.
 * Source: Zalo OA error table as mirrored in public integrations (official page not in our index).
 */
const WINDOW_CODES = new Set([-230, -232, -305, -311]);
/** -32: app or OA reached its per-minute call limit (resets each minute). */
const RATE_CODES = new Set([-32]);

/**
 * `user_id` (platforms.md §2) or `message_id` of the citizen's message: the OA help centre says an
 * Open API reply must be linked to the user's message to count as a free reply, else it is billed
 * as proactive; one public integration shows the link as `recipient.message_id` [unverified].
 */
export type CsRecipient = { user_id: string } | { message_id: string };

export type CsSendResult =
  | { ok: true; messageId: string }
  | { ok: false; error: SendFailure; authExpired: boolean; code?: number };

export async function sendCsText(
  fetchFn: typeof fetch,
  apiBase: string,
  accessToken: string,
  recipient: CsRecipient,
  text: string,
): Promise<CsSendResult> {
  let res: Response;
  try {
    res = await fetchFn(`${apiBase.replace(/\/+$/, '')}/v3.0/oa/message/cs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', access_token: accessToken },
      body: JSON.stringify({ recipient, message: { text } }),
    });
  } catch (e) {
    return { ok: false, authExpired: false, error: { kind: 'network', message: `Zalo OA send: ${e instanceof Error ? e.message : String(e)}` } };
  }
  const body = (await res.json().catch(() => undefined)) as
    | { error?: unknown; message?: unknown; data?: { message_id?: unknown } }
    | undefined;
  const code = typeof body?.error === 'number' ? body.error : Number(body?.error);
  if (res.ok && code === 0) {
    const id = body?.data?.message_id;
    return { ok: true, messageId: typeof id === 'string' || typeof id === 'number' ? String(id) : '' };
  }
  const message = `Zalo OA send: HTTP ${res.status} error ${Number.isFinite(code) ? code : '?'} ${typeof body?.message === 'string' ? body.message : ''}`.trim();
  return mapOaFailure(res, Number.isFinite(code) ? code : undefined, message, body !== undefined);
}

function mapOaFailure(res: Response, code: number | undefined, message: string, isJson: boolean): CsSendResult {
  const fail = (error: SendFailure, authExpired = false): CsSendResult => ({ ok: false, error, authExpired, ...(code === undefined ? {} : { code }) });
  if (res.status === 429 || (code !== undefined && RATE_CODES.has(code))) {
    const h = Number(res.headers.get('retry-after'));
    return fail({ kind: 'rate-limit', retryAfterMs: Number.isFinite(h) && h > 0 ? h * 1000 : 60_000, message });
  }
  if (res.status === 401 || (code !== undefined && AUTH_CODES.has(code))) return fail({ kind: 'auth', message }, true);
  if (res.status === 403) return fail({ kind: 'auth', message });
  if (res.status >= 500) return fail({ kind: 'server', message });
  if (code !== undefined && WINDOW_CODES.has(code)) return fail({ kind: 'window-closed', message });
  if (res.ok && !isJson) return fail({ kind: 'server', message: `${message} (response was not JSON)` });
  return fail({ kind: 'rejected', message });
}
