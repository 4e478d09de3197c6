/**
 * <tk-unit-picker>: choose one unit among thousands (a province) by typing part of its name, code
 * or alias, accents ignored, as an ARIA 1.2 combobox: a text box with a list of matches, each
 * with its place in the tree. Keyboard: ↓/↑ move (and open), PageDown/PageUp by ten, Enter picks,
 * Escape closes and puts back the chosen unit, Tab leaves without changing. Below the box, where
 * the chosen unit sits ("Thuộc: Sở A › Phòng B").
 *
 * @fires tk-unit-pick - UnitPickEvent with the unit's code when the person picks one.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Unit } from '../../api-client.ts';
import { I18nController, t } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { findUnits, unitEntries, type UnitEntry } from './unit-search.ts';

export class UnitPickEvent extends Event {
  static readonly eventName = 'tk-unit-pick';
  constructor(readonly code: string) {
    super(UnitPickEvent.eventName, { bubbles: true, composed: true });
  }
}

/** How many matches the list shows at once (the status says how many more there are). */
const SHOWN = 50;

@customElement('tk-unit-picker')
export class UnitPicker extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        position: relative;
      }
      input {
        width: 100%;
      }
      ul {
        position: absolute;
        z-index: 20;
        left: 0;
        right: 0;
        margin: 0.15rem 0 0;
        padding: 0.25rem 0;
        list-style: none;
        max-height: min(22rem, 60vh);
        overflow-y: auto;
        background: #fff;
        border: 1px solid #6b7280;
        border-radius: 0.375rem;
        box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
      }
      li[role='option'] {
        padding: 0.35rem 0.6rem;
        cursor: pointer;
        overflow-wrap: anywhere;
      }
      li[role='option'][aria-selected='true'] {
        background: #1d4ed8;
        color: #fff;
      }
      li[role='option'][aria-selected='true'] .path,
      li[role='option'][aria-selected='true'] .code {
        color: #fff;
      }
      .code {
        color: #4b5563;
        font-size: 0.85em;
        margin-left: 0.4rem;
      }
      .path {
        display: block;
        color: #4b5563;
        font-size: 0.8rem;
      }
      li.note {
        padding: 0.35rem 0.6rem;
        color: #4b5563;
        font-size: 0.85rem;
      }
      .where {
        margin: 0.15rem 0 0;
        font-size: 0.8rem;
        color: #4b5563;
        overflow-wrap: anywhere;
      }
      .sr-only {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    `,
  ];

  @property({ attribute: false }) units: Unit[] = [];
  /** Code of the chosen unit. */
  @property() value = '';
  /** The box's label (default "Đơn vị"/"Unit"); it sits inside this element, with the box it names. */
  @property() label = '';

  @state() private open = false;
  @state() private text = '';
  @state() private active = 0;
  @query('input') private input!: HTMLInputElement;

  private entries: UnitEntry[] = [];
  private readonly i18n = new I18nController(this);

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('units')) this.entries = unitEntries(this.units);
  }

  private get chosen(): UnitEntry | undefined {
    return this.entries.find((e) => e.unit.code === this.value);
  }

  private results() {
    return findUnits(this.entries, this.text, SHOWN);
  }

  override render() {
    const chosen = this.chosen;
    const { matches, total } = this.open ? this.results() : { matches: [], total: 0 };
    const active = matches[this.active];
    return html`<label for="unit">${this.label || t('scope.unit')}</label>
      <input
        id="unit"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-controls="unit-list"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-activedescendant=${this.open && active ? `unit-opt-${this.active}` : ''}
        aria-describedby="unit-where"
        placeholder=${t('scope.unitSearch')}
        .value=${this.open ? this.text : (chosen?.unit.name ?? '')}
        @input=${this.onInput}
        @keydown=${this.onKey}
        @focus=${this.onFocus}
        @click=${() => !this.open && this.show('')}
        @blur=${this.onBlur}
      />
      <ul id="unit-list" role="listbox" aria-label=${this.label || t('scope.unit')} ?hidden=${!this.open}>
        ${
          this.open
            ? html`${matches.map(
                (e, i) =>
                  html`<li
                    role="option"
                    id=${`unit-opt-${i}`}
                    data-code=${e.unit.code}
                    aria-selected=${i === this.active ? 'true' : 'false'}
                    @mousedown=${(ev: Event) => ev.preventDefault()}
                    @click=${() => this.pick(e.unit.code)}
                  >
                    <span class="name">${e.unit.name}</span><span class="code">${e.unit.code}</span>
                    ${e.path.length ? html`<span class="path">${e.path.join(' › ')}</span>` : nothing}
                  </li>`,
              )}
              ${
                total > matches.length
                  ? html`<li class="note" role="presentation">
                      ${t('scope.unitMore', { n: total - matches.length })}
                    </li>`
                  : nothing
              }
              ${
                total === 0
                  ? html`<li class="note" role="presentation">${t('scope.unitNone', { q: this.text })}</li>`
                  : nothing
              }`
            : nothing
        }
      </ul>
      <p class="where" id="unit-where" data-testid="unit-where">
        ${chosen && chosen.path.length ? t('scope.unitIn', { path: chosen.path.join(' › ') }) : nothing}
        <span class="sr-only">${t('scope.unitHelp')}</span>
      </p>
      <p class="sr-only" role="status" aria-live="polite">${this.open ? t('scope.unitResults', { n: total }) : ''}</p>`;
  }

  private show(text: string) {
    this.text = text;
    this.open = true;
    // With nothing typed, start on the chosen unit when it is in view.
    const i = text ? 0 : this.results().matches.findIndex((e) => e.unit.code === this.value);
    this.active = Math.max(0, i);
    void this.updateComplete.then(() => this.scrollActive());
  }

  private onFocus() {
    this.input.select();
  }

  private onInput(e: Event) {
    this.text = (e.target as HTMLInputElement).value;
    this.open = true;
    this.active = 0;
  }

  private onBlur() {
    this.open = false;
  }

  private move(by: number) {
    const n = this.results().matches.length;
    if (n === 0) return;
    this.active = Math.min(n - 1, Math.max(0, this.active + by));
    void this.updateComplete.then(() => this.scrollActive());
  }

  private scrollActive() {
    this.renderRoot.querySelector(`#unit-opt-${this.active}`)?.scrollIntoView({ block: 'nearest' });
  }

  private onKey(e: KeyboardEvent) {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!this.open) this.show('');
        else this.move(1);
        return;
      case 'ArrowUp':
        e.preventDefault();
        if (!this.open) this.show('');
        else this.move(-1);
        return;
      case 'PageDown':
        if (this.open) {
          e.preventDefault();
          this.move(10);
        }
        return;
      case 'PageUp':
        if (this.open) {
          e.preventDefault();
          this.move(-10);
        }
        return;
      case 'Enter': {
        if (!this.open) return;
        e.preventDefault();
        const m = this.results().matches[this.active];
        if (m) this.pick(m.unit.code);
        return;
      }
      case 'Escape':
        if (this.open) {
          e.preventDefault();
          this.open = false;
          void this.updateComplete.then(() => this.input.select());
        }
        return;
      case 'Tab':
        this.open = false;
        return;
    }
  }

  private pick(code: string) {
    this.open = false;
    this.text = '';
    // The name shows selected: typing again starts a new search.
    void this.updateComplete.then(() => this.input.matches(':focus') && this.input.select());
    if (code !== this.value) {
      this.value = code;
      this.dispatchEvent(new UnitPickEvent(code));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-unit-picker': UnitPicker;
  }
  interface HTMLElementEventMap {
    'tk-unit-pick': UnitPickEvent;
  }
}
