/**
 * <tk-month-figures>: the figures behind one month of a chart (drill-down from a trends bar or
 * point): every figure of the unit and its subtree for that month, one category or all, with the
 * total, each unit's name leading to its overview, and CSV/XLSX downloads. Shown at the top of the
 * figures view when the URL has `period` (and optionally `category`).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { api, type Category, type Figure, type Unit } from '../../api-client.ts';
import { I18nController, getLang, t } from '../../i18n/i18n.ts';
import { formatMoney, formatPeriod, formatQuantity } from '../../format.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { renderTask } from '../../components/task-state/render-task.ts';
import '../../components/export-buttons/export-buttons.ts';
import { slug, type ExportTable } from '../../export/table-export.ts';
import { drillHref, onDrillClick } from '../drill.ts';

/** Sum of quantities to thousandths (each is exact to 3 decimals). */
const sumQuantity = (xs: number[]) => Math.round(xs.reduce((s, x) => s + Math.round(x * 1000), 0)) / 1000;

@customElement('tk-month-figures')
export class MonthFigures extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        margin-bottom: 1rem;
      }
      tfoot th,
      tfoot td {
        font-weight: 700;
        border-top: 2px solid #9ca3af;
      }
    `,
  ];

  @property() unit = '';
  @property() period = '';
  /** One category's figures, or all when empty. */
  @property() category = '';
  @property({ attribute: false }) units: Unit[] = [];
  @property({ attribute: false }) categories: Category[] = [];

  private readonly i18n = new I18nController(this);

  private readonly figures = new Task(this, {
    task: ([unit, period, category], { signal }) =>
      api.figures({ unit, from: period, to: period, subtree: 1, ...(category ? { category } : {}) }, signal),
    args: () => [this.unit, this.period, this.category] as const,
  });

  private unitName(code: string) {
    return this.units.find((u) => u.code === code)?.name ?? code;
  }

  private cat(code: string) {
    return this.categories.find((c) => c.code === code);
  }

  private catName(code: string) {
    const c = this.cat(code);
    return c ? (getLang() === 'vi' ? c.nameVi : c.nameEn) : code;
  }

  /** Units in tree order (the unit first), then categories in their order. */
  private sorted(figs: Figure[]): Figure[] {
    const unitIndex = new Map(this.units.map((u, i) => [u.code, i]));
    const catIndex = new Map(this.categories.map((c, i) => [c.code, i]));
    return [...figs].sort(
      (a, b) =>
        (a.unitCode === this.unit ? -1 : 0) - (b.unitCode === this.unit ? -1 : 0) ||
        (unitIndex.get(a.unitCode) ?? 0) - (unitIndex.get(b.unitCode) ?? 0) ||
        (catIndex.get(a.categoryCode) ?? 0) - (catIndex.get(b.categoryCode) ?? 0),
    );
  }

  private exportTable(figs: Figure[]): ExportTable {
    const qty = this.category ? this.cat(this.category)?.quantityUnit : null;
    return {
      title: formatPeriod(this.period),
      fileName: `so-lieu-${slug(this.unit)}-${this.period}${this.category ? `-${this.category}` : ''}`,
      columns: [
        { label: t('monthFigures.unit'), kind: 'text' },
        { label: t('monthFigures.category'), kind: 'text' },
        { label: t('monthFigures.amount'), kind: 'money' },
        { label: `${t('monthFigures.quantity')}${qty ? ` (${qty})` : ''}`, kind: 'quantity' },
        { label: t('monthFigures.note'), kind: 'text' },
      ],
      rows: this.sorted(figs).map((f) => [
        this.unitName(f.unitCode),
        this.catName(f.categoryCode),
        f.amount,
        f.quantity,
        f.note ?? '',
      ]),
    };
  }

  override render() {
    const year = Number(this.period.slice(0, 4));
    const heading = t('monthFigures.heading', { period: formatPeriod(this.period), unit: this.unitName(this.unit) });
    return html`<section class="card" aria-labelledby="mf-h" data-testid="month-figures">
      <h2 id="mf-h">${heading}${this.category ? html` · ${this.catName(this.category)}` : nothing}</h2>
      <p>
        <a
          href=${drillHref('/trends', { unit: this.unit, year, category: this.category || null })}
          @click=${onDrillClick}
          >${t('monthFigures.back')}</a
        >
      </p>
      ${renderTask(this.figures, (figs) => this.renderTable(figs), {
        isEmpty: (figs) => figs.length === 0,
        empty: () => t('monthFigures.none', { period: formatPeriod(this.period) }),
      })}
    </section>`;
  }

  private renderTable(figs: Figure[]) {
    const rows = this.sorted(figs);
    const year = Number(this.period.slice(0, 4));
    const oneCat = this.category ? this.cat(this.category) : undefined;
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t('monthFigures.table')}>
        <table data-testid="month-figures-table">
          <thead>
            <tr>
              <th scope="col">${t('monthFigures.unit')}</th>
              <th scope="col">${t('monthFigures.category')}</th>
              <th scope="col" class="num">${t('monthFigures.amount')}</th>
              <th scope="col" class="num">${t('monthFigures.quantity')}</th>
              <th scope="col">${t('monthFigures.note')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (f) =>
                html`<tr data-unit=${f.unitCode}>
                  <th scope="row">
                    <a href=${drillHref('/overview', { unit: f.unitCode, year })} @click=${onDrillClick}
                      >${this.unitName(f.unitCode)}</a
                    >
                  </th>
                  <td>${this.catName(f.categoryCode)}</td>
                  <td class="num">${formatMoney(f.amount)}</td>
                  <td class="num">
                    ${f.quantity != null ? formatQuantity(f.quantity, this.cat(f.categoryCode)?.quantityUnit ?? null) : ''}
                  </td>
                  <td>${f.note ?? ''}</td>
                </tr>`,
            )}
          </tbody>
          ${
            oneCat
              ? html`<tfoot>
                  <tr>
                    <th scope="row" colspan="2">${t('monthFigures.total')}</th>
                    <td class="num" data-testid="total-amount">
                      ${formatMoney(rows.reduce((s, f) => s + f.amount, 0))}
                    </td>
                    <td class="num">
                      ${
                        oneCat.quantityUnit
                          ? formatQuantity(sumQuantity(rows.map((f) => f.quantity ?? 0)), oneCat.quantityUnit)
                          : ''
                      }
                    </td>
                    <td></td>
                  </tr>
                </tfoot>`
              : nothing
          }
        </table>
      </div>
      <tk-export-buttons name=${formatPeriod(this.period)} .table=${() => this.exportTable(figs)}></tk-export-buttons>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-month-figures': MonthFigures;
  }
}
