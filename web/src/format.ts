/**
 * Display formats in the current language: vi-VN (`43.200.000 đ`, `15,0%`, `Tháng 10/2026`)
 * or en-GB (`43,200,000 đ`, `15.0%`, `October 2026`). Values arrive as exact integers (đồng)
 * or numbers with at most three decimals (quantities); nothing here does arithmetic on money.
 */
import { formatPeriodEn, formatPeriodVi } from '../../domain/months.ts';
import { getLang, type Lang } from './i18n/i18n.ts';

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');
const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, digits: [number, number]): Intl.NumberFormat {
  const key = `${lang}:${digits.join(',')}`;
  let f = cache.get(key);
  if (!f)
    cache.set(
      key,
      (f = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: digits[0], maximumFractionDigits: digits[1] })),
    );
  return f;
}

/**
 * Builds the current language's number formats ahead of need: a page's first Intl.NumberFormat
 * loads the locale's data (~40–50 ms on a slow machine). The shell calls it while it waits for the
 * network, so the first view's tables and charts do not pay for it.
 */
export function warmFormats(lang: Lang = getLang()): void {
  nf(lang, [0, 0]);
  nf(lang, [0, 3]);
  nf(lang, [1, 1]);
}

/** @example formatMoney(43200000) // '43.200.000 đ' */
export function formatMoney(n: number | null | undefined, lang: Lang = getLang()): string {
  return n == null ? '—' : `${nf(lang, [0, 0]).format(n)} đ`;
}

/** A plain number with up to 3 decimals. @example formatNumber(12.5) // '12,5' */
export function formatNumber(n: number | null | undefined, lang: Lang = getLang()): string {
  return n == null ? '—' : nf(lang, [0, 3]).format(n);
}

/** A quantity with its unit. @example formatQuantity(51000, 'kWh') // '51.000 kWh' */
export function formatQuantity(n: number | null | undefined, unit: string | null, lang: Lang = getLang()): string {
  return n == null ? '—' : `${formatNumber(n, lang)}${unit ? ` ${unit}` : ''}`;
}

/** Percent with one decimal. @example formatPercent(15) // '15,0%' */
export function formatPercent(n: number | null | undefined, lang: Lang = getLang()): string {
  return n == null ? '—' : `${nf(lang, [1, 1]).format(n)}%`;
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
