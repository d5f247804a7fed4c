// A FAKE CHANNEL for pipeline tests: JSON webhooks signed with HMAC-SHA256 over the raw body
// (header x-fake-signature: sha256=<hex>, like Messenger's X-Hub-Signature-256), sends to a fake
// HTTP API (POST <apiBase>/send) and maps its answers to SendFailure kinds the way real adapters
// must. It imports only the adapter interface, as real adapters do.
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  splitText,
  type AdapterDeps,
  type ChannelAdapter,
  type InboundEvent,
  type ParseResult,
  type RawRequest,
  type SendFailure,
  type VerifyResult,
} from '../../src/channels/types.js';

export interface FakeAdapterConfig {
  secret: string;
  apiBase: string;
  /** Default 'fake'. */
  channel?: string;
  /** Default 200 (small, so tests can exercise splitting). */
  maxTextLength?: number;
}

/** Webhook body: { events: [{ id, chat, user, text?, choice?, ts?, fromBot? }] }. */
export interface FakeWireEvent {
  id: string;
  chat: string;
  user: string;
  text?: string;
  choice?: string;
  /** Epoch ms. */
  ts?: number;
  /** Our own message echoed back: ignored. */
  fromBot?: boolean;
}

export const FAKE_SIGNATURE_HEADER = 'x-fake-signature';

export function signFake(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** A signed webhook request as the server would see it. */
export function fakeRequest(secret: string, body: unknown, over: Partial<RawRequest> = {}): RawRequest {
  const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return { method: 'POST', headers: { 'content-type': 'application/json', [FAKE_SIGNATURE_HEADER]: signFake(secret, raw) }, query: {}, rawBody: raw, ...over };
}

function mapFailure(status: number, body: string, retryAfter: string | null): SendFailure {
  if (status === 429) {
    const s = Number(retryAfter);
    return { kind: 'rate-limit', message: 'HTTP 429', ...(Number.isFinite(s) && s >= 0 ? { retryAfterMs: s * 1000 } : {}) };
  }
  if (status === 401 || status === 403) return { kind: 'auth', message: `HTTP ${status}` };
  if (status >= 500) return { kind: 'server', message: `HTTP ${status}` };
  if (/window_closed/.test(body)) return { kind: 'window-closed', message: 'reply window closed' };
  return { kind: 'rejected', message: `HTTP ${status}` };
}

export function createFakeAdapter(config: FakeAdapterConfig, deps: AdapterDeps): ChannelAdapter {
  const channel = config.channel ?? 'fake';
  const max = config.maxTextLength ?? 200;
  const secret = Buffer.from(config.secret);

  return {
    channel,
    maxTextLength: max,

    verify(req): VerifyResult {
      const given = req.headers[FAKE_SIGNATURE_HEADER];
      if (!given) return { ok: false, status: 401, reason: 'missing signature' };
      const expected = Buffer.from(signFake(secret.toString(), req.rawBody));
      const actual = Buffer.from(given);
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, status: 403, reason: 'bad signature' };
      return { ok: true };
    },

    parse(req): ParseResult {
      let body: unknown;
      try {
        body = JSON.parse(req.rawBody.toString('utf8'));
      } catch {
        return { ok: false, status: 400, reason: 'invalid JSON' };
      }
      const list = (body as { events?: unknown } | null)?.events;
      if (!Array.isArray(list)) return { ok: false, status: 400, reason: 'events missing' };
      const events: InboundEvent[] = [];
      for (const raw of list as Partial<FakeWireEvent>[]) {
        if (typeof raw?.id !== 'string' || typeof raw.chat !== 'string' || typeof raw.user !== 'string') {
          return { ok: false, status: 400, reason: 'event without id/chat/user' };
        }
        if (raw.fromBot) continue;
        events.push({
          eventId: raw.id,
          channel,
          conversationId: `${channel}:${raw.chat}`,
          userId: `${channel}:${raw.user}`,
          kind: raw.choice !== undefined ? 'choice' : typeof raw.text === 'string' ? 'text' : 'unsupported',
          text: typeof raw.text === 'string' ? raw.text : '',
          ...(typeof raw.choice === 'string' ? { choiceId: raw.choice } : {}),
          sentAt: new Date(typeof raw.ts === 'number' ? raw.ts : deps.now().getTime()).toISOString(),
          replyContext: { messageId: raw.id },
        });
      }
      return { ok: true, events };
    },

    async send(msg) {
      const chat = msg.conversationId.slice(channel.length + 1);
      const pieces = splitText(msg.text, max);
      const ids: string[] = [];
      for (let i = 0; i < pieces.length; i++) {
        const last = i === pieces.length - 1;
        const body = {
          chat,
          text: pieces[i],
          ...(last && msg.choices?.length ? { buttons: msg.choices.map((c) => ({ id: c.id, label: c.label })) } : {}),
          ...(msg.fromStaff ? { staff: true } : {}),
        };
        let res: Response;
        try {
          res = await deps.fetch(`${config.apiBase}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        } catch (err) {
          return { ok: false, error: { kind: 'network', message: (err as Error)?.name ?? 'fetch failed' } };
        }
        const text = await res.text().catch(() => '');
        if (!res.ok) return { ok: false, error: mapFailure(res.status, text, res.headers.get('retry-after')) };
        try {
          ids.push(String((JSON.parse(text) as { id?: unknown }).id ?? ''));
        } catch {
          ids.push('');
        }
      }
      return { ok: true, platformMessageIds: ids };
    },
  };
}
