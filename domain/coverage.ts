/**
 * Completeness (docs/domain.md "Completeness: what a total may claim"): which units are expected in a
 * month, how many of a subtree's expected units have submitted, and whether a total is provisional.
 * Pure; the same typed-array layout as the roll-up so a province is a few hundred thousand additions.
 *
 * Rules decided here:
 * - A unit is expected in month P when it submitted (own figure in any category) in P or in any of
 *   the twelve months before, or when its submission setting says "expected" from a month ≤ P. A
 *   setting "exempt" from a month ≤ P removes the history rule (a dissolved or merged unit), but a
 *   unit that submits is always counted: submitted ≤ expected holds for every subtree.
 * - A month is complete for a unit when every expected unit of its subtree has submitted; a month
 *   nobody is expected in is complete (and, when nobody submitted either, it has no data at all).
 * - Totals over months are provisional when any of those months is incomplete.
 * - "Through" defaults to the last month that has ENDED in Asia/Ho_Chi_Minh; a month not ended yet
 *   counts only when asked for by name.
 */
import { lastClosedPeriod, makePeriod, splitPeriod, type Period } from './months.ts';

/** A unit's submission setting: from month `from` on, expected whatever its history, or exempt. */
export interface SubmissionRule {
  mode: 'expected' | 'exempt';
  from: Period;
}

export type CellStatus = 'submitted' | 'missing' | 'not_expected';

export interface MonthCoverage {
  period: Period;
  /** Units of the subtree expected to submit this month. */
  expected: number;
  /** Units of the subtree with a figure this month (counted in `expected` too). */
  submitted: number;
  /** Every expected unit has submitted. */
  complete: boolean;
}

/**
 * Status of unit i in month m (0..11) of `year`. `own` holds own-figure flags as in the results
 * model: index i*24 + k, k 0..11 the year before, 12..23 the year itself.
 */
export function cellStatus(
  own: Uint8Array,
  i: number,
  year: number,
  m: number,
  rule?: SubmissionRule | null,
): CellStatus {
  const base = i * 24;
  if (own[base + 12 + m]) return 'submitted';
  const active = rule != null && makePeriod(year, m + 1) >= rule.from;
  if (active && rule.mode === 'expected') return 'missing';
  if (active && rule.mode === 'exempt') return 'not_expected';
  for (let k = m; k < 12 + m; k++) if (own[base + k]) return 'missing';
  return 'not_expected';
}

export interface CoverageCounts {
  /** Expected units of unit i's subtree in month m: [i*12 + m]. */
  expected: Int32Array;
  /** Submitted units of unit i's subtree in month m: [i*12 + m]. */
  submitted: Int32Array;
}

/**
 * Expected and submitted counts of every unit's subtree for the twelve months of `year`.
 * `order` lists unit indexes parents first; `parent[i]` is the parent index or -1.
 */
export function rollupCoverage(
  order: number[],
  parent: Int32Array | number[],
  own: Uint8Array,
  year: number,
  rules: (i: number) => SubmissionRule | null | undefined = () => null,
): CoverageCounts {
  const n = parent.length;
  const expected = new Int32Array(n * 12);
  const submitted = new Int32Array(n * 12);
  for (let i = 0; i < n; i++) {
    const rule = rules(i);
    for (let m = 0; m < 12; m++) {
      const s = cellStatus(own, i, year, m, rule);
      if (s === 'not_expected') continue;
      expected[i * 12 + m] = 1;
      if (s === 'submitted') submitted[i * 12 + m] = 1;
    }
  }
  // Children come after parents in `order`: walking it backwards adds each subtree before its root.
  for (let j = order.length - 1; j >= 0; j--) {
    const i = order[j];
    const p = parent[i];
    if (p < 0) continue;
    for (let m = 0; m < 12; m++) {
      expected[p * 12 + m] += expected[i * 12 + m];
      submitted[p * 12 + m] += submitted[i * 12 + m];
    }
  }
  return { expected, submitted };
}

/** The coverage of unit i for months Jan..t (0-based) of `year`. */
export function coverageMonths(c: CoverageCounts, i: number, year: number, t: number): MonthCoverage[] {
  const out: MonthCoverage[] = [];
  for (let m = 0; m <= t; m++)
    out.push(monthCoverage(makePeriod(year, m + 1), c.expected[i * 12 + m], c.submitted[i * 12 + m]));
  return out;
}

export function monthCoverage(period: Period, expected: number, submitted: number): MonthCoverage {
  return { period, expected, submitted, complete: submitted >= expected };
}

/** True when a total over these months is provisional (tạm tính): some month is incomplete. */
export function isProvisional(months: readonly MonthCoverage[]): boolean {
  return months.some((m) => !m.complete);
}

/** True when no unit submitted anything in these months: "chưa có số liệu", never "all submitted". */
export function hasNoData(months: readonly MonthCoverage[]): boolean {
  return months.every((m) => m.submitted === 0);
}

/** @example coverageLineVi({period: '2026-11', expected: 5, submitted: 3}) // 'Tháng 11: 3/5 đơn vị đã nộp' */
export function coverageLineVi(c: Pick<MonthCoverage, 'period' | 'expected' | 'submitted'>, withYear = false): string {
  const { year, month } = splitPeriod(c.period);
  return `Tháng ${month}${withYear ? `/${year}` : ''}: ${c.submitted}/${c.expected} đơn vị đã nộp`;
}

/** @example coverageLineEn({period: '2026-11', expected: 5, submitted: 3}) // 'November: 3 of 5 units submitted' */
export function coverageLineEn(c: Pick<MonthCoverage, 'period' | 'expected' | 'submitted'>, withYear = false): string {
  const { year, month } = splitPeriod(c.period);
  const name = new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  return `${name}${withYear ? ` ${year}` : ''}: ${c.submitted} of ${c.expected} units submitted`;
}

/**
 * The provisional note of a total, or null when it is complete:
 * "Tạm tính — Tháng 11: 3/5 đơn vị đã nộp" (every incomplete month, in order).
 */
export function provisionalNote(months: readonly MonthCoverage[], withYear = false): { vi: string; en: string } | null {
  const open = months.filter((m) => !m.complete);
  if (!open.length) return null;
  return {
    vi: `Tạm tính — ${open.map((m) => coverageLineVi(m, withYear)).join('; ')}`,
    en: `Provisional — ${open.map((m) => coverageLineEn(m, withYear)).join('; ')}`,
  };
}

/**
 * The default "through" of `year` at `now`: December of a past year, the last ended month of the
 * current one, null when no month of the year has ended yet.
 * @example defaultThrough(2026, new Date('2026-12-01T03:00:00Z')) // '2026-11'
 */
export function defaultThrough(year: number, now: Date): Period | null {
  const ended = lastClosedPeriod(now);
  const endedYear = splitPeriod(ended).year;
  if (year < endedYear) return makePeriod(year, 12);
  if (year === endedYear) return ended;
  return null;
}

/** True when month `p` has ended at `now` (Asia/Ho_Chi_Minh). */
export function monthEnded(p: Period, now: Date): boolean {
  return p <= lastClosedPeriod(now);
}
