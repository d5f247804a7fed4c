// The lexical retriever: query normalisation, synonym expansion, typo correction with fuse.js,
// BM25F scoring over the prebuilt index, level and foreign-element hints, calibrated confidence.

import Fuse from 'fuse.js';
import { documentSegments, isStopword, normalizeQuery } from '../text/index.js';
import { buildSearchIndex, PAIR_BOOST, type FieldWeights, type SearchIndex } from './search-index.js';
import type { RankedProcedure, RetrievalSignals, Retriever, SearchOptions, SearchResult } from './search-types.js';
import type { KnowledgeBase, Synonym } from './types.js';
import { STRONG_OPERATIONS, isCombinedTitle, queryHasForeignElement, queryLevels, queryOperations, titleHasForeignElement, titleOperations, type Operation } from './hints.js';

interface FoldedSynonym {
  variants: string[][];
  official: string[];
}

export interface RetrieverTuning {
  /** Weight of terms added by synonym expansion and typo correction. */
  expansionWeight: number;
  /** Score multiplier when the message names the procedure's level (xã / tỉnh / bộ). */
  levelBoost: number;
  /** Multiplier for "có yếu tố nước ngoài" procedures when the message has no foreign element. */
  foreignPenalty: number;
  /** Multiplier for foreign-element procedures when the message has one. */
  foreignBoost: number;
  /** Multiplier for a title naming an operation (cấp lại, gia hạn…) the message does not ask for. */
  operationPenalty: number;
  /** Candidates within this share of the top score count as close. */
  closeRatio: number;
  fieldWeights: FieldWeights;
  /** Weight of phrase coverage: the best share of a title's or alias's IDF mass found in the message. */
  phraseWeight: number;
}

export const DEFAULT_TUNING: RetrieverTuning = {
  expansionWeight: 0.6,
  levelBoost: 1.12,
  foreignPenalty: 0.85,
  foreignBoost: 1.25,
  operationPenalty: 0.85,
  closeRatio: 0.9,
  fieldWeights: {},
  phraseWeight: 0.6,
};

/**
 * Logistic models over the retrieval signals (see README, "Confidence"), fitted once on labelled
 * messages and rounded: `top` estimates that the first candidate is right (margin over the
 * runner-up matters most); `related` estimates that the knowledge base has the answer among the
 * first few candidates at all (absolute score and coverage matter most).
 */
export const CALIBRATION = {
  top: { bias: -3.3, logScore: 0.7, coverage: 1.6, margin: 2.8 },
  related: { bias: -12.6, logScore: 3.15, coverage: 3.2 },
};

