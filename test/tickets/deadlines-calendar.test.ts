import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar, type WorkingCalendar } from '../../src/tickets/calendar.js';
import { loadRealCalendar, vn } from './deadlines-helpers.js';

let cal: WorkingCalendar;
beforeAll(async () => {
  cal = createWorkingCalendar({ calendar: await loadRealCalendar() });
});

describe('isWorkingDay', () => {
  it('weekdays work, weekends do not', () => {
    expect(cal.isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(cal.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-03-08')).toBe(false); // Sunday
    expect(cal.isWorkingDay('2026-03-09')).toBe(true); // Monday
  });

  it('holidays, compensatory days and the make-up Saturday', () => {
    expect(cal.isWorkingDay('2026-02-17')).toBe(false); // Mùng 1 Tết (Tuesday)
    expect(cal.isWorkingDay('2026-04-27')).toBe(false); // nghỉ bù Giỗ Tổ (Monday)
    expect(cal.isWorkingDay('2027-05-03')).toBe(false); // nghỉ bù 1/5 (Monday)
    expect(cal.isWorkingDay('2026-01-02')).toBe(false); // swapped Friday
    expect(cal.isWorkingDay('2026-01-10')).toBe(true); // làm bù Saturday
    expect(cal.dayInfo('2026-01-10').entry?.name).toBe('Làm bù cho ngày 02/01/2026');
  });

  it('uses the local (UTC+7) date of an instant', () => {
    // 2026-03-06T18:00Z is Saturday 01:00 in Vietnam.
    expect(cal.isWorkingDay(new Date('2026-03-06T18:00:00Z'))).toBe(false);
    expect(cal.localDate(new Date('2026-03-06T16:59:00Z'))).toBe('2026-03-06');
    expect(cal.localDate(new Date('2026-03-06T17:00:00Z'))).toBe('2026-03-07');
  });

  it('knows which years the file covers', () => {
    expect(cal.isCovered('2027-12-31')).toBe(true);
    expect(cal.isCovered('2028-01-03')).toBe(false);
  });
});

describe('addWorkingDays (receipt day not counted)', () => {
  it('skips a weekend', () => {
    expect(cal.addWorkingDays(vn('2026-03-06 10:00'), 2)).toEqual(vn('2026-03-10 17:00'));
  });

  it('a ticket received on a Saturday counts from Monday', () => {
    expect(cal.receiptDay(vn('2026-03-07 10:00'))).toBe('2026-03-09');
    expect(cal.addWorkingDays(vn('2026-03-07 10:00'), 2)).toEqual(vn('2026-03-11 17:00'));
  });

  it('a ticket received the working day before Tết 2026 waits out the whole break', () => {
    // Friday 13/2; off 14–22/2 (weekend, 29 Tết, Mùng 1–4, weekend).
    expect(cal.addWorkingDays(vn('2026-02-13 10:00'), 2)).toEqual(vn('2026-02-24 17:00'));
    expect(cal.addWorkingDays(vn('2026-02-13 10:00'), 10)).toEqual(vn('2026-03-06 17:00'));
    // Received on 29 Tết itself (the day before Lunar New Year, a holiday): counts from 23/2.
    expect(cal.receiptDay(vn('2026-02-16 09:00'))).toBe('2026-02-23');
    expect(cal.addWorkingDays(vn('2026-02-16 09:00'), 2)).toEqual(vn('2026-02-25 17:00'));
  });

  it('Giỗ Tổ on a Sunday with nghỉ bù, then 30/4–1/5 (2026)', () => {
    expect(cal.addWorkingDays(vn('2026-04-24 10:00'), 2)).toEqual(vn('2026-04-29 17:00'));
    expect(cal.addWorkingDays(vn('2026-04-24 10:00'), 10)).toEqual(vn('2026-05-13 17:00'));
  });

  it('Giỗ Tổ on a Friday (2027)', () => {
    expect(cal.addWorkingDays(vn('2027-04-15 10:00'), 2)).toEqual(vn('2027-04-20 17:00'));
  });

  it('compensatory days for holidays on a weekend (1/5/2027, Tết 2027)', () => {
    expect(cal.addWorkingDays(vn('2027-04-29 10:00'), 2)).toEqual(vn('2027-05-05 17:00'));
    // Thu 4/2/2027: off 5–11/2 (29 Tết, Mùng 1–4, two nghỉ bù); Fri 12/2 is day 1.
    expect(cal.addWorkingDays(vn('2027-02-04 10:00'), 2)).toEqual(vn('2027-02-15 17:00'));
  });

  it('the official make-up Saturday counts as a working day', () => {
    expect(cal.addWorkingDays(vn('2026-01-09 10:00'), 2)).toEqual(vn('2026-01-12 17:00'));
    expect(cal.receiptDay(vn('2026-01-10 09:00'))).toBe('2026-01-10');
    expect(cal.addWorkingDays(vn('2026-01-10 09:00'), 1)).toEqual(vn('2026-01-12 17:00'));
  });

  it('year end: 31/12/2026 into January 2027 across 1/1', () => {
    expect(cal.addWorkingDays(vn('2026-12-31 10:00'), 2)).toEqual(vn('2027-01-05 17:00'));
    expect(cal.addWorkingDays(vn('2026-12-31 10:00'), 10)).toEqual(vn('2027-01-15 17:00'));
    expect(cal.workingDaysBetween('2026-12-31', '2027-01-04')).toBe(1);
  });

  it('after office hours counts from the next working day', () => {
    expect(cal.receiptDay(vn('2026-03-09 16:59'))).toBe('2026-03-09');
    expect(cal.receiptDay(vn('2026-03-09 17:00'))).toBe('2026-03-10');
    expect(cal.receiptDay(vn('2026-03-09 06:00'))).toBe('2026-03-09'); // before opening: same day
    expect(cal.addWorkingDays(vn('2026-03-09 16:59'), 2)).toEqual(vn('2026-03-11 17:00'));
    expect(cal.addWorkingDays(vn('2026-03-09 17:30'), 2)).toEqual(vn('2026-03-12 17:00'));
    // Same instant written in UTC: 10:30Z is 17:30 in Vietnam.
    expect(cal.addWorkingDays(new Date('2026-03-09T10:30:00Z'), 2)).toEqual(vn('2026-03-12 17:00'));
    // Friday evening before the Tết break.
    expect(cal.receiptDay(vn('2026-02-13 18:00'))).toBe('2026-02-23');
  });

  it('office hours are configurable', async () => {
    const late = createWorkingCalendar({
      calendar: await loadRealCalendar(),
      officeHours: { start: '08:00', end: '17:30' },
    });
    expect(late.receiptDay(vn('2026-03-09 17:15'))).toBe('2026-03-09');
    expect(late.addWorkingDays(vn('2026-03-09 17:15'), 1)).toEqual(vn('2026-03-10 17:30'));
    expect(() => createWorkingCalendar({ calendar: { years: [], entries: [] }, officeHours: { start: '17:00', end: '07:30' } })).toThrow(RangeError);
  });

  it('countReceiptDay: the (effective) receipt day is day 1', async () => {
    const c = createWorkingCalendar({ calendar: await loadRealCalendar(), countReceiptDay: true });
    expect(c.addWorkingDays(vn('2026-03-09 10:00'), 2)).toEqual(vn('2026-03-10 17:00'));
    expect(c.addWorkingDays(vn('2026-03-09 18:00'), 2)).toEqual(vn('2026-03-11 17:00'));
  });
});

describe('workingDaysBetween and workingHoursBetween', () => {
  it('counts working days after the first date up to the second', () => {
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
    expect(cal.workingDaysBetween('2026-03-06', '2026-03-13')).toBe(5);
    expect(cal.workingDaysBetween('2026-03-13', '2026-03-06')).toBe(-5);
    expect(cal.workingDaysBetween(vn('2026-01-09 12:00'), vn('2026-01-12 08:00'))).toBe(2); // Sat 10/1 + Mon
  });

  it('counts only office hours on working days, across a weekend', () => {
    // Fri 15:00–17:00 (2 h) + Mon 07:30–09:00 (1.5 h).
    expect(cal.workingHoursBetween(vn('2026-03-06 15:00'), vn('2026-03-09 09:00'))).toBe(3.5);
    expect(cal.workingHoursBetween(vn('2026-03-09 09:00'), vn('2026-03-06 15:00'))).toBe(-3.5);
    expect(cal.workingHoursBetween(vn('2026-03-06 20:00'), vn('2026-03-09 08:30'))).toBe(1);
    expect(cal.workingHoursBetween(vn('2026-03-09 08:00'), vn('2026-03-09 10:15'))).toBe(2.25);
  });

  it('counts the make-up Saturday and skips holidays', () => {
    // Fri 9/1 17:00 → Mon 12/1 07:30: only Saturday 10/1 (9.5 h).
    expect(cal.workingHoursBetween(vn('2026-01-09 17:00'), vn('2026-01-12 07:30'))).toBe(9.5);
    // Whole Tết break 2026: nothing.
    expect(cal.workingHoursBetween(vn('2026-02-13 17:00'), vn('2026-02-23 07:30'))).toBe(0);
  });
});
