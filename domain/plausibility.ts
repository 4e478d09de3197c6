/**
 * Plausibility: catching the 1000× mistake before it is stored (docs/domain.md,
 * "Plausibility"). A new figure is compared with the unit's own history for the same category:
 * the median of its last 12 submitted months (≥ 5× or ≤ ⅕ warns), the same month a year earlier
 * (±80% warns), the electricity price when đồng and kWh are both given (outside 1,000–10,000
 * đ/kWh warns), and whether its month has ended. Pure: the caller loads the history.
 *
 * Reuse (spreadsheets, e-invoices, any other source of figures): build a `FigureSeries` per unit
 * and category holding the stored history with the new figures laid over it (`set`), then
 * call `checkFigure` for each new figure; word a finding with `plausibilityMessage`
 * (domain/plausibility-messages.ts). Thresholds come from settings (PLAUSIBILITY_* variables);
 * DEFAULT_PLAUSIBILITY holds docs/domain.md's values.
 */
import { monthNumber, monthPeriod } from './months.ts';

export interface PlausibilityThresholds {
  /** Warn at ≥ ratio × the median or ≤ median / ratio. */
  medianRatio: number;
  /** Warn at ≥ +pct% or ≤ −pct% against the same month a year earlier. */
  yearChangePct: number;
  /** Electricity price bounds, đồng per kWh (inclusive). */
  priceMin: number;
  priceMax: number;
  /** Submitted months the median is taken over. */
  historyMonths: number;
}

export const DEFAULT_PLAUSIBILITY: PlausibilityThresholds = {
  medianRatio: 5,
  yearChangePct: 80,
  priceMin: 1000,
  priceMax: 10000,
  historyMonths: 12,
};

/** How far back history is looked for (submitted months may be sparse). */
export const HISTORY_LOOKBACK_MONTHS = 36;

export type PlausibilityCode =
  'above_median' | 'below_median' | 'year_change' | 'electricity_price' | 'period_not_ended';

/** Which value of a figure a finding is about. */
export type FigureField = 'amount' | 'quantity';

export interface PlausibilityFinding {
  code: PlausibilityCode;
  field: FigureField;
  /** The new value: đồng for amounts, thousandths for quantities. */
  value: number;
  /** What it was compared with, in the same unit (median, last year's value, price); null for a month not ended. */
  reference: number | null;
  /** Numbers the wording needs (money in đồng, quantities in thousandths, ratios and percents rounded). */
  params: Record<string, number | string | null>;
}

/** One month of a unit's figure for one category. */
export interface SeriesPoint {
  period: string;
  amount: number;
  quantityMilli: number | null;
}

/**
 * A unit's figures for one category by month: the stored history with the new figures laid over
 * it (`set` replaces the month's value). Looking back is a binary search over the sorted months,
 * so a million new figures are checked in linear-logarithmic time. Values sit in parallel arrays
 * (no object per month): an import checks a million figures through these.
 */
export class FigureSeries {
  private readonly slotOf = new Map<number, number>();
  private readonly amounts: number[] = [];
  /** Thousandths; NaN = none. */
  private readonly quantities: number[] = [];
  /** Whether months were added in increasing order (then slot order is month order). */
  private inOrder = true;
  private lastMonth = -Infinity;
  /** Months in order with their values in the same order (built once the series is read). */
  private sorted: { months: Float64Array; amounts: Float64Array; quantities: Float64Array } | null = null;

  set(p: SeriesPoint): this {
    return this.setMonth(monthNumber(p.period), p.amount, p.quantityMilli);
  }

  /** `set` by month number (monthNumber). */
  setMonth(month: number, amount: number, quantityMilli: number | null): this {
    let slot = this.slotOf.get(month);
    if (slot === undefined) {
      slot = this.amounts.length;
      if (month < this.lastMonth) this.inOrder = false;
      this.lastMonth = month;
      this.slotOf.set(month, slot);
      this.amounts.push(0);
      this.quantities.push(NaN);
    }
    this.amounts[slot] = amount;
    this.quantities[slot] = quantityMilli ?? NaN;
    this.sorted = null;
    return this;
  }

  at(period: string): SeriesPoint | undefined {
    const slot = this.slotOf.get(monthNumber(period));
    return slot === undefined
      ? undefined
      : { period, amount: this.amounts[slot], quantityMilli: this.quantityAt(slot) };
  }