/** Share of a rare word's IDF that an unknown word adds to the message's mass. */
const UNKNOWN_WORD_WEIGHT = 0.5;

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function createRetriever(kb: KnowledgeBase, tuningOverride: Partial<RetrieverTuning> = {}): Retriever {
  const tuning: RetrieverTuning = { ...DEFAULT_TUNING, ...tuningOverride };
  const index: SearchIndex = buildSearchIndex(kb.procedures, tuning.fieldWeights);
  const synonyms: FoldedSynonym[] = kb.synonyms.map((s: Synonym) => ({
    variants: s.variants.map((v) => documentSegments(v).flat()).filter((v) => v.length > 0),
    official: documentSegments(s.official).flat(),
  }));
  // Typo correction candidates: syllables that occur in the knowledge base, bucketed by first
  // letter so each fuse.js instance stays small.
  const fuseByInitial = new Map<string, Fuse<string>>();
  const byInitial = new Map<string, string[]>();
  for (const w of index.vocabulary) {
    if (w.length < 2) continue;
    const k = w[0]!;
    let list = byInitial.get(k);
    if (!list) byInitial.set(k, (list = []));
    list.push(w);
  }
  for (const [k, list] of byInitial) {
    fuseByInitial.set(k, new Fuse(list, { includeScore: true, threshold: 0.34, minMatchCharLength: 2 }));
  }
  const correctionCache = new Map<string, string | null>();
  const correct = (tok: string): string | null => {
    const cached = correctionCache.get(tok);
    if (cached !== undefined) return cached;
    const fuse = fuseByInitial.get(tok[0]!);
    // fuse.js proposes near spellings; accept one only within a small edit distance, so an
    // unknown word ("cúp điện") is not forced onto an unrelated known one.
    const maxEdits = tok.length >= 7 ? 2 : 1;
    let fixed: string | null = null;
    for (const hit of fuse?.search(tok, { limit: 5 }) ?? []) {
      if (editDistance(tok, hit.item, maxEdits) <= maxEdits) {
        fixed = hit.item;
        break;
      }
    }
    if (correctionCache.size > 50_000) correctionCache.clear();
    correctionCache.set(tok, fixed);
    return fixed;
  };

  const n = index.procedures.length;
  const docOf = new Map(index.procedures.map((p, d) => [p, d]));
  const rarestIdf = Math.log(1 + (n - 1 + 0.5) / 1.5);
  const titleOps: Operation[][] = index.foldedTitles.map(titleOperations);
  const combinedTitle: boolean[] = index.foldedTitles.map(isCombinedTitle);
  const scores = new Float64Array(n);

  function queryTerms(text: string): {
    terms: Map<number, number>;
    /** Content words the knowledge base has never seen (and no correction found). */
    unknown: number;
    canonical: string;
    folded: string;
    expandedFolded: string;
  } {
    const q = normalizeQuery(text);
    const weighted = new Map<number, number>();
    const add = (id: number | undefined, w: number): void => {
      if (id === undefined) return;
      weighted.set(id, Math.max(weighted.get(id) ?? 0, w));
    };
    const addSegments = (segments: string[][], w: number): void => {
      for (const seg of segments) {
        for (let i = 0; i < seg.length; i++) {
          const tok = seg[i]!;
          const stop = isStopword(tok);
          if (!stop) add(index.unigram(tok), w);
          const next = seg[i + 1];
          if (next !== undefined && !(stop && isStopword(next))) add(index.pair(tok, next), w * PAIR_BOOST);
        }
      }
    };
    addSegments(q.segments, 1);
    // Typo correction: syllables the knowledge base has never seen are replaced by the closest
    // known syllable (same first letter), and the corrected segment is added at lower weight.
    const corrected: string[][] = [];
    let unknown = 0;
    for (const seg of q.segments) {
      let changed = false;
      const fixed = seg.map((tok) => {
        if (/\d/.test(tok) || isStopword(tok) || index.unigram(tok) !== undefined) return tok;
        const c = tok.length >= 4 ? correct(tok) : null;
        if (c && c !== tok) {
          changed = true;
          return c;
        }
        unknown++;
        return tok;
      });
      if (changed) corrected.push(fixed);
    }
    addSegments(corrected, tuning.expansionWeight);
    // Synonym expansion: an everyday phrase found in the message adds the official term.
    const tokens = q.tokens;
    const expansions: string[][] = [];
    for (const s of synonyms) {
      for (const v of s.variants) {
        if (containsSequence(tokens, v)) {
          expansions.push(s.official);
          break;
        }
      }
    }
    addSegments(expansions, tuning.expansionWeight);
    const expandedFolded = [q.folded, ...expansions.map((e) => e.join(' '))].join(' . ');
    return { terms: weighted, unknown, canonical: q.canonical, folded: q.folded, expandedFolded };
  }

  function search(text: string, options: SearchOptions = {}): SearchResult {
    const limit = options.limit ?? 5;
    const { terms, unknown, canonical, folded, expandedFolded } = queryTerms(text);
    scores.fill(0);
    // Words no procedure contains still count in what the message is about: a message that is
    // mostly about something else (lịch cúp điện) must not look well covered by one shared word.
    let queryMass = unknown * rarestIdf * UNKNOWN_WORD_WEIGHT;
    const { docs, impacts } = index;
    for (const [id, w] of terms) {
      queryMass += w * index.idf[id]!;
      for (let i = index.postingStart[id]!, end = index.postingStart[id + 1]!; i < end; i++) {
        const d = docs[i]!;
        scores[d] = scores[d]! + w * impacts[i]!;
      }
    }
    const top = topK(scores, 60);
    const levels = queryLevels(canonical, folded);
    const foreign = queryHasForeignElement(folded);
    const ops = queryOperations(expandedFolded);
    const ranked: RankedProcedure[] = top.map((d) => {
      const p = index.procedures[d]!;
      let s = scores[d]! * (1 + tuning.phraseWeight * phraseCoverage(index, d, terms));
      if (levels.size > 0 && p.levels.some((l) => levels.has(l))) s *= tuning.levelBoost;
      const title = index.foldedTitles[d]!;
      if (titleHasForeignElement(title)) s *= foreign ? tuning.foreignBoost : tuning.foreignPenalty;
      const tops = titleOps[d]!;
      for (const op of tops) if (!ops.has(op)) s *= tuning.operationPenalty;
      if (!combinedTitle[d]) for (const op of STRONG_OPERATIONS) if (ops.has(op) && !tops.includes(op)) s *= tuning.operationPenalty;
      return { procedure: p, score: s };
    });
    ranked.sort((a, b) => b.score - a.score);
    const candidates = ranked.slice(0, limit);
    const contentTerms = terms.size;
    const s1 = candidates[0]?.score ?? 0;
    const s2 = candidates[1]?.score ?? 0;
    let closeCount = 0;
    for (const c of candidates.slice(0, 4)) if (c.score >= tuning.closeRatio * s1) closeCount++;
    const signals = {
      coverage: queryMass > 0 ? s1 / queryMass : 0,
      margin: s2 > 0 ? Math.log(s1 / s2) : 1,
      phrase: candidates[0] ? phraseCoverage(index, docOf.get(candidates[0].procedure)!, terms) : 0,
      unknownShare: terms.size + unknown > 0 ? unknown / (terms.size + unknown) : 0,
    };
    const confidence = s1 <= 0 ? 0 : calibrate(s1, signals);
    const relatedness = s1 <= 0 ? 0 : relate(s1, signals);
    return { candidates, confidence, relatedness, closeCount: Math.max(closeCount, candidates.length > 0 ? 1 : 0), contentTerms, signals };
  }

  return { search, version: kb.version, size: n };
}

