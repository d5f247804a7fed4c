// HTTP surface: health and readiness, the portal web chat. Webhooks, the staff console and
// metrics are mounted here as they land.
import { randomBytes } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import type { WebchatSubmit } from '../channels/webchat.js';
import type { Logger } from '../shared/logger.js';
import { CHAT_EMBED_JS } from './chat-embed.js';
import { CHAT_PAGE } from './chat-page.js';

export interface AppDeps {
  logger: Logger;
  /** True once the store and the knowledge base are loaded. */
  ready: () => boolean;
  /** Number of procedures served and KB version, for /readyz. */
  kbInfo: () => { procedures: number; version: string };
  /** Origins allowed to frame /chat (WEBCHAT_ALLOWED_ORIGINS); empty or unset: same origin only. */
  webchatAllowedOrigins?: readonly string[];
  /** The web chat's way in: the durable inbox, deduplicated by the page's message id (src/channels/webchat.ts). */
  webchat: WebchatSubmit;
}

const ID = /^[A-Za-z0-9_-]{8,64}$/;

const MAX_TEXT = 2000;
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', (_req, res) => {
    const ready = deps.ready();
    res.status(ready ? 200 : 503).json({ ready, kb: deps.kbInfo() });
  });

  // The portal frames /chat (through /chat/embed.js): frame-ancestors lists the configured
  // origins; with none, only the same origin may frame it (and X-Frame-Options says so too).
  const framers = deps.webchatAllowedOrigins ?? [];
  const chatCsp = `default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors ${["'self'", ...framers].join(' ')}`;
  app.get('/chat', (_req, res) => {
    res.setHeader('Content-Security-Policy', chatCsp);
    if (framers.length === 0) res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    res.type('html').send(CHAT_PAGE);
  });
  app.get('/chat/embed.js', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.type('application/javascript; charset=utf-8').send(CHAT_EMBED_JS);
  });

  app.post('/api/webchat/messages', express.json({ limit: '16kb' }), async (req: Request, res: Response) => {
    const body = req.body as { conversationId?: unknown; messageId?: unknown; text?: unknown; choiceId?: unknown } | undefined;
    const conversationId = typeof body?.conversationId === 'string' ? body.conversationId : '';
    const text = typeof body?.text === 'string' ? body.text : '';
    const choiceId = typeof body?.choiceId === 'string' ? body.choiceId : undefined;
    if (!ID.test(conversationId)) {
      res.status(400).json({ error: 'conversationId must be 8-64 letters, digits, "-" or "_"' });
      return;
    }
    if (body?.messageId !== undefined && (typeof body.messageId !== 'string' || !ID.test(body.messageId))) {
      res.status(400).json({ error: 'messageId must be 8-64 letters, digits, "-" or "_"' });
      return;
    }
    if ((!text.trim() && !choiceId) || text.length > MAX_TEXT) {
      res.status(400).json({ error: `text must be 1-${MAX_TEXT} characters` });
      return;
    }
    try {
      // A page that sends no id (an old page) gets one: stored and answered once, not deduplicated.
      const messageId = typeof body?.messageId === 'string' ? body.messageId : randomBytes(12).toString('hex');
      const out = await deps.webchat({ conversationId, messageId, text, ...(choiceId !== undefined ? { choiceId } : {}) });
      deps.logger.info('webchat.handled', { conversation: conversationId, message: messageId, status: out.status });
      if (out.status === 'done') res.json({ replies: out.replies });
      else if (out.status === 'pending') res.status(202).json({ pending: true, messageId });
      else res.status(500).json({ error: 'internal error' });
    } catch (err) {
      deps.logger.error('webchat.failed', { conversation: conversationId, error: (err as Error).name });
      res.status(500).json({ error: 'internal error' });
    }
  });

  // Malformed JSON and oversized bodies: a clear 4xx, never a 5xx.
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: express.NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) deps.logger.error('http.error', { error: err.name });
    res.status(status).json({ error: status === 413 ? 'body too large' : status === 400 ? 'malformed request' : 'internal error' });
  });
  return app;
}
