// The bot: handle(message) → replies + outcome. Pure logic over injected ports: no I/O of its own.
import type { Retriever, SearchResult } from '../knowledge/search-types.js';
import type { Procedure, Section } from '../knowledge/types.js';
import { ASSIST_INTENT_BELOW, blendSemantic, pickReranked, RERANK_LIMIT, rerankCandidates, type AssistPort, type AssistTurn } from './assist.js';
import { resolveChoice, type Choice } from './choices.js';
import { inheritsSection, isFollowUp, pickByTitle, procedureContent } from './dialogue.js';
import { detectIntent, ruleText } from './intent.js';
import { HUMAN } from './intent-rules.js';
import {
  clarifyMessage,
  declinedMessage,
  errorMessage,
  escalateMessage,
  moreSectionsMessage,
  sectionChoices,
  smalltalkMessage,
  unknownChoiceMessage,
} from './messages.js';
import { decide, DEFAULT_THRESHOLDS, type PolicyThresholds } from './policy.js';
import { silentLogger, type ConversationState, type ConversationStateStore, type Logger, type TicketPort } from './ports.js';
import { portalLink, renderAnswer } from './replies.js';
import { detectSectionFolded, MESSAGE_SEARCH } from './section.js';
import { appendTurn, handoffTurn, openTicketTurn, statusTurn, type TicketFlowDeps } from './tickets-flow.js';
import type { BotResponse, IncomingMessage } from './types.js';

export interface BotDeps {
  /** Getter: the knowledge base hot-reloads, so the current retriever is asked for each message. */
  retriever: () => Retriever;
  conversations: ConversationStateStore;
  tickets?: TicketPort;
  now: () => Date;
  logger?: Logger;
  policy?: PolicyThresholds;
  /** Procedure by code, for follow-ups and choices; default: procedures seen in search results. */
  lookup?: (code: string) => Procedure | undefined;
  /** Minutes of silence after which the topic of a conversation is forgotten (default 60). */
  stateTtlMinutes?: number;
  /** Province named in small talk (default "Đồng Tháp"). */
  province?: string;
  /** Optional language model (src/llm); absent: the rule-based bot, unchanged. */
  assist?: AssistPort;
}

/** A response plus what the grounded phrasing needs; handle() strips the extra field. */
type Routed = BotResponse & { grounding?: { p: Procedure } };

export interface Bot {
  handle(msg: IncomingMessage): Promise<BotResponse>;
}

