// Wraps the ticket-aware bot: after each turn, a question the bot escalated (no match, low
// confidence) or could only answer with choices at a confidence below the answer threshold is
// added, masked, to the unanswered-question log (see unanswered.ts). Recording never delays or
// breaks the reply: failures are logged by id only.
import type { IncomingMessage } from '../core/types.js';
import type { Retriever } from '../knowledge/search-types.js';
import type { Logger } from '../shared/logger.js';
import type { TicketAwareBot, TicketStore } from '../tickets/index.js';
import type { StaffStore } from './store.js';
import { maskQuestion } from './unanswered.js';

export interface RecorderDeps {
  bot: TicketAwareBot;
  store: Pick<StaffStore, 'addQuestion' | 'pruneQuestions'>;
  /** When given, the bot's replies in a turn that opened or fed a ticket join the ticket thread. */
  tickets?: Pick<TicketStore, 'getTicketByCode' | 'addMessage'>;
  retriever: () => Retriever;
  /** POLICY_ANSWER_THRESHOLD: a clarify below it counts as low confidence. */
  answerThreshold: number;
  now: () => Date;
  logger?: Logger;
  /** Days the masked questions are kept. Default 180. */
  retentionDays?: number;
}

export function createUnansweredRecorder(deps: RecorderDeps): TicketAwareBot {
  const retentionMs = (deps.retentionDays ?? 180) * 86_400_000;
  let lastPrune = 0;
  const shouldRecord = (msg: IncomingMessage, kind: string): string | undefined => {
    if (msg.choiceId || !msg.text || msg.text.trim().length < 4) return undefined;
    if (kind === 'escalate') return 'escalate';
    if (kind !== 'clarify') return undefined;
    const r = deps.retriever().search(msg.text, { limit: 1 });
    return r.confidence < deps.answerThreshold ? 'clarify' : undefined;
  };
  // The staff see the whole conversation: the bot's answers (ticket code, acknowledgements) are
  // added to the thread without a delivery state, so the web chat poll never shows them twice.
  const threadReplies = async (res: Awaited<ReturnType<TicketAwareBot['handle']>>): Promise<void> => {
    if (!deps.tickets || res.handledBy || res.replies.length === 0) return;
    const o = res.outcome;
    const code = (o.kind === 'ticket' || o.kind === 'handoff') && o.ticketCode ? o.ticketCode : undefined;
    if (!code) return;
    const t = await deps.tickets.getTicketByCode(code);
    if (!t) return;
    for (const r of res.replies) await deps.tickets.addMessage(t.id, { author: 'bot', text: r.text });
  };
  return {
    async handle(msg) {
      const res = await deps.bot.handle(msg);
      try {
        await threadReplies(res);
      } catch (err) {
        deps.logger?.warn('ticket.bot-thread-failed', { conversationId: msg.conversationId, error: (err as Error).name });
      }
      try {
        const outcome = res.handledBy ? undefined : shouldRecord(msg, res.outcome.kind);
        if (outcome) {
          const now = deps.now();
          await deps.store.addQuestion({ at: now.toISOString(), channel: msg.channel, outcome, text: maskQuestion(msg.text) });
          if (now.getTime() - lastPrune > 86_400_000) {
            lastPrune = now.getTime();
            await deps.store.pruneQuestions(new Date(now.getTime() - retentionMs).toISOString());
          }
        }
      } catch (err) {
        deps.logger?.warn('unanswered.record-failed', { conversationId: msg.conversationId, error: (err as Error).name });
      }
      return res;
    },
  };
}
