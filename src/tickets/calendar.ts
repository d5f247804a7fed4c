// Working-day arithmetic for ticket deadlines, in Vietnamese local time.
//
// Vietnam (Asia/Ho_Chi_Minh) is UTC+7 all year with no daylight saving time, so local time is
// a fixed offset and needs no time-zone database. A day is working when it is Monday–Friday and
// not a `holiday` entry of the calendar file, or a Saturday/Sunday listed as a `workday`
// (official make-up day). Outside the years the file covers, only weekends are days off.

import type { CalendarData, CalendarEntry } from './calendar-file.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Guard against a malformed calendar making a loop run forever (10 years of days). */
const MAX_SCAN_DAYS = 3660;

export interface OfficeHours {
  /** Local start of office hours, 'HH:MM'. */
  start: string;
  /** Local end of office hours, 'HH:MM'; a ticket received at or after it counts from the next working day. */
  end: string;
}

/** Default office hours of the 1022 line: 7:30–17:00 local time. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = { start: '07:30', end: '17:00' };
/** Asia/Ho_Chi_Minh: UTC+7, no DST. */
export const VIETNAM_UTC_OFFSET_MINUTES = 420;

export interface WorkingCalendarOptions {
  calendar: CalendarData;
  officeHours?: OfficeHours;
  utcOffsetMinutes?: number;
  /**
   * false (default): the day of receipt is not counted; day 1 is the next working day
   * (Bộ luật Dân sự 2015, Điều 147: the first day of a period counted in days is not included).
   * true: the receipt day counts as day 1 (a ticket received after office hours or on a day
   * off is deemed received, and starts counting, on the next working day).
   */
  countReceiptDay?: boolean;
}

/** A local calendar date 'YYYY-MM-DD', or an instant (converted to its local date). */
export type DateInput = Date | string;

export interface DayInfo {
  date: string;
  working: boolean;
  /** The calendar entry for that date, if any (holiday name, make-up day). */
  entry?: CalendarEntry;
}

export interface WorkingCalendar {
  readonly officeHours: OfficeHours;
  readonly years: readonly number[];
  isWorkingDay(date: DateInput): boolean;
  dayInfo(date: DateInput): DayInfo;
  /** True when the calendar file covers the year of `date` (holidays are known). */
  isCovered(date: DateInput): boolean;
  /** Local date 'YYYY-MM-DD' of an instant. */
  localDate(instant: Date): string;
  /** The working day a receipt is deemed to happen on (same day if working and before closing). */
  receiptDay(receivedAt: Date): string;
  /** First working day strictly after `date`. */
  nextWorkingDay(date: DateInput): string;
  /** End of office hours on the n-th working day counted from the receipt (see countReceiptDay). */
  addWorkingDays(start: Date, n: number): Date;
  /** Working days d with localDate(from) < d <= localDate(to); negative when to is before from. */
  workingDaysBetween(from: DateInput, to: DateInput): number;
  /** Office hours on working days between two instants, in hours; negative when to < from. */
  workingHoursBetween(from: Date, to: Date): number;
}

function parseHm(value: string, field: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minutes > 24 * 60) {
    throw new RangeError(`officeHours.${field}: "${value}" is not a time HH:MM`);
  }
  return minutes;
}

function isoFromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function createWorkingCalendar(options: WorkingCalendarOptions): WorkingCalendar {
  const officeHours = options.officeHours ?? DEFAULT_OFFICE_HOURS;
  const startMin = parseHm(officeHours.start, 'start');
  const endMin = parseHm(officeHours.end, 'end');
  if (endMin <= startMin) throw new RangeError('officeHours.end must be after officeHours.start');
  const offsetMs = (options.utcOffsetMinutes ?? VIETNAM_UTC_OFFSET_MINUTES) * MINUTE_MS;
  const countReceiptDay = options.countReceiptDay ?? false;
  const years = [...options.calendar.years];
  const entries = new Map<number, CalendarEntry>();
  for (const e of options.calendar.entries) entries.set(Date.parse(`${e.date}T00:00:00Z`) / DAY_MS, e);

  /** Local day number (days since 1970-01-01 in local time). */
  const dayOf = (input: DateInput): number => {
    if (input instanceof Date) {
      const t = input.getTime();
      if (Number.isNaN(t)) throw new RangeError('invalid Date');
      return Math.floor((t + offsetMs) / DAY_MS);
    }
    const t = /^\d{4}-\d{2}-\d{2}$/.test(input) ? Date.parse(`${input}T00:00:00Z`) : NaN;
    if (Number.isNaN(t)) throw new RangeError(`"${input}" is not a date YYYY-MM-DD`);
    return t / DAY_MS;
  };
  const minuteOfDay = (instant: Date): number =>
    (instant.getTime() + offsetMs - dayOf(instant) * DAY_MS) / MINUTE_MS;
  /** The instant at local minute `min` of local day `day`. */
  const instantAt = (day: number, min: number): number => day * DAY_MS + min * MINUTE_MS - offsetMs;

  const working = (day: number): boolean => {
    const entry = entries.get(day);
    if (entry) return entry.kind === 'workday';
    const dow = new Date(day * DAY_MS).getUTCDay();
    return dow !== 0 && dow !== 6;
  };
  const nextWorking = (day: number): number => {
    for (let d = day + 1, i = 0; i < MAX_SCAN_DAYS; d++, i++) if (working(d)) return d;
    throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days after ${isoFromDay(day)}`);
  };
  const receipt = (receivedAt: Date): number => {
    const day = dayOf(receivedAt);
    return working(day) && minuteOfDay(receivedAt) < endMin ? day : nextWorking(day);
  };
  const daysBetween = (from: number, to: number): number => {
    if (to < from) return -daysBetween(to, from);
    let n = 0;
    for (let d = from + 1; d <= to; d++) if (working(d)) n++;
    return n;
  };
  const hoursBetween = (from: number, to: number): number => {
    if (to < from) return -hoursBetween(to, from);
    let ms = 0;
    const last = Math.floor((to + offsetMs) / DAY_MS);
    for (let d = Math.floor((from + offsetMs) / DAY_MS); d <= last; d++) {
      if (!working(d)) continue;
      const open = Math.max(from, instantAt(d, startMin));
      const close = Math.min(to, instantAt(d, endMin));
      if (close > open) ms += close - open;
    }
    return ms / 3_600_000;
  };

  return {
    officeHours,
    years,
    isWorkingDay: (date) => working(dayOf(date)),
    dayInfo(date) {
      const day = dayOf(date);
      const entry = entries.get(day);
      return { date: isoFromDay(day), working: working(day), ...(entry ? { entry } : {}) };
    },
    isCovered: (date) => years.includes(new Date(dayOf(date) * DAY_MS).getUTCFullYear()),
    localDate: (instant) => isoFromDay(dayOf(instant)),
    receiptDay: (receivedAt) => isoFromDay(receipt(receivedAt)),
    nextWorkingDay: (date) => isoFromDay(nextWorking(dayOf(date))),
    addWorkingDays(start, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number >= 0, got ${n}`);
      let day = receipt(start);
      let remaining = countReceiptDay && n > 0 ? n - 1 : n;
      while (remaining > 0) {
        day = nextWorking(day);
        remaining--;
      }
      return new Date(instantAt(day, endMin));
    },
    workingDaysBetween: (from, to) => daysBetween(dayOf(from), dayOf(to)),
    workingHoursBetween: (from, to) => hoursBetween(from.getTime(), to.getTime()),
  };
}
