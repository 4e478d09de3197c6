/**
 * <tk-range-picker>: what the trends view spans: the chosen year month by month, a month range
 * (from–to, may cross years) or several years (one point per year). Every choice goes into the URL
 * (`range`, `from`, `to`), so a range is bookmarkable and survives drill-down and back.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { I18nController, t } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { NavigateEvent } from '../../app-shell/events.ts';
import { addMonths, isPeriod, lastClosedPeriod, makePeriod } from '../../../../domain/months.ts';
import { MAX_MONTHS, MAX_YEARS, rangeParams, type TrendsRange } from './trends-series.ts';

@customElement('tk-range-picker')
export class RangePicker extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      fieldset {
        border: 0;
        padding: 0;
        margin: 0.5rem 0;
      }
      legend {
        font-weight: 600;
        font-size: 0.9rem;
        padding: 0;
        margin-bottom: 0.2rem;
      }
      input[type='month'] {
        min-width: 10rem;
      }
    `,
  ];

  @property({ attribute: false }) range: TrendsRange = { kind: 'year', year: new Date().getFullYear() };
  /** The year picked in the shell (the one-year view, and where a new range starts). */
  @property({ type: Number }) year = new Date().getFullYear();

  private readonly i18n = new I18nController(this);

  private go(r: TrendsRange) {
    this.dispatchEvent(new NavigateEvent({ params: rangeParams(r) }));
  }

  private changeKind(kind: TrendsRange['kind']) {
    const last = lastClosedPeriod(new Date());
    const lastYear = Number(last.slice(0, 4));
    if (kind === 'year') return this.go({ kind, year: this.year });
    if (kind === 'months') {
      // Twelve months up to the last closed one in the running year; the picked year otherwise.
      const to = this.year >= lastYear ? last : makePeriod(this.year, 12);
      return this.go({ kind, from: addMonths(to, -11), to });
    }
    return this.go({ kind, from: Math.min(this.year, lastYear) - 2, to: Math.min(this.year, lastYear) });
  }

  private onMonths() {
    const from = this.renderRoot.querySelector<HTMLInputElement>('#r-from')!.value;
    const to = this.renderRoot.querySelector<HTMLInputElement>('#r-to')!.value;
    if (isPeriod(from) && isPeriod(to)) this.go({ kind: 'months', from, to });
  }

  private onYears() {
    const from = Number(this.renderRoot.querySelector<HTMLSelectElement>('#r-from')!.value);
    const to = Number(this.renderRoot.querySelector<HTMLSelectElement>('#r-to')!.value);
    this.go({ kind: 'years', from, to });
  }

  override render() {
    const r = this.range;
    const current = Number(lastClosedPeriod(new Date()).slice(0, 4));
    const years: number[] = [];
    for (let y = current; y >= 2015; y--) years.push(y);
    return html`<fieldset>
      <legend>${t('range.legend')}</legend>
      <div class="row">
        <div class="field">
          <label for="r-kind">${t('range.kind')}</label>
          <select
            id="r-kind"
            @change=${(e: Event) => this.changeKind((e.target as HTMLSelectElement).value as TrendsRange['kind'])}
          >
            <option value="year" ?selected=${r.kind === 'year'}>${t('range.year', { year: this.year })}</option>
            <option value="months" ?selected=${r.kind === 'months'}>${t('range.months')}</option>
            <option value="years" ?selected=${r.kind === 'years'}>${t('range.years')}</option>
          </select>
        </div>
        ${
          r.kind === 'months'
            ? html`<div class="field">
                  <label for="r-from">${t('range.fromMonth')}</label>
                  <input id="r-from" type="month" .value=${r.from} max=${r.to} @change=${this.onMonths} />
                </div>
                <div class="field">
                  <label for="r-to">${t('range.toMonth')}</label>
                  <input id="r-to" type="month" .value=${r.to} min=${r.from} @change=${this.onMonths} />
                </div>
                <p class="muted">${t('range.monthsHint', { n: MAX_MONTHS })}</p>`
            : nothing
        }
        ${
          r.kind === 'years'
            ? html`<div class="field">
                  <label for="r-from">${t('range.fromYear')}</label>
                  <select id="r-from" @change=${this.onYears}>
                    ${years.map((y) => html`<option value=${y} ?selected=${y === r.from}>${y}</option>`)}
                  </select>
                </div>
                <div class="field">
                  <label for="r-to">${t('range.toYear')}</label>
                  <select id="r-to" @change=${this.onYears}>
                    ${years.map((y) => html`<option value=${y} ?selected=${y === r.to}>${y}</option>`)}
                  </select>
                </div>
                <p class="muted">${t('range.yearsHint', { n: MAX_YEARS })}</p>`
            : nothing
        }
      </div>
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-range-picker': RangePicker;
  }
}
