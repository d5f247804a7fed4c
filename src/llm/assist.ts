// The LLM side of the core's assist port (src/core/assist.ts declares the shape; TypeScript checks
// the match where src/main.ts wires them, so neither module imports the other). Every method
// returns "no help" rather than throwing: the bot then does what it does without a model.
import { maskPersonalData } from '../shared/logger.js';
import type { Budget, LlmClient } from './client.js';
import { INTENT_SYSTEM, messages, PHRASE_SYSTEM, RERANK_SYSTEM, SUMMARY_SYSTEM } from './prompts.js';
import type { SemanticIndex } from './semantic.js';
import { verifyGrounded } from './verify.js';

export type LlmIntent = 'question' | 'complaint' | 'petition' | 'smalltalk' | 'human';
export type LlmRerankChoice = { kind: 'code'; code: string } | { kind: 'none' } | { kind: 'ask' } | { kind: 'unavailable' };
export interface LlmCandidate {
  code: string;
  title: string;
  summary: string;
}
export interface LlmPhraseInput {
  question: string;
  sectionText: string;
  code: string;
  title: string;
  link: string;
}

export interface LlmTurn {
  classifyIntent(text: string): Promise<LlmIntent | undefined>;
  rerank(query: string, candidates: LlmCandidate[]): Promise<LlmRerankChoice>;
  phrase(input: LlmPhraseInput): Promise<string | undefined>;
  /** Present with LLM_EMBEDDING_MODEL: codes nearest in meaning, best first. */
  similar?(query: string, limit: number): Promise<string[]>;
}

export interface LlmAssist {
  beginTurn(): LlmTurn;
  summarize(ticketText: string): Promise<string | undefined>;
}

const INTENTS: readonly LlmIntent[] = ['question', 'complaint', 'petition', 'smalltalk', 'human'];
const MAX_ANSWER = 1200;
const MAX_SUMMARY = 200;
const MAX_CANDIDATES = 20;

/** Personal data never leaves the process: phones, CCCD/CMND numbers, e-mail addresses. */
export const maskForModel = (text: string): string => maskPersonalData(text.normalize('NFC'));

const field = (v: unknown, key: string): string | undefined => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const x = (v as Record<string, unknown>)[key];
  return typeof x === 'string' ? x.trim() : undefined;
};

export function createLlmAssist(client: LlmClient, options: { semantic?: SemanticIndex } = {}): LlmAssist {
  const { semantic } = options;
  const { metrics } = client;

  function turn(budget: Budget): LlmTurn {
    return {
      ...(semantic ? { similar: (query: string, limit: number) => semantic.similar(query, limit, budget) } : {}),
      async classifyIntent(text) {
        const r = await client.chatJson(
          'intent',
          messages(INTENT_SYSTEM, { task: 'classify', text: maskForModel(text) }),
          (v) => {
            const label = field(v, 'intent');
            return INTENTS.find((i) => i === label);
          },
          budget,
        );
        if (!r.ok) return undefined;
        metrics.add('intent_named');
        return r.value;
      },

      async rerank(query, candidates) {
        const shown = candidates.slice(0, MAX_CANDIDATES);
        if (shown.length === 0) return { kind: 'unavailable' };
        const codes = new Set(shown.map((c) => c.code));
        const r = await client.chatJson(
          'rerank',
          messages(RERANK_SYSTEM, { task: 'rerank', question: maskForModel(query), candidates: shown }),
          (v): LlmRerankChoice | undefined => {
            const choice = field(v, 'choice');
            if (choice === undefined) return undefined;
            if (choice.toLowerCase() === 'none') return { kind: 'none' };
            if (choice.toLowerCase() === 'ask') return { kind: 'ask' };
            // A code that is not among the candidates (invented, or planted in the message) is ignored.
            return codes.has(choice) ? { kind: 'code', code: choice } : undefined;
          },
          budget,
        );
        if (!r.ok) {
          if (r.reason === 'invalid') metrics.add('rerank_ignored');
          return { kind: 'unavailable' };
        }
        if (r.value.kind === 'code') metrics.add('rerank_picked');
        return r.value;
      },

      async phrase(input) {
        const r = await client.chatJson(
          'phrase',
          messages(PHRASE_SYSTEM, { task: 'answer', question: maskForModel(input.question), source: input.sectionText }),
          (v) => {
            const answer = field(v, 'answer');
            return answer && answer.length <= MAX_ANSWER ? answer : undefined;
          },
          budget,
        );
        if (!r.ok) return undefined;
        const verdict = verifyGrounded(r.value, input.sectionText);
        if (!verdict.ok) {
          metrics.add('phrase_rejected');
          return undefined;
        }
        metrics.add('phrase_sent');
        return `${r.value}\n\nMã thủ tục: ${input.code}. Chi tiết: ${input.link}`;
      },
    };
  }

  return {
    beginTurn: () => turn(client.budget()),
    async summarize(ticketText) {
      const r = await client.chatJson(
        'summary',
        messages(SUMMARY_SYSTEM, { task: 'summarize', text: maskForModel(ticketText) }),
        (v) => {
          const s = field(v, 'summary')?.replace(/\s+/g, ' ');
          return s ? maskPersonalData(s).slice(0, MAX_SUMMARY) : undefined;
        },
        client.budget(),
      );
      if (!r.ok) return undefined;
      metrics.add('summaries');
      return r.value;
    },
  };
}
