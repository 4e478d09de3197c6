/** The scale of <tk-progress> (pure, so it is unit-tested without a browser). */

/**
 * The end of the bar's scale: 1.5 × target (or the reduction, if larger) rounded up to a multiple
 * of 5; without a target, the reduction rounded up (at least 10).
 * @example progressMax(8, 10) // 15
 */
export function progressMax(value: number | null, target: number | null): number {
  const up = (x: number) => Math.max(5, Math.ceil(x / 5) * 5);
  const v = value != null && value > 0 ? value : 0;
  return target != null && target > 0 ? up(Math.max(target * 1.5, v)) : up(Math.max(10, v));
}
