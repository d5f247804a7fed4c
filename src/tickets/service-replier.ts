// CitizenReplier: how a staff reply (or the rating question) reaches the citizen on the channel
// the ticket came from. The channels work implements it for the messaging platforms through its
// durable outbox; the web chat has no push channel, so its "send" only confirms that the reply,
// already saved in the ticket thread, may be shown: the page polls GET /api/webchat/messages.
import type { Ticket } from './types.js';

export type ReplyResult =
  | { ok: true }
  /**
   * window-closed: the platform no longer lets us write to this user (Messenger: 24 h after the
   * user's last message, 7 days with the HUMAN_AGENT tag; Zalo OA: 48 h). The ticket is marked
   * "cần liên hệ lại" for a phone call. failed: anything else (refused, unreachable, no adapter).
   */
  | { ok: false; reason: 'window-closed' | 'failed' };

export interface CitizenReplier {
  /** messageId: the ticket thread message being delivered (lets an outbox report late outcomes). */
  send(ticket: Ticket, text: string, options: { fromStaff: true; messageId?: number }): Promise<ReplyResult>;
}

/** Channel name the portal web chat uses for its conversations (src/server/app.ts). */
export const WEBCHAT_CHANNEL = 'web';

/** Web chat: the reply is in the thread (delivery 'sent' makes it visible to the page's poll). */
export function createWebchatReplier(): CitizenReplier {
  return {
    async send(ticket) {
      return ticket.channel === WEBCHAT_CHANNEL ? { ok: true } : { ok: false, reason: 'failed' };
    },
  };
}

/**
 * Picks the replier by the ticket's channel; channels with none configured report 'failed'
 * (the staff console shows the delivery state, nothing is dropped silently).
 */
export function createChannelRouterReplier(byChannel: Record<string, CitizenReplier>, fallback?: CitizenReplier): CitizenReplier {
  return {
    async send(ticket, text, options) {
      const r = byChannel[ticket.channel] ?? fallback;
      if (!r) return { ok: false, reason: 'failed' };
      try {
        return await r.send(ticket, text, options);
      } catch {
        return { ok: false, reason: 'failed' };
      }
    },
  };
}

export interface FakeReplier extends CitizenReplier {
  readonly sent: { ticketCode: string; channel: string; text: string }[];
  /** The result of the following sends (default ok). */
  respondWith(result: ReplyResult): void;
}

/** Test double: records what was sent and answers what the test asked for. */
export function createFakeReplier(): FakeReplier {
  let next: ReplyResult = { ok: true };
  const sent: FakeReplier['sent'] = [];
  return {
    sent,
    respondWith(result) {
      next = result;
    },
    async send(ticket, text) {
      sent.push({ ticketCode: ticket.code, channel: ticket.channel, text });
      return next;
    },
  };
}
