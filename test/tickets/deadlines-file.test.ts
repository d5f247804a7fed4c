import { describe, expect, it } from 'vitest';
import {
  formatCalendarIssue,
  loadCalendarFile,
  parseCalendarYaml,
  type CalendarIssue,
} from '../../src/tickets/calendar-file.js';
import { loadRealCalendar } from './deadlines-helpers.js';

const BAD = `years: [2026]
entries:
  - date: 2026-01-01
    kind: holiday
    name: Tết Dương lịch
  - date: 2026-01-01
    kind: holiday
    name: Trùng ngày
  - date: 2026-02-30
    kind: holiday
    name: Ngày không có thật
  - date: 2026-03-02
    kind: vacation
    name: Loại lạ
  - date: 2026-03-03
    kind: workday
    name: Thứ Ba làm bù
  - date: 2027-01-01
    kind: holiday
    name: Ngoài năm
  - date: 2026-05-05
    kind: holiday
  - date: 2026-05-06
    kind: holiday
    name: Ngày có trường lạ
    colour: red
`;

const brief = (i: CalendarIssue) => [i.file, i.line, i.field];

describe('calendar file validation', () => {
  it('the shipped calendar file is valid', async () => {
    const cal = await loadRealCalendar();
    expect(cal.years).toEqual([2026, 2027]);
    expect(cal.entries.length).toBeGreaterThan(20);
  });

  it('names file, line and field for every problem', () => {
    const r = parseCalendarYaml(BAD, 'calendar/holidays.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map(brief)).toEqual([
      ['calendar/holidays.yaml', 6, 'entries[1].date'],
      ['calendar/holidays.yaml', 9, 'entries[2].date'],
      ['calendar/holidays.yaml', 13, 'entries[3].kind'],
      ['calendar/holidays.yaml', 16, 'entries[4].kind'],
      ['calendar/holidays.yaml', 18, 'entries[5].date'],
      ['calendar/holidays.yaml', 21, 'entries[6].name'],
      ['calendar/holidays.yaml', 26, 'entries[7].colour'],
    ]);
    const text = r.issues.map(formatCalendarIssue).join('\n');
    expect(text).toContain('calendar/holidays.yaml:6: entries[1].date: duplicate date 2026-01-01 (first listed on line 3)');
    expect(text).toContain('unknown kind "vacation"');
    expect(text).toContain('2026-03-03 is not a Saturday or Sunday');
    expect(text).toContain('year 2027 is not listed');
  });

  it('reports YAML syntax errors with a line', () => {
    const r = parseCalendarYaml('years: [2026]\nentries:\n  - date: 2026-01-01\n    kind: [holiday\n', 'x.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]?.field).toBe('yaml');
    expect(r.issues[0]?.line).toBeGreaterThan(0);
  });

  it('reports missing top-level fields and unknown ones', () => {
    const r = parseCalendarYaml('entries: []\nholidays: []\n', 'x.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.line, i.field])).toEqual([
      [2, 'holidays'],
      [1, 'years'],
    ]);
  });

  it('reports an unreadable file as a value', async () => {
    const r = await loadCalendarFile('/nowhere/holidays.yaml', {
      readFile: async () => {
        throw new Error('ENOENT');
      },
    }, 'calendar/holidays.yaml');
    expect(r).toEqual({
      ok: false,
      issues: [{ file: 'calendar/holidays.yaml', line: 0, field: 'file', message: 'cannot read: ENOENT' }],
    });
  });

  it('accepts a minimal valid file and sorts entries by date', () => {
    const r = parseCalendarYaml(
      'years: [2026]\nentries:\n  - date: 2026-09-02\n    kind: holiday\n    name: Quốc khánh\n  - date: 2026-01-10\n    kind: workday\n    name: Làm bù\n    note: Thứ Bảy\n',
      'x.yaml',
    );
    expect(r.ok && r.calendar.entries.map((e) => [e.date, e.kind, e.line])).toEqual([
      ['2026-01-10', 'workday', 6],
      ['2026-09-02', 'holiday', 3],
    ]);
  });
});
