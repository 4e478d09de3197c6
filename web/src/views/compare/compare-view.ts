/**
 * Units side by side (So sánh đơn vị): the chosen unit's children ranked by year-to-date
 * reduction, overall and per category, as a bar chart and a sortable table (the table is also
 * the chart's text alternative). Ranked by one category, each unit's target is marked on its bar
 * (one line when every unit has the same). A bar or a unit's name leads to that unit's overview
 * (or its trends of the category); chart and table download as CSV/XLSX, the chart as PNG.
 * Provisional (tạm tính) with the coverage when a month counted is incomplete; "chưa có số liệu"
 * for a year without figures.
 */
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { ApiError, api, type ComparisonResponse } from '../../api-client.ts';
import { getLang, t } from '../../i18n/i18n.ts';
import { formatNumber, formatPercent, formatPeriod } from '../../format.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { renderTask } from '../../components/task-state/render-task.ts';
import { NavigateEvent } from '../../app-shell/events.ts';
import type { ChartConfiguration } from '../../components/chart/chart-setup.ts';
import '../../components/chart/chart-element.ts';
import '../../components/export-buttons/export-buttons.ts';
import { slug, type ExportTable } from '../../export/table-export.ts';
import { ScopedView } from '../scoped-view.ts';
import { drillHref, drillTo, onDrillClick } from '../drill.ts';
import {
  isEmptyYear,
  noDataText,
  provisionalText,
  renderProvisional,
} from '../../components/coverage-note/coverage-note.ts';
import { CHART_EACH, chartRows, reductionOf, sortRows, targetOf, wrapLabel } from './compare-rows.ts';

type Row = ComparisonResponse['rows'][number];
const OVERALL = 'overall';

@customElement('tk-compare-view')
export class CompareView extends ScopedView {
  static override styles = [
    sharedStyles,
    css`
      .filter {
        margin: 0.5rem 0;
      }
      th button {
        border: 0;
        padding: 0;
        min-height: 0;
        background: none;
        color: inherit;
        font-weight: 600;
        text-align: inherit;
      }
      .card {
        margin-top: 1rem;
      }
      tbody th {
        min-width: 11rem;
      }
      td.good a,
      td.bad a {
        color: inherit;
      }
    `,
  ];

  @state() private sort: { col: string; dir: 'ascending' | 'descending' } = { col: 'rank', dir: 'ascending' };

  private cached: { key: string; config: ChartConfiguration } | null = null;

  private readonly data = new Task(this, {
    // A year not started yet has no figures: said in words, not as an error.
    task: ([unit, year], { signal }) =>
      api.compare({ unit, year }, signal).catch((e: unknown) => {
        if (e instanceof ApiError && e.code === 'year_not_started') return null;
        throw e;
      }),
    args: () => [this.unit, this.year] as const,
  });

  private catName(code: string) {
    const c = this.categories.find((x) => x.code === code);
    return c ? (getLang() === 'vi' ? c.nameVi : c.nameEn) : code;
  }

  override render() {
    return html`<h1>${t('compare.heading', { year: this.year })}</h1>
      ${renderTask(this.data, (d) => this.renderData(d!), {
        isEmpty: (d) => d == null || d.rows.length === 0 || isEmptyYear(d.months),
        empty: () =>
          this.data.value?.rows.length === 0
            ? t('compare.noChildren')
            : html`<span data-testid="empty">${noDataText(this.year)}</span>`,
      })}`;
  }

  private columns(d: ComparisonResponse): string[] {
    const present = new Set(d.rows.flatMap((r) => Object.keys(r.categories)));
    const ordered = this.categories.map((c) => c.code).filter((c) => present.has(c));
    return [...ordered, ...[...present].filter((c) => !ordered.includes(c))];
  }

