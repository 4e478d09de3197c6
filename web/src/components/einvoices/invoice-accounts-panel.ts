/**
 * <tk-invoice-accounts-panel>: the invoice accounts of a unit's subtree, for the settings view:
 * which seller tax code, customer code (MKHang), buyer tax code and buyer budget-unit code
 * (MDVQHNSach) map an e-invoice to which unit and category. List, add, edit, remove; the server
 * keeps each write in the person's scope (403 with its message otherwise) and refuses a row
 * without any match field, a malformed tax code or the same four fields twice.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { Category, Unit } from '../../api-client.ts';
import { I18nController, getLang, t } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { renderTask } from '../task-state/render-task.ts';
import { invoicesApi, type InvoiceAccount, type InvoiceAccountInput } from './invoices-api.ts';

const FIELDS = ['sellerTaxCode', 'customerCode', 'buyerTaxCode', 'buyerBudgetCode'] as const;

/** `root` and every unit below it, in list order. */
function subtree(units: Unit[], root: string): Unit[] {
  const inside = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units)
      if (u.parentCode && inside.has(u.parentCode) && !inside.has(u.code)) {
        inside.add(u.code);
        grew = true;
      }
  }
  return units.filter((u) => inside.has(u.code));
}

@customElement('tk-invoice-accounts-panel')
export class InvoiceAccountsPanel extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      form {
        margin-top: 1rem;
      }
      .field input {
        width: 11rem;
      }
      code {
        font-size: 0.85rem;
      }
      td .row {
        gap: 0.4rem;
      }
    `,
  ];

  @property() unit = '';
  @property({ attribute: false }) units: Unit[] = [];
  @property({ attribute: false }) categories: Category[] = [];
  /** The row being edited, or null: the form adds a row. */
  @state() private editing: InvoiceAccount | null = null;
  @state() private message: { ok: boolean; text: string } | null = null;
  private readonly i18n = new I18nController(this);

  private readonly list = new Task(this, {
    task: ([unit], { signal }) => (unit ? invoicesApi.accounts(unit, signal) : Promise.resolve([])),
    args: () => [this.unit] as const,
  });

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('unit')) {
      this.editing = null;
      this.message = null;
    }
  }

  private unitName(code: string) {
    return this.units.find((u) => u.code === code)?.name ?? code;
  }
  private catName(code: string | null) {
    if (code == null) return t('inv.categoryAuto');
    const c = this.categories.find((x) => x.code === code);
    return c ? (getLang() === 'vi' ? c.nameVi : c.nameEn) : code;
  }

  private async act(fn: () => Promise<unknown>, ok: string) {
    this.message = null;
    try {
      await fn();
      this.message = { ok: true, text: t(ok) };
      this.editing = null;
      await this.list.run();
    } catch (e) {
      this.message = { ok: false, text: (e as Error).message };
    }
  }

  private submit(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    const text = (k: string) => String(d.get(k) ?? '').trim();
    const body: InvoiceAccountInput = {
      sellerTaxCode: text('sellerTaxCode'),
      customerCode: text('customerCode'),
      buyerTaxCode: text('buyerTaxCode'),
      buyerBudgetCode: text('buyerBudgetCode'),
      unitCode: text('unitCode') || this.unit,
      categoryCode: text('categoryCode') || null,
    };
    const editing = this.editing;
    void this.act(async () => {
      if (editing) await invoicesApi.changeAccount(editing.id, body);
      else await invoicesApi.addAccount(body);
      form.reset();
    }, 'inv.saved');
  }

  private edit(a: InvoiceAccount) {
    this.editing = a;
    this.message = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#ia-sellerTaxCode')?.focus());
  }

  override render() {
    return html`<h2 id="ia-h">${t('inv.accounts')}</h2>
      <p class="muted">${t('inv.accountsHint')}</p>
      ${renderTask(this.list, (rows) => this.renderList(rows), {
        isEmpty: (rows) => rows.length === 0,
        empty: () => t('inv.accountsNone'),
      })}
      ${this.renderForm()}
      ${
        this.message
          ? html`<p class=${this.message.ok ? 'notice' : 'state error'} role=${this.message.ok ? 'status' : 'alert'}>
              ${this.message.text}
            </p>`
          : nothing
      }`;
  }

  private renderList(rows: InvoiceAccount[]) {
    const cell = (v: string) => (v ? html`<code>${v}</code>` : html`<span class="muted">${t('inv.any')}</span>`);
    return html`<div class="table-wrap">
      <table class="stack" data-testid="invoice-accounts">
        <thead>
          <tr>
            ${FIELDS.map((f) => html`<th scope="col">${t(`inv.${f}`)}</th>`)}
            <th scope="col">${t('inv.unit')}</th>
            <th scope="col">${t('inv.category')}</th>
            <th scope="col">${t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (a) =>
              html`<tr data-account=${a.id}>
                ${FIELDS.map((f) => html`<td data-label=${t(`inv.${f}`)}>${cell(a[f])}</td>`)}
                <td data-label=${t('inv.unit')}>${this.unitName(a.unitCode)}</td>
                <td data-label=${t('inv.category')}>${this.catName(a.categoryCode)}</td>
                <td>
                  <div class="row">
                    <button
                      type="button"
                      aria-label=${`${t('inv.edit')}: ${this.describe(a)}`}
                      @click=${() => this.edit(a)}
                    >
                      ${t('inv.edit')}
                    </button>
                    <button
                      type="button"
                      aria-label=${`${t('inv.remove')}: ${this.describe(a)}`}
                      @click=${() => this.act(() => invoicesApi.removeAccount(a.id), 'inv.removed')}
                    >
                      ${t('inv.remove')}
                    </button>
                  </div>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** A row in words, for the buttons' accessible names. */
  private describe(a: InvoiceAccount) {
    return [...FIELDS.map((f) => a[f]).filter(Boolean), a.unitCode].join(' · ');
  }

  private renderForm() {
    const a = this.editing;
    const units = subtree(this.units, this.unit);
    const selectedUnit = a?.unitCode ?? this.unit;
    const heading = a ? `${t('inv.edit')}: ${this.describe(a)}` : t('inv.add');
    return html`<form @submit=${this.submit} aria-labelledby="ia-form-h" data-testid="invoice-account-form">
      <h3 id="ia-form-h">${heading}</h3>
      <div class="row">
        ${FIELDS.map(
          (f) =>
            html`<div class="field">
              <label for=${`ia-${f}`}>${t(`inv.${f}`)}</label>
              <input id=${`ia-${f}`} name=${f} autocomplete="off" maxlength="64" .value=${a?.[f] ?? ''} />
            </div>`,
        )}
        <div class="field">
          <label for="ia-unit">${t('inv.unit')}</label>
          <select id="ia-unit" name="unitCode">
            ${units.map((u) => html`<option value=${u.code} ?selected=${u.code === selectedUnit}>${u.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="ia-category">${t('inv.category')}</label>
          <select id="ia-category" name="categoryCode">
            <option value="" ?selected=${!a?.categoryCode}>${t('inv.categoryAuto')}</option>
            ${this.categories
              .filter((c) => !c.retired)
              .map(
                (c) =>
                  html`<option value=${c.code} ?selected=${a?.categoryCode === c.code}>
                    ${this.catName(c.code)}
                  </option>`,
              )}
          </select>
        </div>
        <button type="submit" class="primary">${a ? t('inv.save') : t('inv.add')}</button>
        ${a ? html`<button type="button" @click=${() => (this.editing = null)}>${t('inv.cancel')}</button>` : nothing}
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-invoice-accounts-panel': InvoiceAccountsPanel;
  }
}
