// synonyms.yaml and agencies.yaml: formats, defaults and validation (see knowledge/README.md).
import { LineCounter, isMap, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { Agency, AgencyDirectory, Level, Synonym } from './types.js';
import type { IssueSink } from './issues.js';
import { LEVELS } from './validate-procedure.js';

export const SYNONYMS_FILE = 'synonyms.yaml';
export const AGENCIES_FILE = 'agencies.yaml';

export const EMPTY_AGENCIES: AgencyDirectory = { province: '', intake: '', agencies: [] };

function parseYaml(file: string, text: string, sink: IssueSink) {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const line = (node: unknown) => {
    const r = (node as YamlNode | undefined)?.range;
    return r ? lc.linePos(r[0]).line : 1;
  };
  for (const e of doc.errors) sink.error(file, lc.linePos(e.pos[0]).line, 'yaml', e.message.split('\n')[0]!);
  return { doc, line, ok: doc.errors.length === 0 };
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const nfc = (s: string) => s.normalize('NFC').trim();

export function parseSynonyms(file: string, text: string, sink: IssueSink): Synonym[] {
  const { doc, line, ok } = parseYaml(file, text, sink);
  if (!ok) return [];
  if (doc.contents === null) return [];
  if (!isSeq(doc.contents)) {
    sink.error(file, 1, 'synonyms', 'must be a list of { official, variants } entries');
    return [];
  }
  const out: Synonym[] = [];
  doc.contents.items.forEach((node, i) => {
    const l = line(node);
    const v = (node as YamlNode).toJSON?.() as Record<string, unknown> | undefined;
    if (!isMap(node) || !v) return void sink.error(file, l, 'synonyms', `entry ${i + 1} must be a mapping`);
    for (const k of Object.keys(v)) {
      if (k !== 'official' && k !== 'variants') sink.error(file, l, k, `unknown field in entry ${i + 1}`);
    }
    if (!isText(v.official)) return void sink.error(file, l, 'official', `entry ${i + 1}: missing or empty`);
    if (!Array.isArray(v.variants) || !v.variants.every(isText)) {
      return void sink.error(file, l, 'variants', `entry ${i + 1}: must be a list of non-empty texts`);
    }
    out.push({ official: nfc(v.official), variants: v.variants.map(nfc) });
  });
  return out;
}

const AGENCY_KEYS = ['id', 'name', 'level', 'fields', 'submit', 'matches'];

/** Parses agencies.yaml; `knownFields` (lĩnh vực of the procedures) turns unknown fields into warnings. */
export function parseAgencies(file: string, text: string, knownFields: Set<string>, sink: IssueSink): AgencyDirectory {
  const { doc, line, ok } = parseYaml(file, text, sink);
  if (!ok || doc.contents === null) return EMPTY_AGENCIES;
  const root = doc.contents;
  if (!isMap(root)) {
    sink.error(file, 1, 'agencies', 'must be a mapping with province, intake and agencies');
    return EMPTY_AGENCIES;
  }
  const data = root.toJSON() as Record<string, unknown>;
  if (!data) {
    sink.error(file, 1, 'agencies', 'must be a mapping with province, intake and agencies');
    return EMPTY_AGENCIES;
  }
  for (const k of Object.keys(data)) {
    if (!['province', 'intake', 'agencies'].includes(k)) sink.error(file, line(root.get(k, true)), k, 'unknown field');
  }
  for (const k of ['province', 'intake'] as const) {
    if (data[k] !== undefined && typeof data[k] !== 'string') sink.error(file, line(root.get(k, true)), k, 'must be text');
  }
  const list = root.get('agencies', true);
  const agencies: Agency[] = [];
  if (list !== undefined && !isSeq(list)) sink.error(file, line(list), 'agencies', 'must be a list');
  const ids = new Set<string>();
  if (isSeq(list)) {
    list.items.forEach((node, i) => {
      const l = line(node);
      const a = isMap(node) ? (node.toJSON() as Record<string, unknown>) : undefined;
      if (!a) return void sink.error(file, l, 'agencies', `entry ${i + 1} must be a mapping`);
      for (const k of Object.keys(a)) if (!AGENCY_KEYS.includes(k)) sink.error(file, l, `agencies.${k}`, 'unknown field');
      if (!isText(a.id)) return void sink.error(file, l, 'agencies.id', `entry ${i + 1}: missing or empty`);
      if (ids.has(a.id)) sink.error(file, l, 'agencies.id', `duplicate id "${a.id}"`);
      ids.add(a.id);
      if (!isText(a.name)) sink.error(file, l, 'agencies.name', `"${a.id}": missing or empty`);
      if (!(LEVELS as readonly unknown[]).includes(a.level)) {
        sink.error(file, l, 'agencies.level', `"${a.id}": unknown level "${String(a.level)}" (use ${LEVELS.join(', ')})`);
      }
      for (const k of ['fields', 'matches'] as const) {
        if (a[k] !== undefined && !(Array.isArray(a[k]) && (a[k] as unknown[]).every(isText))) {
          sink.error(file, l, `agencies.${k}`, `"${a.id}": must be a list of texts`);
        }
      }
      if (a.submit !== undefined && typeof a.submit !== 'string') sink.error(file, l, 'agencies.submit', 'must be text');
      const fields = Array.isArray(a.fields) ? (a.fields as unknown[]).filter(isText).map(nfc) : [];
      for (const f of fields) {
        if (knownFields.size > 0 && !knownFields.has(f)) {
          sink.warning(file, l, 'agencies.fields', `"${a.id}": "${f}" is not the lĩnh vực of any procedure`);
        }
      }
      agencies.push({
        id: a.id.trim(),
        name: isText(a.name) ? nfc(a.name) : '',
        level: (a.level as Level) ?? 'khac',
        fields,
        submit: typeof a.submit === 'string' ? nfc(a.submit) : '',
        matches: Array.isArray(a.matches) ? (a.matches as unknown[]).filter(isText).map(nfc) : [],
      });
    });
  }
  const intake = typeof data.intake === 'string' ? nfc(data.intake) : '';
  if (intake && agencies.length > 0 && !ids.has(intake)) {
    sink.error(file, line(root.get('intake', true)), 'intake', `"${intake}" is not the id of an agency in this file`);
  }
  return {
    province: typeof data.province === 'string' ? nfc(data.province) : '',
    intake,
    agencies,
  };
}