  private chartConfig(d: ComparisonResponse, by: string): ChartConfiguration {
    const key = JSON.stringify([getLang(), by, d]);
    if (this.cached?.key === key) return this.cached.config;
    const drawn = chartRows(d.rows, by);
    // Past CHART_MAX units: the top ones, a gap that says how many the table adds, the bottom ones.
    const rows: Array<Row | null> = drawn.bottom.length ? [...drawn.top, null, ...drawn.bottom] : drawn.top;
    const values = rows.map((r) => (r ? reductionOf(r, by) : null));
    const targets = rows.map((r) => (r ? targetOf(r, by) : null));
    const known = targets.filter((x) => x != null);
    const drawnCount = rows.filter((r) => r != null).length;
    const same = known.length === drawnCount && new Set(known).size === 1;
    const config: ChartConfiguration = {
      type: 'bar',
      data: {
        labels: rows.map((r) => (r ? r.unit.name : t('compare.gap', { n: drawn.hidden }))),
        datasets: [
          {
            label: `${t('overview.reduction')}: ${by === OVERALL ? t('compare.overall') : this.catName(by)} (%)`,
            data: values,
            // Below zero red; under the unit's target amber; at or past it green (as the table's ✓/✗).
            backgroundColor: values.map((v, i) =>
              v != null && v < 0
                ? '#b91c1c'
                : targets[i] != null && v != null && v < targets[i]
                  ? '#b45309'
                  : '#15803d',
            ),
            order: 1,
          },
          ...(known.length
            ? [
                {
                  // One mark per unit at its target; joined into one line when all units share it.
                  type: 'line' as const,
                  indexAxis: 'y' as const,
                  label: same ? t('compare.targetOf', { target: formatPercent(known[0]) }) : t('compare.target'),
                  data: targets,
                  showLine: same,
                  borderColor: '#111827',
                  backgroundColor: '#111827',
                  borderDash: [8, 4],
                  borderWidth: 2,
                  pointStyle: 'line' as const,
                  pointRotation: 90,
                  pointRadius: 14,
                  pointBorderWidth: 3,
                  pointHitRadius: 0,
                  order: 0,
                },
              ]
            : []),
        ],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        onClick: (_e, elements) => {
          const r = elements.length ? rows[elements[0].index] : null;
          if (r) drillTo(this, this.unitHref(r, by));
        },
        onHover: (e, elements) => {
          const el = e.native?.target as HTMLElement | undefined;
          if (el) el.style.cursor = elements.length ? 'pointer' : 'default';
        },
        plugins: {
          legend: {
            display: true,
            position: 'bottom',
            labels: { sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) },
          },
          tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${formatPercent(ctx.parsed.x)}` } },
        },
        scales: {
          x: {
            beginAtZero: true,
            title: { display: true, text: '%' },
            ticks: { callback: (v) => formatNumber(Number(v)) },
          },
          y: {
            ticks: {
              autoSkip: false,
              // Long unit names wrap onto up to three lines (a phone's narrower axis wraps sooner).
              callback: function (v) {
                return wrapLabel(String(this.getLabelForValue(Number(v))), this.chart.width < 480 ? 16 : 30);
              },
            },
          },
        },
      },
    };
    this.cached = { key, config };
    return config;
  }

  /** How many bars (and the gap) the chart draws. */
  private chartLength(d: ComparisonResponse, by: string): number {
    const c = chartRows(d.rows, by);
    return c.top.length + (c.bottom.length ? 1 + c.bottom.length : 0);
  }

  /** Past CHART_MAX units, what the chart leaves to the table, in words. */
  private renderTrimNote(d: ComparisonResponse, by: string) {
    const c = chartRows(d.rows, by);
    if (c.hidden === 0) return nothing;
    return html`<p class="muted" data-testid="chart-trimmed">
      ${
        c.bottom.length
          ? t('compare.trimmed', { each: CHART_EACH, total: d.rows.length, hidden: c.hidden })
          : t('compare.trimmedNoValue', { hidden: c.hidden })
      }
    </p>`;
  }

  /** Where a unit leads: its overview, or its trends of the chosen category. */
  private unitHref(r: Row, by: string): string {
    return by === OVERALL
      ? drillHref('/overview', { unit: r.unit.code, year: this.year })
      : drillHref('/trends', { unit: r.unit.code, year: this.year, category: by });
  }

  /** The chart's numbers: the ranking as drawn. */
  private chartTable(d: ComparisonResponse, by: string): ExportTable {
    const rows = sortRows(d.rows, by, 'descending');
    const name = by === OVERALL ? t('compare.overall') : this.catName(by);
    return {
      title: `${t('compare.chartOf')} ${name}`,
      fileName: `so-sanh-${slug(d.unit.code)}-${d.year}-${by}`,
      columns: [
        { label: t('compare.unit'), kind: 'text' },
        { label: `${t('overview.reduction')}: ${name} (%)`, kind: 'percent' },
        ...(by === OVERALL ? [] : [{ label: `${t('compare.target')} (%)`, kind: 'percent' as const }]),
      ],
      rows: rows.map((r) => [r.unit.name, reductionOf(r, by), ...(by === OVERALL ? [] : [targetOf(r, by)])]),
    };
  }

  /** The table's numbers, in its current order. */
  private fullTable(d: ComparisonResponse, cols: string[]): ExportTable {
    const rows = sortRows(d.rows, this.sort.col, this.sort.dir);
    return {
      title: t('compare.heading', { year: d.year }),
      fileName: `so-sanh-${slug(d.unit.code)}-${d.year}`,
      columns: [
        { label: t('compare.rank'), kind: 'quantity' },
        { label: t('compare.unit'), kind: 'text' },
        ...cols.flatMap((c) => [
          { label: `${this.catName(c)} (%)`, kind: 'percent' as const },
          { label: `${this.catName(c)}: ${t('compare.target')} (%)`, kind: 'percent' as const },
        ]),
        { label: `${t('compare.overall')} (%)`, kind: 'percent' },
      ],
      rows: rows.map((r) => [
        r.rank,
        r.unit.name,
        ...cols.flatMap((c) => [r.categories[c]?.reduction ?? null, r.categories[c]?.target ?? null]),
        r.overall,
      ]),
    };
  }

  private renderData(d: ComparisonResponse) {
    const cols = this.columns(d);
    const asked = this.query.get('category');
    const by = asked && (cols.includes(asked) || asked === OVERALL) ? asked : OVERALL;
    const rows = sortRows(d.rows, this.sort.col, this.sort.dir);
    const byName = by === OVERALL ? t('compare.overall') : this.catName(by);
    const header = (col: string, label: string, num = true) => {
      const active = this.sort.col === col;
      return html`<th scope="col" class=${num ? 'num' : ''} aria-sort=${active ? this.sort.dir : 'none'}>
        <button type="button" aria-label=${t('compare.sortBy', { col: label })} @click=${() => this.toggleSort(col)}>
          ${label} <span aria-hidden="true">${active ? (this.sort.dir === 'ascending' ? '▲' : '▼') : '↕'}</span>
        </button>
      </th>`;
    };
    return html`<p class="muted">${d.unit.name} · ${t('overview.through', { period: formatPeriod(d.through) })}</p>
      ${renderProvisional(d.months)}
      <div class="field filter">
        <label for="by">${t('compare.chartOf')}</label>
        <select
          id="by"
          @change=${(e: Event) => this.dispatchEvent(new NavigateEvent({ params: { category: (e.target as HTMLSelectElement).value }, replace: true }))}
        >
          <option value=${OVERALL} ?selected=${by === OVERALL}>${t('compare.overall')}</option>
          ${cols.map((c) => html`<option value=${c} ?selected=${by === c}>${this.catName(c)}</option>`)}
        </select>
      </div>
      <div class="card">
        ${by === OVERALL ? html`<p class="muted" data-testid="target-note">${t('compare.targetNote')}</p>` : nothing}
        ${this.renderTrimNote(d, by)}
        <tk-chart
          id="compare-chart"
          .height=${Math.max(180, 48 * this.chartLength(d, by) + 70)}
          .config=${this.chartConfig(d, by)}
          label=${t('compare.chartLabel')}
        ></tk-chart>
        <tk-export-buttons
          for="compare-chart"
          name=${`${t('compare.chartOf')} ${byName}`}
          .table=${() => this.chartTable(d, by)}
        ></tk-export-buttons>
      </div>
      <div class="card">
        <div class="table-wrap" tabindex="0" role="region" aria-label=${t('compare.heading', { year: d.year })}>
          <table data-testid="compare-table">
            <thead>
              <tr>
                ${header('rank', t('compare.rank'))} ${header('unit', t('compare.unit'), false)}
                ${by === OVERALL ? nothing : html`<th scope="col" class="num" data-col="target">${t('compare.target')}: ${byName}</th>`}
                ${cols.map((c) => header(c, this.catName(c)))} ${header(OVERALL, t('compare.overall'))}
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r) =>
                  html`<tr data-unit=${r.unit.code}>
                    <td class="num">${r.rank ?? '—'}</td>
                    <th scope="row">
                      <a href=${drillHref('/overview', { unit: r.unit.code, year: d.year })} @click=${onDrillClick}
                        >${r.unit.name}</a
                      >${r.provisional ? html`<br /><span class="provisional-mark" title=${provisionalText(r.months) ?? ''}>${t('coverage.provisional')}</span>` : nothing}
                    </th>
                    ${by === OVERALL ? nothing : html`<td class="num" data-col="target">${formatPercent(targetOf(r, by))}</td>`}
                    ${cols.map((c) => {
                      const y = r.categories[c];
                      return html`<td class="num ${y?.met === true ? 'good' : y?.met === false ? 'bad' : ''}">
                        <a
                          href=${drillHref('/trends', { unit: r.unit.code, year: d.year, category: c })}
                          aria-label=${`${formatPercent(y?.reduction ?? null)}${y?.met === true ? ' ✓' : y?.met === false ? ' ✗' : ''} – ${t('compare.toTrends', { category: this.catName(c), unit: r.unit.name })}`}
                          @click=${onDrillClick}
                          >${formatPercent(y?.reduction ?? null)}${y?.met === true ? ' ✓' : y?.met === false ? ' ✗' : ''}</a
                        >
                      </td>`;
                    })}
                    <td class="num"><strong>${formatPercent(r.overall)}</strong></td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <tk-export-buttons
          name=${t('compare.heading', { year: d.year })}
          .table=${() => this.fullTable(d, cols)}
        ></tk-export-buttons>
      </div>`;
  }

  private toggleSort(col: string) {
    this.sort =
      this.sort.col === col
        ? { col, dir: this.sort.dir === 'ascending' ? 'descending' : 'ascending' }
        : { col, dir: col === 'unit' || col === 'rank' ? 'ascending' : 'descending' };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-compare-view': CompareView;
  }
}
