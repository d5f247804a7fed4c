// The editors' "Câu hỏi chưa trả lời được" log. When the bot escalates a question (no match /
// low confidence) or can only offer choices with a low confidence, the question text is kept,
// masked (phone, CCCD/CMND, e-mail), with its date, channel and outcome: no user id, no
// conversation id, no name. Editors see these grouped by similarity, never linked to a citizen.
// Entries older than the retention period are deleted.
import type { Retriever } from '../knowledge/search-types.js';
import { maskPersonalData } from '../shared/logger.js';
import { foldText } from '../text/index.js';
import type { UnansweredQuestion } from './types.js';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const LONG_NUMBER = /\d[\d .-]{6,}\d/g;

/** What is stored: personal data masked, whitespace collapsed, at most 300 characters. */
export function maskQuestion(text: string): string {
  return maskPersonalData(text.replace(EMAIL, '***@***'))
    .replace(LONG_NUMBER, (m) => (m.includes('*') ? m : '***'))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

const tokens = (text: string): Set<string> =>
  new Set(
    foldText(text)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 1 && !/\d{3,}/.test(w)),
  );

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/** An alias editors can paste into a procedure's `aliases`: lower case, no masked parts or punctuation. */
export function suggestAlias(text: string): string {
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => !w.includes('*') && !/\d{3,}/.test(w))
    .join(' ')
    .replace(/[?!.,;:"'()[\]{}…]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
}

export interface QuestionGroup {
  /** The shortest question of the group (the clearest wording usually). */
  text: string;
  count: number;
  firstAt: string;
  lastAt: string;
  channels: string[];
  outcomes: string[];
  examples: string[];
  suggestedAlias: string;
  procedures: Array<{ code: string; title: string }>;
}

/** Greedy grouping by word overlap (Jaccard ≥ threshold on folded words), largest groups first. */
export function groupQuestions(items: readonly UnansweredQuestion[], retriever: Retriever | undefined, threshold = 0.5): QuestionGroup[] {
  const groups: Array<{ words: Set<string>; items: UnansweredQuestion[] }> = [];
  for (const q of items) {
    const words = tokens(q.text);
    let best: (typeof groups)[number] | undefined;
    let bestScore = threshold;
    for (const g of groups) {
      const s = similarity(words, g.words);
      if (s >= bestScore) {
        best = g;
        bestScore = s;
      }
    }
    if (best) best.items.push(q);
    else groups.push({ words, items: [q] });
  }
  return groups
    .map((g) => {
      const sorted = [...g.items].sort((a, b) => a.at.localeCompare(b.at));
      const texts = [...new Set(g.items.map((q) => q.text))].sort((a, b) => a.length - b.length);
      const text = texts[0] ?? '';
      const found = retriever?.search(text, { limit: 3 }).candidates ?? [];
      return {
        text,
        count: g.items.length,
        firstAt: sorted[0]!.at,
        lastAt: sorted[sorted.length - 1]!.at,
        channels: [...new Set(g.items.map((q) => q.channel))],
        outcomes: [...new Set(g.items.map((q) => q.outcome))],
        examples: texts.slice(0, 5),
        suggestedAlias: suggestAlias(text),
        procedures: found.map((c) => ({ code: c.procedure.code, title: c.procedure.title })),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}
