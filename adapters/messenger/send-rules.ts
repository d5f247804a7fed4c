// Pure rules for the Send API (platforms.md §3 "Send API", "Windows and tags", "Limits"):
// which messaging_type a reply may use, quick-reply rendering and Graph error mapping.
import type { OutboundChoice, ReplyContext, SendFailure } from '../../src/channels/types.js';

export const HOUR_MS = 60 * 60 * 1000;
/** Standard messaging window: 24 h after the citizen's last message. */
export const STANDARD_WINDOW_MS = 24 * HOUR_MS;
/** HUMAN_AGENT tag: up to 7 days after the citizen's last message, human-written replies only. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;
export const MAX_TEXT = 2000;
export const MAX_QUICK_REPLIES = 13;
export const MAX_QUICK_REPLY_TITLE = 20;
export const MAX_PAYLOAD = 1000;

export type Delivery =
  | { ok: true; messagingType: 'RESPONSE' }
  | { ok: true; messagingType: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' }
  | { ok: false; error: SendFailure };

/** Reads lastUserMessageAt (ISO string or epoch ms) from the reply context. */
export function lastUserMessageAt(ctx: ReplyContext | undefined): number | undefined {
  const v = ctx?.lastUserMessageAt;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    if (Number.isFinite(t)) return t;
  }
  return undefined;
}

/**
 * Chooses the messaging type. Inside 24 h: RESPONSE. 24 h – 7 d: MESSAGE_TAG + HUMAN_AGENT, and
 * only when a staff member wrote the reply (Meta forbids the tag for automated messages). Beyond
 * that we do not call Meta at all. Unknown last-message time: RESPONSE, and Meta's own window
 * error (mapped to window-closed) decides.
 */
export function chooseDelivery(fromStaff: boolean, lastAt: number | undefined, nowMs: number): Delivery {
  if (lastAt === undefined) return { ok: true, messagingType: 'RESPONSE' };
  const age = nowMs - lastAt;
  if (age <= STANDARD_WINDOW_MS) return { ok: true, messagingType: 'RESPONSE' };
  if (!fromStaff) {
    return { ok: false, error: { kind: 'window-closed', message: 'bot reply more than 24 h after the last user message' } };
  }
  if (age <= HUMAN_AGENT_WINDOW_MS) return { ok: true, messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  return { ok: false, error: { kind: 'window-closed', message: 'staff reply more than 7 days after the last user message' } };
}

/** Shortens a label to Meta's 20-character quick-reply title, at a word boundary when possible. */
export function truncateTitle(label: string, max = MAX_QUICK_REPLY_TITLE): string {
  const clean = label.replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  const head = chars.slice(0, max - 1).join('');
  const space = head.lastIndexOf(' ');
  const cut = space >= max / 2 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,.;:–-]+$/u, '')}…`;
}

export interface QuickReply {
  content_type: 'text';
  title: string;
  payload: string;
}

/** At most 13 quick replies; the text already numbers every choice, so none is lost. */
export function renderQuickReplies(choices: readonly OutboundChoice[]): QuickReply[] {
  return choices
    .filter((c) => c.id !== '' && c.id.length <= MAX_PAYLOAD && c.label.trim() !== '')
    .slice(0, MAX_QUICK_REPLIES)
    .map((c) => ({ content_type: 'text', title: truncateTitle(c.label), payload: c.id }));
}

interface GraphError {
  code?: number;
  error_subcode?: number;
  message?: string;
}

// Subcodes seen with code 10 "(#10) This message is sent outside of allowed window".
const WINDOW_SUBCODES = new Set([2018278, 2018108, 2018065]);
const RATE_CODES = new Set([4, 17, 32, 613]);
const AUTH_CODES = new Set([190, 102, 200]);

export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return Math.round(secs * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}

/** Maps an HTTP status + Graph error body to the retry-relevant failure kind. */
export function mapGraphError(status: number, body: unknown, retryAfterMs: number | undefined): SendFailure {
  const err: GraphError =
    typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'object'
      ? ((body as { error: GraphError }).error ?? {})
      : {};
  const code = typeof err.code === 'number' ? err.code : undefined;
  const sub = typeof err.error_subcode === 'number' ? err.error_subcode : undefined;
  const text = typeof err.message === 'string' ? err.message : '';
  const message = `graph ${status}${code !== undefined ? ` code ${code}` : ''}${sub !== undefined ? `/${sub}` : ''}: ${text.slice(0, 200)}`;
  // Window errors: match the subcode or code 10 + Meta's message (the subcode varies by case).
  // 10/1893063 (Page temporarily restricted) is a refusal, not a window.
  if ((sub !== undefined && WINDOW_SUBCODES.has(sub)) || (code === 10 && sub !== 1893063 && /outside (of )?(the )?allowed window/i.test(text))) {
    return { kind: 'window-closed', message };
  }
  if (status === 429 || (code !== undefined && RATE_CODES.has(code))) return { kind: 'rate-limit', retryAfterMs, message };
  if (code !== undefined && AUTH_CODES.has(code)) return { kind: 'auth', message };
  if (code === 1200 || code === 2 || status >= 500) return { kind: 'server', message };
  if (status === 401 || status === 403) return { kind: 'auth', message };
  return { kind: 'rejected', message };
}
