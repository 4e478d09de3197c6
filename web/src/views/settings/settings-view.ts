/**
 * Norms and targets (Định mức & chỉ tiêu): the settings in force for a unit and year per category,
 * each value with where it comes from (this unit, inherited from an ancestor, or the category
 * default); an editor for the unit's own row (empty fields inherit); and the recipients panel.
 */
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { api, type EffectiveSetting } from '../../api-client.ts';
import type { z } from 'zod';
import type { SettingSourceSchema } from '../../../../domain/schemas/setting.ts';
import { getLang, t } from '../../i18n/i18n.ts';
import { formatMoney, formatNumber, formatPercent, formatQuantity } from '../../format.ts';
import { errorText } from '../../i18n/errors.ts';
import { canWrite, isAdmin } from '../../app-shell/permissions.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { renderTask } from '../../components/task-state/render-task.ts';
import { parseAmountInput, parseQuantityInput } from '../figures/parse-input.ts';
import '../../components/recipients-panel/recipients-panel.ts';
import '../../components/einvoices/invoice-accounts-panel.ts';
import { ScopedView } from '../scoped-view.ts';

type Source = z.infer<typeof SettingSourceSchema>;

@customElement('tk-settings-view')
export class SettingsView extends ScopedView {
  static override styles = [
    sharedStyles,
    css`
      .src {
        display: block;
        font-size: 0.8rem;
        color: #4b5563;
      }
      .src.own {
        color: #166534;
        font-weight: 600;
      }
      section {
        margin-top: 1rem;
      }
      .msg {
        margin: 0.5rem 0;
      }
      form .row {
        margin: 0.5rem 0;
      }
    `,
  ];

  @state() private editing: string | null = null;
  @state() private message: { ok: true; text: string } | { ok: false; error: unknown } | null = null;

