// The lexical retriever: query normalisation, synonym expansion, typo correction (typo.ts),
// BM25F scoring over the prebuilt index, level / foreign-element / operation / age hints, phrase
// coverage, and calibrated confidence (calibration.ts).

import { documentSegments, isStopword, normalizeQuery } from '../text/index.js';
import { buildSearchIndex, PAIR_BOOST, type FieldWeights, type SearchIndex } from './search-index.js';
import { calibrate, relate } from './calibration.js';
import type { RankedProcedure, Retriever, SearchOptions, SearchResult } from './search-types.js';
import { createTypoCorrector } from './typo.js';
import type { KnowledgeBase, Synonym } from './types.js';
import {
  STRONG_OPERATIONS,
  ageExcluded,
  isCombinedTitle,
  queryAges,
  queryHasForeignElement,
  queryLevels,
  queryOperations,
  titleAgeRange,
  titleHasForeignElement,
  titleOperations,
  type Operation,
} from './hints.js';

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
  /** Multiplier for a title whose age range ("dưới 14 tuổi") excludes the age the message gives. */
  agePenalty: number;
  /** Candidates within this share of the top score count as close. */
  closeRatio: number;
  fieldWeights: FieldWeights;
  /** Weight of phrase coverage: the best share of a title's or alias's IDF mass found in the message. */
  phraseWeight: number;
  /** Weight of words inside the caller's cue spans (SearchOptions.cueSpans). */
  cueWeight: number;
}

export const DEFAULT_TUNING: RetrieverTuning = {
  expansionWeight: 0.35,
  levelBoost: 1.12,
  foreignPenalty: 0.85,
  foreignBoost: 1.25,
  operationPenalty: 0.85,
  agePenalty: 0.6,
  closeRatio: 0.9,
  fieldWeights: {},
  phraseWeight: 0.6,
  cueWeight: 0.5,
};

/** Share of a rare word's IDF that an unknown word adds to the message's mass. */
const UNKNOWN_WORD_WEIGHT = 0.5;

export function createRetriever(kb: KnowledgeBase, tuningOverride: Partial<RetrieverTuning> = {}): Retriever {
  const tuning: RetrieverTuning = { ...DEFAULT_TUNING, ...tuningOverride };
  const index: SearchIndex = buildSearchIndex(kb.procedures, tuning.fieldWeights);
  const synonyms: FoldedSynonym[] = kb.synonyms.map((s: Synonym) => ({
    variants: s.variants.map((v) => documentSegments(v).flat()).filter((v) => v.length > 0),
    official: documentSegments(s.official).flat(),
  }));
  const correct = createTypoCorrector(index.vocabulary);

  const n = index.procedures.length;
  const docOf = new Map(index.procedures.map((p, d) => [p, d]));
  const rarestIdf = Math.log(1 + (n - 1 + 0.5) / 1.5);
  const titleOps: Operation[][] = index.foldedTitles.map(titleOperations);
  const combinedTitle: boolean[] = index.foldedTitles.map(isCombinedTitle);
  const titleAges = index.foldedTitles.map(titleAgeRange);
  const scores = new Float64Array(n);

  function queryTerms(
    text: string,
    cueSpans?: SearchOptions['cueSpans'],
  ): {
    terms: Map<number, number>;
    /** Content words the knowledge base has never seen (and no correction found). */
    unknown: number;
    canonical: string;
    folded: string;
    expandedFolded: string;
  } {
    const q = normalizeQuery(text);
    // Per-token factor: words of a section cue count less (q.folded is the tokens joined by spaces).
    const factor: number[][] = q.segments.map((seg) => seg.map(() => 1));
    const spans = cueSpans && tuning.cueWeight !== 1 ? cueSpans(q.folded) : [];
    if (spans.length > 0) {
      let at = 0;
      let k = 0;
      for (let si = 0; si < q.segments.length; si++) {
        for (let i = 0; i < q.segments[si]!.length; i++, k++) {
          const start = at;
          const end = start + q.tokens[k]!.length;
          at = end + 1;
          if (spans.some(([s, e]) => start >= s && end <= e)) factor[si]![i] = tuning.cueWeight;
        }
      }
    }
    const weighted = new Map<number, number>();
    const add = (id: number | undefined, w: number): void => {
      if (id === undefined) return;
      weighted.set(id, Math.max(weighted.get(id) ?? 0, w));
    };
    const addSegments = (segments: string[][], w: number, factors?: number[][]): void => {
      segments.forEach((seg, si) => {
        const f = factors?.[si];
        for (let i = 0; i < seg.length; i++) {
          const tok = seg[i]!;
          const stop = isStopword(tok);
          const fi = f?.[i] ?? 1;
          if (!stop) add(index.unigram(tok), w * fi);
          const next = seg[i + 1];
          if (next !== undefined && !(stop && isStopword(next))) add(index.pair(tok, next), w * PAIR_BOOST * Math.min(fi, f?.[i + 1] ?? 1));
        }
      });
    };
    addSegments(q.segments, 1, factor);
    // Typo correction: syllables the knowledge base has never seen are replaced by the closest
    // known syllable (same first letter), and the corrected segment is added at lower weight.
    const corrected: string[][] = [];
    const correctedFactor: number[][] = [];
    let unknown = 0;
    for (const [si, seg] of q.segments.entries()) {
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
      if (changed) {
        corrected.push(fixed);
        correctedFactor.push(factor[si]!);
      }
    }
    addSegments(corrected, tuning.expansionWeight, correctedFactor);
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
    const { terms, unknown, canonical, folded, expandedFolded } = queryTerms(text, options.cueSpans);
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
    const ages = queryAges(folded);
    const ranked: RankedProcedure[] = top.map((d) => {
      const p = index.procedures[d]!;
      let s = scores[d]! * (1 + tuning.phraseWeight * phraseCoverage(index, d, terms));
      if (levels.size > 0 && p.levels.some((l) => levels.has(l))) s *= tuning.levelBoost;
      const title = index.foldedTitles[d]!;
      if (titleHasForeignElement(title)) s *= foreign ? tuning.foreignBoost : tuning.foreignPenalty;
      const tops = titleOps[d]!;
      for (const op of tops) if (!ops.has(op)) s *= tuning.operationPenalty;
      if (!combinedTitle[d]) for (const op of STRONG_OPERATIONS) if (ops.has(op) && !tops.includes(op)) s *= tuning.operationPenalty;
      if (ageExcluded(ages, titleAges[d])) s *= tuning.agePenalty;
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
