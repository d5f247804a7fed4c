// `npm run eval -- <file> --json --llm` against the fake server: the lexical and the LLM path
// side by side; without --llm the output is the plain metrics object, as before.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { renderProcedureFile } from '../../src/knowledge/index.js';
import { procedure, tempDir } from '../knowledge/helpers.js';
import { PHRASE_SYSTEM, RERANK_SYSTEM } from '../../src/llm/prompts.js';
import { startFakeOpenAI, systemOf, userData, type FakeOpenAI } from './fake-openai.js';

const run = promisify(execFile);
let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function writeKb(): string {
  const dir = tempDir('eval-llm-kb-');
  mkdirSync(join(dir, 'procedures', 'test'), { recursive: true });
  for (const p of [
    procedure({ code: '1.000001', title: 'Đăng ký khai sinh', aliases: ['làm giấy khai sinh cho con mới sinh'] }),
    procedure({ code: '1.000003', title: 'Đăng ký kết hôn', aliases: ['làm giấy đăng ký kết hôn'] }),
  ]) {
    writeFileSync(join(dir, 'procedures', 'test', `${p.code}.md`), renderProcedureFile(p));
  }
  const file = join(dir, 'cases.jsonl');
  const lines = [
    { id: 'a1', text: 'làm giấy khai sinh cho con mới sinh cần giấy tờ gì', expect: 'answer', procedure: '1.000001', style: 'casual' },
    { id: 'a2', text: 'đăng ký kết hôn cần giấy tờ gì', expect: 'answer', procedure: '1.000003', style: 'formal' },
    { id: 's1', text: 'cảm ơn bạn nhiều nhé', expect: 'smalltalk', style: 'casual' },
  ];
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
}

describe('npm run eval --llm', () => {
  it('prints the lexical and the LLM metrics side by side, with usage counters', async () => {
    // A model that always picks the first candidate and writes nothing the verifier accepts.
    fake = await startFakeOpenAI((req) => {
      if (systemOf(req) === RERANK_SYSTEM) {
        const first = (userData(req).candidates as { code: string }[])[0]!.code;
        return { content: JSON.stringify({ choice: first }) };
      }
      if (systemOf(req) === PHRASE_SYSTEM) return { content: '{"answer":"Lệ phí 999.000 đồng."}' };
      return { content: '{"intent":"question"}' };
    });
    const file = writeKb();
    const kb = join(file, '..');
    const env = { ...process.env, KB_WATCH: 'false', LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'fake-model', LLM_TIMEOUT_MS: '3000' };
    const { stdout } = await run('npx', ['tsx', 'src/cli/eval.ts', file, '--json', '--knowledge', kb, '--llm'], { encoding: 'utf8', env });
    const out = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(Object.keys(out).sort()).toEqual(['lexical', 'llm', 'llmUsage']);
    expect(out.lexical.total).toBe(3);
    expect(out.llm.total).toBe(3);
    expect(out.llm.answerable).toBe(2);
    expect(out.llmUsage.calls).toBeGreaterThan(0);
    expect(out.llmUsage.calls).toBe(fake.requests.length);

    // Without --llm: the plain metrics object, and no request reaches the model.
    const before = fake.requests.length;
    const plain = await run('npx', ['tsx', 'src/cli/eval.ts', file, '--json', '--knowledge', kb], { encoding: 'utf8', env });
    const m = JSON.parse(plain.stdout.trim().split('\n').pop()!);
    expect(m).toEqual({ ...out.lexical, p50ms: m.p50ms, p95ms: m.p95ms, maxms: m.maxms });
    expect(fake.requests.length).toBe(before);
  }, 60_000);
});