  private readonly data = new Task(this, {
    task: ([unit, year], { signal }) => api.settings({ unit, year }, signal),
    args: () => [this.unit, this.year] as const,
  });

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('unit') || changed.has('year')) {
      this.editing = null;
      this.message = null;
    }
  }

  private cat(code: string) {
    return this.categories.find((c) => c.code === code);
  }
  private catName(code: string) {
    const c = this.cat(code);
    return c ? (getLang() === 'vi' ? c.nameVi : c.nameEn) : code;
  }

  private source(s: Source | null) {
    if (!s) return nothing;
    if (s.kind === 'category_default') return html`<span class="src">${t('settings.source.default')}</span>`;
    if (s.unitCode === this.unit && s.year === this.year)
      return html`<span class="src own">${t('settings.source.own')}</span>`;
    const name = this.units.find((u) => u.code === s.unitCode)?.name ?? s.unitCode ?? '';
    return html`<span class="src">${t('settings.source.unit', { unit: name, year: s.year ?? '' })}</span>`;
  }

  override render() {
    const unitName = this.units.find((u) => u.code === this.unit)?.name ?? this.unit;
    return html`<h1>${t('settings.heading', { year: this.year })}: ${unitName}</h1>
      ${renderTask(this.data, (d) => this.renderTable(d.settings), { isEmpty: (d) => d.settings.length === 0 })}
      ${this.message ? html`<p class="msg ${this.message.ok ? 'notice' : 'state error'}" role=${this.message.ok ? 'status' : 'alert'}>${this.message.ok ? this.message.text : errorText(this.message.error)}</p>` : nothing}
      ${this.editing && canWrite(this.unit) ? this.renderEditor(this.editing) : nothing}
      ${
        // Recipients are the administrators' (the API refuses anyone else).
        isAdmin()
          ? html`<section class="card" aria-labelledby="rcp-h">
              <tk-recipients-panel .unit=${this.unit}></tk-recipients-panel>
            </section>`
          : nothing
      }
      ${
        // Invoice accounts are the finance officers' (and administrators') settings.
        canWrite(this.unit)
          ? html`<section class="card" aria-label=${t('inv.accounts')} data-testid="invoice-accounts-section">
              <tk-invoice-accounts-panel
                .unit=${this.unit}
                .units=${this.units}
                .categories=${this.categories}
              ></tk-invoice-accounts-panel>
            </section>`
          : nothing
      }`;
  }

  private renderNorm(s: EffectiveSetting) {
    const c = this.cat(s.categoryCode);
    const parts: unknown[] = [];
    if (s.normQuantity != null) parts.push(html`<div>${formatQuantity(s.normQuantity, c?.quantityUnit ?? null)}</div>`);
    if (s.normPerCapita != null)
      parts.push(
        html`<div>
          ${formatMoney(s.normPerCapita)}/${getLang() === 'vi' ? 'người' : 'person'}
          ${s.normAmountEffective != null ? html`<span class="muted">${t('settings.perCapitaNote', { amount: formatMoney(s.normAmountEffective) })}</span>` : nothing}
        </div>`,
      );
    else if (s.normAmount != null) parts.push(html`<div>${formatMoney(s.normAmount)}</div>`);
    return parts.length ? html`${parts}${this.source(s.normSource)}` : '—';
  }

  private renderTable(settings: EffectiveSetting[]) {
    const writable = canWrite(this.unit);
    return html`${writable ? nothing : html`<p class="muted" data-test="read-only">${t('settings.readOnly')}</p>`}
      <div class="table-wrap card" tabindex="0">
        <table class="stack" data-testid="settings-table">
          <thead>
            <tr>
              <th scope="col">${t('scope.category')}</th>
              <th scope="col">${t('settings.basis')}</th>
              <th scope="col">${t('settings.norm')}</th>
              <th scope="col">${t('settings.target')}</th>
              ${writable ? html`<th scope="col">${t('common.actions')}</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${settings.map(
              (s) =>
                html`<tr data-category=${s.categoryCode}>
                  <th scope="row">${this.catName(s.categoryCode)}</th>
                  <td data-label=${t('settings.basis')}>${t(`basis.${s.basis}`)} ${this.source(s.basisSource)}</td>
                  <td data-label=${t('settings.norm')}>${this.renderNorm(s)}</td>
                  <td data-label=${t('settings.target')}>
                    ${formatPercent(s.targetPct)} ${this.source(s.targetSource)}
                  </td>
                  ${
                    writable
                      ? html`<td>
                          <button
                            type="button"
                            aria-label=${`${t('settings.edit')}: ${this.catName(s.categoryCode)}`}
                            @click=${() => this.edit(s.categoryCode)}
                          >
                            ${t('settings.edit')}
                          </button>
                        </td>`
                      : nothing
                  }
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private edit(code: string) {
    this.editing = code;
    this.message = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#s-basis')?.focus());
  }

  private renderEditor(code: string) {
    const s = this.data.value?.settings.find((x) => x.categoryCode === code);
    const own = s?.own ?? null;
    const c = this.cat(code);
    // vi-VN separators, which parse-input reads back whatever the page's language.
    const num = (v: number | null | undefined) => (v == null ? '' : formatNumber(v, 'vi'));
    return html`<section class="card" aria-labelledby="edit-h" data-testid="setting-editor">
      <h2 id="edit-h">${t('settings.editing', { name: this.catName(code) })}</h2>
      <form @submit=${(e: Event) => this.save(e, code)}>
        <div class="row">
          <div class="field">
            <label for="s-basis">${t('settings.basis')}</label>
            <select id="s-basis" name="basis">
              <option value="" ?selected=${!own?.basis}>${t('settings.inherit')}</option>
              <option value="previous_year" ?selected=${own?.basis === 'previous_year'}>
                ${t('basis.previous_year')}
              </option>
              <option value="norm" ?selected=${own?.basis === 'norm'}>${t('basis.norm')}</option>
            </select>
          </div>
          <div class="field">
            <label for="s-amount">${t('settings.normAmount')}</label
            ><input id="s-amount" name="normAmount" inputmode="numeric" .value=${num(own?.normAmount)} />
          </div>
          ${
            c?.quantityUnit
              ? html`<div class="field">
                  <label for="s-qty">${t('settings.normQuantity', { unit: c.quantityUnit })}</label
                  ><input id="s-qty" name="normQuantity" inputmode="decimal" .value=${num(own?.normQuantity)} />
                </div>`
              : nothing
          }
          <div class="field">
            <label for="s-pc">${t('settings.normPerCapita')}</label
            ><input id="s-pc" name="normPerCapita" inputmode="numeric" .value=${num(own?.normPerCapita)} />
          </div>
          <div class="field">
            <label for="s-target">${t('settings.target')}</label
            ><input id="s-target" name="targetPct" inputmode="decimal" .value=${num(own?.targetPct)} />
          </div>
        </div>
        <div class="row">
          <button type="submit" class="primary">${t('settings.save')}</button>
          ${own ? html`<button type="button" @click=${() => this.removeOwn(code)}>${t('settings.remove')}</button>` : nothing}
          <button type="button" @click=${() => (this.editing = null)}>${t('figures.close')}</button>
        </div>
      </form>
    </section>`;
  }

  private async save(e: Event, code: string) {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => String(d.get(k) ?? '').trim();
    const amount = (k: string) => (text(k) === '' ? null : parseAmountInput(text(k)));
    const qty = (k: string) => (text(k) === '' ? null : parseQuantityInput(text(k)));
    const target = text('targetPct') === '' ? null : Number(text('targetPct').replace(',', '.'));
    const body = {
      unitCode: this.unit,
      categoryCode: code,
      year: this.year,
      basis: (text('basis') || null) as 'norm' | 'previous_year' | null,
      normAmount: amount('normAmount'),
      normQuantity: qty('normQuantity'),
      normPerCapita: amount('normPerCapita'),
      targetPct: target,
    };
    const bad =
      (['normAmount', 'normQuantity', 'normPerCapita'] as const).some((k) => text(k) !== '' && body[k] == null) ||
      (target != null && !Number.isFinite(target));
    if (bad) {
      this.message = { ok: false, error: new Error(t('settings.badNumber')) };
      return;
    }
    try {
      await api.putSetting(body);
      this.message = { ok: true, text: t('settings.saved') };
      this.editing = null;
      await this.data.run();
    } catch (err) {
      this.message = { ok: false, error: err };
    }
  }

  private async removeOwn(code: string) {
    try {
      await api.deleteSetting({ unit: this.unit, category: code, year: this.year });
      this.message = { ok: true, text: t('settings.removed') };
      this.editing = null;
      await this.data.run();
    } catch (err) {
      this.message = { ok: false, error: err };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-settings-view': SettingsView;
  }
}
