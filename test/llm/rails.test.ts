// The rails on their own: breaker states, masking, JSON extraction, config, import directions.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../src/config.js';
import { createBreaker, extractJson, maskForModel } from '../../src/llm/index.js';

describe('circuit breaker', () => {
  it('opens after N consecutive failures, lets one trial through after the cool-down, closes on success', () => {
    let t = 0;
    const b = createBreaker({ failures: 2, cooldownMs: 1000, now: () => t });
    expect(b.allow()).toBe(true);
    expect(b.failure()).toBe(false);
    b.success();
    b.failure();
    expect(b.failure()).toBe(true);
    expect(b.state()).toBe('open');
    expect(b.allow()).toBe(false);
    t = 1000;
    expect(b.allow()).toBe(true); // the trial
    expect(b.allow()).toBe(false); // only one
    expect(b.failure()).toBe(true); // the trial failed: open again
    expect(b.allow()).toBe(false);
    t = 2000;
    expect(b.allow()).toBe(true);
    b.success();
    expect(b.state()).toBe('closed');
    expect(b.allow()).toBe(true);
  });
});

describe('masking before text leaves the process', () => {
  it('masks phones, CCCD numbers and e-mail addresses, keeps the question', () => {
    const out = maskForModel('SĐT 0912 345 678 hoặc +84912345678, CCCD 079123456789, email tran.b@gmail.com: làm hộ chiếu ở đâu?');
    for (const secret of ['0912 345 678', '+84912345678', '079123456789', 'tran.b@gmail.com', 'tran.b']) expect(out).not.toContain(secret);
    expect(out).toContain('làm hộ chiếu ở đâu?');
  });
});

describe('extractJson', () => {
  it('reads an object inside a code fence and rejects prose', () => {
    expect(extractJson('```json\n{"choice":"ask"}\n```')).toEqual({ choice: 'ask' });
    expect(extractJson('Tôi nghĩ là thủ tục thứ hai.')).toBeUndefined();
  });
});

describe('LLM configuration', () => {
  it('is absent unless LLM_BASE_URL and LLM_MODEL are set', () => {
    expect(loadConfig({}).llm).toBeUndefined();
  });

  it('reads every LLM variable', () => {
    const c = loadConfig({
      LLM_BASE_URL: 'http://127.0.0.1:8000/v1',
      LLM_API_KEY: 'k',
      LLM_MODEL: 'qwen',
      LLM_TIMEOUT_MS: '2500',
      LLM_BREAKER_FAILURES: '4',
      LLM_BREAKER_COOLDOWN_MS: '5000',
      LLM_EMBEDDING_MODEL: 'bge-m3',
    });
    expect(c.llm).toEqual({
      baseUrl: 'http://127.0.0.1:8000/v1',
      apiKey: 'k',
      model: 'qwen',
      timeoutMs: 2500,
      breakerFailures: 4,
      breakerCooldownMs: 5000,
      embeddingModel: 'bge-m3',
    });
  });

  it('reports a half configuration and bad values together', () => {
    try {
      loadConfig({ LLM_BASE_URL: 'ftp://x', LLM_TIMEOUT_MS: 'soon' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as ConfigError).problems.join('\n');
      expect(text).toContain('LLM_MODEL');
      expect(text).toContain('LLM_BASE_URL must start');
      expect(text).toContain('LLM_TIMEOUT_MS');
    }
  });
});

describe('src/llm import directions', () => {
  const dir = join(import.meta.dirname, '../../src/llm');
  const ALLOWED = [/^\.\/[a-z-]+\.js$/, /^\.\.\/shared\/[a-z-]+\.js$/, /^openai$/, /^node:/];
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  it('has files to check', () => expect(files).toContain('client.ts'));
  it.each(files)('%s imports only shared, openai and its own files (never the core)', (file) => {
    const specs = [...readFileSync(join(dir, file), 'utf8').matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
    for (const s of specs) expect(ALLOWED.some((re) => re.test(s)), `${file} imports ${s}`).toBe(true);
  });
});
