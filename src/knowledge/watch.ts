// Hot reload: watch the knowledge directory, debounce bursts of changes (editors and `git pull`
// touch many files), reload, and swap only when the new files are valid.
import { watch, type FSWatcher } from 'node:fs';
import type { KnowledgeBase } from './types.js';
import type { KbIssue } from './issues.js';
import { loadKnowledge, type LoadOptions } from './loader.js';

export type ReloadEvent =
  | { ok: true; kb: KnowledgeBase; warnings: KbIssue[] }
  /** The new files are invalid; `kept` is the knowledge base still in use. */
  | { ok: false; errors: KbIssue[]; kept: KnowledgeBase | undefined };

export interface WatchOptions extends LoadOptions {
  debounceMs?: number;
  /** The knowledge base currently served, kept when a reload fails. */
  current?: KnowledgeBase;
  /** Injected for tests; defaults to node:fs watch. */
  watchFn?: (dir: string, onChange: () => void) => { close(): void };
}

const defaultWatch = (dir: string, onChange: () => void): FSWatcher =>
  watch(dir, { recursive: true }, () => onChange());

/** Starts watching; returns a stop function. */
export function watchKnowledge(dir: string, onReload: (event: ReloadEvent) => void, options: WatchOptions = {}): () => void {
  const debounceMs = options.debounceMs ?? 300;
  let current = options.current;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const reload = () => {
    timer = undefined;
    if (stopped) return;
    const result = loadKnowledge(dir, options);
    if (result.ok) {
      if (current && current.version === result.kb.version) return; // nothing really changed
      current = result.kb;
      onReload({ ok: true, kb: result.kb, warnings: result.warnings });
    } else onReload({ ok: false, errors: result.errors, kept: current });
  };
  const watcher = (options.watchFn ?? defaultWatch)(dir, () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  });
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