/**
 * Maps raw scores to an estimate that the top candidate is right. Features: the top score
 * relative to the query's total IDF mass (how much of the message the procedure explains), and
 * the margin over the runner-up.
 */
function calibrate(s1: number, x: RetrievalSignals): number {
  const c = CALIBRATION.top;
  return sigmoid(c.bias + c.logScore * Math.log1p(s1) + c.coverage * x.coverage + c.margin * x.margin);
}

function relate(s1: number, x: RetrievalSignals): number {
  const c = CALIBRATION.related;
  return sigmoid(c.bias + c.logScore * Math.log1p(s1) + c.coverage * x.coverage);
}

/** Best share of one title's or alias's IDF mass that the message's terms cover. */
function phraseCoverage(index: SearchIndex, d: number, terms: Map<number, number>): number {
  let best = 0;
  for (const ids of index.phrases[d]!) {
    let total = 0;
    let covered = 0;
    for (let i = 0; i < ids.length; i++) {
      const w = index.idf[ids[i]!]!;
      total += w;
      if (terms.has(ids[i]!)) covered += w;
    }
    if (total > 0 && covered / total > best) best = covered / total;
  }
  return best;
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

function containsSequence(tokens: string[], seq: string[]): boolean {
  outer: for (let i = 0; i + seq.length <= tokens.length; i++) {
    for (let j = 0; j < seq.length; j++) if (tokens[i + j] !== seq[j]) continue outer;
    return true;
  }
  return false;
}

/** Indexes of the k highest positive scores, best first. */
function topK(scores: Float64Array, k: number): number[] {
  const heap: number[] = [];
  for (let d = 0; d < scores.length; d++) {
    const s = scores[d]!;
    if (s <= 0) continue;
    if (heap.length < k) {
      heap.push(d);
      if (heap.length === k) heap.sort((a, b) => scores[a]! - scores[b]!);
    } else if (s > scores[heap[0]!]!) {
      heap[0] = d;
      // restore ascending order by one insertion pass
      for (let i = 0; i + 1 < heap.length && scores[heap[i]!]! > scores[heap[i + 1]!]!; i++) {
        const t = heap[i]!;
        heap[i] = heap[i + 1]!;
        heap[i + 1] = t;
      }
    }
  }
  return heap.sort((a, b) => scores[b]! - scores[a]!);
}
