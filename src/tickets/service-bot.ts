// A thin wrapper around the core's bot.handle that adds what the core has no hook for:
//  1. a pending rating ("4", "4 sao" after the rating question) is recorded before the bot sees
//     the message, so it never collides with the core's numbered choices; any other message
//     drops the pending rating and goes on;
//  2. live handoff: while an officer chats in the conversation (the store's live flag), the
//     citizen's message goes to the ticket thread and the bot stays silent;
//  3. every turn is logged with appendConversationLog (ids and outcome only, no message text).
import type { Bot } from '../core/bot.js';
import type { Logger } from '../core/ports.js';
import type { BotResponse, IncomingMessage } from '../core/types.js';
import type { TicketService } from './service.js';
import { parseRating, ratingThanks } from './service-rules.js';
import type { TicketStore } from './store-types.js';

export type TicketAwareResponse = BotResponse & {
  /** Set when the wrapper answered instead of the core. */
  handledBy?: 'live' | 'rating';
};

export interface TicketAwareBot {
  handle(msg: IncomingMessage): Promise<TicketAwareResponse>;
}

export interface TicketAwareBotDeps {
  bot: Bot;
  service: TicketService;
  store: Pick<TicketStore, 'appendConversationLog'>;
  now: () => Date;
  logger?: Logger;
}

export function createTicketAwareBot(deps: TicketAwareBotDeps): TicketAwareBot {
  const { bot, service, logger } = deps;

  async function log(msg: IncomingMessage, res: TicketAwareResponse, outcome: string): Promise<void> {
    const ticketCode = 'ticketCode' in res.outcome && res.outcome.ticketCode ? res.outcome.ticketCode : undefined;
    const base = {
      conversationId: msg.conversationId,
      channel: msg.channel,
      outcome,
      intent: res.intent,
      ...(res.outcome.kind === 'answer' ? { procedureCode: res.outcome.code } : {}),
      ...(ticketCode ? { ticketCode } : {}),
    };
    try {
      const at = deps.now().toISOString();
      await deps.store.appendConversationLog(
        { ...base, at, direction: 'in' },
        ...(res.replies.length > 0 ? [{ ...base, at, direction: 'out' as const }] : []),
      );
    } catch (err) {
      logger?.error('conversation.log-failed', { conversationId: msg.conversationId, error: String(err) });
    }
  }

  async function ratingTurn(msg: IncomingMessage): Promise<TicketAwareResponse | undefined> {
    const code = await service.pendingRating(msg.conversationId);
    if (!code) return undefined;
    const rating = parseRating(msg.text, msg.choiceId);
    if (rating === undefined) {
      await service.clearPendingRating(msg.conversationId);
      return undefined;
    }
    const r = await service.rate(code, rating, msg.conversationId);
    if (!r.ok) {
      logger?.warn('ticket.rating-refused', { conversationId: msg.conversationId, ticketCode: code, error: r.error });
      return undefined;
    }
    logger?.info('ticket.rated', { conversationId: msg.conversationId, ticketCode: code, rating });
    return {
      replies: [{ text: ratingThanks(code, rating) }],
      outcome: { kind: 'ticket', type: r.ticket.type, ticketCode: code },
      intent: 'choice',
      handledBy: 'rating',
    };
  }

  return {
    async handle(msg) {
      try {
        const rated = await ratingTurn(msg);
        if (rated) {
          await log(msg, rated, 'rating');
          return rated;
        }
        const live = await service.liveTicketFor(msg.conversationId);
        if (live) {
          await service.citizenMessage(live, msg.text);
          logger?.info('ticket.live-message', { conversationId: msg.conversationId, ticketCode: live.code });
          const res: TicketAwareResponse = { replies: [], outcome: { kind: 'handoff', ticketCode: live.code }, intent: 'human', handledBy: 'live' };
          await log(msg, res, 'live');
          return res;
        }
      } catch (err) {
        // The ticket side failing must not silence the bot: fall through to the core.
        logger?.error('ticket.wrapper-failed', { conversationId: msg.conversationId, error: String(err) });
      }
      const res = await bot.handle(msg);
      await log(msg, res, res.outcome.kind);
      return res;
    },
  };
}
