// Matching benchmark: KB load + index time, match latency on the real KB and on a KB scaled to
// 10,000 procedures, resident memory. Queries are built from the KB itself (aliases and title
// fragments rewritten without diacritics), so the bench needs no labelled data.

import { foldText } from '../text/index.js';
import { createRetriever } from '../knowledge/retrieve.js';
import type { KnowledgeBase, Procedure } from '../knowledge/types.js';

export interface MatchBench {
  procedures: number;
  queries: number;
  indexMs: number;
  matchP50Ms: number;
  matchP95Ms: number;
  scaledProcedures: number;
  scaledIndexMs: number;
  matchP50Ms10k: number;
  matchP95Ms10k: number;
}

/** Deterministic pseudo-random generator (mulberry32), so every run uses the same queries. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Citizen-like queries: an alias or a title slice, sometimes folded, with chat filler around it. */
export function benchQueries(procs: Procedure[], count: number, seed = 1022): string[] {
  const rnd = seededRandom(seed);
  const fillers = ['cho em hỏi', 'xin hỏi', 'mình muốn', 'thủ tục', 'ạ', 'cần giấy tờ gì', 'mất bao lâu vậy', 'nộp ở đâu'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = procs[Math.floor(rnd() * procs.length)]!;
    const words = (p.aliases.length > 0 && rnd() < 0.6 ? p.aliases[Math.floor(rnd() * p.aliases.length)]! : p.title).split(/\s+/);
    const start = Math.floor(rnd() * Math.max(1, words.length - 4));
    let q = `${fillers[Math.floor(rnd() * fillers.length)]} ${words.slice(start, start + 4 + Math.floor(rnd() * 8)).join(' ')} ${fillers[Math.floor(rnd() * fillers.length)]}`;
    if (rnd() < 0.4) q = foldText(q);
    out.push(q);
  }
  return out;
}

/** A KB of `target` procedures: the real ones plus renumbered copies with shuffled titles. */
export function scaleKnowledgeBase(kb: KnowledgeBase, target: number, seed = 7): KnowledgeBase {
  const rnd = seededRandom(seed);
  const procedures = [...kb.procedures];
  for (let i = 0; procedures.length < target; i++) {
    const src = kb.procedures[i % kb.procedures.length]!;
    const words = src.title.split(/\s+/);
    for (let j = words.length - 1; j > 0; j--) {
      const k = Math.floor(rnd() * (j + 1));
      [words[j], words[k]] = [words[k]!, words[j]!];
    }
    procedures.push({ ...src, code: `9.${String(i).padStart(6, '0')}`, title: words.join(' ') });
  }
  return { ...kb, procedures, byCode: new Map(procedures.map((p) => [p.code, p])) };
}

function percentile(sorted: number[], q: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 100) / 100;
}

function timeQueries(search: (q: string) => unknown, queries: string[]): { p50: number; p95: number } {
  for (const q of queries.slice(0, 50)) search(q); // warm-up (JIT, caches)
  const times: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    search(q);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

export function benchMatching(kb: KnowledgeBase, queryCount = 1000): MatchBench {
  const queries = benchQueries(kb.procedures, queryCount);
  let t = performance.now();
  const retriever = createRetriever(kb);
  const indexMs = performance.now() - t;
  const real = timeQueries((q) => retriever.search(q), queries);
  const scaled = scaleKnowledgeBase(kb, 10_000);
  t = performance.now();
  const big = createRetriever(scaled);
  const scaledIndexMs = performance.now() - t;
  const at10k = timeQueries((q) => big.search(q), queries);
  return {
    procedures: kb.procedures.length,
    queries: queries.length,
    indexMs: Math.round(indexMs),
    matchP50Ms: real.p50,
    matchP95Ms: real.p95,
    scaledProcedures: scaled.procedures.length,
    scaledIndexMs: Math.round(scaledIndexMs),
    matchP50Ms10k: at10k.p50,
    matchP95Ms10k: at10k.p95,
  };
}
