/**
 * The plausibility warnings of an upload preview, worded in the page's language from each
 * warning's code and params (the server's Vietnamese `message` is the fallback for codes this
 * page does not know, e.g. those another import kind adds).
 */
import { html } from 'lit';
import type { ImportWarning } from '../../../../domain/schemas/import.ts';
import { t } from '../../i18n/i18n.ts';
import { formatMoney, formatNumber, formatPeriod, formatQuantity } from '../../format.ts';

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));

/** A value of the warning's field: money in đồng, or a quantity with its unit. */
function fieldValue(w: ImportWarning, v: unknown): string {
  if (w.params.field === 'quantity') return formatQuantity(num(v), (w.params.quantityUnit as string | null) ?? null);
  return formatMoney(num(v));
}

/** The warning in the current language. */
export function warningText(w: ImportWarning): string {
  const p = w.params;
  const value = fieldValue(w, p.value);
  switch (w.code) {
    case 'above_median':
    case 'below_median':
      return t(p.ratio == null ? 'warning.below_median.zero' : `warning.${w.code}`, {
        value,
        ratio: formatNumber(num(p.ratio)),
        months: num(p.months),
        median: fieldValue(w, p.median),
      });
    case 'year_change': {
      const pct = num(p.changePct);
      return t(pct >= 0 ? 'warning.year_change.up' : 'warning.year_change.down', {
        value,
        pct: formatNumber(Math.abs(pct)),
        lastYearPeriod: formatPeriod(String(p.lastYearPeriod)),
        lastYear: fieldValue(w, p.lastYear),
      });
    }
    case 'electricity_price':
      return t('warning.electricity_price', {
        price: p.price == null ? '—' : `${formatNumber(num(p.price))} đ/kWh`,
        value,
        quantity: formatQuantity(num(p.quantity), (p.quantityUnit as string | null) ?? 'kWh'),
        min: formatNumber(num(p.min)),
        max: formatNumber(num(p.max)),
      });
    case 'period_not_ended':
      return t('warning.period_not_ended', { period: formatPeriod(String(p.period)) });
    case 'hand_overwrites_invoices':
      return t('warning.hand_overwrites_invoices', {
        key: String(p.key),
        before: formatMoney(num(p.before)),
        after: formatMoney(num(p.after)),
      });
    default:
      return w.message;
  }
}

/** What the value was compared with, in the current language. */
function referenceText(w: ImportWarning): string {
  const p = w.params;
  switch (w.code) {
    case 'above_median':
    case 'below_median':
      return fieldValue(w, p.median);
    case 'year_change':
      return fieldValue(w, p.lastYear);
    case 'electricity_price':
      return `${formatNumber(num(p.min))}–${formatNumber(num(p.max))} đ/kWh`;
    case 'period_not_ended':
      return '';
    case 'hand_overwrites_invoices':
      return formatMoney(num(p.before));
    default:
      return w.reference;
  }
}

/** The table of warnings: row, column, the figure, value, what it was compared with, why. */
export function warningsTable(warnings: ImportWarning[]) {
  return html`<div class="table-wrap" tabindex="0" data-testid="warnings">
    <table>
      <thead>
        <tr>
          <th scope="col" class="num">${t('upload.row')}</th>
          <th scope="col">${t('upload.column')}</th>
          <th scope="col">${t('upload.key')}</th>
          <th scope="col" class="num">${t('upload.value')}</th>
          <th scope="col" class="num">${t('upload.reference')}</th>
          <th scope="col">${t('upload.why')}</th>
        </tr>
      </thead>
      <tbody>
        ${warnings.map(
          (w) =>
            html`<tr data-code=${w.code}>
              <td class="num">${w.row}</td>
              <td>${w.column}</td>
              <td>${[w.params.unit, w.params.period].filter((x) => x != null).join(' · ')}</td>
              <td class="num">${fieldValue(w, w.params.value)}</td>
              <td class="num">${referenceText(w)}</td>
              <td>${warningText(w)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
