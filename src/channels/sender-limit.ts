// Per-sender rate limiting (issue 7): a citizen who sends more than `max` messages within
// `windowMs` gets ONE polite slow-down message per window; further messages in that window are
// dropped without a reply. Other senders are unaffected. It wraps the bot, so the same rule
// applies on every channel (webhooks, polling, web chat). Counters live in this process: with N
// instances behind a load balancer a flooding sender is limited per instance (at most N × max
// per window), which is enough to stop a flood without a shared counter in the database.
import type { Bot, BotResponse, IncomingMessage } from '../core/index.js';

export const SLOW_DOWN_REPLY = 'Bạn đang gửi tin nhắn quá nhanh, vui lòng chờ một chút rồi gửi tiếp.';

export interface SenderLimit {
  max: number;
  windowMs: number;
}

export type SenderLimitParse = { ok: true; limit: SenderLimit | null } | { ok: false; problem: string };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "20/60s" → 20 messages per 60 seconds; "" or "off" → no limit. Units: ms, s, m, h. */
export function parseSenderLimit(spec: string): SenderLimitParse {
  const s = spec.trim().toLowerCase();
  if (s === '' || s === 'off' || s === '0') return { ok: true, limit: null };
  const m = /^(\d+)\s*\/\s*(\d+)\s*(ms|s|m|h)?$/.exec(s);
  if (!m) return { ok: false, problem: `expected MAX/WINDOW like "20/60s" (got "${spec}")` };
  const max = Number(m[1]);
  const windowMs = Number(m[2]) * UNIT_MS[m[3] ?? 's']!;
  if (max < 1 || windowMs < 1) return { ok: false, problem: `limit and window must be positive (got "${spec}")` };
  return { ok: true, limit: { max, windowMs } };
}

export interface SenderLimiterDeps {
  limit: SenderLimit;
  now: () => number;
  /** Senders tracked at most (oldest windows are forgotten first); bounds memory under attack. */
  maxSenders?: number;
  onLimited?: (fields: { channel: string; notified: boolean }) => void;
}

interface Window {
  start: number;
  count: number;
  notified: boolean;
}

/** The bot, limited per sender (channel + user id). */
export function withSenderLimit(bot: Bot, deps: SenderLimiterDeps): Bot {
  const windows = new Map<string, Window>();
  const maxSenders = deps.maxSenders ?? 100_000;
  const { max, windowMs } = deps.limit;
  return {
    async handle(msg: IncomingMessage): Promise<BotResponse> {
      const key = `${msg.channel}\u0000${msg.userId || msg.conversationId}`;
      const t = deps.now();
      let w = windows.get(key);
      if (!w || t - w.start >= windowMs) {
        windows.delete(key);
        w = { start: t, count: 0, notified: false };
        if (windows.size >= maxSenders) {
          const oldest = windows.keys().next().value;
          if (oldest !== undefined) windows.delete(oldest);
        }
        windows.set(key, w); // insertion order = window start order
      }
      w.count += 1;
      if (w.count <= max) return bot.handle(msg);
      const notify = !w.notified;
      w.notified = true;
      deps.onLimited?.({ channel: msg.channel, notified: notify });
      return { replies: notify ? [{ text: SLOW_DOWN_REPLY }] : [], outcome: { kind: 'smalltalk' }, intent: 'smalltalk' };
    },
  };
}

/** The wiring point's form: the bot unchanged when the limit is off; limited senders are logged (channel only). */
export function limitSenders(bot: Bot, limit: SenderLimit | null, now: () => number, logger: { warn(msg: string, fields?: Record<string, unknown>): void }): Bot {
  if (!limit) return bot;
  return withSenderLimit(bot, { limit, now, onLimited: (f) => f.notified && logger.warn('sender.rate_limited', { channel: f.channel }) });
}
