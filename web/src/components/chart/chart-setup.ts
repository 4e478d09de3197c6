/**
 * Chart.js with only the parts the dashboard draws (bars, lines, two linear axes, tooltip,
 * legend) registered, so the rest is tree-shaken; no 'chart.js/auto'. Animations are off for
 * automated browsers and for people who ask for reduced motion.
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
} from 'chart.js';

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
);

const reduceMotion =
  navigator.webdriver || (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches);
if (reduceMotion) Chart.defaults.animation = false;
Chart.defaults.color = '#1f2937';
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif';
Chart.defaults.maintainAspectRatio = false;

export { Chart };
export type { ChartConfiguration } from 'chart.js';
