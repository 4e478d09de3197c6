/**
 * Cumulative (year-to-date) reduction month by month, for the trends chart: the same rule as the
 * engine's year to date (only months with both an actual figure and a baseline are summed; a
 * missing month is skipped, never a zero), rounded to one decimal half away from zero.
 */
export interface MonthPoint {
  actual: number | null;
  baseline: number | null;
}

export function roundPercent(x: number): number {
  return (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10;
}

/**
 * Null for a month that is not submitted (a gap in the line) or before any baseline is known.
 * @example cumulativeReduction([{actual: 90, baseline: 100}, {actual: null, baseline: 100}, {actual: 80, baseline: 100}]) // [10, null, 15]
 */
export function cumulativeReduction(months: MonthPoint[]): Array<number | null> {
  let a = 0;
  let b = 0;
  return months.map((m) => {
    if (m.actual != null && m.baseline != null) {
      a += m.actual;
      b += m.baseline;
    }
    if (m.actual == null) return null;
    return b > 0 ? roundPercent(((b - a) / b) * 100) : null;
  });
}
