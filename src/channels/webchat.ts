// The portal web chat through the durable inbox. The page names each message with its own id;
// the message is stored in the inbox (deduplicated by that id) before anything else happens,
// processed by the same workers as the platforms' messages (in order per conversation, one
// transaction for "done + replies"), and the replies are returned in the HTTP response. When the
// same message is sent again (the page retries after a network error or a server restart), the
// stored replies of the first processing are returned: the bot never handles it twice. A message
// stored just before a crash is processed after the restart, and the page's retry collects it.
import type { OutgoingMessage } from '../core/types.js';
import { WEBCHAT_CHANNEL } from '../tickets/service-replier.js';
import type { ChannelQueue } from './queue-types.js';
import type { InboundEvent } from './types.js';

export interface WebchatMessage {
  /** The page's conversation id (8–64 of [A-Za-z0-9_-]). */
  conversationId: string;
  /** The page's id for this message; resending it with the same id is safe. */
  messageId: string;
  text: string;
  choiceId?: string;
}

export type WebchatOutcome =
  | { status: 'done'; replies: OutgoingMessage[] }
  /** Processing gave up (the bot failed on every attempt). */
  | { status: 'failed' }
  /** Stored, not answered within the wait: send the same message id again later. */
  | { status: 'pending' };

export type WebchatSubmit = (m: WebchatMessage) => Promise<WebchatOutcome>;

export interface WebchatSubmitterDeps {
  queue: Pick<ChannelQueue, 'inboxOutcome' | 'markDelivered'>;
  /** Stores the event and wakes a worker (the pipeline's ingest). */
  ingest(events: readonly InboundEvent[]): Promise<unknown>;
  now: () => Date;
  /** How long one request waits for its replies. Default 20 000 ms. */
  waitMs?: number;
  /** How often it looks. Default 10 ms. */
  pollMs?: number;
}

export function createWebchatSubmitter(d: WebchatSubmitterDeps): WebchatSubmit {
  const waitMs = d.waitMs ?? 20_000;
  const pollMs = d.pollMs ?? 10;
  return async (m) => {
    const conversationId = `${WEBCHAT_CHANNEL}:${m.conversationId}`;
    const event: InboundEvent = {
      eventId: m.messageId,
      channel: WEBCHAT_CHANNEL,
      conversationId,
      userId: conversationId,
      kind: m.choiceId !== undefined ? 'choice' : 'text',
      text: m.text,
      ...(m.choiceId !== undefined ? { choiceId: m.choiceId } : {}),
      sentAt: d.now().toISOString(),
    };
    await d.ingest([event]); // a message id seen before is not stored again
    const until = Date.now() + waitMs;
    for (;;) {
      const o = await d.queue.inboxOutcome(WEBCHAT_CHANNEL, m.messageId);
      if (o?.status === 'done') {
        await d.queue.markDelivered(o.replies.filter((r) => r.status === 'pending').map((r) => r.id));
        return {
          status: 'done',
          replies: o.replies.map((r) => ({
            text: r.message.text,
            ...(r.message.choices && r.message.choices.length > 0 ? { choices: r.message.choices.map((c) => ({ id: c.id, label: c.label })) } : {}),
          })),
        };
      }
      if (o?.status === 'failed') return { status: 'failed' };
      if (Date.now() >= until) return { status: 'pending' };
      await new Promise((r) => setTimeout(r, pollMs));
    }
  };
}
