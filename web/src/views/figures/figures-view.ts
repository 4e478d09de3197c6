/**
 * Figures (Số liệu): one unit's figures for a year, months × categories. Choosing a cell opens an
 * editor for that one value (amount, quantity for metered categories, note) and its history
 * (who changed it, when, from which upload). A missing month shows "not submitted", never 0.
 * With `period` in the URL (drill-down from a chart), the month's figures of the whole subtree
 * come first (month-figures.ts). The table downloads as CSV/XLSX.
 * For a parent unit the view is the unit × month grid of its subtree (coverage-grid.ts); its own
 * figures are one link away (?own=1).
 */
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { ApiError, api, type Category, type Figure } from '../../api-client.ts';
import type { ImportWarning } from '../../../../domain/schemas/import.ts';
import { warningText } from '../upload/warnings-list.ts';
import { getLang, t } from '../../i18n/i18n.ts';
import { formatDateTime, formatMoney, formatNumber, formatPeriod, formatQuantity } from '../../format.ts';
import { errorText } from '../../i18n/errors.ts';
import { canWrite, isAdmin } from '../../app-shell/permissions.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { renderTask } from '../../components/task-state/render-task.ts';
import { isPeriod, monthsOfYear } from '../../../../domain/months.ts';
import '../../components/export-buttons/export-buttons.ts';
import { slug, type ExportTable } from '../../export/table-export.ts';
import './month-figures.ts';
import { readAmountInput, parseQuantityInput } from './parse-input.ts';
import { ScopedView } from '../scoped-view.ts';
// The e-invoices behind a figure (shown in the editor when invoices make it).
import '../../components/einvoices/figure-invoices.ts';
import { NavigateEvent } from '../../app-shell/events.ts';
import './coverage-grid.ts';

interface Cell {
  category: Category;
  period: string;
}

