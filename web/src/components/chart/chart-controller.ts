/**
 * One Chart.js chart bound to one Lit host: created after the first render that has a canvas
 * and a configuration, updated in place when the configuration object changes, destroyed when
 * the host leaves the page (so no chart outlives its element or leaks its listeners). When the
 * page switches to print (or back), the chart is resized to its box in the new layout, so a
 * printed chart fits the A4 page's width (Chart.js does not follow print layout by itself).
 *
 * Charts are built one per frame, in page order: a view with six charts shows its first one as
 * soon as that one is drawn, instead of after all six are built in one task (building a chart
 * is 40–140 ms of script on a slow 2-core machine). Printing, an export and a hidden page build every
 * waiting chart at once.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Chart, type ChartConfiguration } from './chart-setup.ts';
import { afterNextPaint } from '../../next-paint.ts';

/** Controllers whose chart waits to be built, in the order they asked. */
const waiting = new Set<ChartController>();
/** A chart was built since the last paint: the next one waits for the paint. */
let builtThisFrame = false;

function buildNext() {
  builtThisFrame = false;
  const next = waiting.values().next();
  if (next.done) return;
  claimFrame();
  next.value.build();
}

/** Whether a chart may be built now; if so, the next waiting one is built after the next paint. */
function claimFrame(): boolean {
  // A hidden page paints nothing (and runs no animation frames): build at once.
  if (document.visibilityState !== 'visible') return true;
  if (builtThisFrame) return false;
  builtThisFrame = true;
  afterNextPaint(buildNext);
  return true;
}

/** Builds every waiting chart now (before printing). */
function buildWaitingCharts() {
  for (const c of [...waiting]) {
    waiting.delete(c);
    c.build();
  }
}

if (typeof window !== 'undefined') window.addEventListener('beforeprint', buildWaitingCharts);

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
  private readonly onPrint = () => {
    buildWaitingCharts();
    this.chart?.resize();
  };

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
      this.lastConfig = config;
    } else if (!waiting.has(this)) {
      if (claimFrame()) this.build();
      else waiting.add(this);
    }
  }

  /** The chart, built now if it was waiting for its frame (an export cannot wait). */
  builtChart(): Chart | null {
    if (waiting.has(this)) this.build();
    return this.chart;
  }

  /** Builds the chart from the current canvas and configuration (no-op if either is gone). */
  build() {
    waiting.delete(this);
    const canvas = this.canvas();
    const config = this.config();
    this.destroy();
    if (!canvas || !config) return;
    this.chart = new Chart(canvas, config);
    this.lastConfig = config;
  }

  hostDisconnected() {
    this.print?.removeEventListener('change', this.onPrint);
    this.destroy();
  }

  private destroy() {
    waiting.delete(this);
    this.chart?.destroy();
    this.chart = null;
    this.lastConfig = null;
  }
}
