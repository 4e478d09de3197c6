/**
 * Year-end outlook (docs/domain.md "Year-end outlook: what is still allowed"): after month m of a
 * year, how much a unit may still spend (or use, in kWh) from m+1 to December and meet its
 * target, and the reduction the year ends at if the rest follows last year's months scaled by
 * the recent pace. Pure and integer: values are in the measure's base (đồng, or kWh thousandths).
 *
 * Rules decided here:
 * - allowance = ⌊wholeYearBaseline × (1000 − target‰) / 1000⌋ − actual year to date; the
 *   product is floored, as a ceiling must never be overstated. Negative: the target is out of reach.
 * - perMonth = ⌊allowance ÷ remaining months⌋ when the allowance is not negative, else null.
 * - recent pace: the last three months (fewer early in the year) that have figures; pace =
 *   Σ actual ÷ Σ last year over those of them whose same cells have last year's figure. A rest
 *   month is projected as last year's month × pace; a rest month without last year's figure (or
 *   no pace at all) as the average of the recent months. Projected rest rounded half away from zero.
 * - projected = reduction of the projected year (year to date + projected rest) against the
 *   whole-year baseline, in tenths; unknown without a baseline or without anything to project from.
 * - after December (m = 12) there is no allowance and nothing to project: projected is the year's
 *   own reduction against the whole-year baseline.
 * - no target: no outlook (null); nothing submitted yet: every value unknown.
 */
import { divRoundHalfAway, reductionTenths } from './reductions.ts';

export interface OutlookMonth {
  /** The month's actual as the results show it (null: not submitted). */
  actual: number | null;
  /** Actual of the cells that also have last year's figure of that month (for the pace). */
  pacedActual: number;
  /** Last year's figures of those same cells; 0 when none. */
  pacedLastYear: number;
}

export interface OutlookInput {
  /** Last month counted, 1..12. */
  month: number;
  targetTenths: number | null;
  /** Same-period basis: last year's Jan–Dec; norm: the year's twelve monthly norms. Null: no baseline. */
  baselineYear: number | null;
  /** Actual year to date as the results sum it (comparable cells); null when nothing is submitted. */
  actualYtd: number | null;
  /** Months 1..month, in order. */
  months: OutlookMonth[];
  /** Last year's figure of each month month+1..12 (null: none), in order. */
  lastYearRest: Array<number | null>;
}

export interface Outlook {
  /** The most that may still be spent (used) from month+1 to December; negative: target out of reach. */
  allowance: number | null;
  /** allowance ÷ remaining months, rounded down; null when negative or unknown. */
  perMonth: number | null;
  /** Projected reduction of the whole year in tenths of a percent. */
  projectedTenths: number | null;
  /** The projected whole-year actual. */
  projectedYear: number | null;
  remainingMonths: number;
}

/** Floor of a / b for integers (b > 0), exact with BigInt. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/** The recent pace as a fraction num/den, the average as sum/count; either may be missing. */
function recentOf(months: OutlookMonth[]) {
  const recent = months.filter((m) => m.actual != null).slice(-3);
  let paceNum = 0;
  let paceDen = 0;
  let sum = 0;
  for (const m of recent) {
    sum += m.actual!;
    if (m.pacedLastYear > 0) {
      paceNum += m.pacedActual;
      paceDen += m.pacedLastYear;
    }
  }
  return { paceNum, paceDen, sum, count: recent.length };
}

/**
 * The projected actual of the months after `month`, or null when there is nothing to project from.
 * @example projectedRest([{actual: 10, pacedActual: 10, pacedLastYear: 20}], [30, 40]) // 35
 */
export function projectedRest(months: OutlookMonth[], lastYearRest: Array<number | null>): number | null {
  const r = recentOf(months);
  if (r.count === 0) return lastYearRest.length === 0 ? 0 : null;
  let lastYearKnown = 0n;
  let unknownMonths = 0n;
  for (const v of lastYearRest) {
    if (v != null && r.paceDen > 0) lastYearKnown += BigInt(v);
    else unknownMonths++;
  }
  // Σ = lastYearKnown × paceNum / paceDen + unknownMonths × sum / count, as one fraction.
  const den = BigInt(r.paceDen > 0 ? r.paceDen : 1) * BigInt(r.count);
  const num =
    lastYearKnown * BigInt(r.paceNum) * BigInt(r.count) +
    unknownMonths * BigInt(r.sum) * BigInt(r.paceDen > 0 ? r.paceDen : 1);
  return Number(divRoundHalfAway(num, den));
}

/** What a stored outlook needs: the totals, without the months (the result snapshots keep these). */
export interface OutlookTotals {
  month: number;
  targetTenths: number | null;
  baselineYear: number | null;
  actualYtd: number | null;
  /** Year to date + projected rest; null when nothing could be projected. */
  projectedYear: number | null;
}

/** The outlook from its totals, or null without a target. */
export function outlookOf(x: OutlookTotals): Outlook | null {
  if (x.targetTenths == null) return null;
  const remainingMonths = Math.max(0, 12 - x.month);
  if (x.baselineYear == null || x.baselineYear <= 0 || x.actualYtd == null)
    return { allowance: null, perMonth: null, projectedTenths: null, projectedYear: null, remainingMonths };
  const projectedTenths = x.projectedYear == null ? null : reductionTenths(x.baselineYear, x.projectedYear);
  if (remainingMonths === 0)
    return { allowance: null, perMonth: null, projectedTenths, projectedYear: x.projectedYear, remainingMonths };
  const ceiling = floorDiv(BigInt(x.baselineYear) * BigInt(1000 - x.targetTenths), 1000n);
  const allowance = Number(ceiling - BigInt(x.actualYtd));
  return {
    allowance,
    perMonth: allowance >= 0 ? Math.floor(allowance / remainingMonths) : null,
    projectedTenths,
    projectedYear: x.projectedYear,
    remainingMonths,
  };
}

/** The projected whole-year actual: year to date + the projected rest (null when unknown). */
export function projectedYearOf(input: Omit<OutlookInput, 'targetTenths' | 'baselineYear'>): number | null {
  if (input.actualYtd == null) return null;
  const remaining = Math.max(0, 12 - input.month);
  const rest = remaining === 0 ? 0 : projectedRest(input.months, input.lastYearRest.slice(0, remaining));
  return rest == null ? null : input.actualYtd + rest;
}

/**
 * The outlook after `month`, or null without a target.
 * @example
 * // docs/domain.md: 48.000.000 đ last year, 21.000.000 đ Jan–Jun, target 10%
 * outlook({ month: 6, targetTenths: 100, baselineYear: 48e6, actualYtd: 21e6, months, lastYearRest })
 * // { allowance: 22_200_000, perMonth: 3_700_000, projectedTenths: 125, projectedYear: 42_000_000, remainingMonths: 6 }
 */
export function outlook(input: OutlookInput): Outlook | null {
  return outlookOf({ ...input, projectedYear: projectedYearOf(input) });
}
