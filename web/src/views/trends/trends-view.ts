/**
 * Trends (Diễn biến): per category, actual as bars against the baseline as a line, the cumulative
 * reduction and the target on a second axis (zeros level), last year's actuals when the baseline
 * is a norm; over the chosen year, a month range or several years (range-picker.ts). Each chart
 * has its data table below it, CSV/XLSX/PNG downloads, and every bar, point and month leads to the
 * next level: a month to its figures, a year to that year's months. A range without figures says
 * so in words instead of drawing empty charts.
 * A range whose counted months include an incomplete one says "tạm tính" with the coverage; an
 * incomplete month (or a year with one) is drawn lighter and hatched, with its coverage in the
 * tooltip and in its row of the table.
 */
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { ApiError, api, type ResultsResponse } from '../../api-client.ts';
import type { MonthCoverage } from '../../../../domain/schemas/results.ts';
import { getLang, t } from '../../i18n/i18n.ts';
import { formatMeasure, formatMoney, formatPercent, formatPeriod } from '../../format.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { renderTask } from '../../components/task-state/render-task.ts';
import { NavigateEvent } from '../../app-shell/events.ts';
import type { ChartConfiguration } from '../../components/chart/chart-setup.ts';
import '../../components/chart/chart-element.ts';
import '../../components/export-buttons/export-buttons.ts';
import { slug, type ExportTable } from '../../export/table-export.ts';
import { lastClosedPeriod } from '../../../../domain/months.ts';
import { provisionalText, renderProvisional } from '../../components/coverage-note/coverage-note.ts';
import { ScopedView } from '../scoped-view.ts';
import { drillHref, drillTo, onDrillClick } from '../drill.ts';
import { afterNextPaint } from '../../next-paint.ts';
import './range-picker.ts';
import { trendsChartConfig, seriesLabels } from './trends-chart.ts';
import {
  monthRangeSeries,
  parseRange,
  rangeRequests,
  yearSeries,
  yearsSeries,
  type TrendPoint,
  type TrendSeries,
  type TrendsRange,
} from './trends-series.ts';

interface Loaded {
  range: TrendsRange;
  unitName: string;
  /** Last month counted (one-year view). */
  through: string | null;
  series: TrendSeries[];
  /** Coverage of the months counted (one-year view): the "tạm tính" note. */
  months: MonthCoverage[];
}

