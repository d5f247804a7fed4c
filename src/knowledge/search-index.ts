// Inverted index over procedures for the lexical ranker: BM25F over folded syllables and
// syllable pairs. Built once per knowledge-base version; postings are typed arrays of
// precomputed impacts so a query is a few thousand additions.

import { documentSegments, expandSubjectAbbreviations, foldText, isStopword, scanFolded } from '../text/index.js';
import type { Procedure } from './types.js';

/** One indexed field: how to get its text and how much it counts. */
interface FieldSpec {
  name: string;
  weight: number;
  /** BM25 length normalisation for this field. */
  b: number;
  texts: (p: Procedure) => string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'title', weight: 3.0, b: 0.5, texts: (p) => [p.title] },
  // Aliases use the abbreviations citizens use (cccd, gplx, bhxh): indexed expanded, as messages are.
  { name: 'aliases', weight: 2.2, b: 0.3, texts: (p) => p.aliases.map((a) => expandSubjectAbbreviations(foldText(a))) },
  { name: 'field', weight: 0.6, b: 0.3, texts: (p) => [p.field] },
  {
    name: 'meta',
    weight: 0.9,
    b: 0.6,
    texts: (p) => [p.result, p.description, ...p.applicants],
  },
  { name: 'documents', weight: 0.5, b: 0.7, texts: (p) => p.documents.map((d) => `${d.group}. ${d.name}`) },
  { name: 'body', weight: 0.35, b: 0.75, texts: (p) => [p.steps, p.conditions] },
  { name: 'agencies', weight: 0.3, b: 0.5, texts: (p) => [...p.agencies, ...p.competentAgencies, p.submitAddress] },
];

const K1 = 1.2;
/** Fields whose texts are phrases a message can cover (see phraseCoverage in retrieve.ts). */
const PHRASE_FIELDS = new Set(['title', 'aliases']);
/**
 * Long legal prose (steps, conditions) is indexed up to this many characters: what a procedure is
 * about is said early, and the tail is mostly boilerplate that only adds noise and index time.
 */
const MAX_FIELD_CHARS = 6000;
/** Syllable pairs are rarer and more specific than syllables; they get a bit more weight. */
export const PAIR_BOOST = 1.3;

export interface SearchIndex {
  procedures: Procedure[];
  /** Term id of a syllable (undefined for unknown syllables and stopwords). */
  unigram(token: string): number | undefined;
  /** Term id of an adjacent syllable pair (undefined when no procedure has it). */
  pair(a: string, b: string): number | undefined;
  termCount: number;
  /** Postings of term t: positions postingStart[t] .. postingStart[t+1]-1 of docs/impacts. */
  postingStart: Int32Array;
  /** Document ids, ascending within each term. */
  docs: Int32Array;
  /** idf × saturated weighted term frequency, aligned with docs. */
  impacts: Float32Array;
  idf: Float32Array;
  /** Folded title of each procedure, for hint checks. */
  foldedTitles: string[];
  /** Known syllables (not stopwords or numbers), for typo correction. */
  vocabulary: string[];
  /** Per procedure: term ids of the title and of each alias (phrases a message can cover). */
  phrases: Int32Array[][];
}

/** Field weights by name; tests and tuning runs may override them. */
export type FieldWeights = Partial<Record<string, number>>;

/**
 * Term ids without building strings for pairs: syllables get ids, a pair is keyed by the two
 * syllable ids packed into one number. Builds new ids only while `grow` is true.
 */
function createTermTable() {
  const syllables = new Map<string, number>();
  const stop: boolean[] = [];
  const unigramTerm: number[] = [];
  const pairTerms = new Map<number, number>();
  let termCount = 0;
  const syllable = (tok: string, grow: boolean): number | undefined => {
    let id = syllables.get(tok);
    if (id === undefined && grow) {
      id = syllables.size;
      syllables.set(tok, id);
      stop[id] = isStopword(tok);
      unigramTerm[id] = stop[id] ? -1 : termCount++;
    }
    return id;
  };
  // Pair key: small ids pack into one small integer (fast map keys); larger ids use a disjoint
  // negative range so keys never collide.
  const pairKey = (a: number, b: number): number => (a < 32768 && b < 65536 ? a * 65536 + b : -(a * 4194304 + b) - 1);
  return {
    syllables,
    get termCount() {
      return termCount;
    },
    /** Calls out(termId) for each term of the text: non-stopword syllables and adjacent pairs. */
    termsOfText(text: string, grow: boolean, out: (term: number) => void): void {
      let prev: number | undefined;
      scanFolded(
        foldText(text),
        (word) => {
          const id = syllable(word, grow);
          if (id !== undefined && !stop[id]) out(unigramTerm[id]!);
          if (prev !== undefined && id !== undefined && !(stop[prev] && stop[id])) {
            const key = pairKey(prev, id);
            let t = pairTerms.get(key);
            if (t === undefined && grow) pairTerms.set(key, (t = termCount++));
            if (t !== undefined) out(t);
          }
          prev = id;
        },
        () => {
          prev = undefined;
        },
      );
    },
    unigram(tok: string): number | undefined {
      const id = syllables.get(tok);
      return id === undefined || stop[id] ? undefined : unigramTerm[id];
    },
    pair(a: string, b: string): number | undefined {
      const x = syllables.get(a);
      const y = syllables.get(b);
      if (x === undefined || y === undefined) return undefined;
      return pairTerms.get(pairKey(x, y));
    },
  };
}

