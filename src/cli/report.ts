// npm run report -- --from 2026-01-01 --to 2026-03-31 [--agency ID] [--format md|csv|json] [--out FILE]
// Activity report of the 1022 line from the ticket store the server uses (DATABASE_URL, else
// SQLite in DATA_DIR) and the server's working calendar (config.calendarFile, by default
// KNOWLEDGE_DIR/calendar/holidays.yaml).
// Exit codes: 0 done, 1 the store or calendar could not be read, 2 invalid options.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { databaseOf, loadConfig } from '../config.js';
import { formatCalendarIssue, loadCalendarFile } from '../tickets/calendar-file.js';
import { createWorkingCalendar } from '../tickets/calendar.js';
import { renderReport } from '../tickets/report-format.js';
import { buildReport, parseReportQuery } from '../tickets/report-load.js';
import { openTicketStore } from '../tickets/store-open.js';
import { argValue, hasFlag } from './args.js';

const USAGE =
  'Cách dùng / usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--agency ID] [--format md|csv|json] [--out FILE]';

/** Agency id → name from knowledge/agencies.yaml; empty when the file is missing or unreadable. */
function agencyNames(knowledgeDir: string): Record<string, string> {
  const file = join(knowledgeDir, 'agencies.yaml');
  if (!existsSync(file)) return {};
  try {
    const doc = parseYaml(readFileSync(file, 'utf8')) as { agencies?: Array<{ id?: unknown; name?: unknown }> } | null;
    const names: Record<string, string> = {};
    for (const a of doc?.agencies ?? []) if (typeof a.id === 'string' && typeof a.name === 'string') names[a.id] = a.name;
    return names;
  } catch {
    return {};
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (hasFlag(argv, '--help') || hasFlag(argv, '-h')) {
    console.log(USAGE);
    return 0;
  }
  const parsed = parseReportQuery({
    from: argValue(argv, '--from'),
    to: argValue(argv, '--to'),
    agency: argValue(argv, '--agency'),
    format: argValue(argv, '--format'),
  });
  if (!parsed.ok) {
    for (const e of parsed.errors) console.error(e);
    console.error(USAGE);
    return 2;
  }
  const out = argValue(argv, '--out');
  if (hasFlag(argv, '--out') && !out) {
    console.error('Thiếu tên tệp sau --out / missing file name after --out');
    return 2;
  }
  const config = loadConfig();
  // KNOWLEDGE_DIR/calendar/holidays.yaml unless CALENDAR_FILE says otherwise: the server's calendar.
  const cal = await loadCalendarFile(config.calendarFile);
  if (!cal.ok) {
    for (const i of cal.issues) console.error(formatCalendarIssue(i));
    return 1;
  }
  // The same store as the server (src/main.ts): PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR.
  const store = await openTicketStore(databaseOf(config));
  try {
    const { query } = parsed;
    const report = await buildReport(store, {
      period: query.period,
      ...(query.agencyId !== undefined ? { agencyId: query.agencyId } : {}),
      now: new Date(),
      calendar: createWorkingCalendar({ calendar: cal.calendar }),
      agencyNames: agencyNames(config.knowledgeDir),
    });
    const { body } = renderReport(report, query.format);
    if (out) writeFileSync(out, body, 'utf8');
    else process.stdout.write(body);
    return 0;
  } finally {
    await store.close();
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}
