import { describe, expect, it } from 'vitest';
import { decide, DEFAULT_THRESHOLDS } from '../../src/core/policy.js';
import type { SearchResult } from '../../src/knowledge/search-types.js';
import type { Procedure } from '../../src/knowledge/types.js';

const p = (code: string) => ({ procedure: { code } as Procedure, score: 10 });
const result = (over: Partial<SearchResult>): SearchResult => ({
  candidates: [p('a'), p('b'), p('c'), p('d'), p('e')],
  confidence: 0.5,
  relatedness: 0.5,
  closeCount: 1,
  contentTerms: 4,
  ...over,
});

describe('policy', () => {
  it('answers at and above the answer threshold', () => {
    expect(decide(result({ confidence: DEFAULT_THRESHOLDS.answer }))).toEqual({ kind: 'answer', index: 0 });
    expect(decide(result({ confidence: 0.99 }))).toEqual({ kind: 'answer', index: 0 });
  });
  it('asks instead of answering when a second candidate is about as good as the first', () => {
    const d = decide(result({ confidence: 0.95, closeCount: 2 }));
    expect(d).toEqual({ kind: 'clarify', indexes: [0, 1, 2, 3] });
  });
  it('offers four choices below the answer threshold when the KB is related', () => {
    const d = decide(result({ confidence: DEFAULT_THRESHOLDS.answer - 0.01, relatedness: DEFAULT_THRESHOLDS.clarify }));
    expect(d).toEqual({ kind: 'clarify', indexes: [0, 1, 2, 3] });
  });
  it('offers only the candidates there are', () => {
    const d = decide(result({ candidates: [p('a'), p('b')], confidence: 0.3, relatedness: 0.5 }));
    expect(d).toEqual({ kind: 'clarify', indexes: [0, 1] });
  });
  it('answers the single candidate instead of offering one choice', () => {
    expect(decide(result({ candidates: [p('a')], confidence: 0.3, relatedness: 0.5 }))).toEqual({ kind: 'answer', index: 0 });
  });
  it('escalates when the knowledge base does not seem to cover the question', () => {
    const d = decide(result({ confidence: 0.2, relatedness: DEFAULT_THRESHOLDS.clarify - 0.01 }));
    expect(d).toEqual({ kind: 'escalate', reason: 'low-confidence' });
  });
  it('escalates with no-match when nothing was found or the message had no content words', () => {
    expect(decide(result({ candidates: [] }))).toEqual({ kind: 'escalate', reason: 'no-match' });
    expect(decide(result({ contentTerms: 0 }))).toEqual({ kind: 'escalate', reason: 'no-match' });
  });
  it('applies thresholds given by the operator', () => {
    expect(decide(result({ confidence: 0.5 }), { answer: 0.4, clarify: 0.1 })).toEqual({ kind: 'answer', index: 0 });
    expect(decide(result({ confidence: 0.5, relatedness: 0.3 }), { answer: 0.9, clarify: 0.4 }).kind).toBe('escalate');
  });
});
