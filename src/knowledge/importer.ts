// `kb import`: turns national-database exports into procedure files. Idempotent: a re-import of
// the same input rewrites nothing; `updated` changes only with the content; aliases are kept.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { renderProcedureFile, parseFrontMatter, splitFrontMatter, type ProcedureData } from './procedure-file.js';
import { convertChatbotTthc, convertNhdandz, detectShape, type Converted, type RecordShape } from './import-records.js';
import type { TableStatus } from './flat-tables.js';
import { listProcedureFiles, PROCEDURES_DIR } from './loader.js';
import { slugify } from './fields.js';

export interface ImportOptions {
  /** Knowledge directory to write into (default ./knowledge). */
  out: string;
  now?: () => Date;
}

type TableCounts = Record<TableStatus, number>;
export interface ImportSummary {
  inputFiles: number;
  records: Record<RecordShape, number>;
  created: number;
  changed: number;
  unchanged: number;
  moved: number;
  skipped: Array<{ file: string; reason: string }>;
  collisions: Array<{ code: string; kept: string; dropped: string }>;
  tables: { channels: TableCounts; documents: TableCounts; legal: TableCounts };
}

function listJson(input: string): string[] {
  if (statSync(input).isFile()) return [input];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.json')) out.push(p);
    }
  };
  walk(input);
  return out.sort();
}

/** Stable source label: "chatbot-tthc/bo-cong-an/1.000178.json", "nhdandz/extracted_fixed/x.json". */
function sourceLabel(path: string, shape: RecordShape): string {
  const parts = path.split(sep);
  const tail = parts.slice(-2).join('/');
  return shape === 'chatbot-tthc' ? `chatbot-tthc/${tail}` : `nhdandz/${tail}`;
}

/** Newer crawl wins: chatbot-tthc (portal crawl, July 2026, with page URL) over nhdandz (Jan 2026). */
const PREFERENCE: Record<RecordShape, number> = { 'chatbot-tthc': 2, nhdandz: 1 };

