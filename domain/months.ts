/**
 * Periods are calendar months written 'YYYY-MM'. One helper module for every month
 * computation, so no code does string arithmetic on periods by hand.
 */

export const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type Period = string;

/** True for a well-formed 'YYYY-MM' string with a real month. */
export function isPeriod(s: unknown): s is Period {
  return typeof s === 'string' && PERIOD_RE.test(s);
}

/** @example makePeriod(2026, 3) // '2026-03' */
export function makePeriod(year: number, month: number): Period {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** @example splitPeriod('2026-03') // { year: 2026, month: 3 } */
export function splitPeriod(p: Period): { year: number; month: number } {
  const m = PERIOD_RE.exec(p);
  if (!m) throw new RangeError(`not a period: ${p}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** A valid 'YYYY-MM' as a month number (year × 12 + month − 1), for arithmetic without strings. */
export function monthNumber(p: string): number {
  // Digit by digit (a million figures: no substrings).
  const d = (i: number) => p.charCodeAt(i) - 48;
  return (d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3)) * 12 + d(5) * 10 + d(6) - 1;
}

/** A month number back as 'YYYY-MM'. */
export function monthPeriod(m: number): string {
  return makePeriod(Math.floor(m / 12), (m % 12) + 1);
}

/** Add (or subtract) whole months. @example addMonths('2026-01', -1) // '2025-12' */
export function addMonths(p: Period, n: number): Period {
  const { year, month } = splitPeriod(p);
  const idx = year * 12 + (month - 1) + n;
  return makePeriod(Math.floor(idx / 12), (idx % 12) + 1);
}

/** Same month a year earlier, the "cùng kỳ năm trước" baseline. */
export function previousYearPeriod(p: Period): Period {
  return addMonths(p, -12);
}

/** Months from `from` to `to` inclusive, in order. */
export function monthRange(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  for (let p = from; p <= to; p = addMonths(p, 1)) out.push(p);
  return out;
}

/** The twelve months of a year, optionally only through a given month. */
export function monthsOfYear(year: number, through?: Period): Period[] {
  const last = through && splitPeriod(through).year === year ? through : makePeriod(year, 12);
  return monthRange(makePeriod(year, 1), last);
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();
/** 1975-06-13T00:00:00+07:00 in minutes since the epoch: from then on Asia/Ho_Chi_Minh is UTC+7. */
const VN_FIXED_FROM_MINUTE = Date.UTC(1975, 5, 12, 17) / 60_000;
/** The last answer per time zone and minute: every request asks for the current month. */
const lastPeriods = new Map<string, { minute: number; period: Period }>();

/** The month of a date as seen in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export function periodOf(date: Date, timeZone = 'Asia/Ho_Chi_Minh'): Period {
  // Months begin on a whole minute in every time zone in use, so one answer holds for its minute
  // (formatting was ~3 % of a cached results request, building the formatter 11 % before that).
  const minute = Math.floor(date.getTime() / 60_000);
  // Viet Nam has kept UTC+7 without daylight saving since 1975-06-13: plain arithmetic, no
  // formatter (a browser's first time-zone formatter loads ICU's zone data, ~60 ms on first load).
  if (timeZone === 'Asia/Ho_Chi_Minh' && minute >= VN_FIXED_FROM_MINUTE) {
    const local = new Date((minute + 7 * 60) * 60_000);
    return makePeriod(local.getUTCFullYear(), local.getUTCMonth() + 1);
  }
  const last = lastPeriods.get(timeZone);
  if (last && last.minute === minute) return last.period;
  let f = monthFormats.get(timeZone);
  if (!f)
    monthFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })));
  const parts = f.formatToParts(date);
  const y = parts.find((x) => x.type === 'year')!.value;
  const m = parts.find((x) => x.type === 'month')!.value;
  const period = `${y}-${m}`;
  if (Number.isFinite(minute)) lastPeriods.set(timeZone, { minute, period });
  return period;
}

/** The last month that has ended at `date` (Asia/Ho_Chi_Minh): the month before the current one. */
export function lastClosedPeriod(date: Date): Period {
  return addMonths(periodOf(date), -1);
}

/** @example formatPeriodVi('2026-10') // 'Tháng 10/2026' */
export function formatPeriodVi(p: Period): string {
  const { year, month } = splitPeriod(p);
  return `Tháng ${month}/${year}`;
}

/** @example formatPeriodEn('2026-10') // 'October 2026' */
export function formatPeriodEn(p: Period): string {
  const { year, month } = splitPeriod(p);
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** True for a real calendar day 'YYYY-MM-DD'. */
export function isCalendarDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
