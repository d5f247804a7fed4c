// A fast reader for the canonical front-matter layout that renderProcedureFile writes. The `yaml`
// package needs ~0.8 ms per file, too slow to load thousands of files in well under a second on
// a small server, so the loader tries this reader first. It accepts only constructs whose meaning
// is unambiguous (see README "Editing by hand") and returns undefined for anything else — comments,
// anchors, tags, folded or multi-line plain scalars, flow maps, scalars YAML would read as
// numbers/booleans/null — and the caller then falls back to the full `yaml` parser.
// It works on offsets into the text and slices only the values it keeps: per-line strings and
// regex match arrays made the garbage collector the main cost of loading the knowledge base.

export interface FastFrontMatter {
  data: Record<string, unknown>;
  /** 1-based file line of each top-level key. */
  keyLines: Map<string, number>;
  /** 1-based file line of each item of a top-level list. */
  itemLines: Map<string, number[]>;
}

const SPECIAL_PLAIN = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const PLAIN_UNSAFE = /: |:$| #|\t/;
const INDICATORS = '-?:,[]{}#&*!|>%@`';
const FAIL = Symbol('fail');
type Fail = typeof FAIL;

/** Reads an inline scalar; FAIL when it is not in the accepted subset. */
function scalar(raw: string): string | Fail {
  const s = raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32 ? raw.trim() : raw;
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
  if (INDICATORS.includes(c) && !(c === '-' && s.length > 1 && s[1] !== ' ')) return FAIL;
  if (PLAIN_UNSAFE.test(s) || SPECIAL_PLAIN.test(s)) return FAIL;
  return s;
}

/** The text as lines addressed by offsets: line i spans [start(i), end(i)). */
function lineIndex(text: string) {
  const starts: number[] = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
  const last = text.endsWith('\n') ? text.length - 1 : text.length;
  if (starts[starts.length - 1] === text.length) starts.pop(); // trailing newline
  const count = starts.length;
  const start = (i: number) => starts[i]!;
  const end = (i: number) => (i + 1 < count ? starts[i + 1]! - 1 : last);
  /** Leading spaces of line i; -1 when a tab is part of the indentation. */
  const indent = (i: number) => {
    let p = starts[i]!;
    const e = end(i);
    while (p < e && text.charCodeAt(p) === 32) p++;
    return p < e && text.charCodeAt(p) === 9 ? -1 : p - starts[i]!;
  };
  const blank = (i: number) => {
    const e = end(i);
    for (let p = starts[i]!; p < e; p++) if (text.charCodeAt(p) !== 32) return false;
    return true;
  };
  return { count, start, end, indent, blank };
}
type Lines = ReturnType<typeof lineIndex>;

/** A "key:" at offset p: the key and the offset of its value (-1 when the line ends there). */
function keyAt(text: string, p: number, e: number): { key: string; value: number } | undefined {
  let q = p;
  const first = text.charCodeAt(q);
  if (!(isLetter(first) || first === 95)) return undefined;
  while (q < e) {
    const ch = text.charCodeAt(q);
    if (isLetter(ch) || ch === 95 || (ch >= 48 && ch <= 57)) q++;
    else break;
  }
  if (text.charCodeAt(q) !== 58 || q >= e) return undefined; // ':'
  const key = text.slice(p, q);
  if (q + 1 === e) return { key, value: -1 };
  if (text.charCodeAt(q + 1) !== 32) return undefined;
  return { key, value: q + 2 };
}

function isLetter(ch: number): boolean {
  return (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122);
}

