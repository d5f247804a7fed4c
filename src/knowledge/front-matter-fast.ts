// A fast reader for the canonical front-matter layout that renderProcedureFile writes. The `yaml`
// package needs ~0.8 ms per file, too slow to load thousands of files in well under a second on
// a small server, so the loader tries this reader first. It accepts only constructs whose meaning
// is unambiguous (see README "Editing by hand") and returns undefined for anything else — comments,
// anchors, tags, folded or multi-line plain scalars, flow maps, scalars YAML would read as
// numbers/booleans/null — and the caller then falls back to the full `yaml` parser.

export interface FastFrontMatter {
  data: Record<string, unknown>;
  /** 1-based file line of each top-level key. */
  keyLines: Map<string, number>;
  /** 1-based file line of each item of a top-level list. */
  itemLines: Map<string, number[]>;
}

const SPECIAL_PLAIN = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const FAIL = Symbol('fail');

/** Reads an inline scalar; FAIL when it is not in the accepted subset. */
function scalar(raw: string): string | typeof FAIL {
  const s = raw.trim();
  if (s === '') return FAIL;
  const c = s[0]!;
  if (c === '"') {
    if (s.length < 2 || s[s.length - 1] !== '"') return FAIL;
    try {
      const v: unknown = JSON.parse(s);
      return typeof v === 'string' ? v : FAIL;
    } catch {
      return FAIL;
    }
  }
  if (c === "'") {
    if (s.length < 2 || s[s.length - 1] !== "'") return FAIL;
    const inner = s.slice(1, -1);
    if (/'(?!')/.test(inner.replace(/''/g, ''))) return FAIL;
    return inner.replace(/''/g, "'");
  }
  if ('-?:,[]{}#&*!|>%@`'.includes(c) && !(c === '-' && s[1] !== undefined && s[1] !== ' ')) return FAIL;
  if (c === '-' && s.length === 1) return FAIL;
  if (/: |:$| #|\t/.test(s) || SPECIAL_PLAIN.test(s)) return FAIL;
  return s;
}

/** Block literal (`|`, `|-`, `|+`) starting after line `at`; returns the text and the next line. */
function literal(lines: string[], at: number, header: string, parentIndent: number): { value: string; next: number } | typeof FAIL {
  const chomp = header === '|-' ? 'strip' : header === '|+' ? 'keep' : header === '|' ? 'clip' : undefined;
  if (!chomp) return FAIL;
  let i = at + 1;
  let indent = -1;
  const body: string[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      if (indent >= 0 && line.length > indent) body.push(line.slice(indent));
      else if (indent < 0 && line.length > 0) return FAIL; // leading whitespace-only lines: let yaml decide
      else body.push('');
      continue;
    }
    const lead = line.length - line.trimStart().length;
    if (line.slice(0, lead).includes('\t')) return FAIL;
    if (indent < 0) {
      if (lead <= parentIndent) break;
      indent = lead;
    }
    if (lead < indent) break;
    body.push(line.slice(indent));
  }
  if (indent < 0) return FAIL;
  let trailing = 0;
  while (body.length > 0 && body[body.length - 1] === '') {
    body.pop();
    trailing++;
  }
  let value = body.join('\n');
  if (chomp === 'clip') value += '\n';
  if (chomp === 'keep') value += '\n' + '\n'.repeat(trailing);
  return { value, next: i - trailing };
}

/** Value after "key:" on the same line or below; FAIL when outside the subset. */
function valueAt(lines: string[], i: number, inline: string, indent: number): { value: unknown; next: number } | typeof FAIL {
  const t = inline.trim();
  if (t.startsWith('|')) return literal(lines, i, t, indent);
  if (t === '[]') return { value: [], next: i + 1 };
  if (t.startsWith('[')) {
    if (!t.endsWith(']')) return FAIL;
    const items = t.slice(1, -1).split(',').map((x) => scalar(x));
    if (items.some((x) => x === FAIL)) return FAIL;
    return { value: items, next: i + 1 };
  }
  if (t === '') return FAIL; // nested blocks are handled by the callers
  const v = scalar(t);
  return v === FAIL ? FAIL : { value: v, next: i + 1 };
}

export function readFastFrontMatter(yaml: string, firstLine: number): FastFrontMatter | undefined {
  const lines = yaml.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const data: Record<string, unknown> = {};
  const keyLines = new Map<string, number>();
  const itemLines = new Map<string, number[]>();
  const KEY = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const m = KEY.exec(line);
    if (!m || Object.hasOwn(data, m[1]!)) return undefined;
    const key = m[1]!;
    keyLines.set(key, firstLine + i);
    if ((m[2] ?? '').trim() !== '') {
      const v = valueAt(lines, i, m[2]!, 0);
      if (v === FAIL) return undefined;
      data[key] = v.value;
      i = v.next;
      continue;
    }
    // A block sequence below the key ("  - item" or "- item").
    const items: unknown[] = [];
    const at: number[] = [];
    let j = i + 1;
    let dashIndent = -1;
    while (j < lines.length) {
      const l = lines[j]!;
      if (l.trim() === '') return undefined;
      const lead = l.length - l.trimStart().length;
      if (lead === 0 && !l.startsWith('-')) break;
      if (dashIndent < 0) dashIndent = lead;
      if (lead !== dashIndent || !/^-(?: |$)/.test(l.slice(lead))) return undefined;
      const rest = l.slice(lead + 2);
      at.push(firstLine + j);
      const km = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/.exec(rest);
      if (!km) {
        const v = valueAt(lines, j, rest, dashIndent);
        if (v === FAIL) return undefined;
        items.push(v.value);
        j = v.next;
        continue;
      }
      // A mapping item: "- k: v" then "  k: v" lines at dashIndent + 2.
      const row: Record<string, unknown> = {};
      const inner = dashIndent + 2;
      let first = true;
      for (;;) {
        const cur = first ? rest : lines[j]!.slice(inner);
        const mm = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/.exec(cur);
        if (!mm || Object.hasOwn(row, mm[1]!) || (mm[2] ?? '').trim() === '') return undefined;
        const v = valueAt(lines, j, mm[2]!, inner);
        if (v === FAIL) return undefined;
        row[mm[1]!] = v.value;
        j = v.next;
        first = false;
        const nl = lines[j];
        if (nl === undefined || nl.trim() === '') break;
        const nlead = nl.length - nl.trimStart().length;
        if (nlead !== inner || nl[inner] === '-' || nl[inner] === ' ') break;
      }
      items.push(row);
    }
    if (items.length === 0) data[key] = null;
    else {
      data[key] = items;
      itemLines.set(key, at);
    }
    i = j;
  }
  return { data, keyLines, itemLines };
}
