import type { Procedure, Section } from './types.js';

export interface RankedProcedure {
  procedure: Procedure;
  /** Raw ranker score (only comparable within one search). */
  score: number;
}

/** Hints the caller can pass from the dialogue (e.g. the procedure under discussion). */
export interface SearchOptions {
  /** Maximum number of candidates returned (default 5). */
  limit?: number;
  /**
   * Character spans of the folded message whose words say what the citizen asks about a
   * procedure ("cần giấy tờ gì", "nộp ở đâu", "mất bao lâu"), not which procedure: they count
   * at the tuning's cueWeight. The bot passes the section detector's cue spans.
   */
  cueSpans?: (folded: string) => ReadonlyArray<readonly [number, number]>;
}

export interface SearchResult {
  /** Best first. Empty when nothing in the knowledge base is related. */
  candidates: RankedProcedure[];
  /**
   * Calibrated estimate (0..1) that candidates[0] is the procedure the citizen means.
   * Policy thresholds (answer / clarify / escalate) are applied to this value.
   */
  confidence: number;
  /**
   * Estimate (0..1) that the knowledge base has what the citizen asks among the first few
   * candidates: low for questions about things no procedure covers.
   */
  relatedness: number;
  /**
   * How many of the top candidates are close enough to candidates[0] to be offered as
   * choices (1 when the top one stands out).
   */
  closeCount: number;
  /** Number of content words the query had after normalisation (0 for an empty/stopword query). */
  contentTerms: number;
  /** The evidence the confidence is computed from (also useful to decide when to ask an LLM). */
  signals?: RetrievalSignals;
}

export interface RetrievalSignals {
  /** Top score relative to the message's total IDF mass (unknown words included). */
  coverage: number;
  /** log(top score / runner-up score). */
  margin: number;
  /** Best share of the top candidate's title or one alias that the message covers. */
  phrase: number;
  /** Share of the message's content words that no procedure contains. */
  unknownShare: number;
}

export interface Retriever {
  search(text: string, options?: SearchOptions): SearchResult;
  /** Version of the knowledge base this retriever indexes. */
  readonly version: string;
  readonly size: number;
}

/** Which part of a procedure a message asks about, with the evidence strength. */
export interface SectionGuess {
  section: Section;
  /** True when the message names the section explicitly (not the overview fallback). */
  explicit: boolean;
}
