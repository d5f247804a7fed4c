// A platform's OAuth token pair kept in the channel queues' database (table platform_tokens,
// one row per platform and account), so every instance of the app shares it. Built for
// single-use refresh tokens (Zalo OA, platforms.md §2 "Access token lifecycle"): a pair is only
// replaced by a writer that still holds the stored refresh token, in ONE statement
//   UPDATE … WHERE refresh_token = <old>   (exactly one row changed → won)
//   INSERT … ON CONFLICT DO NOTHING        (first pair, only into an empty slot)
// SQLite runs one writer at a time; PostgreSQL re-checks the WHERE clause after waiting for a
// concurrent writer's row lock, so a second instance sees the new refresh token and loses
// instead of storing a pair obtained with a dead one.
//
// The shape matches the Zalo OA adapter's TokenStore structurally; the channels layer does not
// import an adapter.
import type { SqlExecutor } from '../tickets/store-query.js';

export interface PlatformTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
}

export interface PlatformTokenStore {
  get(): Promise<PlatformTokens | undefined>;
  /**
   * Stores `next` only if the stored pair still has `old.refreshToken` (`old` undefined: only if
   * nothing is stored yet). Atomic across connections and processes; false when another writer won.
   */
  compareAndSet(old: PlatformTokens | undefined, next: PlatformTokens): Promise<boolean>;
}

export interface SqlTokenStoreOptions {
  /** Platform name, e.g. 'zalo-oa'. */
  platform: string;
  /** The platform account the pair belongs to (Zalo OA: the app id). */
  accountId: string;
  /** Clock for updated_at (inject in tests). */
  now?: () => Date;
}

const SELECT = 'SELECT access_token, refresh_token, expires_at FROM platform_tokens WHERE platform = ? AND account_id = ?';
const INSERT = `INSERT INTO platform_tokens (platform, account_id, access_token, refresh_token, expires_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (platform, account_id) DO NOTHING`;
const UPDATE = `UPDATE platform_tokens SET access_token = ?, refresh_token = ?, expires_at = ?, updated_at = ?
  WHERE platform = ? AND account_id = ? AND refresh_token = ?`;

function checkPair(t: PlatformTokens): void {
  if (!t.accessToken || !t.refreshToken || !Number.isFinite(t.expiresAt)) {
    throw new RangeError('platform token pair needs an access token, a refresh token and a finite expiresAt');
  }
}

/**
 * TokenStore over the SqlDriver seam (SQLite or PostgreSQL; the table comes from the channel
 * queue migrations). Pass the queue's driver, or use ChannelQueue.tokenStore().
 */
export function createSqlTokenStore(db: SqlExecutor, options: SqlTokenStoreOptions): PlatformTokenStore {
  const { platform, accountId } = options;
  if (!platform || !accountId) throw new RangeError('platform token store needs a platform and an account id');
  const now = () => (options.now ?? (() => new Date()))().getTime();
  return {
    async get() {
      const row = (await db.query(SELECT, [platform, accountId])).rows[0];
      if (!row) return undefined;
      // BIGINT arrives as a string from pg.
      return { accessToken: String(row.access_token), refreshToken: String(row.refresh_token), expiresAt: Number(row.expires_at) };
    },
    async compareAndSet(old, next) {
      checkPair(next);
      const values = [next.accessToken, next.refreshToken, Math.trunc(next.expiresAt), now()];
      const res = old
        ? await db.query(UPDATE, [...values, platform, accountId, old.refreshToken])
        : await db.query(INSERT, [platform, accountId, ...values]);
      return res.changes === 1;
    },
  };
}
