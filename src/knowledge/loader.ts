// Loads and validates the whole knowledge directory. Errors are returned as values; the caller
// (server, CLI, hot reload) decides what to do with them.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { KnowledgeBase, Procedure, Synonym } from './types.js';
import { issueCollector, type KbIssue } from './issues.js';
import { validateProcedureFile, type ValidatedFile } from './validate-procedure.js';
import { AGENCIES_FILE, EMPTY_AGENCIES, SYNONYMS_FILE, parseAgencies, parseSynonyms } from './kb-files.js';
import { aliasKey, minAliasesFor } from './fields.js';

export const PROCEDURES_DIR = 'procedures';

export type LoadResult =
  | { ok: true; kb: KnowledgeBase; warnings: KbIssue[] }
  | { ok: false; errors: KbIssue[]; warnings: KbIssue[] };

export interface LoadOptions {
  /** Treat alias minimums (3, or 8 in citizen-heavy fields) as errors instead of warnings. */
  strictAliases?: boolean;
  now?: () => Date;
}

/** All *.md files under dir, as sorted paths relative to it with "/" separators. */
export function listProcedureFiles(root: string): string[] {
  const base = join(root, PROCEDURES_DIR);
  if (!existsSync(base)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.md')) out.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(base);
  return out.sort();
}

/**
 * Decodes all files as one string and splits it at NUL separators. The pieces are slices of one
 * large string, so the garbage collector never copies the text of thousands of files around;
 * that copying was the largest cost of a load. Files that contain NUL are decoded on their own.
 */
function decodeAll(buffers: Buffer[]): string[] {
  const withNul = buffers.map((b) => b.includes(0));
  const parts: Buffer[] = [];
  const sep = Buffer.from([0]);
  buffers.forEach((b, i) => {
    if (i > 0) parts.push(sep);
    if (!withNul[i]) parts.push(b);
  });
  const pieces = Buffer.concat(parts).toString('utf8').split('\0');
  return buffers.map((b, i) => (withNul[i] ? b.toString('utf8') : pieces[i]!));
}

export function loadKnowledge(dir: string, options: LoadOptions = {}): LoadResult {
  const sink = issueCollector();
  const hash = createHash('sha256');
  const files = listProcedureFiles(dir);
  if (!existsSync(dir)) sink.error(dir, 0, 'file', 'knowledge directory does not exist');
  else if (files.length === 0) sink.warning(PROCEDURES_DIR, 0, 'file', 'no procedure files');

  const procedures: Procedure[] = [];
  const lineOf = new Map<Procedure, ValidatedFile['lineOf']>();
  const buffers = files.map((file) => readFileSync(join(dir, file)));
  files.forEach((file, i) => hash.update(file).update('\0').update(buffers[i]!).update('\0'));
  const texts = decodeAll(buffers);
  for (const [i, file] of files.entries()) {
    const v = validateProcedureFile(file, texts[i]!, sink);
    if (v) {
      procedures.push(v.procedure);
      lineOf.set(v.procedure, v.lineOf);
    }
  }

  const byCode = new Map<string, Procedure>();
  const aliasOwner = new Map<string, Procedure>();
  for (const p of procedures) {
    const first = byCode.get(p.code);
    if (first) {
      sink.error(p.file, lineOf.get(p)!('code'), 'code', `duplicate code "${p.code}", also in ${first.file}`);
      continue;
    }
    byCode.set(p.code, p);
    const aliasLine = (i: number) => lineOf.get(p)!('aliases', i < 0 ? undefined : i);
    const own = new Set<string>();
    p.aliases.forEach((alias, i) => {
      const key = aliasKey(alias);
      if (own.has(key)) {
        sink.warning(p.file, aliasLine(i), 'aliases', `"${alias}" is listed twice`);
        return;
      }
      own.add(key);
      const other = aliasOwner.get(key);
      if (other) {
        const line = aliasLine(i);
        sink.error(p.file, line, 'aliases', `"${alias}" is also an alias of ${other.code} (${other.file})`);
      } else aliasOwner.set(key, p);
    });
    const min = minAliasesFor(p.field);
    if (own.size < min) {
      const msg = `${own.size} aliases, at least ${min} wanted for lĩnh vực "${p.field}"`;
      if (options.strictAliases) sink.error(p.file, aliasLine(-1), 'aliases', msg);
      else sink.warning(p.file, aliasLine(-1), 'aliases', msg);
    }
  }

  let synonyms: Synonym[] = [];
  const synPath = join(dir, SYNONYMS_FILE);
  if (existsSync(synPath)) {
    const text = readFileSync(synPath, 'utf8');
    hash.update(SYNONYMS_FILE).update('\0').update(text).update('\0');
    synonyms = parseSynonyms(SYNONYMS_FILE, text, sink);
  } else sink.warning(SYNONYMS_FILE, 0, 'file', 'missing; no synonyms loaded');

  let agencies = EMPTY_AGENCIES;
  const agPath = join(dir, AGENCIES_FILE);
  if (existsSync(agPath)) {
    const text = readFileSync(agPath, 'utf8');
    hash.update(AGENCIES_FILE).update('\0').update(text).update('\0');
    agencies = parseAgencies(AGENCIES_FILE, text, new Set(procedures.map((p) => p.field)), sink);
  } else sink.warning(AGENCIES_FILE, 0, 'file', 'missing; tickets go to the intake team only');

  const errors = sink.issues.filter((i) => i.severity === 'error');
  const warnings = sink.issues.filter((i) => i.severity === 'warning');
  if (errors.length > 0) return { ok: false, errors, warnings };
  const list = [...byCode.values()];
  return {
    ok: true,
    warnings,
    kb: {
      procedures: list,
      byCode,
      synonyms,
      agencies,
      version: hash.digest('hex').slice(0, 16),
      loadedAt: (options.now?.() ?? new Date()).toISOString(),
    },
  };
}
