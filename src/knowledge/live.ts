// The knowledge base currently served and its retriever, swapped atomically on hot reload. A
// reload that finds invalid files keeps the old index and reports the errors.
import type { KbIssue } from './issues.js';
import { loadKnowledge } from './loader.js';
import { createRetriever } from './retrieve.js';
import type { Retriever } from './search-types.js';
import type { KnowledgeBase } from './types.js';
import { watchKnowledge } from './watch.js';

export interface LiveKnowledge {
  kb(): KnowledgeBase;
  retriever(): Retriever;
  /** Errors of the last failed reload, empty when the served files are the newest. */
  lastErrors(): KbIssue[];
  stop(): void;
}

export interface LiveKnowledgeEvents {
  onReload?(kb: KnowledgeBase): void;
  onInvalid?(errors: KbIssue[]): void;
}

export type LiveKnowledgeResult = { ok: true; live: LiveKnowledge } | { ok: false; errors: KbIssue[] };

export function openLiveKnowledge(dir: string, options: { watch: boolean; debounceMs?: number } & LiveKnowledgeEvents): LiveKnowledgeResult {
  const first = loadKnowledge(dir);
  if (!first.ok) return { ok: false, errors: first.errors };
  let kb = first.kb;
  let retriever = createRetriever(kb);
  let errors: KbIssue[] = [];
  const stop = options.watch
    ? watchKnowledge(
        dir,
        (event) => {
          if (event.ok) {
            // Build the new index before swapping so requests never see a half-built one.
            const next = createRetriever(event.kb);
            kb = event.kb;
            retriever = next;
            errors = [];
            options.onReload?.(kb);
          } else {
            errors = event.errors;
            options.onInvalid?.(event.errors);
          }
        },
        { current: kb, debounceMs: options.debounceMs },
      )
    : () => {};
  return {
    ok: true,
    live: { kb: () => kb, retriever: () => retriever, lastErrors: () => errors, stop },
  };
}
