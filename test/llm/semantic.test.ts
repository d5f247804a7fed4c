// Optional embeddings: the index is built once per KB version and cached on disk; a procedure the
// lexical ranker missed but the meaning finds reaches the reranker; a failing embeddings endpoint
// leaves the lexical path as it was.
import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot, createMemoryConversationStore } from '../../src/core/index.js';
import { corpusOf, createLlmClient, createSemanticIndex, maskForModel, openLlm } from '../../src/llm/index.js';
import { fixtureKb, GPLX, KET_HON, KHAI_SINH, KHAI_SINH_NN } from '../core/kb-fixture.js';
import { tempDir } from '../knowledge/helpers.js';
import { startFakeOpenAI, userData, type FakeOpenAI } from './fake-openai.js';
import { byTask, retriever } from './helpers.js';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Two directions of meaning: "driving licence" (and the test message) vs everything else. */
const embedScript = (input: string[]) => input.map((t) => (/lái xe|bằng lái/i.test(t) ? [1, 0, 0] : [0, 1, 0.1]));
const config = (baseUrl: string) => ({ baseUrl, model: 'm', embeddingModel: 'fake-embed', timeoutMs: 2000, breakerFailures: 3, breakerCooldownMs: 60_000 });

describe('semantic index', () => {
  it('builds once per KB version, caches on disk, and loads the cache next time', async () => {
    fake = await startFakeOpenAI(byTask({}), embedScript);
    const dir = tempDir('emb-');
    const kb = fixtureKb();
    const client = createLlmClient(config(fake.baseUrl));
    const first = createSemanticIndex({ client, corpus: corpusOf(() => kb), cacheDir: dir, batchSize: 4, mask: maskForModel });
    expect(await first.warm()).toBe(true);
    expect(fake.embedInputs.map((i) => i.length)).toEqual([4, 2]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const second = createSemanticIndex({ client, corpus: corpusOf(() => kb), cacheDir: dir, mask: maskForModel });
    expect(await second.warm()).toBe(true);
    expect(fake.embedInputs).toHaveLength(2);
    expect(await second.similar('làm lại bằng lái bị mất', 1, client.budget())).toEqual([GPLX.code]);
    // A new KB version is a new cache file.
    const next = { ...kb, version: 'fixture-2' };
    const third = createSemanticIndex({ client, corpus: corpusOf(() => next), cacheDir: dir, mask: maskForModel });
    expect(await third.warm()).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(2);
  });

  function semanticBot(baseUrl: string, cacheDir: string) {
    const kb = fixtureKb();
    const llm = openLlm(config(baseUrl), { semantic: { corpus: corpusOf(() => kb), cacheDir } });
    const r = retriever();
    const bot = createBot({
      retriever: () => r,
      lookup: (code) => kb.byCode.get(code),
      conversations: createMemoryConversationStore(),
      now: () => new Date('2026-11-28T01:00:00.000Z'),
      assist: llm.assist,
    });
    return { bot, llm };
  }

  it('a procedure found by meaning only is offered to the reranker and can be chosen', async () => {
    fake = await startFakeOpenAI(byTask({ rerank: { content: JSON.stringify({ choice: GPLX.code }) } }), embedScript);
    const { bot, llm } = semanticBot(fake.baseUrl, tempDir('emb-'));
    expect(await llm.semantic!.warm()).toBe(true);
    // The scripted lexical ranker returns the khai sinh procedures only; the meaning says licence.
    const res = await bot.handle({ channel: 't', conversationId: 'c', userId: 'u', text: 'khai sinh xong rồi, giờ bằng lái xe mất thì sao' });
    const rerank = fake.requests.find((q) => userData(q).task === 'rerank')!;
    const shown = (userData(rerank).candidates as { code: string }[]).map((c) => c.code);
    expect(shown).toEqual(expect.arrayContaining([KHAI_SINH.code, KHAI_SINH_NN.code, KET_HON.code, GPLX.code]));
    expect(res.outcome).toMatchObject({ kind: 'answer', code: GPLX.code });
  });

  it('a failing embeddings endpoint leaves the lexical candidates unchanged', async () => {
    fake = await startFakeOpenAI(byTask({ rerank: { content: '{"choice":"ask"}' } }), () => ({ status: 500 }));
    const cacheDir = tempDir('emb-');
    const { bot, llm } = semanticBot(fake.baseUrl, cacheDir);
    expect(await llm.semantic!.warm()).toBe(false);
    expect(existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.endsWith('.json')) : []).toEqual([]);
    const res = await bot.handle({ channel: 't', conversationId: 'c', userId: 'u', text: 'làm khai sinh cho con thế nào ạ' });
    expect(res.outcome).toEqual({ kind: 'clarify', codes: [KHAI_SINH.code, KHAI_SINH_NN.code, KET_HON.code] });
    const rerank = fake.requests.find((q) => userData(q).task === 'rerank')!;
    expect((userData(rerank).candidates as unknown[]).length).toBe(3);
  });
});
