/**
 * <tk-chart>: a canvas with one Chart.js chart (see ChartController). The chart is an image to
 * assistive technology, named by `label`; the views put the same numbers in a table beside it.
 *
 * @csspart canvas - the canvas
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { pngOf, type ChartConfiguration } from './chart-setup.ts';
import { ChartController } from './chart-controller.ts';

@customElement('tk-chart')
export class ChartElement extends LitElement {
  static override styles = css`
    :host {
      display: block;
      height: var(--tk-chart-height, 280px);
    }
    .box {
      position: relative;
      height: 100%;
      width: 100%;
    }
    /* On paper: never split across pages, never wider than the page. */
    @media print {
      :host {
        break-inside: avoid;
      }
      canvas {
        max-width: 100% !important;
        height: auto !important;
      }
    }
  `;

  @property({ attribute: false }) config: ChartConfiguration | null = null;
  /**
   * Height in CSS pixels; default: the --tk-chart-height custom property, else 280px. Applied to
   * the host through CSSOM (the CSP, style-src 'self', refuses style attributes).
   */
  @property({ type: Number }) height: number | null = null;
  /** Accessible name of the chart image. */
  @property() label = '';
  @query('canvas') private canvasEl!: HTMLCanvasElement;

  readonly controller = new ChartController(
    this,
    () => this.canvasEl,
    () => this.config,
  );

  /** The chart as a PNG data: URL (white background), or null before it is drawn. */
  toPng(): string | null {
    const chart = this.controller.builtChart();
    return chart ? pngOf(chart) : null;
  }

  /** The names of the drawn datasets (what the legend shows), for tests and exports. */
  get datasetLabels(): string[] {
    return (this.controller.chart?.data.datasets ?? []).map((d) => String(d.label ?? ''));
  }

  override willUpdate() {
    // Before the first render, so the chart is created at its final size.
    if (this.height != null) this.style.height = `${this.height}px`;
  }

  override render() {
    return html`<div class="box"><canvas part="canvas" role="img" aria-label=${this.label}></canvas></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-chart': ChartElement;
  }
}
