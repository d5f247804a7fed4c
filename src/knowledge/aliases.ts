// `kb add-aliases`: merges citizen-style aliases into procedure files, touching nothing but the
// front matter's `aliases:` entry.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listProcedureFiles } from './loader.js';
import { parseFrontMatter, renderAliasesEntry, splitFrontMatter } from './procedure-file.js';
import { aliasKey } from './fields.js';

export interface AddAliasesReport {
  filesChanged: number;
  added: number;
  alreadyPresent: number;
  /** Aliases not added because another procedure already uses them. */
  conflicts: Array<{ code: string; alias: string; owner: string }>;
  unknownCodes: string[];
  /** Files whose front matter could not be read. */
  invalid: string[];
}

interface FileInfo {
  rel: string;
  text: string;
  aliases: string[];
}

function readInfo(dir: string, rel: string): FileInfo | undefined {
  const text = readFileSync(join(dir, rel), 'utf8');
  const split = splitFrontMatter(text);
  if (!split) return undefined;
  const { doc } = parseFrontMatter(split.yaml, split.yamlLine);
  if (doc.errors.length) return undefined;
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  const aliases = Array.isArray(data.aliases) ? data.aliases.filter((a): a is string => typeof a === 'string') : [];
  return { rel, text, aliases };
}

/** Replaces (or appends) the top-level `aliases:` entry, leaving every other byte as it was. */
export function replaceAliasesInText(text: string, aliases: string[]): string | undefined {
  const split = splitFrontMatter(text);
  if (!split) return undefined;
  const { pairOf } = parseFrontMatter(split.yaml, split.yamlLine);
  const yamlStart = text.indexOf('\n') + 1;
  const entry = renderAliasesEntry(aliases);
  const pair = pairOf('aliases');
  if (!pair) {
    const yamlEnd = yamlStart + split.yaml.length;
    const sepNl = split.yaml === '' || split.yaml.endsWith('\n') ? '' : '\n';
    return text.slice(0, yamlEnd) + sepNl + entry + text.slice(yamlEnd);
  }
  const keyRange = (pair.key as { range?: number[] }).range!;
  const value = pair.value as { range?: number[] } | null;
  const yaml = split.yaml;
  let end = value?.range ? value.range[2]! : keyRange[2]!;
  // Continue to the start of the next line so the next key keeps its own line.
  while (end < yaml.length && end > 0 && yaml[end - 1] !== '\n') end++;
  return text.slice(0, yamlStart + keyRange[0]!) + entry + text.slice(yamlStart + end);
}

export function addAliases(dir: string, additions: Record<string, unknown>): AddAliasesReport {
  const report: AddAliasesReport = { filesChanged: 0, added: 0, alreadyPresent: 0, conflicts: [], unknownCodes: [], invalid: [] };
  const infos = new Map<string, FileInfo>();
  const owner = new Map<string, string>();
  for (const rel of listProcedureFiles(dir)) {
    const code = rel.replace(/^.*\//, '').replace(/\.md$/, '');
    const info = readInfo(dir, rel);
    if (!info) {
      report.invalid.push(rel);
      continue;
    }
    infos.set(code, info);
    for (const a of info.aliases) if (!owner.has(aliasKey(a))) owner.set(aliasKey(a), code);
  }
  for (const [code, list] of Object.entries(additions)) {
    const info = infos.get(code);
    if (!info) {
      report.unknownCodes.push(code);
      continue;
    }
    const next = [...info.aliases];
    const own = new Set(next.map(aliasKey));
    for (const raw of Array.isArray(list) ? list : []) {
      if (typeof raw !== 'string') continue;
      const alias = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
      if (!alias) continue;
      const key = aliasKey(alias);
      if (own.has(key)) {
        report.alreadyPresent++;
        continue;
      }
      const o = owner.get(key);
      if (o && o !== code) {
        report.conflicts.push({ code, alias, owner: o });
        continue;
      }
      next.push(alias);
      own.add(key);
      owner.set(key, code);
      report.added++;
    }
    if (next.length === info.aliases.length) continue;
    const text = replaceAliasesInText(info.text, next);
    if (text === undefined) {
      report.invalid.push(info.rel);
      continue;
    }
    writeFileSync(join(dir, info.rel), text);
    info.text = text;
    info.aliases = next;
    report.filesChanged++;
  }
  return report;
}
