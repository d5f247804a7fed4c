// Per-channel token buckets for outbound sends, and the retry backoff. Defaults follow the limits
// in docs/platforms.md: Telegram's Bot FAQ asks for about 30 messages/s overall (burst 30);
// Zalo Bot, Zalo OA and Messenger publish no figure, so we stay well below anything reported
// (10/s, 10/s, 20/s); Bot Framework connectors throttle per conversation, 20/s overall is safe.
// A 429 with retry-after pauses the whole channel until then (Telegram's flood control applies to
// the bot, not to one chat).

export interface RateLimit {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size (largest burst). */
  burst: number;
}

export const DEFAULT_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  telegram: { perSecond: 30, burst: 30 },
  zalo: { perSecond: 10, burst: 10 },
  'zalo-oa': { perSecond: 10, burst: 10 },
  messenger: { perSecond: 20, burst: 20 },
  botframework: { perSecond: 20, burst: 20 },
};

export const FALLBACK_RATE_LIMIT: RateLimit = { perSecond: 10, burst: 10 };

export interface TokenBucket {
  /** Takes a token if one is available at `now` (ms). */
  tryTake(now: number): boolean;
  /** When (ms) the next token is available (now when one is available already). */
  nextAt(now: number): number;
  /** Gives back a token taken but not used. */
  refund(): void;
  /** No tokens until `until` (a platform's retry-after). */
  pauseUntil(until: number): void;
}

export function createTokenBucket(limit: RateLimit, start: number): TokenBucket {
  const rate = Math.max(limit.perSecond, 0.001) / 1000; // tokens per ms
  const size = Math.max(1, limit.burst);
  let tokens = size;
  let last = start;
  let pausedUntil = 0;
  const refill = (now: number) => {
    if (now > last) {
      tokens = Math.min(size, tokens + (now - last) * rate);
      last = now;
    }
  };
  return {
    tryTake(now) {
      if (now < pausedUntil) return false;
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    },
    nextAt(now) {
      if (now < pausedUntil) return pausedUntil;
      refill(now);
      return tokens >= 1 ? now : now + Math.ceil((1 - tokens) / rate);
    },
    refund() {
      tokens = Math.min(size, tokens + 1);
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
  };
}

export interface BackoffOptions {
  /** First retry delay. Default 2000 ms. */
  baseMs?: number;
  /** Longest delay. Default 10 minutes. */
  maxMs?: number;
}

/**
 * Delay before retry number `attempt` (1 = after the first failure): exponential with "equal
 * jitter" (half fixed, half random) so many failed rows do not retry in lockstep. A platform's
 * retry-after is honoured as a lower bound.
 */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = {}, retryAfterMs?: number): number {
  const base = options.baseMs ?? 2000;
  const max = options.maxMs ?? 600_000;
  const exp = Math.min(max, base * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  const jittered = exp / 2 + (exp / 2) * random();
  return Math.round(retryAfterMs !== undefined && retryAfterMs > 0 ? Math.max(retryAfterMs, Math.min(jittered, retryAfterMs + 1000)) : jittered);
}
