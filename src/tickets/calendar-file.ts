// Loads and validates the editable working calendar (knowledge/calendar/holidays.yaml).
// Problems are returned as values naming file, line and field, so the CLI and the server can
// print them the same way as knowledge-file issues.

import { existsSync } from 'node:fs';
import { readFile as fsReadFile } from 'node:fs/promises';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';

export type CalendarEntryKind = 'holiday' | 'workday';

export interface CalendarEntry {
  /** Local calendar date (Asia/Ho_Chi_Minh), 'YYYY-MM-DD'. */
  date: string;
  kind: CalendarEntryKind;
  /** Vietnamese name shown to staff, e.g. 'Tết Dương lịch', 'Nghỉ bù Giỗ Tổ Hùng Vương'. */
  name: string;
  note?: string;
  source?: string;
  /** 1-based line of the entry in the file (0 when built in code). */
  line: number;
}

export interface CalendarData {
  /** Years the file claims to cover completely; outside them only weekends count as days off. */
  years: number[];
  entries: CalendarEntry[];
}

export interface CalendarIssue {
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  line: number;
  /** Dotted path of the field, e.g. 'entries[3].kind', or 'yaml' / 'file'. */
  field: string;
  message: string;
}

export type CalendarLoadResult =
  | { ok: true; calendar: CalendarData }
  | { ok: false; issues: CalendarIssue[] };

const KINDS: readonly CalendarEntryKind[] = ['holiday', 'workday'];
const ENTRY_FIELDS = new Set(['date', 'kind', 'name', 'note', 'source']);
const TOP_FIELDS = new Set(['years', 'entries']);
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function formatCalendarIssue(i: CalendarIssue): string {
  return `${i.file}:${i.line}: ${i.field}: ${i.message}`;
}

