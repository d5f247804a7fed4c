// Webhook ingest: verify → parse → persist in the inbox → acknowledge. Nothing is stored for a
// request that fails verification or parsing. The bot runs later (worker.ts), so the platform
// gets its 200 as soon as the event is durable; a redelivered event id is ignored by the inbox.
import type { ChannelQueue } from './queue-types.js';
import type { ChannelAdapter, InboundEvent, RawRequest, VerifyResult } from './types.js';

/** Largest webhook body we accept (platform payloads are a few kB; 1 MB is generous). */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export interface WebhookResponse {
  status: number;
  contentType: string;
  body: string;
}

/** Optional extra method of adapters whose verification is asynchronous. */
export interface AsyncVerifier {
  verifyAsync(req: RawRequest): Promise<VerifyResult>;
}

export interface IngestLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface IngestDeps {
  queue: Pick<ChannelQueue, 'insertInbox'>;
  logger?: IngestLogger;
  /** Called after new events were stored (wakes the worker in this process). */
  onIngested?: (inserted: number) => void;
  maxBodyBytes?: number;
}

const json = (status: number, body: unknown): WebhookResponse => ({ status, contentType: 'application/json', body: JSON.stringify(body) });

const NUL = /\u0000/g;
const noNul = (v: string): string => (v.includes('\u0000') ? v.replace(NUL, '') : v);

/**
 * PostgreSQL text cannot hold U+0000 (the insert fails, the webhook would answer 503 and the
 * platform would redeliver the same event forever), so NUL characters are dropped from every
 * string of an event before it is stored, on SQLite too (the same event gives the same row).
 */
function withoutNul(e: InboundEvent): InboundEvent {
  const json = JSON.stringify(e);
  if (!json.includes('\\u0000')) return e;
  return JSON.parse(json, (_k, v: unknown) => (typeof v === 'string' ? noNul(v) : v)) as InboundEvent;
}

/** Stores events (from a webhook or a long-polling loop) in the inbox; duplicates are ignored. */
export async function ingestEvents(deps: IngestDeps, events: readonly InboundEvent[]): Promise<{ inserted: number; duplicates: number }> {
  const result = await deps.queue.insertInbox(events.map(withoutNul));
  if (result.inserted > 0) deps.onIngested?.(result.inserted);
  return result;
}

export async function handleWebhook(adapter: ChannelAdapter, req: RawRequest, deps: IngestDeps): Promise<WebhookResponse> {
  const log = deps.logger;
  const channel = adapter.channel;
  if (req.rawBody.length > (deps.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES)) return json(413, { error: 'body too large' });

  // Awaited so an adapter whose check is asynchronous (Bot Framework JWTs) also fits here.
  let verified: ReturnType<ChannelAdapter['verify']>;
  try {
    verified = await adapter.verify(req);
  } catch {
    verified = { ok: false, status: 403, reason: 'verify threw' }; // an adapter bug must not let a request through
  }
  if (!verified.ok) {
    log?.warn('webhook.rejected', { channel, status: verified.status, reason: verified.reason });
    return json(verified.status, { error: verified.status === 401 ? 'unauthorized' : 'forbidden' });
  }
  if ('respond' in verified) {
    const r = verified.respond;
    return { status: r.status, contentType: r.contentType ?? 'text/plain', body: r.body };
  }
  // Second stage for adapters whose check needs I/O (Bot Framework: JWT against Microsoft's
  // signing keys). It gets the same RawRequest object, which the adapter's parse() recognises.
  const verifyAsync = (adapter as Partial<AsyncVerifier>).verifyAsync;
  if (typeof verifyAsync === 'function') {
    let second: Awaited<ReturnType<AsyncVerifier['verifyAsync']>>;
    try {
      second = await verifyAsync.call(adapter, req);
    } catch {
      second = { ok: false, status: 401, reason: 'verifyAsync threw' };
    }
    if (!second.ok) {
      log?.warn('webhook.rejected', { channel, status: second.status, reason: second.reason });
      return json(second.status, { error: second.status === 401 ? 'unauthorized' : 'forbidden' });
    }
  }

  let parsed: ReturnType<ChannelAdapter['parse']>;
  try {
    parsed = await adapter.parse(req);
  } catch {
    parsed = { ok: false, status: 400, reason: 'parse threw' };
  }
  if (!parsed.ok) {
    log?.warn('webhook.malformed', { channel, reason: parsed.reason });
    return json(400, { error: 'malformed request' });
  }

  const events = parsed.events.filter((e) => e.channel === channel && e.eventId !== '' && e.conversationId !== '');
  if (events.length === 0) return json(200, { ok: true, stored: 0 });
  try {
    const { inserted, duplicates } = await ingestEvents(deps, events);
    log?.info('webhook.stored', { channel, inserted, duplicates, events: events.map((e) => e.eventId) });
    return json(200, { ok: true, stored: inserted, duplicates });
  } catch (err) {
    // Nothing was stored: a 503 makes the platform redeliver later, which is what we want.
    log?.error('webhook.store_failed', { channel, error: (err as Error).name });
    return json(503, { error: 'temporarily unavailable' });
  }
}
