// The OpenAI-compatible chat client with the safety rails every call shares: one time budget per
// citizen message (LLM_TIMEOUT_MS), one retry for fast failures (5xx, 429, connection refused),
// a circuit breaker, JSON-only output parsed by the caller's schema check, and metrics.
// Timeouts are not retried: the budget they used up is the citizen's wait.
import OpenAI from 'openai';
import { createBreaker, type Breaker } from './breaker.js';
import { createLlmMetrics, type LlmMetrics } from './metrics.js';

export interface LlmConfig {
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Time budget of one citizen message's LLM calls together (and of one summary). */
  timeoutMs: number;
  breakerFailures: number;
  breakerCooldownMs: number;
  /** Embeddings model (LLM_EMBEDDING_MODEL) for semantic candidates; unset: no embeddings. */
  embeddingModel?: string;
}

export interface LlmLogger {
  warn(msg: string, fields?: Record<string, unknown>): void;
}

export interface LlmClientDeps {
  metrics?: LlmMetrics;
  logger?: LlmLogger;
  /** Monotonic clock in ms (tests may inject one). */
  clock?: () => number;
  /** fetch used by the openai client (default: global fetch). */
  fetch?: typeof fetch;
}

/** Milliseconds left for the calls of one message. */
export interface Budget {
  remainingMs(): number;
}

export type ChatMessage = { role: 'system' | 'user'; content: string };

export type LlmResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'breaker-open' | 'no-budget' | 'timeout' | 'error' | 'invalid' };

export interface LlmClient {
  /** Sends the messages, expects one JSON object back and returns parse(object) when it passes. */
  chatJson<T>(op: string, messages: ChatMessage[], parse: (value: unknown) => T | undefined, budget: Budget): Promise<LlmResult<T>>;
  budget(ms?: number): Budget;
  /**
   * Embedding vectors (LLM_EMBEDDING_MODEL), one per text, or undefined on any failure. Citizen
   * calls pass the message budget and go through the breaker; building the index does not.
   */
  embed(texts: string[], budget: Budget, options?: { breaker?: boolean }): Promise<number[][] | undefined>;
  readonly embeddingModel?: string;
  readonly breaker: Breaker;
  readonly metrics: LlmMetrics;
}

/** Below this many ms left, a call is not worth starting. */
const MIN_CALL_MS = 50;

/** The first JSON object in the model's text (models sometimes wrap it in a code fence). */
export function extractJson(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    return JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
}

function retryable(err: unknown): boolean {
  if (err instanceof OpenAI.APIConnectionTimeoutError || err instanceof OpenAI.APIUserAbortError) return false;
  if (err instanceof OpenAI.APIConnectionError) return true;
  if (err instanceof OpenAI.APIError) return err.status === undefined || err.status === 429 || err.status >= 500;
  return false;
}

