/**
 * Money: integer đồng, never floats. One helper module so every sum, difference and
 * display of money goes through the same rules.
 */

/** Largest đồng amount we accept in one figure (a trillion đồng; far above any running cost). */
export const MAX_DONG = 1_000_000_000_000;

/** True when `n` is a whole number of đồng that arithmetic keeps exact. */
export function isDong(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n);
}

/**
 * Sum integer đồng, throwing if the sum leaves the exact-integer range.
 * @example sumDong([1_250_000, 3_000]) // 1253000
 */
export function sumDong(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isSafeInteger(total)) throw new RangeError('đồng sum out of exact range');
  return total;
}

const dongFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/**
 * Format đồng the Vietnamese way.
 * @example formatDong(43200000) // '43.200.000 đ'
 */
export function formatDong(n: number, opts: { unit?: boolean } = {}): string {
  const s = dongFormat.format(n);
  return opts.unit === false ? s : `${s} đ`;
}
