/**
 * Units side by side (So sánh đơn vị): the chosen unit's children ranked by year-to-date
 * reduction, overall and per category, as a bar chart and a sortable table (the table is also
 * the chart's text alternative). Provisional (tạm tính) with the coverage when a month counted
 * is incomplete; "chưa có số liệu" for a year without figures.
 */
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { api, type ComparisonResponse } from '../../api-client.ts';
import { getLang, t } from '../../i18n/i18n.ts';
import { formatNumber, formatPercent, formatPeriod } from '../../format.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { renderTask } from '../../components/task-state/render-task.ts';
import { NavigateEvent } from '../../app-shell/events.ts';
import type { ChartConfiguration } from '../../components/chart/chart-setup.ts';
import '../../components/chart/chart-element.ts';
import { ScopedView } from '../scoped-view.ts';
import { ApiError } from '../../api-client.ts';
import {
  isEmptyYear,
  noDataText,
  provisionalText,
  renderProvisional,
} from '../../components/coverage-note/coverage-note.ts';

type Row = ComparisonResponse['rows'][number];
const OVERALL = 'overall';

/** A row's reduction for a column: 'overall' or a category code. */
export function reductionOf(row: Row, col: string): number | null {
  return col === OVERALL ? row.overall : (row.categories[col]?.reduction ?? null);
}

/** Rows sorted by a column; unknown values always last. */
export function sortRows(rows: Row[], col: string, dir: 'ascending' | 'descending'): Row[] {
  const sign = dir === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (col === 'unit') return sign * a.unit.name.localeCompare(b.unit.name, 'vi');
    if (col === 'rank') return sign * ((a.rank ?? Infinity) - (b.rank ?? Infinity));
    const x = reductionOf(a, col);
    const y = reductionOf(b, col);
    if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1;
    return sign * (x - y);
  });
}

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
    `,
  ];

  @state() private sort: { col: string; dir: 'ascending' | 'descending' } = { col: 'rank', dir: 'ascending' };

  private cached: { key: string; config: ChartConfiguration } | null = null;

  private readonly data = new Task(this, {
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
            : html`<span data-testid="no-data">${noDataText(this.year)}</span>`,
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
    const rows = sortRows(d.rows, by, 'descending');
    const values = rows.map((r) => reductionOf(r, by));
    const config: ChartConfiguration = {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.unit.name),
        datasets: [
          {
            label: `${t('overview.reduction')}: ${by === OVERALL ? t('compare.overall') : this.catName(by)} (%)`,
            data: values,
            backgroundColor: values.map((v) => (v != null && v < 0 ? '#b91c1c' : '#15803d')),
          },
        ],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        plugins: {
          legend: { display: true, position: 'bottom' },
          tooltip: { callbacks: { label: (ctx) => formatPercent(ctx.parsed.x) } },
        },
        scales: {
          x: { title: { display: true, text: '%' }, ticks: { callback: (v) => formatNumber(Number(v)) } },
          y: {
            ticks: {
              autoSkip: false,
              // Long unit names are cut to fit a phone; the table below has them in full.
              callback: function (v) {
                const s = String(this.getLabelForValue(Number(v)));
                const max = this.chart.width < 480 ? 16 : 30;
                return s.length > max ? s.slice(0, max - 1) + '…' : s;
              },
            },
          },
        },
      },
    };
    this.cached = { key, config };
    return config;
  }

  private renderData(d: ComparisonResponse) {
    const cols = this.columns(d);
    const by =
      this.query.get('category') &&
      (cols.includes(this.query.get('category')!) || this.query.get('category') === OVERALL)
        ? this.query.get('category')!
        : OVERALL;
    const rows = sortRows(d.rows, this.sort.col, this.sort.dir);
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
        <tk-chart
          .height=${Math.max(180, 44 * d.rows.length + 70)}
          .config=${this.chartConfig(d, by)}
          label=${t('compare.chartLabel')}
        ></tk-chart>
      </div>
      <div class="card table-wrap">
        <table data-testid="compare-table">
          <thead>
            <tr>
              ${header('rank', t('compare.rank'))} ${header('unit', t('compare.unit'), false)}
              ${cols.map((c) => header(c, this.catName(c)))} ${header(OVERALL, t('compare.overall'))}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r) =>
                html`<tr>
                  <td class="num">${r.rank ?? '—'}</td>
                  <th scope="row">
                    ${r.unit.name}${r.provisional ? html`<br /><span class="provisional-mark" title=${provisionalText(r.months) ?? ''}>${t('coverage.provisional')}</span>` : nothing}
                  </th>
                  ${cols.map((c) => {
                    const y = r.categories[c];
                    return html`<td class="num ${y?.met === true ? 'good' : y?.met === false ? 'bad' : ''}">
                      ${formatPercent(y?.reduction ?? null)}${y?.met === true ? ' ✓' : y?.met === false ? ' ✗' : ''}
                    </td>`;
                  })}
                  <td class="num"><strong>${formatPercent(r.overall)}</strong></td>
                </tr>`,
            )}
          </tbody>
        </table>
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
