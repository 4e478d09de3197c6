/**
 * Trends (Diễn biến): per category, monthly actual as bars against the baseline as a line, the
 * cumulative reduction on a second axis, and last year's actuals when the baseline is a norm
 * (when it is the same period last year, the baseline line already is last year). Each chart has
 * its data table in a <details> below it; electricity shows kWh with đồng beside. A month whose
 * coverage is incomplete (some expected unit has not submitted) is drawn hatched and lighter, its
 * tooltip and table row say "tạm tính" with the coverage.
 */
import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { api, ApiError, type ResultsResponse } from '../../api-client.ts';
import type { CategoryResult, MonthCoverage } from '../../../../domain/schemas/results.ts';
import { getLang, t } from '../../i18n/i18n.ts';
import {
  formatCompact,
  formatMeasure,
  formatMoney,
  formatMonthShort,
  formatNumber,
  formatPercent,
  formatPeriod,
} from '../../format.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { renderTask } from '../../components/task-state/render-task.ts';
import { NavigateEvent } from '../../app-shell/events.ts';
import type { ChartConfiguration } from '../../components/chart/chart-setup.ts';
import '../../components/chart/chart-element.ts';
import { cumulativeReduction } from './cumulative.ts';
import { hatch } from '../../components/chart/hatch.ts';
import {
  coverageText,
  isEmptyYear,
  noDataText,
  renderProvisional,
} from '../../components/coverage-note/coverage-note.ts';
import { ScopedView } from '../scoped-view.ts';

interface Loaded {
  current: ResultsResponse | null;
  previous: ResultsResponse | null;
}

const BAR = '#2563eb';
const BAR_PROVISIONAL = '#93c5fd';

@customElement('tk-trends-view')
export class TrendsView extends ScopedView {
  static override styles = [
    sharedStyles,
    css`
      .sections {
        display: grid;
        gap: 1rem;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 520px), 1fr));
        margin-top: 1rem;
      }
      .filter {
        margin: 0.5rem 0;
      }
      tbody th {
        white-space: nowrap;
      }
    `,
  ];

  private configs = new Map<string, { key: string; config: ChartConfiguration }>();

  private readonly data = new Task(this, {
    task: async ([unit, year], { signal }): Promise<Loaded> => {
      const [current, previous] = await Promise.all([
        api.results({ unit, year }, signal).catch((e: unknown) => {
          // No month of the year has ended yet: nothing to draw.
          if (e instanceof ApiError && e.code === 'year_not_started') return null;
          throw e;
        }),
        api.results({ unit, year: year - 1 }, signal).catch(() => null),
      ]);
      return { current, previous };
    },
    args: () => [this.unit, this.year] as const,
  });

  override render() {
    const category = this.query.get('category') ?? '';
    return html`<h1>${t('trends.heading', { year: this.year })}</h1>
      <div class="field filter">
        <label for="category">${t('scope.category')}</label>
        <select
          id="category"
          @change=${(e: Event) => this.dispatchEvent(new NavigateEvent({ params: { category: (e.target as HTMLSelectElement).value || null } }))}
        >
          <option value="" ?selected=${!category}>${t('scope.allCategories')}</option>
          ${this.categories.filter((c) => !c.retired).map((c) => html`<option value=${c.code} ?selected=${c.code === category}>${getLang() === 'vi' ? c.nameVi : c.nameEn}</option>`)}
        </select>
      </div>
      ${renderTask(this.data, (d) => this.renderData(d, category), {
        isEmpty: (d) => d.current == null || d.current.categories.length === 0 || isEmptyYear(d.current.months),
        empty: () => html`<span data-testid="no-data">${noDataText(this.year)}</span>`,
      })}`;
  }

  private renderData(d: Loaded, category: string) {
    const current = d.current!;
    const cats = current.categories.filter((c) => !category || c.code === category);
    const coverage = new Map(current.months.map((m) => [m.period, m]));
    return html`<p class="muted">
        ${current.unit.name} · ${t('overview.through', { period: formatPeriod(current.through) })}
      </p>
      ${renderProvisional(current.months)}
      <div class="sections">
        ${cats.map((c) => {
          const prev = d.previous?.categories.find((p) => p.code === c.code && p.measure === c.measure) ?? null;
          return this.renderCategory(c, prev, current.year, coverage);
        })}
      </div>`;
  }