/** Block literal (`|`, `|-`, `|+`) after line `at`; returns the text and the next line. */
function literal(text: string, L: Lines, at: number, header: string, parentIndent: number): { value: string; next: number } | Fail {
  const chomp = header === '|-' ? 'strip' : header === '|+' ? 'keep' : header === '|' ? 'clip' : undefined;
  if (!chomp) return FAIL;
  let i = at + 1;
  let indent = -1;
  const body: string[] = [];
  for (; i < L.count; i++) {
    const len = L.end(i) - L.start(i);
    if (L.blank(i)) {
      if (indent >= 0 && len > indent) body.push(text.slice(L.start(i) + indent, L.end(i)));
      else if (indent < 0 && len > 0) return FAIL; // leading whitespace-only lines: let yaml decide
      else body.push('');
      continue;
    }
    const lead = L.indent(i);
    if (lead < 0) return FAIL;
    if (indent < 0) {
      if (lead <= parentIndent) break;
      indent = lead;
    }
    if (lead < indent) break;
    body.push(text.slice(L.start(i) + indent, L.end(i)));
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

/** The value of a key whose text starts at offset `from` on line i. */
function valueAt(text: string, L: Lines, i: number, from: number, indent: number): { value: unknown; next: number } | Fail {
  const raw = text.slice(from, L.end(i));
  const c = raw.charCodeAt(0);
  if (c === 124) return literal(text, L, i, raw.trim(), indent); // '|'
  if (c === 91) {
    // '[': a flow list of plain or quoted scalars on one line
    const t = raw.trim();
    if (t === '[]') return { value: [], next: i + 1 };
    if (!t.endsWith(']')) return FAIL;
    const items = t.slice(1, -1).split(',').map(scalar);
    if (items.some((x) => x === FAIL)) return FAIL;
    return { value: items, next: i + 1 };
  }
  const v = scalar(raw);
  return v === FAIL ? FAIL : { value: v, next: i + 1 };
}

/** "- k: v" followed by "  k: v" lines: one mapping item of a list. */
function mappingItem(text: string, L: Lines, i: number, from: number, inner: number): { value: Record<string, unknown>; next: number } | Fail {
  const row: Record<string, unknown> = {};
  let j = i;
  let p = from;
  for (;;) {
    const k = keyAt(text, p, L.end(j));
    if (!k || k.value < 0 || Object.hasOwn(row, k.key)) return FAIL;
    const v = valueAt(text, L, j, k.value, inner);
    if (v === FAIL) return FAIL;
    row[k.key] = v.value;
    j = v.next;
    if (j >= L.count || L.blank(j) || L.indent(j) !== inner) break;
    const ch = text.charCodeAt(L.start(j) + inner);
    if (ch === 45 || ch === 32) break; // '-' starts the next item
    p = L.start(j) + inner;
  }
  return { value: row, next: j };
}

export function readFastFrontMatter(yaml: string, firstLine: number): FastFrontMatter | undefined {
  if (yaml.includes('\r')) return undefined; // CRLF files: let yaml normalise line breaks
  const L = lineIndex(yaml);
  const data: Record<string, unknown> = {};
  const keyLines = new Map<string, number>();
  const itemLines = new Map<string, number[]>();
  let i = 0;
  while (i < L.count) {
    if (L.blank(i)) {
      i++;
      continue;
    }
    const k = keyAt(yaml, L.start(i), L.end(i));
    if (!k || Object.hasOwn(data, k.key)) return undefined;
    keyLines.set(k.key, firstLine + i);
    if (k.value >= 0) {
      const v = valueAt(yaml, L, i, k.value, 0);
      if (v === FAIL) return undefined;
      data[k.key] = v.value;
      i = v.next;
      continue;
    }
    // A block sequence below the key ("  - item" or "- item").
    const items: unknown[] = [];
    const at: number[] = [];
    let j = i + 1;
    let dashIndent = -1;
    while (j < L.count) {
      if (L.blank(j)) return undefined;
      const lead = L.indent(j);
      if (lead < 0) return undefined;
      const s = L.start(j) + lead;
      if (lead === 0 && yaml.charCodeAt(s) !== 45) break;
      if (dashIndent < 0) dashIndent = lead;
      if (lead !== dashIndent || yaml.charCodeAt(s) !== 45) return undefined;
      if (s + 1 === L.end(j) || yaml.charCodeAt(s + 1) !== 32) return undefined;
      at.push(firstLine + j);
      const item = keyAt(yaml, s + 2, L.end(j))
        ? mappingItem(yaml, L, j, s + 2, dashIndent + 2)
        : valueAt(yaml, L, j, s + 2, dashIndent);
      if (item === FAIL) return undefined;
      items.push(item.value);
      j = item.next;
    }
    if (items.length === 0) data[k.key] = null;
    else {
      data[k.key] = items;
      itemLines.set(k.key, at);
    }
    i = j;
  }
  return { data, keyLines, itemLines };
}
