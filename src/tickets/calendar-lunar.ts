// Vietnamese lunisolar calendar (âm lịch) for the years the ticket calendar needs.
//
// Method: the public algorithm described by Hồ Ngọc Đức ("Âm lịch Việt Nam" /
// "Computing the Vietnamese lunar calendar"), which in turn uses the truncated new-moon and
// solar-longitude series from Jean Meeus, "Astronomical Algorithms" (1998):
//   - a lunar month starts on the local civil day (UTC+7 for Vietnam since 1968) containing
//     the astronomical new moon;
//   - month 11 is the month containing the winter solstice (solar longitude 270°);
//   - a lunar year with 13 months (between two months 11) repeats the first month that
//     contains no major solar term (trung khí), which becomes the leap month (tháng nhuận).
// Written for this project; accurate for 2024–2030 (checked in tests against the published
// dates of Tết and Giỗ Tổ Hùng Vương). Day numbers here are Julian Day Numbers (JDN).

const RAD = Math.PI / 180;
/** JDN of 1970-01-01, so epochDay + JDN_UNIX_EPOCH = JDN. */
const JDN_UNIX_EPOCH = 2440588;
/** Mean synodic month in days and the JD of new moon k = 0 (1900-01-01) in Meeus' series. */
const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_EPOCH = 2415021.076998695;
/** Vietnam has used UTC+7 for the lunar calendar since 1968. */
const VIETNAM_TZ_HOURS = 7;

export interface LunarDate {
  day: number;
  month: number;
  /** Lunar year as the solar year in which its month 1 begins (Tết 2026 opens year 2026). */
  year: number;
  leap: boolean;
}

export function jdnFromYmd(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000) + JDN_UNIX_EPOCH;
}

export function ymdFromJdn(jdn: number): { y: number; m: number; d: number } {
  const t = new Date((jdn - JDN_UNIX_EPOCH) * 86_400_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Julian Ephemeris Day of the k-th new moon after 1900-01-01 (Meeus, ch. 49, short series). */
function newMoonJd(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const mean =
    2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3 +
    0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * RAD;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * RAD;
  const latitudeArg = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * RAD;
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly) +
    0.0021 * Math.sin(2 * sunAnomaly) -
    0.4068 * Math.sin(moonAnomaly) +
    0.0161 * Math.sin(2 * moonAnomaly) -
    0.0004 * Math.sin(3 * moonAnomaly) +
    0.0104 * Math.sin(2 * latitudeArg) -
    0.0051 * Math.sin(sunAnomaly + moonAnomaly) -
    0.0074 * Math.sin(sunAnomaly - moonAnomaly) +
    0.0004 * Math.sin(2 * latitudeArg + sunAnomaly) -
    0.0004 * Math.sin(2 * latitudeArg - sunAnomaly) -
    0.0006 * Math.sin(2 * latitudeArg + moonAnomaly) +
    0.001 * Math.sin(2 * latitudeArg - moonAnomaly) +
    0.0005 * Math.sin(2 * moonAnomaly + sunAnomaly);
  // Difference between dynamical and universal time (ΔT), in days.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return mean + correction - deltaT;
}

/** Local civil day (JDN) on which new moon k falls. */
function newMoonDay(k: number, tz: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + tz / 24);
}

/** Apparent solar longitude at Julian Day jd, as one of 12 sectors of 30° (0 = 0°–30°). */
function sunSector(jd: number): number {
  const t = (jd - 2451545.0) / 36525;
  const t2 = t * t;
  const meanAnomaly = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * RAD;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const centre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(meanAnomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly) +
    0.00029 * Math.sin(3 * meanAnomaly);
  let longitude = (meanLongitude + centre) * RAD;
  longitude -= 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
  return Math.floor((longitude / Math.PI) * 6);
}

/** Solar-longitude sector at the start (local midnight) of civil day `jdn`. */
function sunSectorAtDay(jdn: number, tz: number): number {
  return sunSector(jdn - 0.5 - tz / 24);
}

/** First day (JDN) of lunar month 11 of the lunar year that ends in solar year `year`. */
function month11Start(year: number, tz: number): number {
  const k = Math.floor((jdnFromYmd(year, 12, 31) - 2415021) / SYNODIC_MONTH);
  const candidate = newMoonDay(k, tz);
  // If the new moon found is already past the solstice sector, month 11 began one month earlier.
  return sunSectorAtDay(candidate, tz) >= 9 ? newMoonDay(k - 1, tz) : candidate;
}

/** Offset (in months after month 11 starting at `a11`) of the leap month in a 13-month year. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = sunSectorAtDay(newMoonDay(k + i, tz), tz);
  let previous: number;
  do {
    previous = sector;
    i += 1;
    sector = sunSectorAtDay(newMoonDay(k + i, tz), tz);
  } while (sector !== previous && i < 14);
  return i - 1;
}

/** Converts a solar (Gregorian) date to the Vietnamese lunar date. */
export function solarToLunar(y: number, m: number, d: number, tz = VIETNAM_TZ_HOURS): LunarDate {
  const day = jdnFromYmd(y, m, d);
  const k = Math.floor((day - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, tz);
  if (monthStart > day) monthStart = newMoonDay(k, tz);
  let a11 = month11Start(y, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = y;
    a11 = month11Start(y - 1, tz);
  } else {
    lunarYear = y + 1;
    b11 = month11Start(y + 1, tz);
  }
  const monthsAfter11 = Math.floor((monthStart - a11) / 29);
  let month = monthsAfter11 + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, tz);
    if (monthsAfter11 >= leapOffset) {
      month = monthsAfter11 + 10;
      leap = monthsAfter11 === leapOffset;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && monthsAfter11 < 4) lunarYear -= 1;
  return { day: day - monthStart + 1, month, year: lunarYear, leap };
}

/**
 * Converts a lunar date to the solar date as 'YYYY-MM-DD', or null when the lunar date does
 * not exist (a leap month that the year does not have, or day 30 of a 29-day month).
 */
export function lunarToSolar(lunar: LunarDate, tz = VIETNAM_TZ_HOURS): string | null {
  const { day, month, year, leap } = lunar;
  if (month < 1 || month > 12 || day < 1 || day > 30) return null;
  const a11 = month < 11 ? month11Start(year - 1, tz) : month11Start(year, tz);
  const b11 = month < 11 ? month11Start(year, tz) : month11Start(year + 1, tz);
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let offset = (month - 11 + 12) % 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, tz);
    const leapMonth = (leapOffset - 2 + 12) % 12 || 12;
    if (leap && month !== leapMonth) return null;
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    return null;
  }
  const monthStart = newMoonDay(k + offset, tz);
  const nextMonthStart = newMoonDay(k + offset + 1, tz);
  if (monthStart + day - 1 >= nextMonthStart) return null;
  const { y, m, d } = ymdFromJdn(monthStart + day - 1);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Solar date of Tết Nguyên Đán (1st day of lunar month 1) of solar year `year`. */
export function lunarNewYear(year: number): string {
  return lunarToSolar({ day: 1, month: 1, year, leap: false }) as string;
}

/** Solar date of Giỗ Tổ Hùng Vương (10th day of lunar month 3, never the leap month). */
export function hungKingsDay(year: number): string {
  return lunarToSolar({ day: 10, month: 3, year, leap: false }) as string;
}
