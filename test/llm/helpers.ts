// Shared set-up of the LLM tests: the real openai client (through openLlm) against the fake
// server, the bot over a scripted retriever so each test controls answer / clarify.
import { createBot, createMemoryConversationStore } from '../../src/core/index.js';
import type { Retriever } from '../../src/knowledge/search-types.js';
import { openLlm } from '../../src/llm/index.js';
import { PHRASE_SYSTEM, RERANK_SYSTEM, INTENT_SYSTEM } from '../../src/llm/prompts.js';
import { scriptedRetriever } from '../core/fakes.js';
import { ALL, CAN_CUOC, KET_HON, KHAI_SINH, KHAI_SINH_NN } from '../core/kb-fixture.js';
import type { ChatRequest, FakeOpenAI, FakeReply } from './fake-openai.js';
import { systemOf } from './fake-openai.js';

export const byCode = new Map(ALL.map((p) => [p.code, p]));

/** "khai sinh …": unsure (clarify without a model); "căn cước …": a confident answer. */
export function retriever(): Retriever {
  return scriptedRetriever([
    { match: /khai sinh/, result: [KHAI_SINH, KHAI_SINH_NN, KET_HON], confidence: 0.4, relatedness: 0.6, closeCount: 3 },
    { match: /căn cước/, result: [CAN_CUOC], confidence: 0.95, closeCount: 1 },
  ]);
}

export interface Scripted {
  rerank?: FakeReply;
  phrase?: FakeReply;
  intent?: FakeReply;
}

/** Routes the fake's replies by which task the system message sets. */
export function byTask(s: Scripted): (req: ChatRequest) => FakeReply {
  return (req) => {
    const sys = systemOf(req);
    if (sys === RERANK_SYSTEM) return s.rerank ?? { content: '{"choice":"ask"}' };
    if (sys === PHRASE_SYSTEM) return s.phrase ?? { content: '{"answer":""}' };
    if (sys === INTENT_SYSTEM) return s.intent ?? { content: '{"intent":"question"}' };
    return { status: 400 };
  };
}

export function botWith(fake: FakeOpenAI | undefined, opts: { timeoutMs?: number; breakerFailures?: number } = {}) {
  const llm = fake
    ? openLlm({
        baseUrl: fake.baseUrl,
        apiKey: 'test-key',
        model: 'fake-model',
        timeoutMs: opts.timeoutMs ?? 2000,
        breakerFailures: opts.breakerFailures ?? 3,
        breakerCooldownMs: 60_000,
      })
    : undefined;
  const r = retriever();
  const bot = createBot({
    retriever: () => r,
    lookup: (code) => byCode.get(code),
    conversations: createMemoryConversationStore(),
    now: () => new Date('2026-11-28T01:00:00.000Z'),
    ...(llm ? { assist: llm.assist } : {}),
  });
  let n = 0;
  const say = (text: string) => bot.handle({ channel: 'test', conversationId: `c${++n}`, userId: 'u', text });
  return { say, metrics: llm?.metrics };
}
