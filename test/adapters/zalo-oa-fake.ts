// Fake Zalo OA Open API + OAuth token endpoint on loopback, stateful like the real ones:
// access tokens are checked on every call, refresh tokens are single-use (reuse → -14020).
import { startFakeServer, type FakeServer } from './zalo-fake-server.js';

export const APP_ID = '1234567890123456789';
export const APP_SECRET = 'fake-app-secret-key';

export interface FakeZaloOa {
  api: FakeServer;
  oauth: FakeServer;
  validAccess: Set<string>;
  validRefresh: Set<string>;
  /** Successful refresh exchanges, in order. */
  exchanges: Array<{ used: string; access: string; refresh: string }>;
  /** Delay for successful token answers (lets a concurrent loser arrive before the winner stores). */
  oauthDelayMs: number;
  close(): Promise<void>;
}

export async function startFakeZaloOa(initial: { access: string; refresh: string }): Promise<FakeZaloOa> {
  const validAccess = new Set([initial.access]);
  const validRefresh = new Set([initial.refresh]);
  const exchanges: FakeZaloOa['exchanges'] = [];
  let n = 0;
  let sent = 0;
  const state = { oauthDelayMs: 0 };
  const api = await startFakeServer((r) => {
    if (r.path !== '/v3.0/oa/message/cs') return { status: 404, body: { error: -209, message: 'Not supported this api' } };
    const token = String(r.headers['access_token'] ?? '');
    if (!validAccess.has(token)) return { body: { error: -216, message: 'Access token is invalid' } };
    const user = (r.json as { recipient?: { user_id?: string } }).recipient?.user_id;
    return { body: { data: { message_id: `oa-msg-${++sent}`, user_id: user }, error: 0, message: 'Success' } };
  });
  const oauth = await startFakeServer((r) => {
    if (r.path !== '/v4/oa/access_token') return { status: 404, body: { error: -1, message: 'not found' } };
    const form = new URLSearchParams(r.body);
    if (r.headers['secret_key'] !== APP_SECRET || form.get('app_id') !== APP_ID) {
      return { body: { error: -14002, error_name: 'Invalid app secret key' } };
    }
    const used = form.get('refresh_token') ?? '';
    if (form.get('grant_type') !== 'refresh_token' || !validRefresh.delete(used)) {
      return { body: { error: -14020, error_name: 'Invalid refresh token', error_reason: 'refresh token already used or expired' } };
    }
    n++;
    const access = `access-${n}`;
    const refresh = `refresh-${n}`;
    validAccess.add(access);
    validRefresh.add(refresh);
    exchanges.push({ used, access, refresh });
    return { delayMs: state.oauthDelayMs, body: { access_token: access, refresh_token: refresh, expires_in: '90000' } };
  });
  return {
    api,
    oauth,
    validAccess,
    validRefresh,
    exchanges,
    get oauthDelayMs() {
      return state.oauthDelayMs;
    },
    set oauthDelayMs(v: number) {
      state.oauthDelayMs = v;
    },
    close: async () => {
      await api.close();
      await oauth.close();
    },
  };
}
