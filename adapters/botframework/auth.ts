// Inbound authentication for Bot Framework (platforms.md §5 "What CloudAdapter needs").
//
// The Bot Connector signs each request with a JWT (`Authorization: Bearer …`). Validating it needs
// the OpenID metadata and signing keys of the Bot Framework token service, i.e. network I/O, so
// it cannot happen inside the synchronous ChannelAdapter.verify(). The bridge:
//   1. verify() (sync): cheap checks that reject most forgeries without I/O: Bearer scheme,
//      JWT shape, audience = our app id (constant-time), not expired.
//   2. verifyAsync() (async): the real validation, by the very BotFrameworkAuthentication object
//      CloudAdapter.process() uses (authenticateRequest: signature against Microsoft's keys,
//      issuer, audience, channel endorsement, serviceUrl claim).
//   3. parse() refuses (400) any request whose raw body did not pass verifyAsync(), so a server
//      that forgets step 2 fails closed: nothing is stored for a request that was not validated.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { RawRequest, VerifyResult } from '../../src/channels/types.js';
import { decodeActivity } from './parse.js';

/** Clock skew the SDK tolerates on exp (ChannelValidation: clockTolerance 5 minutes). */
const CLOCK_TOLERANCE_S = 5 * 60;

function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[0] || !parts[1] || !parts[2]) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export interface BotFrameworkAuthGate {
  verify(req: RawRequest): VerifyResult;
  verifyAsync(req: RawRequest): Promise<VerifyResult>;
  /** True when verifyAsync accepted this very body (or auth is disabled). */
  isAuthenticated(req: RawRequest): boolean;
}

export function createAuthGate(opts: {
  appId: string;
  auth: ConfigurationBotFrameworkAuthentication;
  now: () => Date;
  warn?: (msg: string, f?: Record<string, unknown>) => void;
}): BotFrameworkAuthGate {
  const disabled = opts.appId.trim() === '';
  const accepted = new WeakSet<Buffer>();

  function verify(req: RawRequest): VerifyResult {
    if (req.method.toUpperCase() !== 'POST') return { ok: false, status: 403, reason: `method ${req.method} not accepted` };
    // No app id: the SDK's own "authentication disabled" mode (Emulator, local tests). Never in production.
    if (disabled) return { ok: true };
    const header = req.headers['authorization'];
    if (!header) return { ok: false, status: 401, reason: 'missing Authorization header' };
    const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header.trim());
    if (!m?.[1]) return { ok: false, status: 401, reason: 'Authorization is not a Bearer JWT' };
    const claims = decodeJwtPayload(m[1]);
    if (!claims) return { ok: false, status: 401, reason: 'unreadable JWT' };
    if (typeof claims.aud !== 'string' || !safeEqual(claims.aud, opts.appId)) {
      return { ok: false, status: 401, reason: 'JWT audience is not this bot' };
    }
    if (typeof claims.exp !== 'number' || claims.exp + CLOCK_TOLERANCE_S < opts.now().getTime() / 1000) {
      return { ok: false, status: 401, reason: 'JWT expired' };
    }
    return { ok: true };
  }

  async function verifyAsync(req: RawRequest): Promise<VerifyResult> {
    const cheap = verify(req);
    if (!cheap.ok) return cheap;
    if (!disabled) {
      // A malformed body still gets its token checked (channel/serviceUrl empty); parse() then
      // answers 400. The SDK validates serviceUrl against the token's serviceurl claim.
      const activity = decodeActivity(req.rawBody) ?? {};
      const probe = {
        ...activity,
        channelId: typeof activity.channelId === 'string' ? activity.channelId : '',
        serviceUrl: typeof activity.serviceUrl === 'string' ? activity.serviceUrl : '',
      };
      try {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        await opts.auth.authenticateRequest(probe as any, req.headers['authorization'] ?? '');
      } catch (e) {
        const reason = `Bot Framework token rejected: ${e instanceof Error ? e.message : String(e)}`;
        opts.warn?.('botframework: request rejected', { reason });
        return { ok: false, status: 401, reason };
      }
    }
    accepted.add(req.rawBody);
    return { ok: true };
  }

  return { verify, verifyAsync, isAuthenticated: (req) => disabled || accepted.has(req.rawBody) };
}
