// Validation of one procedure file: shape of the front matter and of the body. Cross-file rules
// (duplicate codes and aliases) live in the loader.
import { basename } from 'node:path';
import type { ChannelRow, DocumentRow, LegalRow, Level, Procedure, SubmitChannel } from './types.js';
import { FRONT_KEYS, parseBody, parseFrontMatter, splitFrontMatter } from './procedure-file.js';
import { readFastFrontMatter } from './front-matter-fast.js';
import type { IssueSink } from './issues.js';

export const LEVELS: readonly Level[] = ['bo', 'tinh', 'xa', 'khac'];
export const CHANNELS: readonly SubmitChannel[] = ['truc-tiep', 'truc-tuyen', 'buu-chinh'];

type Row = Record<string, unknown>;

type LineOf = (key: string, index?: number) => number;

/** Front matter as plain data plus key/item lines: fast reader first, full YAML parser otherwise. */
function readFrontMatter(
  yaml: string,
  yamlLine: number,
): { data: Record<string, unknown>; lineOf: LineOf } | { errors: Array<{ line: number; message: string }> } {
  const fast = readFastFrontMatter(yaml, yamlLine);
  if (fast) {
    const lineOf: LineOf = (key, index) =>
      (index !== undefined ? fast.itemLines.get(key)?.[index] : undefined) ?? fast.keyLines.get(key) ?? yamlLine;
    return { data: fast.data, lineOf };
  }
  const { doc, toLine, lineOf, isMapping } = parseFrontMatter(yaml, yamlLine);
  if (doc.errors.length > 0) {
    return { errors: doc.errors.map((e) => ({ line: toLine(e.pos[0]), message: e.message.split('\n')[0]! })) };
  }
  if (!isMapping) return { errors: [{ line: yamlLine, message: 'front matter must be a mapping of "key: value" lines' }] };
  return { data: doc.toJS() as Record<string, unknown>, lineOf };
}

export interface ValidatedFile {
  procedure: Procedure;
  /** 1-based line of a front-matter key, or of item `index` of a list. */
  lineOf: LineOf;
}

