/**
 * The Chart.js configuration of one trends chart: actual as bars and the baseline as a line on
 * the left axis (đồng or kWh), the cumulative reduction (or each year's reduction) and the target
 * on the right axis (%), the two axes with their zeros level (chart-scales.ts). Choosing a bar or
 * a point calls `onPick` with its index (the view drills down to that month or year).
 *
 * A point counting an incomplete month (not every expected unit submitted) is tạm tính: its bar is
 * drawn lighter and hatched with a border in the actual colour, its reduction point hollow with a
 * dashed segment to it, and its tooltip gives the coverage ("Tạm tính — Tháng 11/2026: 3/5 đơn vị
 * đã nộp").
 */
import type { ChartConfiguration } from '../../components/chart/chart-setup.ts';
import { alignedAxes } from '../../components/chart/chart-scales.ts';
import { formatCompact, formatMonthShort, formatNumber, formatPercent } from '../../format.ts';
import { t } from '../../i18n/i18n.ts';
import { provisionalText } from '../../components/coverage-note/coverage-note.ts';
import type { TrendSeries, TrendsRange } from './trends-series.ts';

/** The colours of the series (AA contrast on white). */
export const COLORS = {
  actual: '#2563eb',
  baseline: '#b45309',
  lastYear: '#6b7280',
  reduction: '#15803d',
  target: '#b91c1c',
} as const;

/** The light ground of an incomplete month's bar (where no canvas can draw the hatching). */
export const INCOMPLETE_GROUND = '#bfdbfe';

let hatch: CanvasPattern | string | undefined;
/** The fill of an incomplete month's bar: diagonal lines in the actual colour on a light ground. */
export function incompleteFill(): CanvasPattern | string {
  if (hatch) return hatch;
  if (typeof document === 'undefined') return INCOMPLETE_GROUND;
  const c = document.createElement('canvas');
  c.width = c.height = 8;
  const g = c.getContext('2d');
  if (!g) return (hatch = INCOMPLETE_GROUND);
  g.fillStyle = INCOMPLETE_GROUND;
  g.fillRect(0, 0, 8, 8);
  g.strokeStyle = COLORS.actual;
  g.lineWidth = 1.5;
  g.beginPath();
  for (const [x0, y0, x1, y1] of [
    [0, 8, 8, 0],
    [-2, 2, 2, -2],
    [6, 10, 10, 6],
  ]) {
    g.moveTo(x0, y0);
    g.lineTo(x1, y1);
  }
  g.stroke();
  return (hatch = g.createPattern(c, 'repeat') ?? INCOMPLETE_GROUND);
}

/** Axis label of a point: T3 / Mar; T3/25 across years; the year. */
export function pointLabel(s: TrendSeries, i: number, range: TrendsRange): string {
  const p = s.points[i];
  if (!p.period) return p.through ? `${p.key}*` : p.key;
  const short = formatMonthShort(p.period);
  return range.kind === 'months' && range.from.slice(0, 4) !== range.to.slice(0, 4)
    ? `${short}/${p.period.slice(2, 4)}`
    : short;
}

/** Dataset names, also the headings of the data table. */
export function seriesLabels(s: TrendSeries, range: TrendsRange) {
  const year = range.kind === 'year' ? range.year : 0;
  return {
    actual: range.kind === 'year' ? t('trends.actual', { year }) : t('trends.actualRange'),
    baseline:
      s.basis === 'norm'
        ? t('trends.baselineNorm')
        : s.basis === 'previous_year' && range.kind === 'year'
          ? t('trends.baselinePrev', { year: year - 1 })
          : t('trends.baseline'),
    lastYear: t('trends.lastYear', { year: year - 1 }),
    reduction: range.kind === 'years' ? t('trends.yearReduction') : t('trends.cumulative'),
    target: s.target != null ? t('trends.targetOf', { target: formatPercent(s.target) }) : t('trends.target'),
  };
}