export function importPath(input: string, options: ImportOptions): ImportSummary {
  const today = (options.now?.() ?? new Date()).toISOString().slice(0, 10);
  const zero = (): TableCounts => ({ ok: 0, unparsed: 0, empty: 0 });
  const summary: ImportSummary = {
    inputFiles: 0,
    records: { 'chatbot-tthc': 0, nhdandz: 0 },
    created: 0,
    changed: 0,
    unchanged: 0,
    moved: 0,
    skipped: [],
    collisions: [],
    tables: { channels: zero(), documents: zero(), legal: zero() },
  };
  const byCode = new Map<string, { conv: Converted; shape: RecordShape; path: string }>();
  for (const path of listJson(input)) {
    summary.inputFiles++;
    let record: unknown;
    try {
      record = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      summary.skipped.push({ file: path, reason: `not JSON: ${(e as Error).message}` });
      continue;
    }
    const shape = detectShape(record);
    if (!shape) {
      summary.skipped.push({ file: path, reason: 'not a procedure record of a known export' });
      continue;
    }
    const source = sourceLabel(path, shape);
    const conv =
      shape === 'chatbot-tthc'
        ? convertChatbotTthc(record as Record<string, string>, basename(dirname(path)), source)
        : convertNhdandz(record as Parameters<typeof convertNhdandz>[0], source);
    if (!conv.data.code || !conv.data.title) {
      summary.skipped.push({ file: path, reason: 'record has no code or no title' });
      continue;
    }
    summary.records[shape]++;
    const prev = byCode.get(conv.data.code);
    if (prev) {
      const keepNew = PREFERENCE[shape] > PREFERENCE[prev.shape];
      summary.collisions.push({
        code: conv.data.code,
        kept: keepNew ? path : prev.path,
        dropped: keepNew ? prev.path : path,
      });
      if (!keepNew) continue;
    }
    byCode.set(conv.data.code, { conv, shape, path });
  }

  const existing = new Map<string, string>();
  if (existsSync(options.out)) {
    for (const rel of listProcedureFiles(options.out)) existing.set(basename(rel, '.md'), rel);
  }
  for (const [code, { conv, path }] of byCode) {
    for (const t of ['channels', 'documents', 'legal'] as const) summary.tables[t][conv.tables[t]]++;
    const target = `${PROCEDURES_DIR}/${slugify(conv.data.field) || 'khac'}/${code}.md`;
    const oldRel = existing.get(code);
    let oldText: string | undefined;
    let kept = { updated: today, aliases: [] as string[] };
    if (oldRel) {
      oldText = readFileSync(join(options.out, oldRel), 'utf8');
      const old = readKept(oldText);
      if (!old) {
        summary.skipped.push({ file: path, reason: `existing ${oldRel} is not valid; fix it first (aliases would be lost)` });
        continue;
      }
      const oldShape = old.source.startsWith('nhdandz/') ? 'nhdandz' : old.source.startsWith('chatbot-tthc/') ? 'chatbot-tthc' : undefined;
      const newShape = byCode.get(code)!.shape;
      if (oldShape && oldShape !== newShape) {
        const keepOld = PREFERENCE[oldShape] > PREFERENCE[newShape];
        summary.collisions.push({ code, kept: keepOld ? old.source : path, dropped: keepOld ? path : old.source });
        if (keepOld) continue;
      }
      kept = { updated: old.updated || today, aliases: old.aliases };
    }
    const unparsed = (['channels', 'documents', 'legal'] as const).filter((t) => conv.tables[t] === 'unparsed');
    const data: ProcedureData = { ...conv.data, ...(unparsed.length ? { unparsed } : {}), ...kept };
    let text = renderProcedureFile(data);
    if (oldText !== undefined && text === oldText && oldRel === target) {
      summary.unchanged++;
      continue;
    }
    if (oldText !== undefined && text !== oldText) text = renderProcedureFile({ ...data, updated: today });
    mkdirSync(join(options.out, dirname(target)), { recursive: true });
    writeFileSync(join(options.out, target), text);
    if (oldRel && oldRel !== target) {
      rmSync(join(options.out, oldRel));
      summary.moved++;
    }
    if (oldText === undefined) summary.created++;
    else if (oldText !== text) summary.changed++;
  }
  return summary;
}

/** Editor-owned values of an existing file; undefined when its front matter does not parse. */
function readKept(text: string): { updated: string; aliases: string[]; source: string } | undefined {
  const split = splitFrontMatter(text);
  if (!split) return undefined;
  const { doc } = parseFrontMatter(split.yaml, split.yamlLine);
  if (doc.errors.length) return undefined;
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  const aliases = Array.isArray(data.aliases) ? data.aliases.filter((a): a is string => typeof a === 'string') : [];
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return { updated: str(data.updated), aliases, source: str(data.source) };
}

export function formatImportSummary(s: ImportSummary, out: string): string {
  const t = (c: TableCounts) => `${c.ok} recovered, ${c.unparsed} unparsed (text kept), ${c.empty} empty`;
  const lines = [
    `Input files: ${s.inputFiles} (chatbot-tthc ${s.records['chatbot-tthc']}, nhdandz ${s.records.nhdandz})`,
    `Written to ${relative(process.cwd(), out) || '.'}: ${s.created} new, ${s.changed} changed, ${s.moved} moved, ${s.unchanged} unchanged`,
    `Channel tables: ${t(s.tables.channels)}`,
    `Document tables: ${t(s.tables.documents)}`,
    `Legal tables: ${t(s.tables.legal)}`,
    `Code collisions: ${s.collisions.length}`,
    ...s.collisions.map((c) => `  ${c.code}: kept ${c.kept}, dropped ${c.dropped}`),
    `Skipped: ${s.skipped.length}`,
    ...s.skipped.map((x) => `  ${x.file}: ${x.reason}`),
  ];
  return lines.join('\n');
}
