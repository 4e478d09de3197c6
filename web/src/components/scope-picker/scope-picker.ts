/**
 * The unit picker (type part of a name or code: tk-unit-picker, usable with a province's
 * thousands of units) and the year picker shown above scoped views.
 *
 * @fires tk-scope-change - ScopeChangeEvent when the person picks another unit or year.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Unit } from '../../api-client.ts';
import { I18nController, t } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { UnitPickEvent } from '../unit-picker/unit-picker.ts';
import '../unit-picker/unit-picker.ts';

export class ScopeChangeEvent extends Event {
  static readonly eventName = 'tk-scope-change';
  constructor(
    readonly unit: string,
    readonly year: number,
  ) {
    super(ScopeChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

@customElement('tk-scope-picker')
export class ScopePicker extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      select {
        min-width: 0;
      }
      .row {
        align-items: start;
      }
      .unit {
        flex: 0 1 28rem;
        min-width: 0;
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
      <tk-unit-picker
        class="field unit"
        .units=${this.units}
        .value=${this.unit}
        @tk-unit-pick=${(e: UnitPickEvent) => this.dispatchEvent(new ScopeChangeEvent(e.code, this.year))}
      ></tk-unit-picker>
      <div class="field">
        <label for="year">${t('scope.year')}</label>
        <select id="year" name="year" @change=${this.onChange}>
          ${years.map((y) => html`<option value=${y} ?selected=${y === this.year}>${y}</option>`)}
        </select>
      </div>
    </div>`;
  }

  private onChange() {
    const year = Number((this.renderRoot.querySelector('#year') as HTMLSelectElement).value);
    this.dispatchEvent(new ScopeChangeEvent(this.unit, year));
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