  /** The month's amount or quantity; null when the month or the value is missing. */
  valueAt(month: number, field: FigureField): number | null {
    const slot = this.slotOf.get(month);
    if (slot === undefined) return null;
    return field === 'amount' ? this.amounts[slot] : this.quantityAt(slot);
  }

  private quantityAt(slot: number): number | null {
    const q = this.quantities[slot];
    return Number.isNaN(q) ? null : q;
  }

  /** The values of the last `n` submitted months before `period` (most recent first), within the lookback. */
  lastSubmitted(period: string, field: FigureField, n: number): number[] {
    const out: number[] = [];
    const k = this.lastSubmittedInto(monthNumber(period), field, n, out);
    out.length = k;
    return out;
  }

  private sort() {
    const months = Float64Array.from(this.slotOf.keys());
    // Months added in order (a file's usual order, or history read sorted): slots are in month order.
    if (this.inOrder)
      return { months, amounts: Float64Array.from(this.amounts), quantities: Float64Array.from(this.quantities) };
    months.sort();
    const amounts = new Float64Array(months.length);
    const quantities = new Float64Array(months.length);
    for (let i = 0; i < months.length; i++) {
      const slot = this.slotOf.get(months[i])!;
      amounts[i] = this.amounts[slot];
      quantities[i] = this.quantities[slot];
    }
    return { months, amounts, quantities };
  }

  /** lastSubmitted into `out` (a reused buffer); returns how many values it wrote. */
  lastSubmittedInto(month: number, field: FigureField, n: number, out: { [i: number]: number }): number {
    const { months, amounts, quantities } = (this.sorted ??= this.sort());
    // First index with a month ≥ `month`; everything before it is earlier.
    let lo = 0;
    let hi = months.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (months[mid] < month) lo = mid + 1;
      else hi = mid;
    }
    const values = field === 'amount' ? amounts : quantities;
    let k = 0;
    for (let i = lo - 1; i >= 0 && k < n && months[i] >= month - HISTORY_LOOKBACK_MONTHS; i--) {
      const v = values[i];
      if (!Number.isNaN(v)) out[k++] = v;
    }
    return k;
  }
}

/**
 * The median of a list of numbers (the mean of the two middle ones for an even count).
 * @example medianOf([3, 1, 2]) // 2
 */
