/**
 * What the trends view draws, as plain data: the range asked for in the URL (one year, a month
 * range from–to, or several years with one point per year) and, per category, the points of that
 * range built from the results API's per-year answers. Pure, so the rules are unit-tested apart
 * from the chart.
 *
 * A month range crosses years by joining each year's months; a category whose measure changes
 * inside the range (a kWh norm in one year, none in another) is drawn in đồng throughout, so the
 * points stay comparable. The cumulative line restarts at the start of the range, by the same rule
 * as the year to date (cumulative.ts).
 */
import { addMonths, isPeriod, makePeriod, splitPeriod, type Period } from '../../../../domain/months.ts';
import type { CategoryResult, MonthCoverage, ResultsResponse } from '../../../../domain/schemas/results.ts';
import { cumulativeReduction, roundPercent } from './cumulative.ts';

export type TrendsRange =
  | { kind: 'year'; year: number }
  | { kind: 'months'; from: Period; to: Period }
  | { kind: 'years'; from: number; to: number };

/** Longest month range and most years drawn (a longer request is cut to these). */
export const MAX_MONTHS = 36;
export const MAX_YEARS = 12;

/**
 * The range in the URL: `range=months&from=YYYY-MM&to=YYYY-MM` or `range=years&from=YYYY&to=YYYY`;
 * anything else (or a malformed one) is the picked year.
 * @example parseRange(new URLSearchParams('range=months&from=2025-07&to=2026-06'), 2026) // {kind: 'months', from: '2025-07', to: '2026-06'}
 */
export function parseRange(q: URLSearchParams, year: number): TrendsRange {
  const kind = q.get('range');
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? '';
  if (kind === 'months' && isPeriod(from) && isPeriod(to)) {
    const [a, b] = from <= to ? [from, to] : [to, from];
    return { kind: 'months', from: a < addMonths(b, 1 - MAX_MONTHS) ? addMonths(b, 1 - MAX_MONTHS) : a, to: b };
  }
  if (kind === 'years' && /^\d{4}$/.test(from) && /^\d{4}$/.test(to)) {
    const [a, b] = [Number(from), Number(to)].sort((x, y) => x - y);
    return { kind: 'years', from: Math.max(a, b - MAX_YEARS + 1), to: b };
  }
  return { kind: 'year', year };
}

/** The URL parameters of a range (null removes one). */
export function rangeParams(r: TrendsRange): Record<string, string | number | null> {
  if (r.kind === 'year') return { range: null, from: null, to: null, year: r.year };
  return { range: r.kind, from: r.from, to: r.to };
}

/** One results request per year the range touches; `through` cuts the last year of a month range. */
export function rangeRequests(r: TrendsRange, lastClosed: Period): Array<{ year: number; through?: Period }> {
  if (r.kind === 'year') return [{ year: r.year }];
  if (r.kind === 'years') {
    const out = [];
    for (let y = r.from; y <= r.to; y++) out.push({ year: y });
    return out;
  }
  const a = splitPeriod(r.from).year;
  const b = splitPeriod(r.to).year;
  const out: Array<{ year: number; through?: Period }> = [];
  for (let y = a; y <= b; y++) out.push(y === b && r.to < lastClosed ? { year: y, through: r.to } : { year: y });
  return out;
}

export interface TrendPoint {
  /** 'YYYY-MM' for a month, 'YYYY' for a year. */
  key: string;
  /** The month (month points); null for a year point. */
  period: Period | null;
  year: number;
  /** A month not submitted (a gap, never a zero). */
  missing: boolean;
  actual: number | null;
  /** The đồng beside a kWh actual. */
  actualAmount: number | null;
  baseline: number | null;
  reduction: number | null;
  /** Cumulative reduction since the start of the range (month points); null for year points. */
  cumulative: number | null;
  target: number | null;
  /** Last year's actual of the same month (one-year view with a norm basis). */
  lastYear: number | null;
  /** A year point that stops before December: the last month counted. */
  through: Period | null;
  /**
   * The incomplete months the point counts (not every expected unit submitted): the month itself,
   * or a year's; empty when complete. The chart draws such a point lighter and hatched and gives
   * the coverage in its tooltip: it is tạm tính.
   */
  incomplete: MonthCoverage[];
}

export interface TrendSeries {
  code: string;
  nameVi: string;
  nameEn: string;
  /** The basis, or null when it changes inside the range. */
  basis: CategoryResult['basis'] | null;
  measure: CategoryResult['measure'];
  quantityUnit: string | null;
  /** Drawn in đồng because the measure changes inside the range (kWh in some years only). */
  converted: boolean;
  points: TrendPoint[];
  /** The one target of the whole range, or null when there is none or it changes. */
  target: number | null;
  /** Whether any point has a target (the target line is drawn). */
  hasTarget: boolean;
  hasLastYear: boolean;
  /** No point has an actual figure: the view says so in words instead of an empty chart. */
  empty: boolean;
}

/** The incomplete month `period` of an answer's coverage, as a list of none or one. */
function incompleteMonth(r: ResultsResponse, period: Period): MonthCoverage[] {
  return r.months.filter((m) => m.period === period && !m.complete);
}

type Values = Pick<TrendPoint, 'actual' | 'actualAmount' | 'baseline' | 'reduction'>;
type ValueFields = {
  actual: number | null;
  baseline: number | null;
  reduction: number | null;
  actualAmount: number | null;
  baselineAmount: number | null;
};

