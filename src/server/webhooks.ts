// Webhook routes, one per configured adapter (a channel without an adapter has no route: 404).
// The body is read RAW (signatures cover the exact bytes) with a 1 MB limit; everything after
// that is handleWebhook's job: verify → parse → inbox → 200. Mount these routes BEFORE any global
// JSON body parser (app.use(express.json())) so the raw bytes are still there.
import express, { type Request, type Response } from 'express';
import { handleWebhook, MAX_WEBHOOK_BODY_BYTES, type IngestDeps } from '../channels/ingest.js';
import type { ChannelAdapter, RawRequest } from '../channels/types.js';

/** Route of each known channel (DESIGN.md); other channels get POST /webhooks/<channel>. */
export const WEBHOOK_ROUTES: Readonly<Record<string, { path: string; methods: readonly ('get' | 'post')[] }>> = {
  telegram: { path: '/webhooks/telegram', methods: ['post'] },
  zalo: { path: '/webhooks/zalo', methods: ['post'] },
  'zalo-oa': { path: '/webhooks/zalo-oa', methods: ['post'] },
  messenger: { path: '/webhooks/messenger', methods: ['get', 'post'] },
  botframework: { path: '/api/messages', methods: ['post'] },
};

export type WebhookDeps = IngestDeps;

function toRawRequest(req: Request): RawRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  const query: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') query[k] = v;
    else if (Array.isArray(v) && typeof v[0] === 'string') query[k] = v[0];
  }
  return { method: req.method, headers, query, rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0) };
}

export function routeFor(channel: string): { path: string; methods: readonly ('get' | 'post')[] } | undefined {
  const known = WEBHOOK_ROUTES[channel];
  if (known) return known;
  return /^[a-z0-9][a-z0-9-]{0,31}$/.test(channel) ? { path: `/webhooks/${channel}`, methods: ['post'] } : undefined;
}

/** Mounts a webhook route for each adapter; returns the mounted paths. */
export function mountWebhooks(app: express.IRouter, adapters: readonly ChannelAdapter[], deps: WebhookDeps): string[] {
  const limit = deps.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;
  // '*/*': platforms send application/json, but the bytes are needed whatever the header says.
  const raw = express.raw({ type: () => true, limit });
  const mounted: string[] = [];
  for (const adapter of adapters) {
    const route = routeFor(adapter.channel);
    if (!route) continue;
    const handler = (req: Request, res: Response) => {
      raw(req, res, (err?: unknown) => {
        if (err) {
          const e = err as { status?: number; type?: string };
          const status = e.status === 413 || e.type === 'entity.too.large' ? 413 : 400;
          res.status(status).json({ error: status === 413 ? 'body too large' : 'malformed request' });
          return;
        }
        if (!Buffer.isBuffer(req.body) && (req.headers['content-length'] ?? '0') !== '0') {
          // A body parser mounted before these routes consumed the bytes the signature covers.
          deps.logger?.error('webhook.body_consumed', { channel: adapter.channel });
          res.status(500).json({ error: 'internal error' });
          return;
        }
        handleWebhook(adapter, toRawRequest(req), deps).then(
          (out) => {
            res.status(out.status).type(out.contentType).send(out.body);
          },
          () => {
            res.status(503).json({ error: 'temporarily unavailable' });
          },
        );
      });
    };
    for (const m of route.methods) {
      if (m === 'get') app.get(route.path, handler);
      else app.post(route.path, handler);
    }
    mounted.push(route.path);
  }
  return mounted;
}