export function createBot(deps: BotDeps): Bot {
  const logger = deps.logger ?? silentLogger;
  const thresholds = deps.policy ?? DEFAULT_THRESHOLDS;
  const ttlMs = (deps.stateTtlMinutes ?? 60) * 60_000;
  const province = deps.province ?? 'Đồng Tháp';
  const flow: TicketFlowDeps = { tickets: deps.tickets, logger };

  // Procedures seen in search results, for follow-ups when no lookup is injected.
  let seenVersion = '';
  const seen = new Map<string, Procedure>();
  const remember = (r: Retriever, result: SearchResult) => {
    if (r.version !== seenVersion) {
      seen.clear();
      seenVersion = r.version;
    }
    for (const c of result.candidates) {
      seen.delete(c.procedure.code);
      seen.set(c.procedure.code, c.procedure);
    }
    while (seen.size > 2000) seen.delete(seen.keys().next().value as string);
  };
  const lookup = (code: string): Procedure | undefined => deps.lookup?.(code) ?? seen.get(code);

  /** asked: every section named, in the order asked (the answer covers them all). */
  function answer(p: Procedure, section: Section, draft: ConversationState, intent: BotResponse['intent'], asked: Section[] = [section]): Routed {
    draft.procedureCode = p.code;
    draft.section = section;
    const more = sectionChoices(asked);
    draft.pending = { kind: 'sections', sections: more };
    return {
      replies: [{ text: renderAnswer(p, asked.includes(section) ? asked : [section]) }, moreSectionsMessage(more)],
      outcome: { kind: 'answer', code: p.code, section },
      intent,
      section,
      grounding: { p },
    };
  }

  function clarify(cands: Procedure[], section: Section, asked: Section[], question: string, draft: ConversationState): BotResponse {
    const codes = cands.map((p) => p.code);
    draft.pending = { kind: 'procedures', codes, section, asked, question };
    return { replies: [clarifyMessage(cands)], outcome: { kind: 'clarify', codes }, intent: 'question', section };
  }

  function escalate(reason: 'no-match' | 'low-confidence', text: string, draft: ConversationState): BotResponse {
    if (deps.tickets) draft.pending = { kind: 'offer', question: text };
    return { replies: [escalateMessage(reason, deps.tickets !== undefined)], outcome: { kind: 'escalate', reason }, intent: 'question' };
  }

  async function onChoice(c: Choice, msg: IncomingMessage, draft: ConversationState): Promise<Routed> {
    switch (c.kind) {
      case 'procedure': {
        const p = lookup(c.code);
        if (p) return answer(p, c.section, draft, 'choice', c.asked);
        return { replies: [unknownChoiceMessage(false)], outcome: { kind: 'unknown-choice' }, intent: 'choice' };
      }
      case 'none-fit':
        return { ...escalate('low-confidence', c.question, draft), intent: 'choice' };
      case 'section': {
        const p = draft.procedureCode ? lookup(draft.procedureCode) : undefined;
        if (p) return answer(p, c.section, draft, 'choice');
        return { replies: [unknownChoiceMessage(false)], outcome: { kind: 'unknown-choice' }, intent: 'choice' };
      }
      case 'yes':
        return openTicketTurn(flow, msg, draft, 'question', c.question, 'choice', draft.procedureCode);
      case 'no':
        return { replies: [declinedMessage()], outcome: { kind: 'declined' }, intent: 'choice' };
      case 'invalid':
        // handle() keeps the pending list so the citizen can pick again.
        return { replies: [unknownChoiceMessage(c.hasPending)], outcome: { kind: 'unknown-choice' }, intent: 'choice' };
    }
  }

  async function question(
    msg: IncomingMessage,
    state: ConversationState | undefined,
    draft: ConversationState,
    intentScore: number,
    turn: AssistTurn | undefined,
  ): Promise<Routed> {
    const { expanded } = ruleText(msg.text);
    const det = detectSectionFolded(expanded);
    if (state?.pending?.kind === 'procedures') {
      // Typing words of a listed title picks it, as a number would.
      const listed = state.pending.codes.map(lookup).filter((p): p is Procedure => p !== undefined);
      const i = pickByTitle(expanded, listed.map((p) => p.title));
      if (i !== undefined) {
        const section = det.explicit ? det.section : state.pending.section;
        return answer(listed[i]!, section, draft, 'choice', det.explicit ? det.asked : state.pending.asked);
      }
    }
    if (state?.ticket && !det.explicit && intentScore < 0.7) {
      // After a complaint, a message that asks nothing ("ở hẻm 5, từ tuần trước") adds details.
      const appended = await appendTurn(flow, msg, draft, 'question');
      if (appended) return appended;
    }
    const retriever = deps.retriever();
    const result = retriever.search(msg.text, MESSAGE_SEARCH);
    remember(retriever, result);
    const decision = decide(result, thresholds);
    const top = result.candidates[0]?.procedure;

    if (isFollowUp({ folded: expanded, section: det, state, topCode: top?.code, confident: decision.kind === 'answer' })) {
      const p = lookup(state!.procedureCode!);
      if (p) return answer(p, det.section, draft, 'question', det.asked);
    }
    if (decision.kind !== 'answer') {
      const appended = await appendTurn(flow, msg, draft, 'question');
      if (appended) return appended;
    }
    if (det.explicit && procedureContent(expanded).length === 0 && state?.pending?.kind === 'procedures') {
      // "mất bao lâu" while a list is open: same list, now for that section.
      const cands = state.pending.codes.map(lookup).filter((p): p is Procedure => p !== undefined);
      if (cands.length > 0) return clarify(cands, det.section, det.asked, state.pending.question ?? msg.text, draft);
    }
    if (det.explicit && procedureContent(expanded).length === 0) {
      // "lệ phí bao nhiêu?" with no topic names no procedure, whatever the ranker says: ask which.
      return {
        replies: [{ text: 'Bạn muốn hỏi về thủ tục nào? Bạn nhắn tên thủ tục, ví dụ: "lệ phí làm hộ chiếu".' }],
        outcome: { kind: 'clarify', codes: [] },
        intent: 'question',
        section: det.section,
      };
    }
    const section = !det.explicit && state?.section && inheritsSection(expanded) ? state.section : det.section;
    switch (decision.kind) {
      case 'answer':
        return answer(top!, section, draft, 'question', section === det.section ? det.asked : [section]);
      case 'clarify': {
        if (turn) {
          // Retrieval is unsure: the model picks among the top candidates, or says none / ask.
          const lexical = retriever.search(msg.text, { ...MESSAGE_SEARCH, limit: RERANK_LIMIT });
          const wide = turn.similar ? blendSemantic(lexical, await turn.similar(msg.text, RERANK_LIMIT), lookup) : lexical;
          remember(retriever, wide);
          const choice = await turn.rerank(msg.text, rerankCandidates(wide));
          const picked = pickReranked(choice, wide);
          if (picked) return answer(picked, section, draft, 'question', section === det.section ? det.asked : [section]);
          if (choice.kind === 'none') return { ...escalate('low-confidence', msg.text, draft), section };
        }
        const cands = decision.indexes.map((i) => result.candidates[i]?.procedure).filter((p): p is Procedure => p !== undefined);
        return clarify(cands, section, section === det.section ? det.asked : [section], msg.text, draft);
      }
      default:
        return { ...escalate(decision.reason, msg.text, draft), section };
    }
  }

  async function route(msg: IncomingMessage, state: ConversationState | undefined, draft: ConversationState, turn: AssistTurn | undefined): Promise<Routed> {
    const choice = resolveChoice(msg, state);
    if (choice) return onChoice(choice, msg, draft);

    const intent = detectIntent(msg.text);
    if (turn && intent.score < ASSIST_INTENT_BELOW) {
      // The rules are unsure: the model's label wins when it names a known intent.
      const named = await turn.classifyIntent(msg.text);
      if (named) intent.intent = named;
    }
    if (state?.awaitingHumanText && intent.intent === 'question') {
      return openTicketTurn(flow, msg, draft, 'question', msg.text, intent.intent, state.procedureCode);
    }
    switch (intent.intent) {
      case 'status':
        return statusTurn(flow, intent.ticketCode ?? state?.ticket?.code);
      case 'smalltalk':
        return { replies: [smalltalkMessage(msg.text, province)], outcome: { kind: 'smalltalk' }, intent: 'smalltalk' };
      case 'complaint':
      case 'petition': {
        const appended = await appendTurn(flow, msg, draft, intent.intent);
        if (appended) return appended;
        return openTicketTurn(flow, msg, draft, intent.intent, msg.text, intent.intent);
      }
      case 'human': {
        // "cho tôi gặp cán bộ hỏi về …": the rest of the message is the question to pass on.
        const rest = procedureContent(ruleText(msg.text).expanded.replace(HUMAN, ' ').replace(/\s+/g, ' ').trim());
        const pendingQuestion = rest.length >= 3 ? msg.text : state?.pending?.kind === 'offer' ? state.pending.question : undefined;
        return handoffTurn(flow, msg, draft, pendingQuestion);
      }
      default:
        return question(msg, state, draft, intent.score, turn);
    }
  }

  return {
    async handle(msg) {
      const now = deps.now();
      let state: ConversationState | undefined;
      try {
        state = await deps.conversations.get(msg.conversationId);
      } catch (err) {
        logger.error('conversation.load-failed', { conversationId: msg.conversationId, error: String(err) });
      }
      if (state && now.getTime() - Date.parse(state.updatedAt) > ttlMs) state = undefined;
      // Pending choices and the "type your question" prompt live for one turn only.
      const draft: ConversationState = { ...(state ?? {}), updatedAt: now.toISOString() };
      delete draft.pending;
      delete draft.awaitingHumanText;

      let res: BotResponse;
      try {
        const turn = deps.assist?.beginTurn();
        const { grounding, ...routed } = await route(msg, state, draft, turn);
        res = routed;
        if (turn && grounding && res.intent === 'question' && res.replies[0]) {
          // Grounded phrasing: src/llm verifies every figure against the template; undefined keeps it.
          const text = await turn.phrase({
            question: msg.text,
            sectionText: res.replies[0].text,
            code: grounding.p.code,
            title: grounding.p.title,
            link: portalLink(grounding.p),
          });
          if (text) res.replies[0] = { ...res.replies[0], text };
        }
      } catch (err) {
        logger.error('bot.failed', { conversationId: msg.conversationId, channel: msg.channel, error: String(err) });
        return { replies: [errorMessage()], outcome: { kind: 'escalate', reason: 'no-match' }, intent: 'question' };
      }
      if (res.outcome.kind === 'unknown-choice' && state?.pending) draft.pending = state.pending;
      try {
        await deps.conversations.set(msg.conversationId, draft);
      } catch (err) {
        logger.error('conversation.save-failed', { conversationId: msg.conversationId, error: String(err) });
      }
      logger.info('bot.handled', {
        conversationId: msg.conversationId,
        channel: msg.channel,
        intent: res.intent,
        outcome: res.outcome.kind,
        ...(res.outcome.kind === 'answer' ? { code: res.outcome.code, section: res.outcome.section } : {}),
        ...('ticketCode' in res.outcome && res.outcome.ticketCode ? { ticketCode: res.outcome.ticketCode } : {}),
      });
      return res;
    },
  };
}