export function trendsChartConfig(
  s: TrendSeries,
  range: TrendsRange,
  onPick: (index: number) => void,
): ChartConfiguration {
  const unit = s.measure === 'quantity' ? (s.quantityUnit ?? '') : 'đ';
  const labels = seriesLabels(s, range);
  const pts = s.points;
  const percent = pts.map((p) => (range.kind === 'years' ? p.reduction : p.cumulative));
  const targets = pts.map((p) => p.target);
  const open = (i: number | undefined) => i != null && (pts[i]?.incomplete.length ?? 0) > 0;
  // Per-point styles only when some point is tạm tính: a chart whose options are plain values
  // lets Chart.js resolve them once per dataset instead of once per bar and point.
  const anyOpen = pts.some((_, i) => open(i));
  const [left, right] = alignedAxes(
    pts.flatMap((p) => [p.actual, p.baseline, p.lastYear]),
    [...percent, ...targets],
  );
  return {
    type: 'bar',
    data: {
      labels: pts.map((_, i) => pointLabel(s, i, range)),
      datasets: [
        {
          type: 'bar',
          label: labels.actual,
          data: pts.map((p) => p.actual),
          backgroundColor: anyOpen ? pts.map((_, i) => (open(i) ? incompleteFill() : COLORS.actual)) : COLORS.actual,
          borderColor: COLORS.actual,
          borderWidth: anyOpen ? pts.map((_, i) => (open(i) ? 2 : 0)) : 0,
          yAxisID: 'y',
          order: 4,
        },
        {
          type: 'line',
          label: labels.baseline,
          data: pts.map((p) => p.baseline),
          borderColor: COLORS.baseline,
          backgroundColor: COLORS.baseline,
          pointStyle: 'rectRot',
          pointRadius: 4,
          yAxisID: 'y',
          order: 2,
        },
        ...(s.hasLastYear
          ? [
              {
                type: 'line' as const,
                label: labels.lastYear,
                data: pts.map((p) => p.lastYear),
                borderColor: COLORS.lastYear,
                backgroundColor: COLORS.lastYear,
                borderDash: [6, 4],
                pointRadius: 3,
                yAxisID: 'y',
                order: 3,
              },
            ]
          : []),
        {
          type: 'line',
          label: labels.reduction,
          data: percent,
          borderColor: COLORS.reduction,
          backgroundColor: COLORS.reduction,
          pointBackgroundColor: anyOpen
            ? pts.map((_, i) => (open(i) ? '#ffffff' : COLORS.reduction))
            : COLORS.reduction,
          ...(anyOpen
            ? {
                segment: { borderDash: (ctx: { p1DataIndex: number }) => (open(ctx.p1DataIndex) ? [4, 3] : undefined) },
              }
            : {}),
          pointStyle: 'triangle',
          pointRadius: 4,
          yAxisID: 'y1',
          order: 1,
          spanGaps: false,
        },
        ...(s.hasTarget
          ? [
              {
                type: 'line' as const,
                label: labels.target,
                data: targets,
                borderColor: COLORS.target,
                backgroundColor: COLORS.target,
                borderDash: [10, 5],
                borderWidth: 2,
                pointRadius: 0,
                pointHitRadius: 0,
                stepped: 'middle' as const,
                yAxisID: 'y1',
                order: 0,
              },
            ]
          : []),
      ],
    },
    options: {
      responsive: true,
      interaction: { mode: 'index', intersect: false },
      onClick: (_e, elements) => {
        if (elements.length) onPick(elements[0].index);
      },
      onHover: (e, elements) => {
        const el = e.native?.target as HTMLElement | undefined;
        if (el) el.style.cursor = elements.length ? 'pointer' : 'default';
      },
      plugins: {
        legend: {
          position: 'bottom',
          labels: { boxWidth: 14, sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) },
        },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const v = ctx.parsed.y;
              if (v == null) return `${ctx.dataset.label}: ${t('trends.notSubmitted')}`;
              return `${ctx.dataset.label}: ${ctx.dataset.yAxisID === 'y1' ? formatPercent(v) : `${formatNumber(v)} ${unit}`}`;
            },
            // The coverage of an incomplete month: what the lighter, hatched bar means.
            footer: (items) => {
              const p = pts[items[0]?.dataIndex ?? -1];
              return p && p.incomplete.length ? (provisionalText(p.incomplete) ?? '') : '';
            },
          },
        },
      },
      scales: {
        y: {
          min: left.min,
          max: left.max,
          title: { display: true, text: unit },
          // Millions of đồng do not fit a phone's axis: 5.000.000 → "5 Tr".
          ticks: {
            stepSize: left.stepSize,
            callback: function (v) {
              return this.chart.width < 480 ? formatCompact(Number(v)) : formatNumber(Number(v));
            },
          },
        },
        y1: {
          position: 'right',
          min: right.min,
          max: right.max,
          grid: { drawOnChartArea: false },
          title: { display: true, text: '%' },
          ticks: { stepSize: right.stepSize, callback: (v) => formatNumber(Number(v)) },
        },
      },
    },
  };
}