/** A month's or year's values in `measure`: as given, or its đồng when the category is in kWh. */
function valuesIn(v: ValueFields, own: CategoryResult['measure'], measure: CategoryResult['measure']): Values {
  if (own === measure)
    return { actual: v.actual, actualAmount: v.actualAmount, baseline: v.baseline, reduction: v.reduction };
  const a = v.actualAmount;
  const b = v.baselineAmount;
  return {
    actual: a,
    actualAmount: a,
    baseline: b,
    reduction: a != null && b != null && b > 0 ? roundPercent(((b - a) / b) * 100) : null,
  };
}

/** Categories in the order of the latest answer, then any only older answers have. */
function categoryCodes(results: ResultsResponse[]): string[] {
  const codes: string[] = [];
  for (const r of [...results].reverse()) for (const c of r.categories) if (!codes.includes(c.code)) codes.push(c.code);
  return codes;
}

function finish(
  code: string,
  found: CategoryResult[],
  measure: CategoryResult['measure'],
  points: TrendPoint[],
): TrendSeries {
  const latest = found[found.length - 1];
  const bases = new Set(found.map((c) => c.basis));
  const targets = new Set(points.map((p) => p.target));
  return {
    code,
    nameVi: latest.nameVi,
    nameEn: latest.nameEn,
    basis: bases.size === 1 ? latest.basis : null,
    measure,
    quantityUnit: measure === 'quantity' ? latest.quantityUnit : null,
    converted: found.some((c) => c.measure !== measure),
    points,
    target: targets.size === 1 ? (points[0]?.target ?? null) : null,
    hasTarget: points.some((p) => p.target != null),
    hasLastYear: points.some((p) => p.lastYear != null),
    empty: points.every((p) => p.actual == null),
  };
}

/** The measure a category is drawn in across several answers: its own if they agree, else đồng. */
function commonMeasure(found: CategoryResult[]): CategoryResult['measure'] {
  return found.every((c) => c.measure === found[0].measure) ? found[0].measure : 'amount';
}

/**
 * One year, month by month; last year's actuals beside a norm baseline (with the same-period
 * basis the baseline line already is last year).
 */
export function yearSeries(current: ResultsResponse, previous: ResultsResponse | null): TrendSeries[] {
  return current.categories.map((c) => {
    const prev = previous?.categories.find((p) => p.code === c.code && p.measure === c.measure) ?? null;
    const showPrev = c.basis === 'norm' && prev != null && prev.months.some((m) => m.actual != null);
    const cumulative = cumulativeReduction(c.months);
    const points = c.months.map((m, i): TrendPoint => ({
      key: m.period,
      period: m.period,
      year: current.year,
      missing: m.status === 'not_submitted',
      ...valuesIn(m, c.measure, c.measure),
      cumulative: cumulative[i],
      target: c.target,
      lastYear: showPrev ? (prev.months[i]?.actual ?? null) : null,
      through: null,
      incomplete: incompleteMonth(current, m.period),
    }));
    return finish(c.code, [c], c.measure, points);
  });
}

/** A month range over one or more years' answers (each year's months, cut to from–to). */
export function monthRangeSeries(results: ResultsResponse[], from: Period, to: Period): TrendSeries[] {
  const sorted = [...results].sort((a, b) => a.year - b.year);
  return categoryCodes(sorted).map((code) => {
    const found = sorted.flatMap((r) => r.categories.filter((c) => c.code === code).map((c) => ({ r, c })));
    const measure = commonMeasure(found.map((f) => f.c));
    const months = found.flatMap(({ r, c }) =>
      c.months
        .filter((m) => m.period >= from && m.period <= to)
        .map((m) => ({ m, r, year: r.year, target: c.target, v: valuesIn(m, c.measure, measure) })),
    );
    const cumulative = cumulativeReduction(months.map((x) => x.v));
    const points = months.map(({ m, r, year, target, v }, i): TrendPoint => ({
      key: m.period,
      period: m.period,
      year,
      missing: m.status === 'not_submitted',
      ...v,
      cumulative: cumulative[i],
      target,
      lastYear: null,
      through: null,
      incomplete: incompleteMonth(r, m.period),
    }));
    return finish(
      code,
      found.map((f) => f.c),
      measure,
      points,
    );
  });
}

/** Several years, one point per year: the year to date (the whole year once it has ended). */
export function yearsSeries(results: ResultsResponse[]): TrendSeries[] {
  const sorted = [...results].sort((a, b) => a.year - b.year);
  return categoryCodes(sorted).map((code) => {
    const found = sorted.flatMap((r) => r.categories.filter((c) => c.code === code).map((c) => ({ r, c })));
    const measure = commonMeasure(found.map((f) => f.c));
    const points = found.map(({ r, c }): TrendPoint => ({
      key: String(r.year),
      period: null,
      year: r.year,
      missing: c.ytd.monthsSubmitted === 0,
      ...valuesIn(c.ytd, c.measure, measure),
      cumulative: null,
      target: c.target,
      lastYear: null,
      through: r.through === makePeriod(r.year, 12) ? null : r.through,
      incomplete: r.months.filter((m) => !m.complete),
    }));
    return finish(
      code,
      found.map((f) => f.c),
      measure,
      points,
    );
  });
}