export function medianOf(values: ArrayLike<number>, count = values.length): number {
  const n = count;
  if (!n) return NaN;
  // An insertion sort into a reused buffer: a copy and a comparator sort per figure allocated
  // ~1.3 KB each (530 MB on a 400,000-figure import, measured).
  let s = SCRATCH;
  if (n > SCRATCH.length) s = Float64Array.from({ length: n }, (_, i) => values[i]).sort();
  else
    for (let i = 0; i < n; i++) {
      const v = values[i];
      let j = i;
      for (; j > 0 && s[j - 1] > v; j--) s[j] = s[j - 1];
      s[j] = v;
    }
  const m = n >> 1;
  return n % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const SCRATCH = new Float64Array(64);

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** ≥ ratio × median or ≤ median / ratio, against the last submitted months. */
export function checkMedian(
  value: number,
  field: FigureField,
  history: ArrayLike<number>,
  t: PlausibilityThresholds,
  /** How many of `history`'s values count (a reused buffer holds more). */
  count = history.length,
): PlausibilityFinding | null {
  if (!count) return null;
  const median = medianOf(history, count);
  // A median of zero has no ratio: nothing to compare a new value with.
  if (median <= 0) return null;
  const high = value >= t.medianRatio * median;
  const low = value * t.medianRatio <= median;
  if (!high && !low) return null;
  return {
    code: high ? 'above_median' : 'below_median',
    field,
    value,
    reference: median,
    // ratio: how many times larger (above) or smaller (below) than the median; null for a zero value.
    params: {
      median: Math.round(median),
      months: count,
      ratio: high ? round(value / median, 1) : value === 0 ? null : round(median / value, 1),
    },
  };
}

/** ±yearChangePct against the same month a year earlier. */
export function checkYearChange(
  value: number,
  field: FigureField,
  period: string,
  series: FigureSeries,
  t: PlausibilityThresholds,
): PlausibilityFinding | null {
  return yearChangeAt(value, field, monthNumber(period), series, t);
}

function yearChangeAt(
  value: number,
  field: FigureField,
  month: number,
  series: FigureSeries,
  t: PlausibilityThresholds,
): PlausibilityFinding | null {
  const last = series.valueAt(month - 12, field);
  if (last == null || last <= 0) return null;
  // Integers: value/last − 1 ≥ pct/100 ⇔ 100·value ≥ (100 + pct)·last.
  const up = 100 * value >= (100 + t.yearChangePct) * last;
  const down = 100 * value <= (100 - t.yearChangePct) * last;
  if (!up && !down) return null;
  return {
    code: 'year_change',
    field,
    value,
    reference: last,
    params: {
      lastYear: last,
      lastYearPeriod: monthPeriod(month - 12),
      changePct: round(((value - last) / last) * 100, 1),
    },
  };
}

/** Electricity: đồng per kWh outside [priceMin, priceMax] when both are given. */
export function checkPrice(
  amount: number,
  quantityMilli: number | null,
  t: PlausibilityThresholds,
): PlausibilityFinding | null {
  if (quantityMilli == null || (amount === 0 && quantityMilli === 0)) return null;
  // price = amount / (quantityMilli / 1000); compare in integers, no division.
  const low = amount * 1000 < t.priceMin * quantityMilli;
  const high = amount * 1000 > t.priceMax * quantityMilli;
  if (!low && !high) return null;
  const price = quantityMilli === 0 ? null : Math.round((amount * 1000) / quantityMilli);
  return {
    code: 'electricity_price',
    field: 'amount',
    value: amount,
    reference: price,
    params: { quantityMilli, price, min: t.priceMin, max: t.priceMax },
  };
}

/** A figure for a month that has not ended yet (after `lastEnded`, the last ended month). */
export function checkPeriodEnded(period: string, lastEnded: string, amount: number): PlausibilityFinding | null {
  if (period <= lastEnded) return null;
  return { code: 'period_not_ended', field: 'amount', value: amount, reference: null, params: { lastEnded } };
}

export interface FigureToCheck {
  period: string;
  amount: number;
  quantityMilli: number | null;
}

/**
 * Every finding for one new figure. `series` is the unit's history for the category with the new
 * figures laid over it; only months before `f.period` are compared. `priced`: the category is
 * metered in kWh (the electricity price rule applies).
 * @example checkFigure({period:'2026-10', amount:690, quantityMilli:null}, series, {lastEnded:'2026-10', priced:false})
 */
export function checkFigure(
  f: FigureToCheck,
  series: FigureSeries,
  opts: { lastEnded: string; priced: boolean; thresholds?: PlausibilityThresholds },
): PlausibilityFinding[] {
  return checkFigureAt(monthNumber(f.period), f.amount, f.quantityMilli, series, {
    lastEndedMonth: monthNumber(opts.lastEnded),
    priced: opts.priced,
    thresholds: opts.thresholds,
  });
}

/** No finding (shared, never changed). */
const NONE: readonly PlausibilityFinding[] = Object.freeze([]);
/** The last submitted months of one figure, reused from figure to figure. */
const HISTORY = new Float64Array(64);

/**
 * checkFigure by month number (monthNumber) and values, allocating nothing for a plausible
 * figure: an import checks every one of its figures. The result is shared when empty: read it,
 * don't change it.
 */
export function checkFigureAt(
  month: number,
  amount: number,
  quantityMilli: number | null,
  series: FigureSeries,
  opts: { lastEndedMonth: number; priced: boolean; thresholds?: PlausibilityThresholds },
): PlausibilityFinding[] {
  const t = opts.thresholds ?? DEFAULT_PLAUSIBILITY;
  let out: PlausibilityFinding[] | null = null;
  let x: PlausibilityFinding | null;
  if (
    month > opts.lastEndedMonth &&
    (x = checkPeriodEnded(monthPeriod(month), monthPeriod(opts.lastEndedMonth), amount))
  )
    (out ??= []).push(x);
  const buf = t.historyMonths <= HISTORY.length ? HISTORY : new Float64Array(t.historyMonths);
  for (let k = 0; k < 2; k++) {
    const field: FigureField = k === 0 ? 'amount' : 'quantity';
    const v = k === 0 ? amount : quantityMilli;
    if (v == null) continue;
    const n = series.lastSubmittedInto(month, field, t.historyMonths, buf);
    if ((x = checkMedian(v, field, buf, t, n))) (out ??= []).push(x);
    if ((x = yearChangeAt(v, field, month, series, t))) (out ??= []).push(x);
  }
  if (opts.priced && (x = checkPrice(amount, quantityMilli, t))) (out ??= []).push(x);
  return out ?? (NONE as PlausibilityFinding[]);
}
