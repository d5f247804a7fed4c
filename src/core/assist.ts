// The optional language-model port. The core defines it and src/llm implements it; the core never
// imports the LLM client. When BotDeps.assist is absent every path below is skipped and the bot
// behaves exactly as the rule-based one.
import type { SearchResult } from '../knowledge/search-types.js';
import type { Procedure } from '../knowledge/types.js';
import { isBlank, plainProse, trimText } from './replies.js';

/** One candidate procedure shown to the reranker (never the whole record). */
export interface RerankCandidate {
  code: string;
  title: string;
  summary: string;
}

/** What the reranker decided; 'unavailable' when the model failed, timed out or is switched off. */
export type RerankChoice = { kind: 'code'; code: string } | { kind: 'none' } | { kind: 'ask' } | { kind: 'unavailable' };

/** Intents the model may name (status needs a ticket code, which the rules find). */
export type AssistIntent = 'question' | 'complaint' | 'petition' | 'smalltalk' | 'human';

export interface PhraseInput {
  /** The citizen's message. */
  question: string;
  /** The template answer for the chosen section(s): the only facts the model may use. */
  sectionText: string;
  code: string;
  title: string;
  /** Portal link the answer must end with. */
  link: string;
}

/** Calls made while handling one message; they share one time budget. */
export interface AssistTurn {
  classifyIntent(text: string): Promise<AssistIntent | undefined>;
  rerank(query: string, candidates: RerankCandidate[]): Promise<RerankChoice>;
  /** A verified natural answer, or undefined (the caller then sends its template). */
  phrase(input: PhraseInput): Promise<string | undefined>;
  /** Optional semantic retrieval: procedure codes nearest in meaning, best first. */
  similar?(query: string, limit: number): Promise<string[]>;
}

export interface AssistPort {
  beginTurn(): AssistTurn;
  /** One-line summary of a ticket for staff; undefined when the model is unavailable. */
  summarize(ticketText: string): Promise<string | undefined>;
}

/** Rules below this intent score ask the model (intent.ts documents the scale). */
export const ASSIST_INTENT_BELOW = 0.6;
/** How many candidates the reranker sees at most. */
export const RERANK_LIMIT = 20;

export function rerankCandidates(result: SearchResult): RerankCandidate[] {
  return result.candidates.slice(0, RERANK_LIMIT).map(({ procedure: p }) => ({
    code: p.code,
    title: p.title.trim(),
    summary: trimText(
      [isBlank(p.description) ? '' : plainProse(p.description).replace(/\s+/g, ' '), isBlank(p.field) ? '' : `Lĩnh vực: ${p.field}`]
        .filter(Boolean)
        .join(' — '),
      200,
    ),
  }));
}

/** Rank constant of reciprocal-rank fusion (the usual 60: flat enough that both lists count). */
const RRF_K = 60;

/**
 * Lexical candidates blended with semantic neighbours by reciprocal-rank fusion, so a procedure
 * the words miss but the meaning finds reaches the reranker. Unknown codes are skipped.
 */
export function blendSemantic(lexical: SearchResult, semanticCodes: string[], lookup: (code: string) => Procedure | undefined): SearchResult {
  if (semanticCodes.length === 0) return lexical;
  const fused = new Map<string, { p: Procedure; s: number }>();
  lexical.candidates.forEach((c, i) => fused.set(c.procedure.code, { p: c.procedure, s: 1 / (RRF_K + i + 1) }));
  semanticCodes.forEach((code, i) => {
    const hit = fused.get(code);
    const p = hit?.p ?? lookup(code);
    if (p) fused.set(code, { p, s: (hit?.s ?? 0) + 1 / (RRF_K + i + 1) });
  });
  const candidates = [...fused.values()]
    .sort((a, b) => b.s - a.s)
    .slice(0, RERANK_LIMIT)
    .map((x) => ({ procedure: x.p, score: x.s }));
  return { ...lexical, candidates };
}

/** The procedure the reranker named, only when it is one of the candidates it was shown. */
export function pickReranked(choice: RerankChoice, result: SearchResult): Procedure | undefined {
  if (choice.kind !== 'code') return undefined;
  return result.candidates.slice(0, RERANK_LIMIT).find((c) => c.procedure.code === choice.code)?.procedure;
}
