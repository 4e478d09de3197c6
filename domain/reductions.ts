/**
 * The formulas of docs/domain.md "Formulas": reduction, saved, met, computed from integers only
 * (đồng, or quantity thousandths) so that sums never drift.
 *
 * Rules decided here:
 * - reduction is kept as integer tenths of a percent; 1000·(b − a)/b is rounded half away from
 *   zero with BigInt arithmetic, so 12.25% style halves never depend on binary floats.
 * - met compares the ROUNDED reduction with the target (both in tenths): the value a reader sees
 *   and the tick beside it can never contradict each other.
 * - a baseline that is missing, or zero, makes reduction and met unknown (null), never 0% or 100%.
 */

/** Integer division rounded half away from zero. `den` must be positive. */
export function divRoundHalfAway(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError('den must be positive');
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const q = (2n * abs + den) / (2n * den);
  return neg ? -q : q;
}

/**
 * Reduction in tenths of a percent, or null when the baseline is unknown or zero.
 * @example reductionTenths(48_000_000, 43_200_000) // 100  (10.0%)
 */
export function reductionTenths(baseline: number | null, actual: number | null): number | null {
  if (baseline == null || actual == null || baseline <= 0) return null;
  if (!Number.isSafeInteger(baseline) || !Number.isSafeInteger(actual))
    throw new RangeError('reduction needs exact integers');
  // Exact in plain numbers while every intermediate stays a safe integer (the usual case; the
  // monthly close evaluates ~10⁵ of these); BigInt otherwise. Same rounding: half away from zero.
  const num = 1000 * (baseline - actual);
  const abs = num < 0 ? -num : num;
  if (2 * abs + 3 * baseline <= Number.MAX_SAFE_INTEGER) {
    const n = 2 * abs + baseline;
    const d = 2 * baseline;
    let q = Math.floor(n / d);
    // The float quotient can be one off near an integer: correct it with the exact remainder.
    const r = n - q * d;
    if (r < 0) q--;
    else if (r >= d) q++;
    return num < 0 && q !== 0 ? -q : q;
  }
  return Number(divRoundHalfAway(1000n * (BigInt(baseline) - BigInt(actual)), BigInt(baseline)));
}

/** Tenths of a percent to the percent shown (100 → 10, 125 → 12.5). */
export const tenthsToPct = (t: number | null): number | null => (t == null ? null : t / 10);

/** Percent (one decimal at most) to tenths, exactly: 12.5 → 125. */
export const pctToTenths = (p: number | null): number | null => (p == null ? null : Math.round(p * 10));

/** Rounded reduction ≥ target, both in tenths; null when either is unknown. */
export function isMet(reductionT: number | null, targetT: number | null): boolean | null {
  if (reductionT == null || targetT == null) return null;
  return reductionT >= targetT;
}

/** saved = baseline − actual (negative: overspent); null when either is unknown. */
export function saved(baseline: number | null, actual: number | null): number | null {
  return baseline == null || actual == null ? null : baseline - actual;
}

export interface Evaluated {
  actual: number | null;
  baseline: number | null;
  saved: number | null;
  /** Tenths of a percent. */
  reductionTenths: number | null;
  met: boolean | null;
}

/** All derived values of one baseline/actual pair (integers in the same base) against a target. */
export function evaluate(baseline: number | null, actual: number | null, targetTenths: number | null): Evaluated {
  const r = reductionTenths(baseline, actual);
  return { actual, baseline, saved: saved(baseline, actual), reductionTenths: r, met: isMet(r, targetTenths) };
}