export function buildSearchIndex(procedures: Procedure[], weights: FieldWeights = {}): SearchIndex {
  const fieldWeight = FIELDS.map((f) => weights[f.name] ?? f.weight);
  const table = createTermTable();
  const n = procedures.length;
  // Pass 1: term ids of every field of every document (compact arrays), field lengths.
  const fieldIds: Int32Array[][] = procedures.map(() => new Array<Int32Array>(FIELDS.length));
  const avgLens = new Float64Array(FIELDS.length);
  // Document frequency counted with a "last document seen" stamp per term instead of a set.
  const df: number[] = [];
  const lastDoc: number[] = [];
  const buf: number[] = [];
  let current = -1;
  const collect = (id: number): void => {
    buf.push(id);
    if (lastDoc[id] !== current) {
      lastDoc[id] = current;
      df[id] = (df[id] ?? 0) + 1;
    }
  };
  // The title and each alias are also kept as phrases (their own term sets) for phrase coverage.
  const phrases: Int32Array[][] = procedures.map(() => []);
  procedures.forEach((p, d) => {
    current = d;
    FIELDS.forEach((f, fi) => {
      buf.length = 0;
      for (const text of f.texts(p)) {
        if (!text) continue;
        const from = buf.length;
        table.termsOfText(text.length > MAX_FIELD_CHARS ? text.slice(0, MAX_FIELD_CHARS) : text, true, collect);
        if (PHRASE_FIELDS.has(f.name)) phrases[d]!.push(Int32Array.from(new Set(buf.slice(from))));
      }
      fieldIds[d]![fi] = Int32Array.from(buf);
      avgLens[fi] = avgLens[fi]! + buf.length;
    });
  });
  for (let fi = 0; fi < FIELDS.length; fi++) avgLens[fi] = Math.max(1, avgLens[fi]! / Math.max(1, n));
  const termCount = table.termCount;

  const idf = new Float32Array(termCount);
  for (let id = 0; id < termCount; id++) idf[id] = Math.log(1 + (n - (df[id] ?? 0) + 0.5) / ((df[id] ?? 0) + 0.5));

  // Pass 2: weighted, length-normalised term frequency per (term, doc), then BM25 saturation.
  // Postings live in two flat typed arrays; each term's list is a view at its offset (its
  // length is its document frequency), which avoids a million small arrays.
  const offsets = new Int32Array(termCount + 1);
  for (let id = 0; id < termCount; id++) offsets[id + 1] = offsets[id]! + (df[id] ?? 0);
  const allDocs = new Int32Array(offsets[termCount]!);
  const allImpacts = new Float32Array(offsets[termCount]!);
  const fill = new Int32Array(termCount);
  // Dense accumulator plus the list of touched terms: no map per document.
  const tfw = new Float64Array(termCount);
  const touched: number[] = [];
  for (let d = 0; d < n; d++) {
    touched.length = 0;
    for (let fi = 0; fi < FIELDS.length; fi++) {
      const ids = fieldIds[d]![fi]!;
      const b = FIELDS[fi]!.b;
      const inc = fieldWeight[fi]! / (1 - b + (b * ids.length) / avgLens[fi]!);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        if (tfw[id] === 0) touched.push(id);
        tfw[id] = tfw[id]! + inc;
      }
    }
    for (const id of touched) {
      const w = tfw[id]!;
      const at = offsets[id]! + fill[id]!;
      fill[id] = fill[id]! + 1;
      allDocs[at] = d;
      allImpacts[at] = (idf[id]! * w) / (K1 + w);
      tfw[id] = 0;
    }
  }

  const vocabulary = [...table.syllables.keys()].filter((t) => !isStopword(t) && !/^\d+$/.test(t));
  const foldedTitles = procedures.map((p) => documentSegments(p.title).map((seg) => seg.join(' ')).join(' '));
  return {
    procedures,
    unigram: (t) => table.unigram(t),
    pair: (a, b) => table.pair(a, b),
    termCount,
    postingStart: offsets,
    docs: allDocs,
    impacts: allImpacts,
    idf,
    foldedTitles,
    vocabulary,
    phrases,
  };
}
