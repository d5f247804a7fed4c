// The five webhook adapters under property test, each with a way to sign a body for it.
import { createHash, createHmac } from 'node:crypto';
import { createBotFrameworkAdapter } from '../../adapters/botframework/index.js';
import { createMessengerAdapter } from '../../adapters/messenger/index.js';
import { createTelegramAdapter } from '../../adapters/telegram/index.js';
import { createZaloBotAdapter } from '../../adapters/zalo-bot/index.js';
import { parseJsonKeepingIds } from '../../adapters/zalo-oa/json.js';
import { createMemoryTokenStore, createZaloOaAdapter } from '../../adapters/zalo-oa/index.js';
import type { ChannelAdapter } from '../../src/channels/types.js';

export const NOW = new Date('2026-11-28T06:00:00.000Z');
export const deps = { fetch, now: () => NOW };
export const DEAD = 'http://127.0.0.1:9';

const TG_SECRET = 'tg-prop-secret';
const ZB_SECRET = 'zalo-bot-prop-secret';
const OA_APP_ID = '1234567890123456789';
const OA_SECRET = 'zalo-oa-prop-secret';
const FB_SECRET = 'messenger-prop-secret';

/** One adapter plus how to sign a body for it (undefined: the adapter has no body signature). */
export interface Subject {
  name: string;
  adapter: ChannelAdapter;
  sign: (body: Buffer) => Record<string, string>;
}

/** Zalo OA: sha256(app_id + raw body + timestamp + OA secret), fields read the way Zalo writes them. */
const oaSign = (body: Buffer): Record<string, string> => {
  const raw = body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = parseJsonKeepingIds(raw);
  } catch {
    return { 'x-zevent-signature': 'mac=unsignable' };
  }
  const o = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
  const field = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
  const mac = createHash('sha256').update(`${field(o.app_id)}${raw}${field(o.timestamp)}${OA_SECRET}`, 'utf8').digest('hex');
  return { 'x-zevent-signature': `mac=${mac}` };
};

export const SUBJECTS: Subject[] = [
  {
    name: 'telegram',
    adapter: createTelegramAdapter({ botToken: '123456:ABC-prop', webhookSecret: TG_SECRET, apiRoot: DEAD, mode: 'webhook' }, deps),
    sign: () => ({ 'x-telegram-bot-api-secret-token': TG_SECRET }),
  },
  {
    name: 'zalo-bot',
    adapter: createZaloBotAdapter({ botToken: '123:abc', webhookSecret: ZB_SECRET, apiBase: DEAD, mode: 'webhook' }, deps),
    sign: () => ({ 'x-bot-api-secret-token': ZB_SECRET }),
  },
  {
    name: 'zalo-oa',
    adapter: createZaloOaAdapter(
      {
        appId: OA_APP_ID,
        appSecret: 'app-secret',
        oaSecretKey: OA_SECRET,
        apiBase: DEAD,
        oauthBase: DEAD,
        tokens: createMemoryTokenStore({ accessToken: 'at', refreshToken: 'rt', expiresAt: NOW.getTime() + 3600_000 }),
      },
      deps,
    ),
    sign: oaSign,
  },
  {
    name: 'messenger',
    adapter: createMessengerAdapter(
      { pageAccessToken: 'page-token', appSecret: FB_SECRET, verifyToken: 'vt', graphApiBase: DEAD, graphApiVersion: 'v25.0' },
      deps,
    ),
    sign: (body) => ({ 'x-hub-signature-256': `sha256=${createHmac('sha256', FB_SECRET).update(body).digest('hex')}` }),
  },
  {
    // Auth disabled so parse() sees every body; verify() with real auth is covered below.
    name: 'botframework',
    adapter: createBotFrameworkAdapter({ appId: '', appPassword: '', allowUnauthenticated: true }, deps),
    sign: () => ({}),
  },
];

