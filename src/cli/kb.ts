// `npm run kb -- <command>`: knowledge-base tools for editors (see knowledge/README.md).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatCalendarIssue, parseCalendarYaml } from '../tickets/calendar-file.js';
import {
  addAliases,
  computeStats,
  formatImportSummary,
  formatIssue,
  formatStats,
  importPath,
  loadKnowledge,
  type KbIssue,
} from '../knowledge/index.js';

const USAGE = `Usage: npm run kb -- <command> [options]
  check [--dir knowledge] [--strict-aliases] [--verbose]   validate every knowledge file (exit 1 on errors)
  import <file|dir> [--out knowledge]                      convert national-database exports into procedure files
  stats [--dir knowledge] [--json]                         counts by field, level, ministry; alias gaps; duplicates
  add-aliases <file.json> [--dir knowledge]                merge { "<code>": ["alias", ...] } into procedure files`;

/** Working-day calendar (holidays, make-up days) used for ticket deadlines. */
export const CALENDAR_FILE = 'calendar/holidays.yaml';

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

/** Prints issues; long runs of the same message kind are summarised unless verbose. */
function printIssues(issues: KbIssue[], verbose: boolean, out: (s: string) => void): void {
  const groups = new Map<string, KbIssue[]>();
  for (const i of issues) {
    const kind = `${i.severity}:${i.field}:${i.message.replace(/"[^"]*"|\d+/g, '…')}`;
    groups.set(kind, [...(groups.get(kind) ?? []), i]);
  }
  for (const list of groups.values()) {
    const shown = verbose ? list : list.slice(0, 5);
    for (const i of shown) out(`${i.severity === 'warning' ? 'warning: ' : ''}${formatIssue(i)}`);
    if (shown.length < list.length) out(`  … and ${list.length - shown.length} more like this (use --verbose to list all)`);
  }
}

export function runKb(argv: string[], io = { out: console.log, err: console.error }): number {
  const [cmd, ...args] = argv;
  const dir = resolve(option(args, '--dir', 'knowledge'));
  switch (cmd) {
    case 'check': {
      const started = performance.now();
      const r = loadKnowledge(dir, { strictAliases: args.includes('--strict-aliases') });
      const ms = Math.round(performance.now() - started);
      printIssues(r.warnings, args.includes('--verbose'), io.out);
      if (!r.ok) {
        printIssues(r.errors, true, io.err);
        io.err(`${r.errors.length} error(s), ${r.warnings.length} warning(s)`);
        return 1;
      }
      // The working-day calendar used for ticket deadlines lives in the knowledge folder too.
      const calendarFile = join(dir, CALENDAR_FILE);
      if (existsSync(calendarFile)) {
        const cal = parseCalendarYaml(readFileSync(calendarFile, 'utf8'), CALENDAR_FILE);
        if (!cal.ok) {
          for (const i of cal.issues) io.err(formatCalendarIssue(i));
          io.err(`${cal.issues.length} error(s) in ${CALENDAR_FILE}`);
          return 1;
        }
      } else io.out(`warning: ${CALENDAR_FILE}: missing; deadlines count weekends only`);
      io.out(`OK: ${r.kb.procedures.length} procedures, ${r.kb.synonyms.length} synonyms, ${r.kb.agencies.agencies.length} agencies; ${r.warnings.length} warning(s); loaded in ${ms} ms; version ${r.kb.version}`);
      return 0;
    }
    case 'import': {
      const input = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--out');
      if (!input) {
        io.err(USAGE);
        return 2;
      }
      const out = resolve(option(args, '--out', 'knowledge'));
      const summary = importPath(resolve(input), { out });
      io.out(formatImportSummary(summary, out));
      return summary.skipped.some((s) => s.reason.startsWith('existing')) ? 1 : 0;
    }
    case 'stats': {
      const r = loadKnowledge(dir);
      if (!r.ok) {
        printIssues(r.errors, true, io.err);
        return 1;
      }
      const s = computeStats(r.kb);
      io.out(args.includes('--json') ? JSON.stringify(s, null, 2) : formatStats(s));
      return 0;
    }
    case 'add-aliases': {
      const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--dir');
      if (!file) {
        io.err(USAGE);
        return 2;
      }
      let additions: unknown;
      try {
        additions = JSON.parse(readFileSync(resolve(file), 'utf8'));
      } catch (e) {
        io.err(`${file}: ${(e as Error).message}`);
        return 1;
      }
      if (!additions || typeof additions !== 'object' || Array.isArray(additions)) {
        io.err(`${file}: expected an object { "<code>": ["alias", ...] }`);
        return 1;
      }
      const r = addAliases(dir, additions as Record<string, unknown>);
      io.out(`Added ${r.added} alias(es) in ${r.filesChanged} file(s); ${r.alreadyPresent} already present.`);
      for (const c of r.conflicts) io.out(`skipped: ${c.code}: "${c.alias}" already belongs to ${c.owner}`);
      for (const c of r.unknownCodes) io.out(`skipped: no procedure with code ${c}`);
      for (const f of r.invalid) io.err(`not changed (front matter does not parse): ${f}`);
      return r.invalid.length > 0 ? 1 : 0;
    }
    default:
      io.err(USAGE);
      return cmd === undefined || cmd === '--help' ? 0 : 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli/kb.ts')) {
  process.exitCode = runKb(process.argv.slice(2));
}
