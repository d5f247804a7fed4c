// GET /api/webchat/messages?conversationId=…&after=<id>: what staff (and the service, e.g. the
// rating question) sent to a web chat conversation after message `after`. The web chat has no
// push channel, so the page polls this; POST /api/webchat/messages (src/server/app.ts) stays the
// bot's entry point. Conversation ids are the page's own random ids, prefixed as app.ts does.
import express, { type Request, type Response, type Router } from 'express';
import type { TicketService } from '../tickets/service.js';
import type { Logger } from '../shared/logger.js';

export interface WebchatRepliesDeps {
  service: Pick<TicketService, 'webchatReplies'>;
  logger: Logger;
}

/** Same prefix as the POST route of src/server/app.ts. */
export const webchatConversationId = (pageId: string): string => `web:${pageId}`;

export function createWebchatRepliesRoute(deps: WebchatRepliesDeps): Router {
  const router = express.Router();
  router.get('/api/webchat/messages', async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    const id = typeof req.query.conversationId === 'string' ? req.query.conversationId : '';
    const afterRaw = typeof req.query.after === 'string' && req.query.after !== '' ? req.query.after : '0';
    const after = Number(afterRaw);
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
      res.status(400).json({ error: 'conversationId must be 8-64 letters, digits, "-" or "_"' });
      return;
    }
    if (!Number.isInteger(after) || after < 0) {
      res.status(400).json({ error: 'after must be a message id (integer >= 0)' });
      return;
    }
    try {
      const messages = await deps.service.webchatReplies(webchatConversationId(id), after);
      res.json({ messages: messages.map((m) => ({ id: m.id, at: m.at, from: m.from, ticketCode: m.ticketCode, text: m.text })) });
    } catch (err) {
      deps.logger.error('webchat.poll-failed', { conversation: id, error: (err as Error).name });
      res.status(500).json({ error: 'internal error' });
    }
  });
  return router;
}
