// Answer / clarify / escalate over a search result. The retriever's confidence is calibrated
// (see src/knowledge/retrieve.ts); the thresholds are operator settings
// (POLICY_ANSWER_THRESHOLD, POLICY_CLARIFY_THRESHOLD).
import type { SearchResult } from '../knowledge/search-types.js';

export interface PolicyThresholds {
  /** Minimum confidence to answer with the top candidate. */
  answer: number;
  /** Minimum relatedness to offer choices; below it the bot offers an officer. */
  clarify: number;
}

export const DEFAULT_THRESHOLDS: PolicyThresholds = { answer: 0.75, clarify: 0.1 };

/** How many choices a clarifying question offers at most (chat buttons and short lists). */
export const MAX_CHOICES = 4;
const MIN_CHOICES = 4;

export type Decision =
  | { kind: 'answer'; index: 0 }
  | { kind: 'clarify'; indexes: number[] }
  | { kind: 'escalate'; reason: 'no-match' | 'low-confidence' };

export function decide(r: SearchResult, t: PolicyThresholds = DEFAULT_THRESHOLDS): Decision {
  if (r.candidates.length === 0 || r.contentTerms === 0) return { kind: 'escalate', reason: 'no-match' };
  // Two candidates within a few percent of each other: asking beats guessing, however sure the
  // calibration is about the pair.
  if (r.confidence >= t.answer && r.closeCount <= 1) return { kind: 'answer', index: 0 };
  if (r.relatedness >= t.clarify) {
    // Offer the candidates that are close to the top one, and at least a few when the top one
    // is not convincing on its own.
    const n = Math.min(MAX_CHOICES, r.candidates.length, Math.max(MIN_CHOICES, r.closeCount));
    if (n < 2) return { kind: 'answer', index: 0 };
    return { kind: 'clarify', indexes: Array.from({ length: n }, (_, i) => i) };
  }
  return { kind: 'escalate', reason: 'low-confidence' };
}