/** Validates one file; returns the procedure when it has no errors (warnings are fine). */
export function validateProcedureFile(file: string, text: string, sink: IssueSink): ValidatedFile | undefined {
  const before = sink.issues.filter((i) => i.severity === 'error').length;
  const split = splitFrontMatter(text);
  if (!split) {
    sink.error(file, 1, 'file', 'must start with a "---" line, then YAML front matter, then "---"');
    return undefined;
  }
  const read = readFrontMatter(split.yaml, split.yamlLine);
  if ('errors' in read) {
    for (const e of read.errors) sink.error(file, e.line, 'yaml', e.message);
    return undefined;
  }
  const { data, lineOf } = read;
  for (const key of Object.keys(data)) {
    if (!(FRONT_KEYS as readonly string[]).includes(key)) {
      sink.error(file, lineOf(key), key, `unknown field (allowed: ${FRONT_KEYS.join(', ')})`);
    }
  }
  const str = (key: string, required = false): string => {
    const v = data[key];
    if (v === undefined || v === null) {
      if (required) sink.error(file, lineOf(key), key, 'missing');
      return '';
    }
    if (typeof v !== 'string') {
      sink.error(file, lineOf(key), key, `must be text, got ${typeof v} (put it in quotes)`);
      return '';
    }
    if (required && !v.trim()) sink.error(file, lineOf(key), key, 'must not be empty');
    return v.normalize('NFC').trim();
  };
  const strList = (key: string): string[] => {
    const v = data[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      sink.error(file, lineOf(key), key, 'must be a list ("- item" lines or [a, b])');
      return [];
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item !== 'string') sink.error(file, lineOf(key, i), key, `item ${i + 1} must be text`);
      else if (item.trim()) out.push(item.normalize('NFC').trim());
    });
    return out;
  };
  const rows = <T>(key: string, fields: readonly string[], check?: (r: Row, line: number) => void): T[] => {
    const v = data[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      sink.error(file, lineOf(key), key, 'must be a list of rows');
      return [];
    }
    return v.map((r: unknown, i) => {
      const line = lineOf(key, i);
      const row: Row = {};
      if (!r || typeof r !== 'object' || Array.isArray(r)) {
        sink.error(file, line, key, `row ${i + 1} must be a mapping with ${fields.join(', ')}`);
        return row as T;
      }
      for (const k of Object.keys(r)) {
        if (!fields.includes(k)) sink.error(file, line, `${key}.${k}`, `unknown field in row ${i + 1}`);
      }
      for (const f of fields) {
        const fv = (r as Row)[f];
        if (fv === undefined || fv === null) row[f] = '';
        else if (typeof fv !== 'string') {
          sink.error(file, line, `${key}.${f}`, `row ${i + 1}: must be text (put it in quotes)`);
          row[f] = '';
        } else row[f] = fv.normalize('NFC');
      }
      check?.(row, line);
      return row as T;
    });
  };

  const code = str('code', true);
  const title = str('title', true);
  const expected = basename(file).replace(/\.md$/, '');
  if (code && code !== expected) {
    sink.error(file, lineOf('code'), 'code', `"${code}" does not match the file name "${expected}.md"`);
  }
  const field = str('field');
  if (!field) sink.warning(file, lineOf('field'), 'field', 'no lĩnh vực; the procedure cannot be routed to an agency');
  const levelsRaw = strList('levels');
  const levels: Level[] = [];
  levelsRaw.forEach((l, i) => {
    if ((LEVELS as readonly string[]).includes(l)) levels.push(l as Level);
    else sink.error(file, lineOf('levels', i), 'levels', `unknown level "${l}" (use ${LEVELS.join(', ')})`);
  });
  const channels = rows<ChannelRow>('channels', ['channel', 'time', 'fee', 'note'], (r, line) => {
    if (!(CHANNELS as readonly string[]).includes(String(r.channel))) {
      sink.error(file, line, 'channels.channel', `unknown channel "${String(r.channel)}" (use ${CHANNELS.join(', ')})`);
    }
  });
  const documents = rows<DocumentRow>('documents', ['group', 'name', 'form', 'copies'], (r, line) => {
    if (!String(r.name).trim()) sink.warning(file, line, 'documents.name', 'document row without a name');
  });
  const legal = rows<LegalRow>('legal', ['number', 'title']);
  const unparsed = strList('unparsed').filter((t, i) => {
    const ok = t === 'channels' || t === 'documents' || t === 'legal';
    if (!ok) sink.error(file, lineOf('unparsed', i), 'unparsed', `unknown table "${t}" (use channels, documents, legal)`);
    return ok;
  }) as Procedure['unparsed'];

  const body = parseBody(split.body, split.bodyLine);
  for (const u of body.unknown) {
    sink.error(file, u.line, 'body', `unknown section "## ${u.heading}" (use Trình tự thực hiện, Yêu cầu, điều kiện, Kết quả, Mô tả)`);
  }
  if (body.preamble) sink.error(file, split.bodyLine, 'body', 'text before the first "## " section heading');

  const procedure: Procedure = {
    code,
    title,
    field,
    levels,
    levelText: str('level_text'),
    decision: str('decision'),
    ministry: str('ministry'),
    agencies: strList('agencies'),
    competentAgencies: strList('competent_agencies'),
    applicants: strList('applicants'),
    submitAddress: str('submit_address'),
    channels,
    documents,
    legal,
    steps: (body.sections.steps ?? '').normalize('NFC'),
    conditions: (body.sections.conditions ?? '').normalize('NFC'),
    result: (body.sections.result ?? '').normalize('NFC'),
    description: (body.sections.description ?? '').normalize('NFC'),
    portalUrl: str('portal_url'),
    updated: str('updated'),
    aliases: strList('aliases'),
    file,
    source: str('source'),
    ...(unparsed && unparsed.length ? { unparsed } : {}),
  };
  if (procedure.updated && !/^\d{4}-\d{2}-\d{2}$/.test(procedure.updated)) {
    sink.error(file, lineOf('updated'), 'updated', 'must be a date like 2026-11-28');
  }
  const after = sink.issues.filter((i) => i.severity === 'error').length;
  return after === before ? { procedure, lineOf } : undefined;
}
