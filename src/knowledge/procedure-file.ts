// The on-disk format of one procedure: YAML front matter between "---" lines, then Markdown
// sections. knowledge/README.md documents it for editors; this module is its only writer.
import { Document, LineCounter, isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import type { Pair, YAMLMap } from 'yaml';
import type { Procedure } from './types.js';

/** Front-matter keys in file order; `aliases` stays last so editors find it at the bottom. */
export const FRONT_KEYS = [
  'code',
  'title',
  'field',
  'levels',
  'level_text',
  'decision',
  'ministry',
  'agencies',
  'competent_agencies',
  'applicants',
  'submit_address',
  'channels',
  'documents',
  'legal',
  'unparsed',
  'portal_url',
  'updated',
  'source',
  'aliases',
] as const;
export type FrontKey = (typeof FRONT_KEYS)[number];

/** Body sections: Markdown heading ↔ Procedure field. */
export const BODY_SECTIONS: ReadonlyArray<readonly ['steps' | 'conditions' | 'result' | 'description', string]> = [
  ['steps', 'Trình tự thực hiện'],
  ['conditions', 'Yêu cầu, điều kiện'],
  ['result', 'Kết quả'],
  ['description', 'Mô tả'],
];

export type ProcedureData = Omit<Procedure, 'file'>;

const YAML_OPTS = { lineWidth: 0, minContentWidth: 0 } as const;

/** Renders a procedure file; the same input always gives the same bytes. */
export function renderProcedureFile(p: ProcedureData): string {
  const front: Record<string, unknown> = {
    code: p.code,
    title: p.title,
    field: p.field,
    levels: p.levels,
    level_text: p.levelText,
    decision: p.decision,
    ministry: p.ministry,
    agencies: p.agencies,
    competent_agencies: p.competentAgencies,
    applicants: p.applicants,
    submit_address: p.submitAddress,
    channels: p.channels,
    documents: p.documents,
    legal: p.legal,
    ...(p.unparsed?.length ? { unparsed: p.unparsed } : {}),
    portal_url: p.portalUrl,
    updated: p.updated,
    source: p.source ?? '',
    aliases: p.aliases,
  };
  const doc = new Document(front);
  // Short scalar lists read better inline: levels: [bo, tinh]
  for (const key of ['levels', 'unparsed']) {
    const seq = doc.get(key, true);
    if (isSeq(seq)) seq.flow = true;
  }
  const yamlText = doc.toString(YAML_OPTS);
  const body = BODY_SECTIONS.filter(([key]) => p[key].trim())
    .map(([key, heading]) => `## ${heading}\n\n${p[key].trim()}\n`)
    .join('\n');
  return `---\n${yamlText}---\n${body ? `\n${body}` : ''}`;
}

/** Renders only the `aliases:` entry (used by add-aliases to rewrite just that part). */
export function renderAliasesEntry(aliases: string[]): string {
  return stringify({ aliases }, YAML_OPTS);
}

export interface SplitFile {
  /** YAML text between the "---" lines. */
  yaml: string;
  /** 1-based line of the first YAML line in the file. */
  yamlLine: number;
  body: string;
  /** 1-based line of the first body line. */
  bodyLine: number;
}

/** Splits front matter from body; undefined when the file does not start with "---". */
export function splitFrontMatter(text: string): SplitFile | undefined {
  const t = text.replace(/^\uFEFF/, '');
  if (!/^---\r?\n/.test(t)) return undefined;
  const start = t.indexOf('\n') + 1;
  const close = /^---[ \t]*$/m;
  const rest = t.slice(start);
  const m = close.exec(rest);
  if (!m) return undefined;
  const yaml = rest.slice(0, m.index);
  const afterClose = rest.slice(m.index + m[0].length).replace(/^\r?\n/, '');
  let yamlLines = 0;
  for (let k = yaml.indexOf('\n'); k >= 0; k = yaml.indexOf('\n', k + 1)) yamlLines++;
  return { yaml, yamlLine: 2, body: afterClose, bodyLine: 2 + yamlLines + 1 };
}

export interface ParsedBody {
  sections: Partial<Record<'steps' | 'conditions' | 'result' | 'description', string>>;
  /** Headings that are not one of BODY_SECTIONS, with their 1-based line. */
  unknown: Array<{ heading: string; line: number }>;
  /** Text before the first heading (not allowed). */
  preamble: string;
}

export function parseBody(body: string, firstLine: number): ParsedBody {
  const sections: ParsedBody['sections'] = {};
  const unknown: ParsedBody['unknown'] = [];
  // Offsets of lines starting with "## " (found with indexOf: bodies are long, headings few).
  const heads: number[] = [];
  if (body.startsWith('## ')) heads.push(0);
  for (let k = body.indexOf('\n## '); k >= 0; k = body.indexOf('\n## ', k + 1)) heads.push(k + 1);
  const lineAt = (offset: number) => {
    let n = firstLine;
    for (let k = body.indexOf('\n'); k >= 0 && k < offset; k = body.indexOf('\n', k + 1)) n++;
    return n;
  };
  let current: keyof ParsedBody['sections'] | undefined;
  let start = 0;
  let preamble = '';
  const close = (end: number) => {
    const text = body.slice(start, end);
    if (current) sections[current] = sections[current] === undefined ? text.trim() : `${sections[current]}\n\n${text.trim()}`;
    else preamble += text;
  };
  for (const h of heads) {
    const eol = body.indexOf('\n', h);
    const heading = body.slice(h + 3, eol < 0 ? body.length : eol).trim().normalize('NFC');
    const known = BODY_SECTIONS.find(([, title]) => title === heading);
    if (!known) {
      unknown.push({ heading, line: lineAt(h) });
      continue;
    }
    close(h);
    current = known[0];
    start = eol < 0 ? body.length : eol + 1;
  }
  close(body.length);
  return { sections, unknown, preamble: preamble.trim() };
}

/** Parses YAML with positions; `lineOf(key)` gives the 1-based file line of a top-level key. */
export function parseFrontMatter(yaml: string, yamlLine: number) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toLine = (offset: number) => lineCounter.linePos(offset).line + yamlLine - 1;
  const map = isMap(doc.contents) ? (doc.contents as YAMLMap) : undefined;
  const pairOf = (key: string): Pair | undefined =>
    map?.items.find((it) => isScalar(it.key) && it.key.value === key) as Pair | undefined;
  const lineOf = (key: string, index?: number): number => {
    const pair = pairOf(key);
    if (!pair) return yamlLine;
    const value = pair.value as { items?: Array<{ range?: number[] }>; range?: number[] } | null;
    const item = index !== undefined ? value?.items?.[index] : undefined;
    const range = item?.range ?? (pair.key as { range?: number[] }).range;
    return range ? toLine(range[0]!) : yamlLine;
  };
  return { doc, toLine, lineOf, pairOf, isMapping: !!map };
}
