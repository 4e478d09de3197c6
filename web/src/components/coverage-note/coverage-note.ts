/**
 * How the dashboard says a total is provisional (tạm tính) or a year has no data, from the
 * coverage the API gives beside every result (domain/coverage.ts): one wording for every view.
 */
import { html, nothing } from 'lit';
import {
  coverageLineEn,
  coverageLineVi,
  hasNoData,
  provisionalNote,
  type MonthCoverage,
} from '../../../../domain/coverage.ts';
import { getLang, t } from '../../i18n/i18n.ts';

/** "Tạm tính — Tháng 11/2026: 3/5 đơn vị đã nộp", or null when every month is complete. */
export function provisionalText(months: readonly MonthCoverage[]): string | null {
  return provisionalNote(months, true)?.[getLang()] ?? null;
}

/** "Tháng 11/2026: 3/5 đơn vị đã nộp" for one month. */
export function coverageText(m: MonthCoverage): string {
  return getLang() === 'vi' ? coverageLineVi(m, true) : coverageLineEn(m, true);
}

/** True when nobody submitted anything in these months (and there are months). */
export function isEmptyYear(months: readonly MonthCoverage[]): boolean {
  return months.length > 0 && hasNoData(months);
}

/** The amber "tạm tính" line of a view, or nothing when the total is complete. */
export function renderProvisional(months: readonly MonthCoverage[]) {
  const text = provisionalText(months);
  return text ? html`<p class="provisional" role="note" data-testid="provisional">${text}</p>` : nothing;
}

/** "Năm 2023: chưa có số liệu." */
export function noDataText(year: number): string {
  return t('coverage.noData', { year });
}
