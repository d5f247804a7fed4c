// Counters of the LLM path: calls, failures, the breaker, tokens and latency. Plain numbers so the
// /metrics endpoint can render them as Prometheus counters (llm_<name>_total) later.

export const LLM_COUNTERS = [
  'calls',
  'ok',
  'failures',
  'timeouts',
  'retries',
  'invalid_output',
  'breaker_rejected',
  'breaker_opened',
  'no_budget',
  'prompt_tokens',
  'completion_tokens',
  'latency_ms',
  'rerank_picked',
  'rerank_ignored',
  'phrase_sent',
  'phrase_rejected',
  'intent_named',
  'summaries',
] as const;

export type LlmCounter = (typeof LLM_COUNTERS)[number];

export interface LlmMetrics {
  add(name: LlmCounter, n?: number): void;
  /** Slowest single call, in ms (a gauge, not a counter). */
  observeLatency(ms: number): void;
  snapshot(): Record<LlmCounter, number> & { latency_max_ms: number };
}

export function createLlmMetrics(): LlmMetrics {
  const counts = Object.fromEntries(LLM_COUNTERS.map((k) => [k, 0])) as Record<LlmCounter, number>;
  let maxMs = 0;
  return {
    add(name, n = 1) {
      counts[name] += n;
    },
    observeLatency(ms) {
      counts.latency_ms += Math.round(ms);
      if (ms > maxMs) maxMs = Math.round(ms);
    },
    snapshot: () => ({ ...counts, latency_max_ms: maxMs }),
  };
}
