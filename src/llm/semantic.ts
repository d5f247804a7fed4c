// Optional semantic retrieval (LLM_EMBEDDING_MODEL): one vector per procedure (title and aliases),
// cached on disk per knowledge-base version and model, and the procedures nearest to a message.
// The core blends these with the lexical candidates before the reranker sees them. The index is
// built in the background on first use (and after a KB reload); until it is ready, and whenever
// the model fails, similar() returns nothing and the lexical path alone is used.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Budget, LlmClient, LlmLogger } from './client.js';

export interface SemanticItem {
  code: string;
  text: string;
}

/** The knowledge base as the index needs it; items() is read only when a version is (re)built. */
export interface SemanticCorpus {
  version(): string;
  items(): SemanticItem[];
}

export interface SemanticIndex {
  /** Codes nearest to the query, best first; [] while the index is not ready or the model fails. */
  similar(query: string, limit: number, budget: Budget): Promise<string[]>;
  /** Loads or builds the vectors of the current version; true when ready (startup, tests). */
  warm(): Promise<boolean>;
}

interface Ready {
  version: string;
  codes: string[];
  vectors: Float32Array[];
}

interface CacheFile {
  model: string;
  version: string;
  codes: string[];
  vectors: number[][];
}

const unit = (v: ArrayLike<number>): Float32Array => {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  const out = new Float32Array(v.length);
  const k = n > 0 ? 1 / Math.sqrt(n) : 0;
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * k;
  return out;
};

const dot = (a: Float32Array, b: Float32Array): number => {
  let s = 0;
  for (let i = 0; i < a.length && i < b.length; i++) s += a[i]! * b[i]!;
  return s;
};

export function createSemanticIndex(options: {
  client: LlmClient;
  corpus: SemanticCorpus;
  cacheDir: string;
  /** Texts per embeddings request while building. */
  batchSize?: number;
  /** Time allowed for each build request (not the citizen's budget). */
  buildTimeoutMs?: number;
  /** Wait this long after a failed build before trying again. */
  retryAfterMs?: number;
  logger?: LlmLogger;
  mask: (text: string) => string;
}): SemanticIndex {
  const { client, corpus } = options;
  const model = client.embeddingModel ?? '';
  const batch = options.batchSize ?? 64;
  let ready: Ready | undefined;
  let building: { version: string; done: Promise<boolean> } | undefined;
  let failed: { version: string; at: number } | undefined;

  const cachePath = (version: string) =>
    join(options.cacheDir, `embeddings-${model.replace(/[^A-Za-z0-9._-]+/g, '_')}-${createHash('sha256').update(version).digest('hex').slice(0, 16)}.json`);

  async function build(version: string): Promise<boolean> {
    const path = cachePath(version);
    try {
      const cached = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (cached.model === model && cached.version === version && cached.codes.length === cached.vectors.length) {
        ready = { version, codes: cached.codes, vectors: cached.vectors.map(unit) };
        return true;
      }
    } catch {
      // No cache (or a damaged one): build it.
    }
    const items = corpus.items();
    const vectors: number[][] = [];
    for (let i = 0; i < items.length; i += batch) {
      const slice = items.slice(i, i + batch).map((x) => x.text);
      const got = await client.embed(slice, client.budget(options.buildTimeoutMs ?? 60_000), { breaker: false });
      if (!got) {
        failed = { version, at: Date.now() };
        options.logger?.warn('llm.embeddings-build-failed', { done: i, total: items.length });
        return false;
      }
      vectors.push(...got);
    }
    const file: CacheFile = { model, version, codes: items.map((x) => x.code), vectors };
    try {
      mkdirSync(options.cacheDir, { recursive: true });
      writeFileSync(`${path}.tmp`, JSON.stringify(file));
      renameSync(`${path}.tmp`, path);
    } catch (err) {
      options.logger?.warn('llm.embeddings-cache-write-failed', { detail: String(err) });
    }
    ready = { version, codes: file.codes, vectors: vectors.map(unit) };
    return true;
  }

  function warm(): Promise<boolean> {
    const version = corpus.version();
    if (ready?.version === version) return Promise.resolve(true);
    if (building?.version === version) return building.done;
    if (failed?.version === version && Date.now() - failed.at < (options.retryAfterMs ?? 600_000)) return Promise.resolve(false);
    const done = build(version).catch(() => false);
    building = { version, done };
    void done.finally(() => {
      if (building?.done === done) building = undefined;
    });
    return done;
  }

  return {
    warm,
    async similar(query, limit, budget) {
      const r = ready;
      if (r?.version !== corpus.version()) {
        void warm();
        return [];
      }
      const q = await client.embed([options.mask(query)], budget);
      if (!q?.[0]) return [];
      const qv = unit(q[0]);
      return r.vectors
        .map((v, i) => ({ i, s: dot(qv, v) }))
        .sort((a, b) => b.s - a.s)
        .slice(0, limit)
        .map((x) => r.codes[x.i]!);
    },
  };
}

/** The corpus of a knowledge base (structurally typed: src/llm does not import src/knowledge). */
export function corpusOf(kb: () => { version: string; procedures: { code: string; title: string; aliases: string[] }[] }): SemanticCorpus {
  return {
    version: () => kb().version,
    // Title and everyday aliases: what a citizen's message should be near in meaning.
    items: () => kb().procedures.map((p) => ({ code: p.code, text: [p.title, ...p.aliases].join('; ') })),
  };
}