/** A year not started yet (404 year_not_started) has no figures: an empty answer, not an error. */
async function resultsOrNull(
  q: { unit: string; year: number; through?: string },
  signal: AbortSignal,
): Promise<ResultsResponse | null> {
  try {
    return await api.results(q, signal);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'year_not_started') return null;
    throw e;
  }
}

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
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1.5rem;
        align-items: end;
      }
      .filter {
        margin: 0.5rem 0;
      }
      tbody th {
        white-space: nowrap;
      }
      tbody th .provisional-mark {
        display: block;
        font-size: 0.8rem;
        white-space: normal;
      }
      .swatch {
        display: inline-block;
        width: 0.9rem;
        height: 0.9rem;
        vertical-align: -0.1rem;
        margin-right: 0.3rem;
        border: 2px solid #2563eb;
        background: repeating-linear-gradient(135deg, #bfdbfe 0 3px, #2563eb 3px 4.5px);
      }
    `,
  ];

  private configs = new Map<string, { key: string; config: ChartConfiguration }>();
  /**
   * The data tables (collapsed under their charts) are filled a frame after the first figures are
   * shown: their rows were ~40 ms of the view's first render, before its first chart could be built.
   */
  @state() private tablesShown = false;
  private tablesScheduled = false;

  private readonly data = new Task(this, {
    task: async ([unit, rangeKey], { signal }): Promise<Loaded> => {
      const range = JSON.parse(rangeKey) as TrendsRange;
      const unitName = this.units.find((u) => u.code === unit)?.name ?? unit;
      if (range.kind === 'year') {
        const [current, previous] = await Promise.all([
          resultsOrNull({ unit, year: range.year }, signal),
          resultsOrNull({ unit, year: range.year - 1 }, signal).catch(() => null),
        ]);
        return {
          range,
          unitName: current?.unit.name ?? unitName,
          through: current?.through ?? null,
          series: current ? yearSeries(current, previous) : [],
          months: current?.months ?? [],
        };
      }
      const answers = (
        await Promise.all(
          rangeRequests(range, lastClosedPeriod(new Date())).map((q) => resultsOrNull({ unit, ...q }, signal)),
        )
      ).filter((r): r is ResultsResponse => r != null);
      return {
        range,
        unitName: answers[0]?.unit.name ?? unitName,
        through: null,
        series: range.kind === 'months' ? monthRangeSeries(answers, range.from, range.to) : yearsSeries(answers),
        months: answers.flatMap((r) => r.months),
      };
    },
    args: () => [this.unit, JSON.stringify(parseRange(this.query, this.year))] as const,
  });

  override updated() {
    if (this.tablesScheduled || !this.data.value) return;
    this.tablesScheduled = true;
    afterNextPaint(() => (this.tablesShown = true));
  }

  /** The range in words: "năm 2020", "Tháng 7/2025 – Tháng 6/2026", "2024–2026". */
  private rangeText(r: TrendsRange): string {
    if (r.kind === 'year') return t('range.textYear', { year: r.year });
    if (r.kind === 'years') return t('range.textYears', { from: r.from, to: r.to });
    return t('range.textMonths', { from: formatPeriod(r.from), to: formatPeriod(r.to) });
  }

  private rangeKey(r: TrendsRange): string {
    return r.kind === 'year' ? String(r.year) : `${r.from}-${r.to}`;
  }

  override render() {
    const category = this.query.get('category') ?? '';
    const range = parseRange(this.query, this.year);
    return html`<h1>${t('trends.heading', { range: this.rangeText(range) })}</h1>
      <div class="filters">
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
        <tk-range-picker .range=${range} .year=${this.year}></tk-range-picker>
      </div>
      ${renderTask(this.data, (d) => this.renderData(d, category), {
        isEmpty: (d) => d.series.every((s) => s.empty),
        empty: () => html`<span data-testid="empty">${t('trends.empty', { range: this.rangeText(range) })}</span>`,
      })}`;
  }

  private renderData(d: Loaded, category: string) {
    const series = d.series.filter((s) => !category || s.code === category);
    return html`<p class="muted">
        ${d.unitName}${d.through ? html` · ${t('overview.through', { period: formatPeriod(d.through) })}` : nothing}
        ${d.range.kind === 'years' && series.some((s) => s.points.some((p) => p.through)) ? html` · ${t('trends.partialYear')}` : nothing}
      </p>
      ${renderProvisional(d.months)}
      <div class="sections">${series.map((s) => this.renderCategory(s, d))}</div>`;
  }

  private name(s: TrendSeries) {
    return getLang() === 'vi' ? s.nameVi : s.nameEn;
  }

  /** Where a point leads: a month to its figures, a year to its months. */
  private pointHref(s: TrendSeries, p: TrendPoint): string {
    return p.period
      ? drillHref('/figures', { unit: this.unit, year: p.year, period: p.period, category: s.code })
      : drillHref('/trends', { unit: this.unit, year: p.year, category: s.code });
  }

  private chartConfig(s: TrendSeries, range: TrendsRange): ChartConfiguration {
    const key = JSON.stringify([getLang(), this.unit, s, range]);
    const cached = this.configs.get(s.code);
    if (cached && cached.key === key) return cached.config;
    const config = trendsChartConfig(s, range, (i) => drillTo(this, this.pointHref(s, s.points[i])));
    this.configs.set(s.code, { key, config });
    return config;
  }

  /** The point's name in the table: "Tháng 3/2026", or the year (with "đến Tháng 11" when partial). */
  private pointName(p: TrendPoint): string {
    if (p.period) return formatPeriod(p.period);
    return p.through ? t('trends.yearThrough', { year: p.year, period: formatPeriod(p.through) }) : String(p.year);
  }

  private exportTable(s: TrendSeries, d: Loaded): ExportTable {
    const labels = seriesLabels(s, d.range);
    const unit = s.measure === 'quantity' ? (s.quantityUnit ?? '') : 'đ';
    const kind = s.measure === 'quantity' ? ('quantity' as const) : ('money' as const);
    const years = d.range.kind === 'years';
    const cols = [
      {
        label: years ? t('trends.year') : t('trends.month'),
        kind: 'text' as const,
        get: (p: TrendPoint) => this.pointName(p),
      },
      { label: `${labels.actual} (${unit})`, kind, get: (p: TrendPoint) => p.actual },
      ...(s.measure === 'quantity'
        ? [{ label: `${t('trends.amount')} (đ)`, kind: 'money' as const, get: (p: TrendPoint) => p.actualAmount }]
        : []),
      { label: `${labels.baseline} (${unit})`, kind, get: (p: TrendPoint) => p.baseline },
      { label: `${t('overview.reduction')} (%)`, kind: 'percent' as const, get: (p: TrendPoint) => p.reduction },
      ...(years
        ? []
        : [{ label: t('trends.cumulative'), kind: 'percent' as const, get: (p: TrendPoint) => p.cumulative }]),
      ...(s.hasTarget
        ? [{ label: `${t('trends.target')} (%)`, kind: 'percent' as const, get: (p: TrendPoint) => p.target }]
        : []),
      ...(s.hasLastYear ? [{ label: `${labels.lastYear} (${unit})`, kind, get: (p: TrendPoint) => p.lastYear }] : []),
    ];
    return {
      title: this.name(s),
      fileName: `dien-bien-${slug(this.unit)}-${this.rangeKey(d.range)}-${s.code}`,
      columns: cols.map(({ label, kind }) => ({ label, kind })),
      rows: s.points.map((p) => cols.map((c) => c.get(p))),
    };
  }

  /** The data table of one category: every point of the chart, with its link to the next level. */
  private renderTable(s: TrendSeries, d: Loaded) {
    const name = this.name(s);
    const m = (n: number | null) => formatMeasure(n, s.measure, s.quantityUnit);
    const labels = seriesLabels(s, d.range);
    const years = d.range.kind === 'years';
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${`${t('trends.table')}: ${name}`}>
      <table data-testid="trends-table">
        <thead>
          <tr>
            <th scope="col">${years ? t('trends.year') : t('trends.month')}</th>
            <th scope="col" class="num">${labels.actual}</th>
            ${s.measure === 'quantity' ? html`<th scope="col" class="num">${t('trends.amount')}</th>` : nothing}
            <th scope="col" class="num">${labels.baseline}</th>
            <th scope="col" class="num">${t('overview.reduction')}</th>
            ${years ? nothing : html`<th scope="col" class="num">${t('trends.cumulative')}</th>`}
            ${s.hasTarget ? html`<th scope="col" class="num" data-col="target">${t('trends.target')}</th>` : nothing}
            ${s.hasLastYear ? html`<th scope="col" class="num">${labels.lastYear}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${s.points.map(
            (p) =>
              html`<tr data-key=${p.key}>
                <th scope="row">
                  <a href=${this.pointHref(s, p)} @click=${onDrillClick}>${this.pointName(p)}</a>
                  ${
                    p.incomplete.length
                      ? html`<span class="provisional-mark" data-testid="point-provisional"
                          >${provisionalText(p.incomplete)}</span
                        >`
                      : nothing
                  }
                </th>
                <td class="num">
                  ${p.missing ? html`<span class="muted">${t('trends.notSubmitted')}</span>` : m(p.actual)}
                </td>
                ${s.measure === 'quantity' ? html`<td class="num">${formatMoney(p.actualAmount)}</td>` : nothing}
                <td class="num">${m(p.baseline)}</td>
                <td class="num">${formatPercent(p.reduction)}</td>
                ${years ? nothing : html`<td class="num">${formatPercent(p.cumulative)}</td>`}
                ${s.hasTarget ? html`<td class="num" data-col="target">${formatPercent(p.target)}</td>` : nothing}
                ${s.hasLastYear ? html`<td class="num">${m(p.lastYear)}</td>` : nothing}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderCategory(s: TrendSeries, d: Loaded) {
    const name = this.name(s);
    const years = d.range.kind === 'years';
    const noBaseline = !s.empty && s.points.every((p) => p.baseline == null);
    return html`<section class="card" data-category=${s.code} aria-labelledby="t-${s.code}">
      <h2 id="t-${s.code}">${name}</h2>
      <p class="muted">
        ${s.basis ? t(`basis.${s.basis}`) : nothing}${s.target != null ? ` · ${t('overview.target', { target: formatPercent(s.target) })}` : ''}${s.converted ? ` · ${t('trends.inDong')}` : ''}
      </p>
      ${
        s.empty
          ? html`<p class="state" data-testid="category-empty">
              ${t('trends.emptyCategory', { name, range: this.rangeText(d.range) })}
            </p>`
          : html`${noBaseline ? html`<p class="muted" data-testid="no-baseline">${t('trends.noBaseline')}</p>` : nothing}
              <tk-chart
                id="chart-${s.code}"
                .config=${this.chartConfig(s, d.range)}
                label=${t(years ? 'trends.chartLabelYears' : 'trends.chartLabel', { name })}
              ></tk-chart>
              ${
                s.points.some((p) => p.incomplete.length)
                  ? html`<p class="muted" data-testid="incomplete-legend">
                      <span class="swatch" aria-hidden="true"></span>${t('trends.incompleteLegend')}
                    </p>`
                  : nothing
              }
              <tk-export-buttons
                for="chart-${s.code}"
                name=${name}
                .table=${() => this.exportTable(s, d)}
              ></tk-export-buttons>
              <details>
                <summary>${t('trends.table')}: ${name}</summary>
                ${this.tablesShown ? this.renderTable(s, d) : nothing}
              </details>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-trends-view': TrendsView;
  }
}
