/**
 * Numbers as finance officers type them: vi-VN (`1.250.000,50`, `12,5`) or en (`1,250,000.50`).
 * The style is decided ONCE per file from the cells that prove it (decideNumberStyle), never per
 * cell: in a vi-VN file `1.250` is one thousand two hundred fifty, because '.' groups thousands.
 * Results are exact integers: đồng for amounts, thousandths for quantities. Pure, no I/O.
 */
import { MAX_DONG } from './money.ts';

export type NumberStyle = 'vi' | 'en';
export type NumberErrorCode =
  'not_a_number' | 'negative_amount' | 'too_many_decimals' | 'too_large' | 'fractional_amount' | 'ambiguous_number';
/** The two readings of an ambiguous money cell: `690,000` in a file that groups thousands with `.`. */
export interface Readings {
  /** The separator read as grouping thousands: 690000. */
  thousands: number;
  /** The separator read as the decimal mark: 690 (may have a fraction: 1.25). */
  decimal: number;
  /** The separator the cell used. */
  separator: ',' | '.';
}
export type NumberResult = { ok: true; value: number } | { ok: false; code: NumberErrorCode; readings?: Readings };

/** A decimal as written: sign and digit strings, no separators. */
export interface Decimal {
  negative: boolean;
  int: string;
  frac: string;
}

/** Largest quantity (in thousandths) we accept: a billion units. */
export const MAX_MILLI = 1_000_000_000_000;

// Currency marks people append or prepend: "1.250.000 đ", "1.250.000đ", "VND 1.250.000", "1.250.000 đồng".
const CURRENCY_TAIL = /\s*(?:đồng|dong|vnđ|vnd|đ|₫)\.?\s*$/iu;
const CURRENCY_HEAD = /^\s*(?:vnđ|vnd|₫)\s*/iu;
// Spaces used as digit-group separators (regular, no-break, narrow no-break, thin).
const GROUP_SPACES = /[\s\u00a0\u202f\u2009]+/g;

const PLAIN = /^\d{1,15}$/;
// Integer part: 1–3 digits then groups of exactly 3, or ungrouped digits; optional decimal part.
const VI_NUMBER = /^(\d{1,3}(?:\.\d{3})+|\d*)(?:,(\d+))?$/;
const EN_NUMBER = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d+))?$/;

interface Stripped {
  negative: boolean;
  body: string;
}

