/**
 * Chart.js with only the parts the dashboard draws (bars, lines, two linear axes, tooltip,
 * legend) registered, so the rest is tree-shaken; no 'chart.js/auto'. Animations are off for
 * automated browsers and for people who ask for reduced motion. A chart drawn for export
 * (pngOf) gets a white background: on screen the page's colour shows through.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type Plugin,
} from 'chart.js';

/** Set while a chart is drawn for export: the background plugin paints it white. */
const exporting = new WeakSet<Chart>();

const whiteBackground: Plugin = {
  id: 'tkExportBackground',
  beforeDraw(chart) {
    if (!exporting.has(chart)) return;
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

Chart.register(
  BarController,
  LineController,
  BarElement,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
  whiteBackground,
);

/** The chart as a PNG data: URL on white (Chart.js toBase64Image), as it is drawn now. */
export function pngOf(chart: Chart): string {
  exporting.add(chart);
  try {
    chart.draw();
    return chart.toBase64Image('image/png', 1);
  } finally {
    exporting.delete(chart);
    chart.draw();
  }
}

const reduceMotion =
  navigator.webdriver || (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches);
if (reduceMotion) Chart.defaults.animation = false;
Chart.defaults.color = '#1f2937';
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif';
Chart.defaults.maintainAspectRatio = false;

export { Chart };
export type { ChartConfiguration } from 'chart.js';
