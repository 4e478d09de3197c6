/**
 * <tk-progress>: how far a reduction has come towards its target, as a bar with the numbers in
 * words beside it (never colour alone). Exposed to assistive technology as a progressbar.
 * The width is set through CSSOM in updated(): the CSP (style-src 'self') blocks style attributes,
 * and Lit's styleMap writes one on first render.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatPercent } from '../../format.ts';
import { I18nController, t } from '../../i18n/i18n.ts';

@customElement('tk-progress')
export class ProgressBar extends LitElement {
  static override styles = css`
    :host {
      display: block;
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
    @media print {
      .track,
      .fill {
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

  private ratio() {
    const max = this.target && this.target > 0 ? this.target : 100;
    return Math.max(0, Math.min(1, (this.value ?? 0) / max));
  }

  override updated() {
    const fill = this.renderRoot.querySelector<HTMLElement>('.fill');
    if (fill) fill.style.width = `${(this.ratio() * 100).toFixed(1)}%`;
  }

  override render() {
    const v = this.value ?? 0;
    const max = this.target && this.target > 0 ? this.target : 100;
    const text = `${formatPercent(this.value)}${this.target != null ? ` / ${t('overview.target', { target: formatPercent(this.target) })}` : ''}`;
    return html`<div
      class="track"
      role="progressbar"
      aria-valuemin="0"
      aria-valuemax=${max}
      aria-valuenow=${Math.max(0, Math.min(max, v))}
      aria-valuetext=${text}
      title=${text}
    >
      <div class="fill ${this.met ? 'met' : ''}"></div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-progress': ProgressBar;
  }
}
