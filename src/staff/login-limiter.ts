// Login attempt limiter: failed attempts counted per username and per client IP in a sliding
// window (default 5 per 15 minutes). In memory: enough for one instance; with several instances
// behind a load balancer each keeps its own count (the limit then applies per instance).
export interface LoginLimiter {
  /** Minutes to wait when either key is over the limit, else 0. */
  blockedMinutes(username: string, ip: string): number;
  fail(username: string, ip: string): void;
  /** A successful login clears the username's failures (not the IP's). */
  succeed(username: string): void;
}

export interface LoginLimiterOptions {
  max?: number;
  windowMs?: number;
  now?: () => number;
}

export function createLoginLimiter(options: LoginLimiterOptions = {}): LoginLimiter {
  const max = options.max ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const now = options.now ?? Date.now;
  const hits = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const t = now();
    const list = (hits.get(key) ?? []).filter((x) => x > t - windowMs);
    if (list.length) hits.set(key, list);
    else hits.delete(key);
    return list;
  };
  const wait = (key: string): number => {
    const list = recent(key);
    if (list.length < max) return 0;
    return Math.max(1, Math.ceil((list[list.length - max]! + windowMs - now()) / 60_000));
  };
  return {
    blockedMinutes: (username, ip) => Math.max(wait(`u:${username.toLowerCase()}`), wait(`ip:${ip}`)),
    fail(username, ip) {
      for (const key of [`u:${username.toLowerCase()}`, `ip:${ip}`]) hits.set(key, [...recent(key), now()]);
      if (hits.size > 50_000) hits.clear(); // bounded memory under a flood of random usernames
    },
    succeed(username) {
      hits.delete(`u:${username.toLowerCase()}`);
    },
  };
}
