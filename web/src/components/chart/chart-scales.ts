/**
 * Two value axes (an amount on the left, a percent on the right) whose zeros sit at the same
 * height and whose grid lines coincide: both get the same number of steps below and above zero,
 * each step a "nice" number (1, 2, 2.5, 5 × 10^k). Chart.js on its own scales each axis apart, so
 * a negative percent put the right axis's zero lower than the left one's.
 */

export interface AxisRange {
  min: number;
  max: number;
  stepSize: number;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ raw. @example niceStep(3.2) // 5 */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const exp = Math.floor(Math.log10(raw));
  const base = 10 ** exp;
  for (const m of [1, 2, 2.5, 5, 10]) {
    const s = Number((m * base).toPrecision(12));
    if (s >= raw * (1 - 1e-12)) return s;
  }
  return 10 * base;
}

const clean = (x: number) => Number(x.toPrecision(12)) || 0;

function bounds(values: Array<number | null | undefined>): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (v == null || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [lo, hi];
}

/**
 * Ranges for two axes with their zeros level: `steps` intervals on each (tried 4 to 6, the
 * tightest fit wins), the same count below zero on both.
 * @example alignedAxes([0, 4_000_000], [-5, 12]) // [{min: -1e6, max: 4e6, stepSize: 1e6}, {min: -5, max: 20, stepSize: 5}]
 */
export function alignedAxes(
  left: Array<number | null | undefined>,
  right: Array<number | null | undefined>,
): [AxisRange, AxisRange] {
  const [lL, hL0] = bounds(left);
  const [lR, hR0] = bounds(right);
  // An empty axis still needs a height.
  const hL = hL0 === 0 && lL === 0 ? 1 : hL0;
  const hR = hR0 === 0 && lR === 0 ? 1 : hR0;
  let best: { waste: number; kn: number; n: number; sL: number; sR: number } | null = null;
  for (const n of [5, 4, 6]) {
    for (let kn = 0; kn < n; kn++) {
      const kp = n - kn;
      if ((lL < 0 || lR < 0) && kn === 0) continue;
      if (hL > 0 && hR > 0 && kp === 0) continue;
      const sL = niceStep(Math.max(hL / kp, kn ? -lL / kn : 0));
      const sR = niceStep(Math.max(hR / kp, kn ? -lR / kn : 0));
      const waste = 2 - (hL - lL) / (n * sL) - (hR - lR) / (n * sR);
      if (!best || waste < best.waste - 1e-9) best = { waste, kn, n, sL, sR };
    }
  }
  const { kn, n, sL, sR } = best!;
  const range = (s: number): AxisRange => ({ min: clean(-kn * s), max: clean((n - kn) * s), stepSize: s });
  return [range(sL), range(sR)];
}