  private chartConfig(
    c: CategoryResult,
    prev: CategoryResult | null,
    year: number,
    coverage: Map<string, MonthCoverage>,
  ): ChartConfiguration {
    const lang = getLang();
    const open = c.months.map((m) => coverage.get(m.period)?.complete === false);
    const key = JSON.stringify([lang, c, prev?.months.map((m) => m.actual), open]);
    const cached = this.configs.get(c.code);
    if (cached && cached.key === key) return cached.config;
    const cumulative = cumulativeReduction(c.months);
    const unit = c.measure === 'quantity' ? (c.quantityUnit ?? '') : 'đ';
    // Last year's line only in the same measure (a year without a kWh norm was computed in đồng).
    const showPrev =
      c.basis === 'norm' && prev != null && prev.measure === c.measure && prev.months.some((m) => m.actual != null);
    const config: ChartConfiguration = {
      type: 'bar',
      data: {
        labels: c.months.map((m) => formatMonthShort(m.period)),
        datasets: [
          {
            type: 'bar',
            label: t('trends.actual', { year }),
            data: c.months.map((m) => m.actual),
            // An incomplete month: lighter and hatched, with an outline.
            backgroundColor: open.map((o) => (o ? hatch(BAR_PROVISIONAL, BAR) : BAR)),
            borderColor: open.map((o) => (o ? BAR : 'transparent')),
            borderWidth: open.map((o) => (o ? 1.5 : 0)),
            yAxisID: 'y',
            order: 3,
          },
          {
            type: 'line',
            label: c.basis === 'norm' ? t('trends.baselineNorm') : t('trends.baselinePrev', { year: year - 1 }),
            data: c.months.map((m) => m.baseline),
            borderColor: '#b45309',
            backgroundColor: '#b45309',
            pointStyle: 'rectRot',
            pointRadius: 4,
            yAxisID: 'y',
            order: 1,
          },
          ...(showPrev
            ? [
                {
                  type: 'line' as const,
                  label: t('trends.lastYear', { year: year - 1 }),
                  data: prev.months.map((m) => m.actual),
                  borderColor: '#6b7280',
                  backgroundColor: '#6b7280',
                  borderDash: [6, 4],
                  pointRadius: 3,
                  yAxisID: 'y',
                  order: 2,
                },
              ]
            : []),
          {
            type: 'line',
            label: t('trends.cumulative'),
            data: cumulative,
            borderColor: '#15803d',
            backgroundColor: '#15803d',
            pointStyle: 'triangle',
            pointRadius: 4,
            yAxisID: 'y1',
            order: 0,
            spanGaps: false,
          },
        ],
      },
      options: {
        responsive: true,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: {
            position: 'bottom',
            labels: { boxWidth: 14, sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) },
          },
          tooltip: {
            callbacks: {
              footer: (items) => {
                const cov = coverage.get(c.months[items[0]?.dataIndex ?? -1]?.period ?? '');
                return cov && !cov.complete ? `${t('coverage.provisional')}: ${coverageText(cov)}` : '';
              },
              label: (ctx) => {
                const v = ctx.parsed.y;
                if (v == null) return `${ctx.dataset.label}: ${t('trends.notSubmitted')}`;
                return `${ctx.dataset.label}: ${ctx.dataset.yAxisID === 'y1' ? formatPercent(v) : `${formatNumber(v)} ${unit}`}`;
              },
            },
          },
        },
        scales: {
          y: {
            beginAtZero: true,
            title: { display: true, text: unit },
            // Millions of đồng do not fit a phone's axis: 5.000.000 → "5 Tr".
            ticks: {
              callback: function (v) {
                return this.chart.width < 480 ? formatCompact(Number(v)) : formatNumber(Number(v));
              },
            },
          },
          y1: {
            position: 'right',
            grid: { drawOnChartArea: false },
            title: { display: true, text: '%' },
            ticks: { callback: (v) => formatNumber(Number(v)) },
          },
        },
      },
    };
    this.configs.set(c.code, { key, config });
    return config;
  }

  private renderCategory(
    c: CategoryResult,
    prev: CategoryResult | null,
    year: number,
    coverage: Map<string, MonthCoverage>,
  ) {
    const name = getLang() === 'vi' ? c.nameVi : c.nameEn;
    const cumulative = cumulativeReduction(c.months);
    const quantity = c.measure === 'quantity';
    const m = (n: number | null) => formatMeasure(n, c.measure, c.quantityUnit);
    return html`<section class="card" data-category=${c.code} aria-labelledby="t-${c.code}">
      <h2 id="t-${c.code}">${name}</h2>
      <p class="muted">
        ${t(`basis.${c.basis}`)}${c.target != null ? ` · ${t('overview.target', { target: formatPercent(c.target) })}` : ''}
      </p>
      <tk-chart
        .config=${this.chartConfig(c, prev, year, coverage)}
        label=${t('trends.chartLabel', { name })}
      ></tk-chart>
      <details>
        <summary>${t('trends.table')}: ${name}</summary>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">${t('trends.month')}</th>
                <th scope="col" class="num">${t('overview.actual')}</th>
                ${quantity ? html`<th scope="col" class="num">${t('trends.amount')}</th>` : nothing}
                <th scope="col" class="num">${t('overview.baseline')}</th>
                <th scope="col" class="num">${t('overview.reduction')}</th>
                <th scope="col" class="num">${t('trends.cumulative')}</th>
                ${prev ? html`<th scope="col" class="num">${t('trends.lastYear', { year: year - 1 })}</th>` : nothing}
              </tr>
            </thead>
            <tbody>
              ${c.months.map((mo, i) => {
                const cov = coverage.get(mo.period);
                return html`<tr>
                  <th scope="row">
                    ${formatPeriod(mo.period)}${cov && !cov.complete ? html`<br /><span class="provisional-mark" data-testid="month-provisional">${t('coverage.provisional')}: ${cov.submitted}/${cov.expected}</span>` : nothing}
                  </th>
                  <td class="num">
                    ${mo.status === 'not_submitted' ? html`<span class="muted">${t('trends.notSubmitted')}</span>` : m(mo.actual)}
                  </td>
                  ${quantity ? html`<td class="num">${formatMoney(mo.actualAmount)}</td>` : nothing}
                  <td class="num">${m(mo.baseline)}</td>
                  <td class="num">${formatPercent(mo.reduction)}</td>
                  <td class="num">${formatPercent(cumulative[i])}</td>
                  ${prev ? html`<td class="num">${m(prev.months[i]?.actual ?? null)}</td>` : nothing}
                </tr>`;
              })}
            </tbody>
          </table>
        </div>
      </details>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-trends-view': TrendsView;
  }
}
