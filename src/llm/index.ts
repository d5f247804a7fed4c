// Public surface of src/llm: the optional OpenAI-compatible assist (rerank, grounded phrasing,
// intent, ticket summary) with its rails (budget, retry, breaker, masking, verifier, metrics).
export { createLlmAssist, maskForModel } from './assist.js';
export type { LlmAssist, LlmCandidate, LlmIntent, LlmPhraseInput, LlmRerankChoice, LlmTurn } from './assist.js';
export { createBreaker } from './breaker.js';
export type { Breaker, BreakerState } from './breaker.js';
export { createLlmClient, extractJson } from './client.js';
export type { Budget, ChatMessage, LlmClient, LlmClientDeps, LlmConfig, LlmLogger, LlmResult } from './client.js';
export { createLlmMetrics, LLM_COUNTERS } from './metrics.js';
export type { LlmCounter, LlmMetrics } from './metrics.js';
export { verifyGrounded } from './verify.js';
export { corpusOf, createSemanticIndex } from './semantic.js';
export type { SemanticCorpus, SemanticIndex, SemanticItem } from './semantic.js';
export type { VerifyResult } from './verify.js';

import { createLlmAssist, type LlmAssist } from './assist.js';
import { createLlmClient, type LlmClientDeps, type LlmConfig } from './client.js';
import type { LlmMetrics } from './metrics.js';
import { createSemanticIndex, type SemanticCorpus, type SemanticIndex } from './semantic.js';
import { maskForModel } from './assist.js';

export interface OpenLlmDeps extends LlmClientDeps {
  /** With LLM_EMBEDDING_MODEL: the procedures to embed and where to cache the vectors. */
  semantic?: { corpus: SemanticCorpus; cacheDir: string };
}

/** Client + assist in one call (what src/main.ts and the eval CLI use). */
export function openLlm(config: LlmConfig, deps: OpenLlmDeps = {}): { assist: LlmAssist; metrics: LlmMetrics; semantic?: SemanticIndex } {
  const client = createLlmClient(config, deps);
  const semantic =
    config.embeddingModel && deps.semantic
      ? createSemanticIndex({ client, ...deps.semantic, mask: maskForModel, ...(deps.logger ? { logger: deps.logger } : {}) })
      : undefined;
  return { assist: createLlmAssist(client, semantic ? { semantic } : {}), metrics: client.metrics, ...(semantic ? { semantic } : {}) };
}
