// Zalo OA access-token lifecycle (platforms.md §2 "Access token lifecycle"): access token ≈ 25 h,
// refresh token single-use (each refresh returns a new pair; reusing the old one gives -14020).
// Several app instances may share one TokenStore. Only the instance whose compareAndSet succeeds
// uses the pair it obtained; any other re-reads the store, so nobody works with a dead pair.
import type { SendFailure } from '../../src/channels/types.js';

export const DEFAULT_ZALO_OAUTH_BASE = 'https://oauth.zaloapp.com';

export interface OaTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
}

export interface TokenStore {
  get(): Promise<OaTokens | undefined>;
  /**
   * Stores `next` only if the stored pair still has `old.refreshToken` (`old` undefined: only if
   * the store is empty). Atomic. Resolves false when another writer got there first.
   */
  compareAndSet(old: OaTokens | undefined, next: OaTokens): Promise<boolean>;
}

/** In-memory TokenStore: for tests and single-process runs (tokens are lost on restart). */
export function createMemoryTokenStore(initial?: OaTokens): TokenStore {
  let current = initial ? { ...initial } : undefined;
  return {
    async get() {
      return current ? { ...current } : undefined;
    },
    async compareAndSet(old, next) {
      if ((old?.refreshToken ?? null) !== (current?.refreshToken ?? null)) return false;
      current = { ...next };
      return true;
    },
  };
}

/**
 * Seeds an empty store with the first pair (ZALO_OA_ACCESS_TOKEN / ZALO_OA_REFRESH_TOKEN). A store
 * that already holds a pair wins: after the first refresh the configured refresh token is dead.
 * Without a known expiry the access token is refreshed before its first use.
 */
export async function seedTokenStore(
  store: TokenStore,
  initial: { accessToken: string; refreshToken: string; expiresAt?: number },
  now: () => Date,
): Promise<'seeded' | 'kept'> {
  if (!initial.accessToken || !initial.refreshToken || (await store.get())) return 'kept';
  const ok = await store.compareAndSet(undefined, { ...initial, expiresAt: initial.expiresAt ?? now().getTime() });
  return ok ? 'seeded' : 'kept';
}

export type TokenResult = { ok: true; accessToken: string } | { ok: false; error: SendFailure };

export interface TokenManagerOptions {
  store: TokenStore;
  fetch: typeof fetch;
  now: () => Date;
  oauthBase: string;
  appId: string;
  /** The app's secret key: header `secret_key` of the token endpoint (not the OA secret key). */
  appSecret: string;
  /** Refresh this long before expiry (default 10 min). */
  refreshAheadMs?: number;
  /** How long a loser waits for the winner's pair to appear in the store (default 20 × 250 ms). */
  rereadAttempts?: number;
  rereadDelayMs?: number;
  logger?: { warn(msg: string, f?: Record<string, unknown>): void };
}

export interface TokenManager {
  /** A usable access token, refreshed ahead of expiry. */
  current(): Promise<TokenResult>;
  /** After the API refused `stale` as invalid/expired: a newer token (refreshing once if needed). */
  renew(stale: string): Promise<TokenResult>;
}

export function createTokenManager(o: TokenManagerOptions): TokenManager {
  const ahead = o.refreshAheadMs ?? 10 * 60_000;
  const attempts = o.rereadAttempts ?? 20;
  const delay = o.rereadDelayMs ?? 250;
  const base = o.oauthBase.replace(/\/+$/, '');
  let inflight: Promise<TokenResult> | undefined;
  const noTokens: TokenResult = {
    ok: false,
    error: { kind: 'auth', message: 'no Zalo OA tokens in the token store (set ZALO_OA_ACCESS_TOKEN / ZALO_OA_REFRESH_TOKEN)' },
  };

  // One refresh at a time inside this process; other processes are handled by compareAndSet.
  function refresh(seen: OaTokens): Promise<TokenResult> {
    inflight ??= doRefresh(seen).finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  async function doRefresh(seen: OaTokens): Promise<TokenResult> {
    const latest = await o.store.get();
    if (latest && latest.refreshToken !== seen.refreshToken) return { ok: true, accessToken: latest.accessToken };
    const r = await exchange(seen.refreshToken);
    if (r.ok) {
      if (await o.store.compareAndSet(seen, r.tokens)) return { ok: true, accessToken: r.tokens.accessToken };
      o.logger?.warn('zalo-oa token refresh lost the compare-and-set; using the stored pair');
      return reread(seen);
    }
    if (r.error.kind !== 'rejected') return { ok: false, error: r.error };
    // Rejected (typically -14020, refresh token already used): another instance has refreshed;
    // its pair shows up in the store once its compareAndSet lands.
    return reread(seen);
  }

  async function reread(seen: OaTokens): Promise<TokenResult> {
    for (let i = 0; i < attempts; i++) {
      const t = await o.store.get();
      if (t && t.refreshToken !== seen.refreshToken) return { ok: true, accessToken: t.accessToken };
      await new Promise((r) => setTimeout(r, delay));
    }
    return {
      ok: false,
      error: { kind: 'auth', message: 'Zalo OA refresh token rejected and no newer pair in the store: re-authorize the OA' },
    };
  }

  async function exchange(refreshToken: string): Promise<{ ok: true; tokens: OaTokens } | { ok: false; error: SendFailure }> {
    let res: Response;
    try {
      res = await o.fetch(`${base}/v4/oa/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: o.appSecret },
        body: new URLSearchParams({ refresh_token: refreshToken, app_id: o.appId, grant_type: 'refresh_token' }).toString(),
      });
    } catch (e) {
      return { ok: false, error: { kind: 'network', message: `Zalo OAuth: ${e instanceof Error ? e.message : String(e)}` } };
    }
    const body = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    const at = body?.access_token;
    const rt = body?.refresh_token;
    if (res.ok && typeof at === 'string' && at && typeof rt === 'string' && rt) {
      // expires_in is seconds, often a string; ≈ 25 h when absent.
      const secs = Number(body?.expires_in ?? 90000);
      const ttl = Number.isFinite(secs) && secs > 0 ? secs * 1000 : 90_000_000;
      return { ok: true, tokens: { accessToken: at, refreshToken: rt, expiresAt: o.now().getTime() + ttl } };
    }
    const message = `Zalo OAuth refresh: HTTP ${res.status} error ${String(body?.error ?? '?')} ${String(body?.error_name ?? body?.message ?? '')}`.trim();
    if (res.status === 429) return { ok: false, error: { kind: 'rate-limit', message } };
    if (res.status >= 500) return { ok: false, error: { kind: 'server', message } };
    return { ok: false, error: { kind: 'rejected', message } };
  }

  return {
    async current() {
      const t = await o.store.get();
      if (!t) return noTokens;
      const left = t.expiresAt - o.now().getTime();
      if (left > ahead) return { ok: true, accessToken: t.accessToken };
      const r = await refresh(t);
      // Refresh failed but the old token still has a little life: use it.
      if (!r.ok && left > 0) return { ok: true, accessToken: t.accessToken };
      return r;
    },
    async renew(stale) {
      const t = await o.store.get();
      if (!t) return noTokens;
      if (t.accessToken !== stale) return { ok: true, accessToken: t.accessToken };
      return refresh(t);
    },
  };
}
