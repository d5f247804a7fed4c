// `kb stats`: what the knowledge base holds and where it is thin.
import type { KnowledgeBase } from './types.js';
import { aliasKey, minAliasesFor } from './fields.js';

export interface KbStats {
  procedures: number;
  byField: Record<string, number>;
  byLevel: Record<string, number>;
  byMinistry: Record<string, number>;
  withoutAliases: number;
  underAliasMinimum: number;
  underAliasMinimumByField: Record<string, number>;
  duplicateTitles: Array<{ title: string; codes: string[] }>;
  /** Procedures whose table the importer could not split (marked `unparsed:` in the file). */
  unparsedTables: { channels: number; documents: number; legal: number };
  synonyms: number;
  agencies: number;
}

const inc = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
const sortDesc = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));

export function computeStats(kb: KnowledgeBase): KbStats {
  const byField: Record<string, number> = {};
  const byLevel: Record<string, number> = {};
  const byMinistry: Record<string, number> = {};
  const under: Record<string, number> = {};
  const titles = new Map<string, string[]>();
  const unparsed = { channels: 0, documents: 0, legal: 0 };
  let without = 0;
  let underMin = 0;
  for (const p of kb.procedures) {
    inc(byField, p.field || '(none)');
    for (const l of p.levels) inc(byLevel, l);
    inc(byMinistry, p.ministry || '(none)');
    if (p.aliases.length === 0) without++;
    if (p.aliases.length < minAliasesFor(p.field)) {
      underMin++;
      inc(under, p.field || '(none)');
    }
    const key = aliasKey(p.title);
    titles.set(key, [...(titles.get(key) ?? []), p.code]);
    for (const t of p.unparsed ?? []) unparsed[t]++;
  }
  const duplicateTitles = [...titles.entries()]
    .filter(([, codes]) => codes.length > 1)
    .map(([, codes]) => ({ title: kb.byCode.get(codes[0]!)!.title, codes }))
    .sort((a, b) => a.title.localeCompare(b.title));
  return {
    procedures: kb.procedures.length,
    byField: sortDesc(byField),
    byLevel: sortDesc(byLevel),
    byMinistry: sortDesc(byMinistry),
    withoutAliases: without,
    underAliasMinimum: underMin,
    underAliasMinimumByField: sortDesc(under),
    duplicateTitles,
    unparsedTables: unparsed,
    synonyms: kb.synonyms.length,
    agencies: kb.agencies.agencies.length,
  };
}

export function formatStats(s: KbStats): string {
  const table = (m: Record<string, number>) => Object.entries(m).map(([k, v]) => `  ${String(v).padStart(5)}  ${k}`);
  return [
    `Procedures: ${s.procedures}   synonyms: ${s.synonyms}   agencies: ${s.agencies}`,
    'By level:',
    ...table(s.byLevel),
    'By ministry:',
    ...table(s.byMinistry),
    'By field (lĩnh vực):',
    ...table(s.byField),
    `Without aliases: ${s.withoutAliases}`,
    `Under the alias minimum: ${s.underAliasMinimum}`,
    ...table(s.underAliasMinimumByField),
    `Duplicate titles: ${s.duplicateTitles.length}`,
    ...s.duplicateTitles.map((d) => `  ${d.codes.join(', ')}  ${d.title}`),
    `Unparsed tables (text kept in one row): channels ${s.unparsedTables.channels}, documents ${s.unparsedTables.documents}, legal ${s.unparsedTables.legal}`,
  ].join('\n');
}
