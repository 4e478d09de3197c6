/**
 * The unit (as an indented tree) and year pickers shown above scoped views.
 *
 * @fires tk-scope-change - ScopeChangeEvent when the person picks another unit or year.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Unit } from '../../api-client.ts';
import { I18nController, t } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../styles/shared.ts';

export class ScopeChangeEvent extends Event {
  static readonly eventName = 'tk-scope-change';
  constructor(
    readonly unit: string,
    readonly year: number,
  ) {
    super(ScopeChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Units in tree order with their depth (parents before children, siblings by name order given). */
export function unitTree(units: Unit[]): Array<{ unit: Unit; depth: number }> {
  const byParent = new Map<string | null, Unit[]>();
  const codes = new Set(units.map((u) => u.code));
  for (const u of units) {
    const parent = u.parentCode && codes.has(u.parentCode) ? u.parentCode : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), u]);
  }
  const out: Array<{ unit: Unit; depth: number }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of byParent.get(parent) ?? []) {
      out.push({ unit: u, depth });
      walk(u.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

@customElement('tk-scope-picker')
export class ScopePicker extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      select {
        min-width: 0;
      }
      .unit select {
        width: min(28rem, 100%);
      }
      .unit {
        flex: 0 1 28rem;
      }
    `,
  ];

  @property({ attribute: false }) units: Unit[] = [];
  @property() unit = '';
  @property({ type: Number }) year = new Date().getFullYear();
  /** First and last year offered. */
  @property({ type: Number }) minYear = 2015;
  @property({ type: Number }) maxYear = new Date().getFullYear() + 1;

  private readonly i18n = new I18nController(this);

  override render() {
    const years: number[] = [];
    for (let y = Math.max(this.maxYear, this.year); y >= Math.min(this.minYear, this.year); y--) years.push(y);
    return html`<div class="row">
      <div class="field unit">
        <label for="unit">${t('scope.unit')}</label>
        <select id="unit" name="unit" @change=${this.onChange}>
          ${unitTree(this.units).map(
            ({ unit, depth }) =>
              html`<option value=${unit.code} ?selected=${unit.code === this.unit}>
                ${'\u00a0\u00a0\u00a0'.repeat(depth)}${depth ? '└ ' : ''}${unit.name}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="year">${t('scope.year')}</label>
        <select id="year" name="year" @change=${this.onChange}>
          ${years.map((y) => html`<option value=${y} ?selected=${y === this.year}>${y}</option>`)}
        </select>
      </div>
    </div>`;
  }

  private onChange() {
    const unit = (this.renderRoot.querySelector('#unit') as HTMLSelectElement).value;
    const year = Number((this.renderRoot.querySelector('#year') as HTMLSelectElement).value);
    this.dispatchEvent(new ScopeChangeEvent(unit, year));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-scope-picker': ScopePicker;
  }
  interface HTMLElementEventMap {
    'tk-scope-change': ScopeChangeEvent;
  }
}
