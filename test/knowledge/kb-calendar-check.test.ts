// `kb check` also validates the working-day calendar kept in the knowledge folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALENDAR_FILE, runKb } from '../../src/cli/kb.js';
import { renderProcedureFile } from '../../src/knowledge/index.js';
import { procedure, tempDir } from './helpers.js';

function kbWithCalendar(calendar: string): string {
  const dir = tempDir('kb-cal-');
  mkdirSync(join(dir, 'procedures', 'ho-tich'), { recursive: true });
  writeFileSync(join(dir, 'procedures', 'ho-tich', '1.000001.md'), renderProcedureFile(procedure()));
  mkdirSync(join(dir, 'calendar'), { recursive: true });
  writeFileSync(join(dir, CALENDAR_FILE), calendar);
  return dir;
}

function run(dir: string): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runKb(['check', '--dir', dir], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

describe('kb check: calendar', () => {
  it('accepts a valid calendar', () => {
    const r = run(kbWithCalendar('years: [2026]\nentries:\n  - { date: 2026-04-30, kind: holiday, name: Ngày Giải phóng miền Nam }\n'));
    expect(r.code).toBe(0);
  });
  it('rejects a broken calendar naming file, line and field', () => {
    const r = run(kbWithCalendar('years: [2026]\nentries:\n  - { date: 2026-02-30, kind: holiday, name: Sai ngày }\n'));
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/calendar\/holidays\.yaml:3: entries\[0\]\.date/);
  });
});
