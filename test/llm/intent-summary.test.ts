// Intent from the model when the rules are unsure, and one-line ticket summaries for staff.
import { afterEach, describe, expect, it } from 'vitest';
import { openLlm } from '../../src/llm/index.js';
import { SUMMARY_SYSTEM } from '../../src/llm/prompts.js';
import { startFakeOpenAI, systemOf, userData, type FakeOpenAI } from './fake-openai.js';
import { botWith, byTask } from './helpers.js';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('intent when the rules are unsure', () => {
  it('the model labels a message the rules score low', async () => {
    fake = await startFakeOpenAI(byTask({ intent: { content: '{"intent":"petition"}' } }));
    // No question cue: the rules say "question" with a low score.
    const res = await botWith(fake).say('đề xuất khai sinh cho con được làm ở ấp');
    expect(fake.requests.some((r) => userData(r).task === 'classify')).toBe(true);
    expect(res.intent).toBe('petition');
  });

  it('a label outside the schema is ignored', async () => {
    fake = await startFakeOpenAI(byTask({ intent: { content: '{"intent":"refund"}' } }));
    const withModel = await botWith(fake).say('khai sinh cho con');
    const without = await botWith(undefined).say('khai sinh cho con');
    expect(withModel.intent).toBe(without.intent);
  });

  it('a message the rules are sure about is not sent for classification', async () => {
    fake = await startFakeOpenAI(byTask({}));
    await botWith(fake).say('lệ phí làm căn cước bao nhiêu?');
    expect(fake.requests.some((r) => userData(r).task === 'classify')).toBe(false);
  });
});

describe('ticket summary', () => {
  it('one masked line from the model; personal data masked both ways', async () => {
    fake = await startFakeOpenAI((req) =>
      systemOf(req) === SUMMARY_SYSTEM
        ? { content: '{"summary":"Phản ánh đường ấp 3 ngập nặng,\\n gọi lại 0912345678."}' }
        : { status: 400 },
    );
    const llm = openLlm({ baseUrl: fake.baseUrl, model: 'm', timeoutMs: 2000, breakerFailures: 3, breakerCooldownMs: 1000 });
    const s = await llm.assist.summarize('Tôi là Lan, 0912345678, đường ấp 3 xã Mỹ Hiệp ngập nặng cả tuần nay.');
    expect(s).toBe('Phản ánh đường ấp 3 ngập nặng, gọi lại 091***78.');
    expect(fake.bodies[0]).not.toContain('0912345678');
    expect(llm.metrics.snapshot().summaries).toBe(1);
  });

  it('undefined when the model fails', async () => {
    fake = await startFakeOpenAI(() => ({ status: 503 }));
    const llm = openLlm({ baseUrl: fake.baseUrl, model: 'm', timeoutMs: 2000, breakerFailures: 3, breakerCooldownMs: 1000 });
    expect(await llm.assist.summarize('đường ngập')).toBeUndefined();
    expect(fake.requests).toHaveLength(2);
  });
});
