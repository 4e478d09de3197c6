/**
 * Exact decimals as e-invoice XML writes them (xs:decimal: `2564230`, `2564230.000000`, `-12.5`,
 * '.' as the decimal point, no grouping). Held as a scaled BigInt so VAT totals, exchange rates
 * and kWh never pass through a float. Pure.
 */

/** n × 10^-scale. */
export interface Dec {
  n: bigint;
  scale: number;
}

const XSD_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * The canonical text of an xs:decimal (no '+', no leading or trailing zeros), or null.
 * @example normDecimal('0002564230.000000') // '2564230'
 */
export function normDecimal(text: string): string | null {
  const m = XSD_DECIMAL.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const int = m[2].replace(/^0+(?=\d)/, '') || '0';
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const zero = /^0*$/.test(int + frac);
  return `${m[1] === '-' && !zero ? '-' : ''}${int}${frac ? '.' + frac : ''}`;
}

/** Parses a canonical (or any xs:decimal) text. */
export function dec(text: string): Dec {
  const norm = normDecimal(text);
  if (norm == null) throw new RangeError(`not a decimal: ${text}`);
  const neg = norm.startsWith('-');
  const [int, frac = ''] = norm.replace('-', '').split('.');
  const n = BigInt(int + frac);
  return { n: neg ? -n : n, scale: frac.length };
}

export const ZERO: Dec = { n: 0n, scale: 0 };

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const s = Math.max(a.scale, b.scale);
  return [a.n * 10n ** BigInt(s - a.scale), b.n * 10n ** BigInt(s - b.scale), s];
}

export function add(a: Dec, b: Dec): Dec {
  const [x, y, scale] = align(a, b);
  return { n: x + y, scale };
}

export function mul(a: Dec, b: Dec): Dec {
  return { n: a.n * b.n, scale: a.scale + b.scale };
}

export function neg(a: Dec): Dec {
  return { n: -a.n, scale: a.scale };
}

export function abs(a: Dec): Dec {
  return { n: a.n < 0n ? -a.n : a.n, scale: a.scale };
}

/** -1, 0 or 1. */
export function cmp(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isWhole(a: Dec): boolean {
  return a.n % 10n ** BigInt(a.scale) === 0n;
}

/** Rounded to a whole number, half away from zero. */
export function roundHalfAway(a: Dec): bigint {
  if (a.scale === 0) return a.n;
  const d = 10n ** BigInt(a.scale);
  const m = a.n < 0n ? -a.n : a.n;
  const q = m / d + ((m % d) * 2n >= d ? 1n : 0n);
  return a.n < 0n ? -q : q;
}

/** Thousandths exactly, or null when more than 3 decimals are not zero. */
export function toMilli(a: Dec): bigint | null {
  if (a.scale <= 3) return a.n * 10n ** BigInt(3 - a.scale);
  const d = 10n ** BigInt(a.scale - 3);
  return a.n % d === 0n ? a.n / d : null;
}

export function toText(a: Dec): string {
  const negative = a.n < 0n;
  const digits = (negative ? -a.n : a.n).toString().padStart(a.scale + 1, '0');
  const int = digits.slice(0, digits.length - a.scale);
  const frac = a.scale ? digits.slice(digits.length - a.scale).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${int}${frac ? '.' + frac : ''}`;
}
