// Shared helpers for the deadline tests: the real calendar file and local-time instants.
import { fileURLToPath } from 'node:url';
import { loadCalendarFile, type CalendarData } from '../../src/tickets/calendar-file.js';

export const HOLIDAYS_FILE = fileURLToPath(new URL('../../knowledge/calendar/holidays.yaml', import.meta.url));

/** An instant given in Vietnamese local time, e.g. vn('2026-03-09 10:00'). */
export function vn(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+07:00`);
}

export async function loadRealCalendar(): Promise<CalendarData> {
  const result = await loadCalendarFile(HOLIDAYS_FILE, {}, 'holidays.yaml');
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.file}:${i.line}: ${i.field}: ${i.message}`).join('\n'));
  return result.calendar;
}
