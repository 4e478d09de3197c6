/**
 * <tk-progress>: a reduction against its target, as a bar with a marker at the target and the
 * numbers in words (never colour alone). Exposed to assistive technology as a progressbar. The
 * scale runs from 0 to a round figure half as far again as the target (10% → 0–15%), so the
 * marker sits inside the bar and a reduction past the target shows how far past it is.
 * Widths and positions are set through CSSOM in updated(): the CSP (style-src 'self') blocks
 * style attributes, and Lit's styleMap writes one on first render.
 *
 * @csspart marker - the target marker
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatPercent } from '../../format.ts';
import { I18nController, t } from '../../i18n/i18n.ts';
import { progressMax } from './progress-scale.ts';

@customElement('tk-progress')
export class ProgressBar extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .bar {
      position: relative;
      padding-bottom: 1.1rem;
    }
    .track {
      position: relative;
      height: 0.9rem;
      border-radius: 999px;
      background: #e5e7eb;
      border: 1px solid #6b7280;
      overflow: hidden;
    }
    .fill {
      height: 100%;
      background: #b45309;
    }
    .fill.met {
      background: #15803d;
    }
    .marker {
      position: absolute;
      top: -0.25rem;
      height: 1.4rem;
      width: 3px;
      margin-left: -1.5px;
      background: #111827;
      border-radius: 1px;
    }
    .marker-label {
      position: absolute;
      top: 1.15rem;
      transform: translateX(-50%);
      font-size: 0.75rem;
      line-height: 1;
      color: #1f2937;
      white-space: nowrap;
    }
    @media print {
      .track,
      .fill,
      .marker {
        -webkit-print-color-adjust: exact;
        print-color-adjust: exact;
      }
    }
  `;

  /** Reduction in percent (null: unknown). */
  @property({ type: Number }) value: number | null = null;
  /** Target in percent (null: none). */
  @property({ type: Number }) target: number | null = null;
  @property({ type: Boolean }) met = false;

  private readonly i18n = new I18nController(this);

  private max() {
    return progressMax(this.value, this.target);
  }

  override updated() {
    const max = this.max();
    const fill = this.renderRoot.querySelector<HTMLElement>('.fill');
    if (fill) fill.style.width = `${((Math.max(0, Math.min(max, this.value ?? 0)) / max) * 100).toFixed(1)}%`;
    const at = this.target != null ? `${((this.target / max) * 100).toFixed(1)}%` : '';
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('.marker, .marker-label')) el.style.left = at;
  }

  override render() {
    const v = this.value ?? 0;
    const max = this.max();
    const hasTarget = this.target != null && this.target > 0;
    const text = `${formatPercent(this.value)}${this.target != null ? ` / ${t('overview.target', { target: formatPercent(this.target) })}` : ''}`;
    return html`<div class="bar">
      <div
        class="track"
        role="progressbar"
        aria-valuemin="0"
        aria-valuemax=${max}
        aria-valuenow=${Math.max(0, Math.min(max, v))}
        aria-valuetext=${text}
        title=${text}
      >
        <div class="fill ${this.met ? 'met' : ''}"></div>
      </div>
      ${
        hasTarget
          ? html`<div
                class="marker"
                part="marker"
                data-testid="target-marker"
                data-target=${this.target!}
                aria-hidden="true"
              ></div>
              <span class="marker-label" aria-hidden="true">${formatPercent(this.target)}</span>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-progress': ProgressBar;
  }
}
