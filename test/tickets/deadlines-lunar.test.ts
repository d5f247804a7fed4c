import { beforeAll, describe, expect, it } from 'vitest';
import { hungKingsDay, lunarNewYear, lunarToSolar, solarToLunar } from '../../src/tickets/calendar-lunar.js';
import { isoWeekday, type CalendarData, type CalendarEntry } from '../../src/tickets/calendar-file.js';
import { loadRealCalendar } from './deadlines-helpers.js';

describe('lunar conversion (Hồ Ngọc Đức / Meeus method, UTC+7)', () => {
  it('Tết Nguyên Đán 2024–2029 matches the published dates', () => {
    expect([2024, 2025, 2026, 2027, 2028, 2029].map(lunarNewYear)).toEqual([
      '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13',
    ]);
  });

  it('Tết 2030 is 2 February in Vietnam (new moon 23:07 UTC+7; 3 February at UTC+8 in China)', () => {
    expect(lunarNewYear(2030)).toBe('2030-02-02');
  });

  it('Giỗ Tổ Hùng Vương (10/3 âm lịch) 2024–2027', () => {
    expect([2024, 2025, 2026, 2027].map(hungKingsDay)).toEqual(['2024-04-18', '2025-04-07', '2026-04-26', '2027-04-16']);
  });

  it('converts both ways, including the leap 6th month of 2025', () => {
    expect(solarToLunar(2026, 2, 14)).toEqual({ day: 27, month: 12, year: 2025, leap: false }); // 27 tháng Chạp
    expect(solarToLunar(2026, 2, 17)).toEqual({ day: 1, month: 1, year: 2026, leap: false });
    expect(solarToLunar(2025, 7, 25)).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true })).toBe('2025-07-25');
    expect(lunarToSolar({ day: 1, month: 6, year: 2026, leap: true })).toBeNull(); // no leap month in 2026
    expect(lunarToSolar({ day: 30, month: 12, year: 2025, leap: false })).toBeNull(); // Chạp Ất Tỵ has 29 days
    for (let day = Date.UTC(2024, 0, 1); day <= Date.UTC(2030, 11, 31); day += 86_400_000 * 13) {
      const d = new Date(day);
      const iso = d.toISOString().slice(0, 10);
      expect(lunarToSolar(solarToLunar(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()))).toBe(iso);
    }
  });
});

describe('the calendar file agrees with the lunar calendar and the Labour Code', () => {
  let cal: CalendarData;
  beforeAll(async () => {
    cal = await loadRealCalendar();
  });
  const ofYear = (year: number) => cal.entries.filter((e) => e.date.startsWith(`${year}-`));
  const named = (es: CalendarEntry[], text: string) => es.filter((e) => e.name.includes(text));

  it.each([2026, 2027])('%i: Tết is 5 consecutive days around Lunar New Year, Giỗ Tổ on 10/3 lunar', (year) => {
    const es = ofYear(year);
    const mung1 = named(es, 'Mùng 1 Tết').filter((e) => e.name.startsWith('Tết Âm lịch'));
    expect(mung1.map((e) => e.date)).toEqual([lunarNewYear(year)]);
    const tet = es.filter((e) => e.name.startsWith('Tết Âm lịch')).map((e) => e.date);
    expect(tet).toHaveLength(5);
    const days = tet.map((d) => Date.parse(`${d}T00:00:00Z`) / 86_400_000);
    expect(days.every((d, i) => i === 0 || d === (days[i - 1] as number) + 1)).toBe(true);
    expect(tet).toContain(lunarNewYear(year));
    for (const d of tet) {
      const [y, m, day] = d.split('-').map(Number) as [number, number, number];
      const l = solarToLunar(y, m, day);
      expect(l.month === 1 || l.month === 12).toBe(true);
    }
    expect(named(es, 'Giỗ Tổ Hùng Vương (10/3').map((e) => e.date)).toEqual([hungKingsDay(year)]);
  });

  it.each([2026, 2027])('%i: 11 statutory days; every weekend holiday has one nghỉ bù', (year) => {
    const es = ofYear(year).filter((e) => e.kind === 'holiday');
    const extra = (e: CalendarEntry) => e.name.startsWith('Nghỉ bù') || e.name.startsWith('Nghỉ hoán đổi');
    const statutory = es.filter((e) => !extra(e));
    expect(statutory).toHaveLength(11);
    const onWeekend = statutory.filter((e) => [0, 6].includes(isoWeekday(e.date)));
    const compensatory = es.filter((e) => e.name.startsWith('Nghỉ bù'));
    expect(compensatory).toHaveLength(onWeekend.length);
    for (const e of compensatory) expect([0, 6]).not.toContain(isoWeekday(e.date));
    const qk = statutory.filter((e) => e.date.slice(5, 7) === '09').map((e) => e.date.slice(5));
    expect(qk).toContain('09-02');
    expect(qk.includes('09-01') !== qk.includes('09-03')).toBe(true);
  });
});
