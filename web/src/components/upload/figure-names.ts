/**
 * A changed row of an upload named in words, the way the person knows it: "Văn phòng (Sở TTTT) ·
 * Văn phòng phẩm · Tháng 12/2026" rather than its key `STTTT-VP/stationery/2026-12`. The
 * spreadsheet upload (figures, norms, units) and the e-invoice upload both name rows with this.
 */
import type { Category, Unit } from '../../api-client.ts';
import { getLang, type Lang } from '../../i18n/i18n.ts';
import { formatPeriod } from '../../format.ts';

/** 'STTTT-VP/electricity/2026-10' → its parts (the unit code may not hold a slash, but be safe). */
export function splitFigureKey(key: string): { unit: string; category: string; period: string } {
  const parts = key.split('/');
  const period = parts.pop() ?? '';
  const category = parts.pop() ?? '';
  return { unit: parts.join('/'), category, period };
}

type Named = { units: readonly Pick<Unit, 'code' | 'name'>[]; categories: readonly Category[] };

export function unitName(code: string, { units }: Pick<Named, 'units'>): string {
  return units.find((u) => u.code === code)?.name ?? code;
}

export function categoryOf(code: string, { categories }: Pick<Named, 'categories'>): Category | undefined {
  return categories.find((c) => c.code === code);
}

export function categoryName(code: string, known: Pick<Named, 'categories'>, lang: Lang = getLang()): string {
  const c = categoryOf(code, known);
  return c ? (lang === 'vi' ? c.nameVi : c.nameEn) : code;
}

/**
 * A change's key in words: `UNIT/category/YYYY-MM` (a figure) → unit name · category label ·
 * month; `UNIT/category/YYYY` (a norm) → … · year; a lone unit code (a units import) → the unit's
 * name. A code the page does not know (a unit the file creates) stays as written.
 */
export function figureName(key: string, known: Named, lang: Lang = getLang()): string {
  if (!key.includes('/')) return unitName(key, known);
  const k = splitFigureKey(key);
  const when = /^\d{4}-\d{2}$/.test(k.period) ? formatPeriod(k.period, lang) : k.period;
  return `${unitName(k.unit, known)} · ${categoryName(k.category, known, lang)} · ${when}`;
}
