// Typo-tolerant correction of message words against the knowledge base's own vocabulary.
// fuse.js proposes near spellings among known syllables with the same first letter (small
// instances, fast); a proposal is accepted only within a small edit distance, so an unknown word
// ("cúp điện") is not forced onto an unrelated known one.
import Fuse from 'fuse.js';

/** Returns a corrector: a known syllable for an unknown word, or null. Results are cached. */
export function createTypoCorrector(vocabulary: readonly string[]): (word: string) => string | null {
  const byInitial = new Map<string, string[]>();
  for (const w of vocabulary) {
    if (w.length < 2) continue;
    const list = byInitial.get(w[0]!) ?? [];
    list.push(w);
    byInitial.set(w[0]!, list);
  }
  const fuseByInitial = new Map<string, Fuse<string>>();
  for (const [k, list] of byInitial) {
    fuseByInitial.set(k, new Fuse(list, { includeScore: true, threshold: 0.34, minMatchCharLength: 2 }));
  }
  const cache = new Map<string, string | null>();
  return (word) => {
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const maxEdits = word.length >= 7 ? 2 : 1;
    let fixed: string | null = null;
    for (const hit of fuseByInitial.get(word[0]!)?.search(word, { limit: 5 }) ?? []) {
      if (editDistance(word, hit.item, maxEdits) <= maxEdits) {
        fixed = hit.item;
        break;
      }
    }
    if (cache.size > 50_000) cache.clear();
    cache.set(word, fixed);
    return fixed;
  };
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
