import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('config', () => {
  it('has working defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.kbWatch).toBe(true);
    expect(c.policy).toEqual({ answer: 0.75, clarify: 0.1 });
    expect(c.knowledgeDir.endsWith('knowledge')).toBe(true);
  });
  it('reads values', () => {
    const c = loadConfig({ PORT: '8080', KB_WATCH: 'false', LOG_LEVEL: 'warn', POLICY_ANSWER_THRESHOLD: '0.8' });
    expect(c.port).toBe(8080);
    expect(c.kbWatch).toBe(false);
    expect(c.logLevel).toBe('warn');
    expect(c.policy.answer).toBe(0.8);
  });
  it('reports every invalid variable at once', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'abc', KB_WATCH: 'maybe', LOG_LEVEL: 'loud', POLICY_ANSWER_THRESHOLD: '2' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'KB_WATCH', 'LOG_LEVEL', 'POLICY_ANSWER_THRESHOLD']) expect(problems).toContain(name);
  });
});