/** Removes currency marks, sign and spaces; null when the text cannot be a number at all. */
function strip(text: string): Stripped | null {
  // Only text with non-ASCII characters (đ, ₫, no-break spaces) needs normalising.
  let s = (/[^\x20-\x7e]/.test(text) ? text.normalize('NFC') : text).trim();
  if (s === '') return null;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    // Accountants write negatives as (1.250.000).
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(CURRENCY_TAIL, '').replace(CURRENCY_HEAD, '');
  if (/^[-−–]/.test(s)) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  s = s.replace(CURRENCY_HEAD, '').replace(GROUP_SPACES, '');
  if (s === '' || !/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  return { negative, body: s };
}

/**
 * What one cell proves about the file's style: 'vi' (`12,5`, `1.250.000`, `1.250,5`), 'en'
 * (`12.5`, `1,250,000`, `1,250.5`), or null when it fits both or neither (`1.250`, `1250`).
 */
export function numberStyleEvidence(text: string): NumberStyle | null {
  const st = strip(text);
  if (!st) return null;
  const s = st.body;
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  if (dots && commas) return s.lastIndexOf(',') > s.lastIndexOf('.') ? 'vi' : 'en';
  if (dots > 1) return 'vi';
  if (commas > 1) return 'en';
  if (dots === 1 || commas === 1) {
    const sep = dots ? '.' : ',';
    const [head, tail] = s.split(sep);
    // "x.yyy" with a 1–3 digit head not starting with 0 fits thousands grouping and a decimal: ambiguous.
    const groupable = tail.length === 3 && head.length >= 1 && head.length <= 3 && !/^0/.test(head);
    if (groupable) return null;
    // Otherwise the separator must be the decimal mark.
    return sep === '.' ? 'en' : 'vi';
  }
  return null;
}

/**
 * The file's style from sample cells: vi-VN unless more cells prove en than vi.
 * @example decideNumberStyle(['1,250,000', '1.250']) // 'en'
 */
export function decideNumberStyle(samples: Iterable<string>): NumberStyle {
  let vi = 0;
  let en = 0;
  for (const s of samples) {
    const e = numberStyleEvidence(s);
    if (e === 'vi') vi++;
    else if (e === 'en') en++;
  }
  return en > vi ? 'en' : 'vi';
}

/**
 * Parses a decimal written in `style`; null when it is not one.
 * @example parseDecimal('1.250.000,50', 'vi') // { negative: false, int: '1250000', frac: '50' }
 */
export function parseDecimal(text: string, style: NumberStyle): Decimal | null {
  // Fast path for the common plain cell: digits only.
  if (PLAIN.test(text)) return { negative: false, int: text.replace(/^0+(?=\d)/, ''), frac: '' };
  const re = style === 'vi' ? VI_NUMBER : EN_NUMBER;
  // A bare number needs no stripping of signs, spaces or currency marks.
  const direct = re.exec(text);
  const st = direct ? { negative: false, body: text } : strip(text);
  if (!st) return null;
  const m = direct ?? re.exec(st.body);
  if (!m) return null;
  const int = (m[1] ?? '').replace(style === 'vi' ? /\./g : /,/g, '');
  const frac = m[2] ?? '';
  if (int === '' && frac === '') return null;
  return { negative: st.negative, int: int.replace(/^0+(?=\d)/, '') || '0', frac };
}

/** The decimal of a number an XLSX cell holds (already numeric: no style involved). */
export function decimalOfNumber(n: number): Decimal | null {
  if (!Number.isFinite(n)) return null;
  // Whole numbers below 10^15 (every amount in đồng) are exact already: no toPrecision needed.
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return { negative: n < 0, int: String(Math.abs(n)), frac: '' };
  // 15 significant digits undo binary noise (601.1 is stored as 601.10000000000002).
  const a = Math.abs(Number(n.toPrecision(15)));
  let s = String(a);
  if (s.includes('e')) s = a.toFixed(20).replace(/0+$/, ''); // below 1e-6 or above 1e21: only ever an error
  const [int, frac = ''] = s.split('.');
  return { negative: n < 0, int, frac };
}

/**
 * Whole đồng, never rounded: a fraction of a đồng is `fractional_amount` (`1.250.000,5`), while
 * zeros after the mark are whole (`1.250.000,00`, `1250000.000000`). Negative amounts are refused:
 * figures are money spent.
 */
export function dongOfDecimal(d: Decimal): NumberResult {
  const v = Number(d.int);
  const fraction = /[1-9]/.test(d.frac);
  if (d.negative && (v !== 0 || fraction)) return { ok: false, code: 'negative_amount' };
  if (d.int.length > 15 || v > MAX_DONG) return { ok: false, code: 'too_large' };
  if (fraction) return { ok: false, code: 'fractional_amount' };
  return { ok: true, value: v };
}

/** How far from a whole number an XLSX float may be and still be whole đồng (binary noise). */
export const WHOLE_DONG_TOLERANCE = 1e-6;

// A money cell `d,ddd` / `dd.ddd` / `ddd,ddd`: one separator, 1–3 digits (no leading 0), 3 digits.
const GROUPABLE = /^([1-9]\d{0,2})([.,])(\d{3})$/;

/**
 * The two readings of a money cell whose only separator is the file's decimal mark in a
 * thousands position (`690,000` in a vi-VN file, `1.250` in an en file); null when it is not such
 * a cell. Such a cell is ambiguous: an error showing both readings, never a guess.
 */
export function ambiguousMoney(text: string, style: NumberStyle): Readings | null {
  if (!/[.,]/.test(text)) return null;
  let m = GROUPABLE.exec(text);
  if (!m && /[^\d.,]/.test(text)) {
    // With a currency mark or spaces: `690,000 đ`.
    const st = strip(text);
    m = st && !st.negative ? GROUPABLE.exec(st.body) : null;
  }
  if (!m || m[2] !== (style === 'vi' ? ',' : '.')) return null;
  return {
    thousands: Number(m[1]) * 1000 + Number(m[3]),
    decimal: Number(`${m[1]}.${m[3]}`),
    separator: m[2],
  };
}

/** Thousandths, exact: `12,5` → 12500; more than 3 non-zero decimals is an error, not a rounding. */
export function milliOfDecimal(d: Decimal): NumberResult {
  const frac = d.frac.replace(/0+$/, '');
  if (frac.length > 3) return { ok: false, code: 'too_many_decimals' };
  const v = Number(d.int) * 1000 + Number(frac.padEnd(3, '0'));
  if (d.negative && v !== 0) return { ok: false, code: 'negative_amount' };
  if (d.int.length > 13 || v > MAX_MILLI) return { ok: false, code: 'too_large' };
  return { ok: true, value: v };
}

/**
 * An amount in whole đồng from text in the file's style.
 * @example parseDong('1.250.000 đ', 'vi') // { ok: true, value: 1250000 }
 */
export function parseDong(text: string, style: NumberStyle): NumberResult {
  // The usual cell, digits only: what the decimal path answers, without its strings.
  if (PLAIN.test(text)) {
    const v = Number(text);
    return v > MAX_DONG ? { ok: false, code: 'too_large' } : { ok: true, value: v };
  }
  const readings = ambiguousMoney(text, style);
  if (readings) return { ok: false, code: 'ambiguous_number', readings };
  const d = parseDecimal(text, style);
  return d ? dongOfDecimal(d) : { ok: false, code: 'not_a_number' };
}

/**
 * A quantity in thousandths from text in the file's style.
 * @example parseMilli('601,1', 'vi') // { ok: true, value: 601100 }
 */
export function parseMilli(text: string, style: NumberStyle): NumberResult {
  if (PLAIN.test(text)) {
    const v = Number(text) * 1000;
    return v > MAX_MILLI ? { ok: false, code: 'too_large' } : { ok: true, value: v };
  }
  const d = parseDecimal(text, style);
  return d ? milliOfDecimal(d) : { ok: false, code: 'not_a_number' };
}

/**
 * An amount from a numeric XLSX cell: whole when within 10⁻⁶ of a whole number (binary noise of a
 * computed cell), otherwise `fractional_amount`.
 */
export function dongOfNumber(n: number): NumberResult {
  if (!Number.isFinite(n)) return { ok: false, code: 'not_a_number' };
  const whole = Math.round(n);
  if (Math.abs(n - whole) > WHOLE_DONG_TOLERANCE) {
    if (n < 0) return { ok: false, code: 'negative_amount' };
    return { ok: false, code: Math.abs(n) > MAX_DONG ? 'too_large' : 'fractional_amount' };
  }
  // The usual cell, whole đồng in range: what dongOfDecimal would answer, without the strings.
  if (whole >= 0 && whole <= MAX_DONG) return { ok: true, value: whole === 0 ? 0 : whole };
  const d = decimalOfNumber(whole === 0 ? 0 : whole);
  return d ? dongOfDecimal(d) : { ok: false, code: 'not_a_number' };
}

/** A quantity from a numeric XLSX cell. */
export function milliOfNumber(n: number): NumberResult {
  // A whole quantity in range (the usual kWh cell): what milliOfDecimal would answer.
  if (Number.isInteger(n) && n >= 0 && n * 1000 <= MAX_MILLI) return { ok: true, value: n === 0 ? 0 : n * 1000 };
  const d = decimalOfNumber(n);
  return d ? milliOfDecimal(d) : { ok: false, code: 'not_a_number' };
}

/**
 * A percentage with at most one decimal, as integer tenths (`7,5` → 75, `10%` → 100).
 * Null when it is not a number or has more than one decimal.
 */
export function parseTenths(text: string, style: NumberStyle): number | null {
  const d = parseDecimal(text.replace(/%\s*$/, ''), style);
  return d ? tenthsOfDecimal(d) : null;
}

export function tenthsOfDecimal(d: Decimal): number | null {
  const frac = d.frac.replace(/0+$/, '');
  if (frac.length > 1 || d.int.length > 6) return null;
  const v = Number(d.int) * 10 + Number(frac || '0');
  return d.negative ? -v : v;
}
