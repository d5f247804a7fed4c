// From raw retrieval scores to the two probabilities the policy uses (README, "Confidence").
import type { RetrievalSignals } from './search-types.js';

/**
 * Logistic models over the retrieval signals, fitted once on labelled messages and rounded:
 * `top` estimates that the first candidate is right (the margin over the runner-up matters
 * most); `related` estimates that the knowledge base has the answer among the first few
 * candidates at all (absolute score and coverage matter most). They were fitted by plain
 * logistic regression (L2-regularised, standardised features) on the signals that
 * `npm run eval -- <file> --details out.json` writes per message; refit when the ranker or the
 * aliases change a lot.
 */
export const CALIBRATION = {
  top: { bias: -3.3, logScore: 0.7, coverage: 1.6, margin: 2.8 },
  related: { bias: -12.6, logScore: 3.15, coverage: 3.2 },
};

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Estimate that the top candidate (score s1) is the procedure the citizen means. */
export function calibrate(s1: number, x: RetrievalSignals): number {
  const c = CALIBRATION.top;
  return sigmoid(c.bias + c.logScore * Math.log1p(s1) + c.coverage * x.coverage + c.margin * x.margin);
}

/** Estimate that the knowledge base covers the question at all. */
export function relate(s1: number, x: RetrievalSignals): number {
  const c = CALIBRATION.related;
  return sigmoid(c.bias + c.logScore * Math.log1p(s1) + c.coverage * x.coverage);
}
