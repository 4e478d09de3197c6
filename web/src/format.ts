/**
 * Display formats in the current language: vi-VN (`43.200.000 đ`, `15,0%`, `Tháng 10/2026`)
 * or en-GB (`43,200,000 đ`, `15.0%`, `October 2026`). Values arrive as exact integers (đồng)
 * or numbers with at most three decimals (quantities); nothing here does arithmetic on money.
 */
import { formatPeriodEn, formatPeriodVi } from '../../domain/months.ts';
import { getLang, type Lang } from './i18n/i18n.ts';

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

/** Fraction digits (min, max) of each kind of number the dashboard shows, on screen and in exports. */
export const FRACTION_DIGITS = {
  money: [0, 0],
  quantity: [0, 3],
  percent: [1, 1],
} as const satisfies Record<string, readonly [number, number]>;

/** What a decimal number is written with: vi-VN `1.234,5`, en-GB `1,234.5` (CLDR). */
const SEPARATORS: Record<Lang, { group: string; decimal: string }> = {
  vi: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/**
 * `n` as Intl.NumberFormat(locale, { minimumFractionDigits, maximumFractionDigits }) writes it,
 * without Intl: a renderer's first Intl.NumberFormat costs the main thread 45–65 ms (V8 builds
 * ICU's locale set, once per process; measured in chromium on a 2-core machine), and every
 * page's first table and chart waited for it. The same digits as ICU: the shortest decimal that
 * reads back as `n` (String(n)), rounded half away from zero, grouped by three, a minus before
 * every negative number, -0 included. What it does not cover (NaN, ±∞, a number String() writes
 * with an exponent: below 1e-6 or from 1e21) goes to Intl. Checked against Intl.NumberFormat on
 * random and edge numbers for each format and language (test/unit/web-format.test.ts).
 */
export function plainDecimal(n: number, lang: Lang, minFraction: number, maxFraction: number): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(Math.abs(n)));
  if (!m)
    return new Intl.NumberFormat(locale(lang), {
      minimumFractionDigits: minFraction,
      maximumFractionDigits: maxFraction,
    }).format(n);
  let int = m[1];
  let fraction = m[2] ?? '';
  if (fraction.length > maxFraction) {
    const up = fraction.charCodeAt(maxFraction) >= 53; // '5' to '9': half away from zero
    fraction = fraction.slice(0, maxFraction);
    if (up) {
      const all = [...(int + fraction)];
      let i = all.length - 1;
      for (; i >= 0 && all[i] === '9'; i--) all[i] = '0';
      if (i < 0) all.unshift('1');
      else all[i] = String(Number(all[i]) + 1);
      int = all.slice(0, all.length - maxFraction).join('');
      fraction = all.slice(all.length - maxFraction).join('');
    }
  }
  fraction = fraction.replace(/0+$/, '').padEnd(minFraction, '0');
  const { group, decimal } = SEPARATORS[lang];
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, group);
  return `${n < 0 || Object.is(n, -0) ? '-' : ''}${grouped}${fraction ? decimal + fraction : ''}`;
}

/** @example formatMoney(43200000) // '43.200.000 đ' */
export function formatMoney(n: number | null | undefined, lang: Lang = getLang()): string {
  return n == null ? '—' : `${plainDecimal(n, lang, ...FRACTION_DIGITS.money)} đ`;
}

/** A plain number with up to 3 decimals. @example formatNumber(12.5) // '12,5' */
export function formatNumber(n: number | null | undefined, lang: Lang = getLang()): string {
  return n == null ? '—' : plainDecimal(n, lang, ...FRACTION_DIGITS.quantity);
}

/** A quantity with its unit. @example formatQuantity(51000, 'kWh') // '51.000 kWh' */
export function formatQuantity(n: number | null | undefined, unit: string | null, lang: Lang = getLang()): string {
  return n == null ? '—' : `${formatNumber(n, lang)}${unit ? ` ${unit}` : ''}`;
}

/** Percent with one decimal. @example formatPercent(15) // '15,0%' */
export function formatPercent(n: number | null | undefined, lang: Lang = getLang()): string {
  return n == null ? '—' : `${plainDecimal(n, lang, ...FRACTION_DIGITS.percent)}%`;
}

/** @example formatPeriod('2026-10') // 'Tháng 10/2026' */
export function formatPeriod(p: string, lang: Lang = getLang()): string {
  return lang === 'vi' ? formatPeriodVi(p) : formatPeriodEn(p);
}

/** Short month label for chart axes. @example formatMonthShort('2026-10') // 'T10' */
export function formatMonthShort(p: string, lang: Lang = getLang()): string {
  const month = Number(p.slice(5, 7));
  return lang === 'vi'
    ? `T${month}`
    : new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
}

/** A stored UTC time shown in Asia/Ho_Chi_Minh. */
export function formatDateTime(iso: string, lang: Lang = getLang()): string {
  return new Date(iso).toLocaleString(locale(lang), {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  });
}

/** A value in a category's measure: đồng for amounts, the quantity unit otherwise. */
export function formatMeasure(
  n: number | null | undefined,
  measure: 'amount' | 'quantity',
  quantityUnit: string | null,
  lang: Lang = getLang(),
): string {
  return measure === 'quantity' ? formatQuantity(n, quantityUnit, lang) : formatMoney(n, lang);
}

/** Short axis labels for narrow charts. @example formatCompact(5_000_000) // '5 Tr' (vi), '5M' (en) */
export function formatCompact(n: number, lang: Lang = getLang()): string {
  return new Intl.NumberFormat(locale(lang), { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}