/** True when `s` is a real Gregorian date written 'YYYY-MM-DD'. */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Day of week of an ISO date: 0 = Sunday … 6 = Saturday. */
export function isoWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function parseCalendarYaml(text: string, file: string): CalendarLoadResult {
  const issues: CalendarIssue[] = [];
  const lineCounter = new LineCounter();
  const lineOf = (node: Node | null | undefined | unknown): number => {
    const range = (node as Node | null | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : 0;
  };
  const add = (line: number, field: string, message: string) =>
    issues.push({ file, line, field, message });

  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  for (const e of doc.errors) add(lineCounter.linePos(e.pos[0]).line, 'yaml', e.message);
  if (issues.length > 0) return { ok: false, issues };

  const root = doc.contents;
  if (!isMap(root)) {
    add(lineOf(root), 'file', 'the file must be a mapping with keys "years" and "entries"');
    return { ok: false, issues };
  }

  let yearsNode: Node | undefined;
  let entriesNode: Node | undefined;
  for (const pair of root.items as Pair<Node, Node>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === 'years') yearsNode = pair.value ?? undefined;
    else if (key === 'entries') entriesNode = pair.value ?? undefined;
    if (!TOP_FIELDS.has(key)) add(lineOf(pair.key), key || 'file', 'unknown top-level field');
  }

  const years: number[] = [];
  if (!isSeq(yearsNode) || yearsNode.items.length === 0) {
    add(lineOf(yearsNode ?? root), 'years', 'required: a non-empty list of covered years');
  } else {
    yearsNode.items.forEach((item, i) => {
      const v = isScalar(item) ? item.value : undefined;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1900 || v > 2200) {
        add(lineOf(item), `years[${i}]`, 'must be a four-digit year');
      } else if (years.includes(v)) {
        add(lineOf(item), `years[${i}]`, `year ${v} is listed twice`);
      } else years.push(v);
    });
  }

  const entries: CalendarEntry[] = [];
  if (!isSeq(entriesNode)) {
    add(lineOf(entriesNode ?? root), 'entries', 'required: a list of dated entries');
    return { ok: false, issues };
  }
  const seen = new Map<string, number>();
  entriesNode.items.forEach((item, i) => {
    const path = `entries[${i}]`;
    const entryLine = lineOf(item);
    if (!isMap(item)) {
      add(entryLine, path, 'each entry must be a mapping with date, kind and name');
      return;
    }
    const fields = new Map<string, { value: unknown; line: number }>();
    for (const pair of item.items as Pair<Node, Node>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!ENTRY_FIELDS.has(key)) {
        add(lineOf(pair.key), `${path}.${key}`, 'unknown field (allowed: date, kind, name, note, source)');
        continue;
      }
      const value = isScalar(pair.value) ? pair.value.value : pair.value?.toJSON();
      fields.set(key, { value, line: lineOf(pair.value ?? pair.key) });
    }
    let ok = true;
    const date = fields.get('date');
    if (!date) {
      add(entryLine, `${path}.date`, 'required');
      ok = false;
    } else if (typeof date.value !== 'string' || !isIsoDate(date.value)) {
      add(date.line, `${path}.date`, `"${String(date.value)}" is not a valid date YYYY-MM-DD`);
      ok = false;
    } else {
      const first = seen.get(date.value);
      if (first !== undefined) {
        add(date.line, `${path}.date`, `duplicate date ${date.value} (first listed on line ${first})`);
        ok = false;
      } else seen.set(date.value, date.line);
      const year = Number(date.value.slice(0, 4));
      if (years.length > 0 && !years.includes(year)) {
        add(date.line, `${path}.date`, `year ${year} is not listed in "years"`);
        ok = false;
      }
    }
    const kind = fields.get('kind');
    if (!kind) {
      add(entryLine, `${path}.kind`, 'required (holiday or workday)');
      ok = false;
    } else if (!KINDS.includes(kind.value as CalendarEntryKind)) {
      add(kind.line, `${path}.kind`, `unknown kind "${String(kind.value)}" (allowed: holiday, workday)`);
      ok = false;
    }
    const name = fields.get('name');
    if (!name) {
      add(entryLine, `${path}.name`, 'required');
      ok = false;
    } else if (typeof name.value !== 'string' || name.value.trim() === '') {
      add(name.line, `${path}.name`, 'must be a non-empty text');
      ok = false;
    }
    for (const key of ['note', 'source'] as const) {
      const f = fields.get(key);
      if (f && typeof f.value !== 'string') {
        add(f.line, `${path}.${key}`, 'must be text');
        ok = false;
      }
    }
    if (!ok || !date || !kind || !name) return;
    const entry: CalendarEntry = {
      date: date.value as string,
      kind: kind.value as CalendarEntryKind,
      name: (name.value as string).trim(),
      line: entryLine,
    };
    const note = fields.get('note')?.value;
    const source = fields.get('source')?.value;
    if (typeof note === 'string') entry.note = note;
    if (typeof source === 'string') entry.source = source;
    // A make-up working day only means something on a weekend; on a weekday it is a typo.
    const dow = isoWeekday(entry.date);
    if (entry.kind === 'workday' && dow !== 0 && dow !== 6) {
      add(kind.line, `${path}.kind`, `workday ${entry.date} is not a Saturday or Sunday`);
      return;
    }
    entries.push(entry);
  });

  if (issues.length > 0) return { ok: false, issues };
  entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { ok: true, calendar: { years: [...years].sort((a, b) => a - b), entries } };
}

export interface CalendarFileDeps {
  readFile?: (path: string) => Promise<string>;
}

/** Reads and validates a calendar file; `displayName` is the name used in issues. */
export async function loadCalendarFile(
  path: string,
  deps: CalendarFileDeps = {},
  displayName = path,
): Promise<CalendarLoadResult> {
  const read = deps.readFile ?? ((p: string) => fsReadFile(p, 'utf8'));
  let text: string;
  try {
    text = await read(path);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, issues: [{ file: displayName, line: 0, field: 'file', message: `cannot read: ${message}` }] };
  }
  return parseCalendarYaml(text, displayName);
}

/**
 * The service's calendar at start-up: the validated file, or weekends only when the file is
 * missing (`kb check` warns about that); an invalid file throws with its first issues.
 */
export async function loadServiceCalendar(path: string, onMissing: () => void): Promise<CalendarData> {
  if (!existsSync(path)) {
    onMissing();
    return { years: [], entries: [] };
  }
  const r = await loadCalendarFile(path);
  if (!r.ok) throw new Error(`working calendar ${path} is invalid: ${r.issues.slice(0, 5).map(formatCalendarIssue).join('; ')}`);
  return r.calendar;
}