export function createLlmClient(config: LlmConfig, deps: LlmClientDeps = {}): LlmClient {
  const clock = deps.clock ?? (() => performance.now());
  const metrics = deps.metrics ?? createLlmMetrics();
  const breaker = createBreaker({ failures: config.breakerFailures, cooldownMs: config.breakerCooldownMs, now: clock });
  const openai = new OpenAI({
    baseURL: config.baseUrl,
    // Self-hosted servers often need no key; the client insists on a non-empty one.
    apiKey: config.apiKey ?? 'not-needed',
    maxRetries: 0,
    timeout: config.timeoutMs,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });

  async function attempt(messages: ChatMessage[], ms: number): Promise<string> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    const started = clock();
    try {
      const res = await openai.chat.completions.create(
        { model: config.model, messages, temperature: 0, response_format: { type: 'json_object' } },
        { signal: controller.signal, timeout: ms, maxRetries: 0 },
      );
      metrics.add('prompt_tokens', res.usage?.prompt_tokens ?? 0);
      metrics.add('completion_tokens', res.usage?.completion_tokens ?? 0);
      return res.choices[0]?.message?.content ?? '';
    } catch (err) {
      if (controller.signal.aborted) throw new OpenAI.APIConnectionTimeoutError();
      throw err;
    } finally {
      clearTimeout(timer);
      metrics.observeLatency(clock() - started);
    }
  }

  async function embedOnce(texts: string[], ms: number): Promise<number[][]> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    const started = clock();
    try {
      const res = await openai.embeddings.create(
        { model: config.embeddingModel!, input: texts, encoding_format: 'float' },
        { signal: controller.signal, timeout: ms, maxRetries: 0 },
      );
      metrics.add('prompt_tokens', res.usage?.prompt_tokens ?? 0);
      const out = [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      if (out.length !== texts.length || out.some((v) => !Array.isArray(v) || v.length === 0)) throw new Error('embeddings: wrong shape');
      return out;
    } finally {
      clearTimeout(timer);
      metrics.observeLatency(clock() - started);
    }
  }

  return {
    breaker,
    metrics,
    ...(config.embeddingModel ? { embeddingModel: config.embeddingModel } : {}),
    async embed(texts, budget, options = {}) {
      const guarded = options.breaker ?? true;
      if (!config.embeddingModel || texts.length === 0) return undefined;
      if (budget.remainingMs() < MIN_CALL_MS) {
        metrics.add('no_budget');
        return undefined;
      }
      if (guarded && !breaker.allow()) {
        metrics.add('breaker_rejected');
        return undefined;
      }
      metrics.add('calls');
      for (let i = 0; i < 2; i++) {
        try {
          const v = await embedOnce(texts, Math.floor(budget.remainingMs()));
          if (guarded) breaker.success();
          metrics.add('ok');
          return v;
        } catch (err) {
          if (i === 0 && retryable(err) && budget.remainingMs() >= MIN_CALL_MS) {
            metrics.add('retries');
            continue;
          }
          metrics.add('failures');
          if (guarded && breaker.failure()) metrics.add('breaker_opened');
          deps.logger?.warn('llm.embed-failed', { detail: String(err).slice(0, 200) });
          return undefined;
        }
      }
      return undefined;
    },
    budget(ms = config.timeoutMs) {
      const deadline = clock() + ms;
      return { remainingMs: () => Math.max(0, deadline - clock()) };
    },
    async chatJson(op, messages, parse, budget) {
      if (budget.remainingMs() < MIN_CALL_MS) {
        metrics.add('no_budget');
        return { ok: false, reason: 'no-budget' };
      }
      if (!breaker.allow()) {
        metrics.add('breaker_rejected');
        return { ok: false, reason: 'breaker-open' };
      }
      metrics.add('calls');
      let content: string | undefined;
      let lastErr: unknown;
      for (let i = 0; i < 2 && content === undefined; i++) {
        const left = budget.remainingMs();
        if (i > 0) {
          if (left < MIN_CALL_MS || !retryable(lastErr)) break;
          metrics.add('retries');
        }
        try {
          content = await attempt(messages, Math.floor(left));
        } catch (err) {
          lastErr = err;
        }
      }
      if (content === undefined) {
        const timeout = lastErr instanceof OpenAI.APIConnectionTimeoutError;
        metrics.add(timeout ? 'timeouts' : 'failures');
        if (breaker.failure()) {
          metrics.add('breaker_opened');
          deps.logger?.warn('llm.breaker-open', { op });
        }
        deps.logger?.warn('llm.call-failed', {
          detail: String(lastErr).slice(0, 200),
          op,
          reason: timeout ? 'timeout' : 'error',
          ...(lastErr instanceof OpenAI.APIError && lastErr.status ? { status: lastErr.status } : {}),
        });
        return { ok: false, reason: timeout ? 'timeout' : 'error' };
      }
      breaker.success();
      const parsed = parse(extractJson(content));
      if (parsed === undefined) {
        // A reply outside the schema (prose, an injected instruction obeyed, a made-up field) is
        // dropped: the caller falls back to the rule-based path.
        metrics.add('invalid_output');
        return { ok: false, reason: 'invalid' };
      }
      metrics.add('ok');
      return { ok: true, value: parsed };
    },
  };
}
