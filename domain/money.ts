/**
 * Money: integer đồng, never floats. One helper module so every sum, difference and
 * display of money goes through the same rules.
 */

/** Largest đồng amount we accept in one figure (a trillion đồng; far above any running cost). */
export const MAX_DONG = 1_000_000_000_000;

const dongFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/**
 * Format đồng the Vietnamese way.
 * @example formatDong(43200000) // '43.200.000 đ'
 */
export function formatDong(n: number, opts: { unit?: boolean } = {}): string {
  const s = dongFormat.format(n);
  return opts.unit === false ? s : `${s} đ`;
}
