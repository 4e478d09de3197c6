/**
 * One Chart.js chart bound to one Lit host: created after the first render that has a canvas
 * and a configuration, updated in place when the configuration object changes, destroyed when
 * the host leaves the page (so no chart outlives its element or leaks its listeners). When the
 * page switches to print (or back), the chart is resized to its box in the new layout, so a
 * printed chart fits the A4 page's width (Chart.js does not follow print layout by itself).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Chart, type ChartConfiguration } from './chart-setup.ts';

export class ChartController implements ReactiveController {
  chart: Chart | null = null;
  private lastConfig: ChartConfiguration | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly canvas: () => HTMLCanvasElement | null | undefined,
    private readonly config: () => ChartConfiguration | null,
  ) {
    host.addController(this);
  }

  private readonly print = typeof matchMedia === 'function' ? matchMedia('print') : null;
  private readonly onPrint = () => this.chart?.resize();

  hostConnected() {
    this.print?.addEventListener('change', this.onPrint);
  }

  hostUpdated() {
    const canvas = this.canvas();
    const config = this.config();
    if (!canvas || !config) return this.destroy();
    if (this.chart && this.chart.canvas === canvas) {
      if (config === this.lastConfig) return;
      this.chart.data = config.data;
      if (config.options) this.chart.options = config.options;
      this.chart.update();
    } else {
      this.destroy();
      this.chart = new Chart(canvas, config);
    }
    this.lastConfig = config;
  }

  hostDisconnected() {
    this.print?.removeEventListener('change', this.onPrint);
    this.destroy();
  }

  private destroy() {
    this.chart?.destroy();
    this.chart = null;
    this.lastConfig = null;
  }
}
