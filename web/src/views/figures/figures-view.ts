/**
 * Figures (Số liệu): one unit's figures for a year, months × categories. Choosing a cell opens an
 * editor for that one value (amount, quantity for metered categories, note) and its history
 * (who changed it, when, from which upload). A missing month shows "not submitted", never 0.
 * For a parent unit the view is the unit × month grid of its subtree (coverage-grid.ts); its own
 * figures are one link away (?own=1).
 */
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { api, type Category, type Figure } from '../../api-client.ts';
import { getLang, t } from '../../i18n/i18n.ts';
import { formatDateTime, formatMoney, formatPeriod, formatQuantity } from '../../format.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { renderTask } from '../../components/task-state/render-task.ts';
import { monthsOfYear } from '../../../../domain/months.ts';
import { parseAmountInput, parseQuantityInput } from './parse-input.ts';
import { ScopedView } from '../scoped-view.ts';
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
    `,
  ];

  @state() private cell: Cell | null = null;
  @state() private message: { ok: boolean; text: string } | null = null;
  @state() private saving = false;

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

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('unit') || changed.has('year')) {
      this.cell = null;
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
    if (this.showGrid)
      return html`<h1>${t('figures.heading', { year: this.year })}: ${unitName}</h1>
        <tk-coverage-grid .unit=${this.unit} .year=${this.year}></tk-coverage-grid>
        <p>
          <a href=${here(true)} data-testid="own-figures" @click=${nav(true)}>${t('grid.own', { unit: unitName })}</a>
        </p>`;
    return html`<h1>${t('figures.heading', { year: this.year })}: ${unitName}</h1>
      ${this.isParent ? html`<p><a href=${here(false)} data-testid="to-grid" @click=${nav(false)}>${t('grid.back', { unit: unitName })}</a></p>` : nothing}
      <p class="muted">${t('figures.hint')}</p>
      ${renderTask(this.figures, (figs) => this.renderTable(figs))}
      ${this.cell ? this.renderEditor(this.cell) : nothing}`;
  }

  private renderTable(figs: Figure[]) {
    const cats = this.categories.filter((c) => !c.retired);
    const byKey = new Map(
      figs.filter((f) => f.unitCode === this.unit).map((f) => [`${f.categoryCode}|${f.period}`, f]),
    );
    return html`<div class="table-wrap card">
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
                      aria-pressed=${selected}
                      aria-label=${`${t('figures.edit', { name: this.name(c), period: formatPeriod(p) })}: ${f ? formatMoney(f.amount) : t('figures.missing')}`}
                      @click=${() => this.select({ category: c, period: p })}
                    >
                      ${
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
    const amount = parseAmountInput(String(data.get('amount') ?? ''));
    const quantityText = String(data.get('quantity') ?? '');
    const quantity = this.cell.category.quantityUnit ? parseQuantityInput(quantityText) : null;
    if (amount == null || (quantityText.trim() !== '' && quantity == null)) {
      this.message = {
        ok: false,
        text:
          getLang() === 'vi'
            ? 'Số tiền và số lượng phải là số không âm, ví dụ 1.250.000 và 12,5.'
            : 'Amount and quantity must be non-negative numbers, e.g. 1,250,000 and 12.5.',
      };
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
      });
      this.message = { ok: true, text: t('figures.saved') };
      await Promise.all([this.figures.run(), this.history.run()]);
    } catch (err) {
      this.message = { ok: false, text: (err as Error).message };
    } finally {
      this.saving = false;
    }
  }

  private renderEditor(cell: Cell) {
    const f = this.current();
    const name = this.name(cell.category);
    return html`<section class="card editor" aria-labelledby="editor-h" data-testid="figure-editor">
      <h2 id="editor-h">${t('figures.editing', { name, period: formatPeriod(cell.period) })}</h2>
      <form @submit=${this.save}>
        <div class="row">
          <div class="field">
            <label for="amount">${t('figures.amount')}</label>
            <input
              id="amount"
              name="amount"
              inputmode="numeric"
              autocomplete="off"
              required
              .value=${f ? String(f.amount) : ''}
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
                    .value=${f?.quantity != null ? String(f.quantity) : ''}
                  />
                </div>`
              : nothing
          }
          <div class="field">
            <label for="note">${t('figures.note')}</label>
            <input id="note" name="note" maxlength="500" .value=${f?.note ?? ''} />
          </div>
          <button type="submit" class="primary" ?disabled=${this.saving}>${t('figures.save')}</button>
          <button type="button" @click=${() => (this.cell = null)}>${t('figures.close')}</button>
        </div>
        ${this.message ? html`<p class="msg ${this.message.ok ? 'notice' : 'state error'}" role=${this.message.ok ? 'status' : 'alert'}>${this.message.text}</p>` : nothing}
      </form>
      <h3>${t('figures.history')}</h3>
      <p class="muted">${t('figures.historyHint')}</p>
      <p>
        <a
          data-test="audit-link"
          href=${`/audit?${new URLSearchParams({ entityType: 'figure', entityKey: `${this.unit}/${cell.category.code}/${cell.period}` })}`}
          >${t('figures.auditLink')}</a
        >
      </p>
      ${renderTask(
        this.history,
        (h) =>
          html`<div class="table-wrap">
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
      )}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-figures-view': FiguresView;
  }
}
