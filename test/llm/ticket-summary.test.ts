// The model's one-line summary of a new ticket reaches the staff inbox: real ticket service on
// SQLite, the real openai client against a fake OpenAI-compatible server on loopback. The ticket
// is created with the citizen's words first (the reply never waits for the model); the summary
// replaces them when the model answers, and nothing changes when it fails or hangs.
import { afterEach, describe, expect, it } from 'vitest';
import { openLlm } from '../../src/llm/index.js';
import { SUMMARY_SYSTEM } from '../../src/llm/prompts.js';
import { createHarness, openComplaint } from '../tickets/service-helpers.js';
import { startFakeOpenAI, systemOf, type FakeOpenAI } from './fake-openai.js';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const CITIZEN_TEXT = 'Đèn đường ấp 3 bị hư một tuần nay';

async function harnessWithModel(f: FakeOpenAI, timeoutMs = 2000) {
  const llm = openLlm({ baseUrl: f.baseUrl, model: 'm', timeoutMs, breakerFailures: 3, breakerCooldownMs: 1000 });
  return createHarness({ summarize: (text) => llm.assist.summarize(text) });
}

describe('ticket summaries from the model', () => {
  it('replace the citizen text in the ticket summary, with an audit entry; the thread keeps the words', async () => {
    fake = await startFakeOpenAI((req) => (systemOf(req) === SUMMARY_SYSTEM ? { content: '{"summary":"Đèn đường ấp 3 hư đã một tuần."}' } : { status: 400 }));
    const h = await harnessWithModel(fake);
    const code = await openComplaint(h);
    await h.service.settle();
    const t = (await h.store.getTicketByCode(code))!;
    expect(t.summary).toBe('Đèn đường ấp 3 hư đã một tuần.');
    expect((await h.store.listMessages(t.id))[0]!.text).toBe(CITIZEN_TEXT);
    expect((await h.store.listAudit(t.id)).map((a) => [a.actor, a.action])).toContainEqual(['system', 'summarized']);
  });

  it('keep the citizen text when the model fails', async () => {
    fake = await startFakeOpenAI(() => ({ status: 503 }));
    const h = await harnessWithModel(fake);
    const code = await openComplaint(h);
    await h.service.settle();
    const t = (await h.store.getTicketByCode(code))!;
    expect(t.summary).toBe(CITIZEN_TEXT);
    expect((await h.store.listAudit(t.id)).some((a) => a.action === 'summarized')).toBe(false);
  });

  it('never hold up the ticket: it exists with the citizen text while the summary is pending', async () => {
    let release: (s: string | undefined) => void = () => undefined;
    const h = await createHarness({ summarize: () => new Promise((resolve) => (release = resolve)) });
    const code = await openComplaint(h); // would never resolve if opening waited for the summary
    expect((await h.store.getTicketByCode(code))!.summary).toBe(CITIZEN_TEXT);
    release('Đèn đường hư.');
    await h.service.settle();
    expect((await h.store.getTicketByCode(code))!.summary).toBe('Đèn đường hư.');
  });

  it('keep the citizen text when the model hangs past its timeout', async () => {
    fake = await startFakeOpenAI(() => 'hang');
    const h = await harnessWithModel(fake, 300);
    const code = await openComplaint(h);
    await h.service.settle();
    expect(fake.requests.length).toBeGreaterThan(0);
    expect((await h.store.getTicketByCode(code))!.summary).toBe(CITIZEN_TEXT);
  });
});