@customElement('tk-figures-view')
export class FiguresView extends ScopedView {
  static override styles = [
    sharedStyles,
    css`
      .warn {
        color: #92400e;
        overflow-wrap: anywhere;
      }
      td button {
        border: 1px solid transparent;
        background: none;
        color: #1f2937;
        padding: 0.2rem 0.35rem;
        min-height: 2rem;
        width: 100%;
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      td button:hover,
      td button[aria-pressed='true'] {
        border-color: #1d4ed8;
        background: #eff6ff;
      }
      td button .q {
        display: block;
        color: #4b5563;
        font-size: 0.8rem;
      }
      tbody th {
        white-space: nowrap;
      }
      .editor {
        margin-top: 1rem;
      }
      .editor form {
        margin: 0.5rem 0 1rem;
      }
      .msg {
        margin: 0.5rem 0;
      }
      dl.value {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 1rem;
        margin: 0.5rem 0 1rem;
      }
      dl.value dt {
        font-weight: 600;
      }
      dl.value dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  @state() private cell: Cell | null = null;
  /** After saving: done, or the error (worded at render time, so a language switch re-words it). */
  @state() private message: { ok: true; text: string } | { ok: false; error: unknown } | null = null;
  @state() private saving = false;
  /** A figure built from e-invoices that the edit changes: the server's warning, to confirm before storing. */
  @state() private pendingWarnings: ImportWarning[] | null = null;
  @state() private warningsAccepted = false;

  private readonly figures = new Task(this, {
    task: ([unit, year, grid], { signal }) =>
      grid ? Promise.resolve([]) : api.figures({ unit, from: `${year}-01`, to: `${year}-12` }, signal),
    args: () => [this.unit, this.year, this.showGrid] as const,
  });

  private readonly history = new Task(this, {
    task: ([unit, category, period], { signal }) =>
      category && period ? api.figureHistory({ unit, category, period }, signal) : Promise.resolve([]),
    args: () => [this.unit, this.cell?.category.code ?? '', this.cell?.period ?? ''] as const,
  });

  /** The ?category=&period= cell last opened from the URL (e.g. a link from the upload view). */
  private openedFromQuery = '';

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('unit') || changed.has('year')) {
      this.cell = null;
      this.message = null;
    }
    const category = this.categories.find((c) => c.code === this.query.get('category'));
    const period = this.query.get('period') ?? '';
    const wanted = category && period.startsWith(`${this.year}-`) ? `${this.unit}|${category.code}|${period}` : '';
    if (wanted && wanted !== this.openedFromQuery) {
      this.openedFromQuery = wanted;
      this.cell = { category: category!, period };
      this.message = null;
    }
  }

  private name(c: Category) {
    return getLang() === 'vi' ? c.nameVi : c.nameEn;
  }

  /** A parent unit (one with children) shows the grid of its subtree unless its own figures are asked for. */
  private get isParent(): boolean {
    return this.units.some((u) => u.parentCode === this.unit);
  }

  private get showGrid(): boolean {
    return this.isParent && this.query.get('own') !== '1';
  }

  override render() {
    const unitName = this.units.find((u) => u.code === this.unit)?.name ?? this.unit;
    const nav = (own: boolean) => (e: MouseEvent) => {
      e.preventDefault();
      this.dispatchEvent(new NavigateEvent({ params: { own: own ? 1 : null } }));
    };
    const here = (own: boolean) =>
      `/figures?${new URLSearchParams({ unit: this.unit, year: String(this.year), ...(own ? { own: '1' } : {}) })}`;
    // A parent's month drilled into from a chart: that month's figures of the subtree, above the grid.
    if (this.showGrid)
      return html`<h1>${t('figures.heading', { year: this.year })}: ${unitName}</h1>
        ${this.renderMonth()}
        <tk-coverage-grid .unit=${this.unit} .year=${this.year}></tk-coverage-grid>
        <p>
          <a href=${here(true)} data-testid="own-figures" @click=${nav(true)}>${t('grid.own', { unit: unitName })}</a>
        </p>`;
    return html`<h1>${t('figures.heading', { year: this.year })}: ${unitName}</h1>
      ${this.isParent ? html`<p><a href=${here(false)} data-testid="to-grid" @click=${nav(false)}>${t('grid.back', { unit: unitName })}</a></p>` : nothing}
      ${this.renderMonth()}
      <p class="muted">${t(canWrite(this.unit) ? 'figures.hint' : 'figures.hintReadOnly')}</p>
      ${renderTask(this.figures, (figs) => this.renderTable(figs))}
      ${this.figures.value ? html`<tk-export-buttons name=${t('figures.heading', { year: this.year })} .table=${() => this.exportTable(this.figures.value ?? [])}></tk-export-buttons>` : nothing}
      ${this.cell ? this.renderEditor(this.cell) : nothing}`;
  }

  /** The month asked for: ?period=YYYY-MM (drill-down from a chart) or its alias ?month=. */
  private monthAsked(): string {
    return this.query.get('period') ?? this.query.get('month') ?? '';
  }

  /** A month link without ?year= (e.g. /figures?unit=X&month=2025-03) opens that month's year. */
  override updated() {
    const period = this.monthAsked();
    if (isPeriod(period) && !this.query.has('year') && !period.startsWith(`${this.year}-`))
      this.dispatchEvent(new NavigateEvent({ params: { year: period.slice(0, 4) }, replace: true }));
  }

  /** The month drilled into from a chart (?period=YYYY-MM&category=), when it is in this year. */
  private renderMonth() {
    const period = this.monthAsked();
    if (!isPeriod(period) || !period.startsWith(`${this.year}-`)) return nothing;
    return html`<tk-month-figures
      .unit=${this.unit}
      .period=${period}
      .category=${this.query.get('category') ?? ''}
      .units=${this.units}
      .categories=${this.categories}
    ></tk-month-figures>`;
  }

  /** The year's table as a file: a row per month, đồng (and the quantity) per category. */
  private exportTable(figs: Figure[]): ExportTable {
    const cats = this.categories.filter((c) => !c.retired);
    const byKey = new Map(
      figs.filter((f) => f.unitCode === this.unit).map((f) => [`${f.categoryCode}|${f.period}`, f]),
    );
    return {
      title: t('figures.heading', { year: this.year }),
      fileName: `so-lieu-${slug(this.unit)}-${this.year}`,
      columns: [
        { label: t('figures.month'), kind: 'text' },
        ...cats.flatMap((c) => [
          { label: `${this.name(c)} (đ)`, kind: 'money' as const },
          ...(c.quantityUnit ? [{ label: `${this.name(c)} (${c.quantityUnit})`, kind: 'quantity' as const }] : []),
        ]),
      ],
      rows: monthsOfYear(this.year).map((p) => [
        formatPeriod(p),
        ...cats.flatMap((c) => {
          const f = byKey.get(`${c.code}|${p}`);
          return [f?.amount ?? null, ...(c.quantityUnit ? [f?.quantity ?? null] : [])];
        }),
      ]),
    };
  }

  private renderTable(figs: Figure[]) {
    const cats = this.categories.filter((c) => !c.retired);
    const byKey = new Map(
      figs.filter((f) => f.unitCode === this.unit).map((f) => [`${f.categoryCode}|${f.period}`, f]),
    );
    const verb = canWrite(this.unit) ? 'figures.edit' : 'figures.view';
    return html`<div class="table-wrap card sticky-first" tabindex="0" role="region" aria-label=${t('nav.figures')}>
      <table data-testid="figures-table">
        <thead>
          <tr>
            <th scope="col">${t('figures.month')}</th>
            ${cats.map((c) => html`<th scope="col" class="num">${this.name(c)}${c.quantityUnit ? html`<br /><span class="muted">(${c.quantityUnit} / đ)</span>` : nothing}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${monthsOfYear(this.year).map(
            (p) =>
              html`<tr>
                <th scope="row">${formatPeriod(p)}</th>
                ${cats.map((c) => {
                  const f = byKey.get(`${c.code}|${p}`);
                  const selected = this.cell?.category.code === c.code && this.cell.period === p;
                  return html`<td class="num">
                    <button
                      type="button"
                      data-cell=${`${c.code}|${p}`}
                      aria-pressed=${selected}
                      @click=${() => this.select({ category: c, period: p })}
                    >
                      <span class="visually-hidden">${t(verb, { name: this.name(c), period: formatPeriod(p) })}: </span
                      >${
                        f
                          ? html`${c.quantityUnit && f.quantity != null ? html`${formatQuantity(f.quantity, c.quantityUnit)}<span class="q">${formatMoney(f.amount)}</span>` : formatMoney(f.amount)}`
                          : html`<span class="muted">${t('figures.missing')}</span>`
                      }
                    </button>
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private select(cell: Cell) {
    this.cell = cell;
    this.message = null;
    this.pendingWarnings = null;
    this.warningsAccepted = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#amount')?.focus());
  }

  private current(): Figure | undefined {
    const figs = this.figures.value ?? [];
    return figs.find(
      (f) => f.unitCode === this.unit && f.categoryCode === this.cell?.category.code && f.period === this.cell?.period,
    );
  }

  private async save(e: Event) {
    e.preventDefault();
    if (!this.cell) return;
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const typed = readAmountInput(String(data.get('amount') ?? ''));
    if ('error' in typed && typed.error === 'fraction') {
      this.message = { ok: false, error: new Error(t('figures.amountFraction')) };
      return;
    }
    const amount = 'amount' in typed ? typed.amount : null;
    const quantityText = String(data.get('quantity') ?? '');
    const quantity = this.cell.category.quantityUnit ? parseQuantityInput(quantityText) : null;
    if (amount == null || (quantityText.trim() !== '' && quantity == null)) {
      this.message = { ok: false, error: new Error(t('figures.badNumber')) };
      return;
    }
    this.saving = true;
    try {
      const note = String(data.get('note') ?? '').trim();
      await api.putFigure({
        unitCode: this.unit,
        categoryCode: this.cell.category.code,
        period: this.cell.period,
        amount,
        quantity,
        note: note || null,
        ...(this.pendingWarnings && this.warningsAccepted ? { acceptWarnings: true } : {}),
      });
      this.pendingWarnings = null;
      this.warningsAccepted = false;
      this.message = { ok: true, text: t('figures.saved') };
      await Promise.all([this.figures.run(), this.history.run()]);
      this.renderRoot.querySelector('tk-figure-invoices')?.refresh();
    } catch (err) {
      const warnings = (err instanceof ApiError && err.code === 'warnings_unconfirmed' ? err.details : null) as {
        warnings?: ImportWarning[];
      } | null;
      if (warnings?.warnings?.length) {
        // Nothing stored: the person checks the warning, ticks the box and saves again.
        this.pendingWarnings = warnings.warnings;
        this.warningsAccepted = false;
        this.message = null;
      } else this.message = { ok: false, error: err };
    } finally {
      this.saving = false;
    }
  }

  /** A read-only person sees the value and its history, no form. */
  private renderValue(cell: Cell, f: Figure | undefined) {
    return html`<dl class="value">
        <dt>${t('figures.amount')}</dt>
        <dd>${f ? formatMoney(f.amount) : t('figures.missing')}</dd>
        ${
          cell.category.quantityUnit
            ? html`<dt>${t('figures.quantity', { unit: cell.category.quantityUnit })}</dt>
                <dd>${formatQuantity(f?.quantity, cell.category.quantityUnit)}</dd>`
            : nothing
        }
        ${
          f?.note
            ? html`<dt>${t('figures.note')}</dt>
                <dd>${f.note}</dd>`
            : nothing
        }
      </dl>
      <button type="button" @click=${() => (this.cell = null)}>${t('figures.close')}</button>`;
  }

  private renderEditor(cell: Cell) {
    const f = this.current();
    const name = this.name(cell.category);
    const writable = canWrite(this.unit);
    return html`<section class="card editor" aria-labelledby="editor-h" data-testid="figure-editor">
      <h2 id="editor-h">
        ${t(writable ? 'figures.editing' : 'figures.viewing', { name, period: formatPeriod(cell.period) })}
      </h2>
      ${writable ? this.renderForm(cell, f) : this.renderValue(cell, f)} ${this.renderHistory(cell)}
    </section>`;
  }

  private renderForm(cell: Cell, f: Figure | undefined) {
    // vi-VN separators, which parse-input reads back whatever the page's language.
    return html`<form @submit=${this.save}>
      <div class="row">
        <div class="field">
          <label for="amount">${t('figures.amount')}</label>
          <input
            id="amount"
            name="amount"
            inputmode="numeric"
            autocomplete="off"
            required
            .value=${f ? formatNumber(f.amount, 'vi') : ''}
            @change=${(e: Event) => {
              // What the person typed comes back with separators ("1250000" → "1.250.000").
              const input = e.target as HTMLInputElement;
              const typed = readAmountInput(input.value);
              if ('amount' in typed) input.value = formatNumber(typed.amount, 'vi');
            }}
          />
        </div>
        ${
          cell.category.quantityUnit
            ? html`<div class="field">
                <label for="quantity">${t('figures.quantity', { unit: cell.category.quantityUnit })}</label>
                <input
                  id="quantity"
                  name="quantity"
                  inputmode="decimal"
                  autocomplete="off"
                  .value=${f?.quantity != null ? formatNumber(f.quantity, 'vi') : ''}
                />
              </div>`
            : nothing
        }
        <div class="field">
          <label for="note">${t('figures.note')}</label>
          <input id="note" name="note" maxlength="500" .value=${f?.note ?? ''} />
        </div>
        <button
          type="submit"
          class="primary"
          ?disabled=${this.saving || (this.pendingWarnings != null && !this.warningsAccepted)}
        >
          ${t('figures.save')}
        </button>
        <button type="button" @click=${() => (this.cell = null)}>${t('figures.close')}</button>
      </div>
      ${
        this.pendingWarnings
          ? html`<div class="state warn" role="alert" data-testid="figure-warnings">
              ${this.pendingWarnings.map((w) => html`<p data-code=${w.code}>⚠ ${warningText(w)}</p>`)}
              <p class="accept">
                <input
                  id="figure-accept"
                  type="checkbox"
                  data-testid="figure-accept-warnings"
                  .checked=${this.warningsAccepted}
                  @change=${(e: Event) => (this.warningsAccepted = (e.target as HTMLInputElement).checked)}
                />
                <label for="figure-accept">${t('figures.confirmInvoices')}</label>
              </p>
            </div>`
          : nothing
      }
      ${this.message ? html`<p class="msg ${this.message.ok ? 'notice' : 'state error'}" role=${this.message.ok ? 'status' : 'alert'}>${this.message.ok ? this.message.text : errorText(this.message.error)}</p>` : nothing}
    </form>`;
  }

  private renderHistory(cell: Cell) {
    return html`<tk-figure-invoices
        .unit=${this.unit}
        .category=${cell.category.code}
        .period=${cell.period}
        .quantityUnit=${cell.category.quantityUnit}
      ></tk-figure-invoices>
      <h3>${t('figures.history')}</h3>
      <p class="muted">${t('figures.historyHint')}</p>
      ${
        // The audit trail is the administrators' page: nobody else is offered a link they cannot open.
        isAdmin()
          ? html`<p>
              <a
                data-test="audit-link"
                href=${`/audit?${new URLSearchParams({ entityType: 'figure', entityKey: `${this.unit}/${cell.category.code}/${cell.period}` })}`}
                >${t('figures.auditLink')}</a
              >
            </p>`
          : nothing
      }
      ${renderTask(
        this.history,
        (h) =>
          html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t('figures.history')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">${t('figures.when')}</th>
                  <th scope="col" class="num">${t('figures.oldAmount')}</th>
                  ${cell.category.quantityUnit ? html`<th scope="col" class="num">${t('figures.quantity', { unit: cell.category.quantityUnit })}</th>` : nothing}
                  <th scope="col">${t('figures.note')}</th>
                  <th scope="col">${t('figures.who')}</th>
                  <th scope="col">${t('figures.source')}</th>
                </tr>
              </thead>
              <tbody>
                ${h.map(
                  (e) =>
                    html`<tr>
                      <td>${formatDateTime(e.changedAt)}</td>
                      <td class="num">${formatMoney(e.amount)}</td>
                      ${cell.category.quantityUnit ? html`<td class="num">${formatQuantity(e.quantity, cell.category.quantityUnit)}</td>` : nothing}
                      <td>${e.note ?? ''}</td>
                      <td>${e.changedBy ?? '—'}</td>
                      <td>
                        ${e.source === 'import' ? t('figures.source.import', { id: e.importId ?? '?' }) : t('figures.source.manual')}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`,
        { isEmpty: (h) => h.length === 0, empty: () => t('figures.noHistory') },
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-figures-view': FiguresView;
  }
}
