/**
 * The emulation bloc (khối thi đua) of a year: its members ranked by score out of 100, each
 * score's breakdown where the viewer may see it, the score bands and the award proposals, with
 * a bar chart of the totals (the table is its text alternative). Chart and table download as
 * CSV/XLSX (the chart as PNG); each member's name leads to its overview.
 */
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { t } from '../../i18n/i18n.ts';
import { errorText } from '../../i18n/errors.ts';
import { formatNumber, formatPercent } from '../../format.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { renderTask } from '../../components/task-state/render-task.ts';
import { NavigateEvent } from '../../app-shell/events.ts';
import type { ChartConfiguration } from '../../components/chart/chart-setup.ts';
import '../../components/chart/chart-element.ts';
import '../../components/export-buttons/export-buttons.ts';
import { slug, type ExportTable } from '../../export/table-export.ts';
import { drillHref, onDrillClick } from '../drill.ts';
import { reportApi, type Bloc, type BlocRanking } from '../report/report-api.ts';
import { ScopedView } from '../scoped-view.ts';

@customElement('tk-bloc-view')
export class BlocView extends ScopedView {
  static override styles = [
    sharedStyles,
    css`
      .card {
        margin-top: 1rem;
      }
      ul.lines {
        margin: 0.25rem 0;
        padding-left: 1.25rem;
      }
      .proposal {
        font-weight: 600;
      }
      td.rank {
        font-weight: 700;
        text-align: center;
      }
    `,
  ];

  @state() private message = '';

  private cached: { key: string; config: ChartConfiguration } | null = null;

  private readonly blocs = new Task(this, {
    task: ([year], { signal }) => reportApi.blocs(year, signal),
    args: () => [this.year] as const,
  });

  private readonly ranking = new Task(this, {
    task: async ([id], { signal }) => (id ? reportApi.ranking(id, signal) : null),
    args: () => [this.chosen()] as const,
  });

  private readonly admin = new Task(this, {
    task: (_args, { signal }) => reportApi.isAdmin(signal),
    args: () => [] as const,
  });

  /** The bloc in ?bloc=, else the first of the year. */
  private chosen(): number {
    const list = this.blocs.value ?? [];
    const q = Number(this.query.get('bloc'));
    return list.find((b) => b.id === q)?.id ?? list[0]?.id ?? 0;
  }

  override render() {
    return html`<h1>${t('bloc.heading', { year: this.year })}</h1>
      ${this.message ? html`<p class="notice" role="status">${this.message}</p>` : nothing}
      ${renderTask(this.blocs, (list) => this.renderPicker(list), { isEmpty: (l) => l.length === 0, empty: () => t('bloc.none', { year: this.year }) })}
      ${this.blocs.value?.length ? renderTask(this.ranking, (r) => (r ? this.renderRanking(r) : html``)) : nothing}`;
  }

  private renderPicker(list: Bloc[]) {
    if (list.length < 2)
      return html`<p class="muted">${list[0]?.name} · ${t('bloc.members', { n: list[0]?.members.length ?? 0 })}</p>`;
    const id = this.chosen();
    return html`<div class="field filter">
      <label for="bloc">${t('bloc.choose')}</label>
      <select
        id="bloc"
        @change=${(e: Event) => this.dispatchEvent(new NavigateEvent({ params: { bloc: (e.target as HTMLSelectElement).value }, replace: true }))}
      >
        ${list.map((b) => html`<option value=${b.id} ?selected=${b.id === id}>${b.name} (${b.members.length})</option>`)}
      </select>
    </div>`;
  }

  private chartConfig(r: BlocRanking): ChartConfiguration {
    const key = JSON.stringify(r.members.map((m) => [m.unit.name, m.total]));
    if (this.cached?.key === key) return this.cached.config;
    const config: ChartConfiguration = {
      type: 'bar',
      data: {
        labels: r.members.map((m) => `${m.rank}. ${m.unit.name}`),
        datasets: [
          {
            label: t('bloc.score'),
            data: r.members.map((m) => m.total),
            backgroundColor: r.members.map((m) => (m.rank === 1 ? '#b45309' : m.rank === 2 ? '#1d4ed8' : '#6b7280')),
          },
        ],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        plugins: { legend: { display: false } },
        scales: { x: { min: 0, max: 100, ticks: { callback: (v) => formatNumber(Number(v)) } } },
      },
    };
    this.cached = { key, config };
    return config;
  }

  /** The ranking's numbers as a file. */
  private exportTable(r: BlocRanking): ExportTable {
    return {
      title: r.bloc.name,
      fileName: `khoi-thi-dua-${slug(r.bloc.name)}-${this.year}`,
      columns: [
        { label: t('bloc.rank'), kind: 'quantity' },
        { label: t('scope.unit'), kind: 'text' },
        { label: t('bloc.score'), kind: 'quantity' },
        { label: t('bloc.automatic'), kind: 'quantity' },
        { label: t('bloc.targetsMet'), kind: 'quantity' },
        { label: `${t('bloc.overall')} (%)`, kind: 'percent' },
      ],
      rows: r.members.map((m) => [m.rank, m.unit.name, m.total, m.automaticPoints, m.targetsMet, m.overallReduction]),
    };
  }

  private renderRanking(r: BlocRanking) {
    return html`<div class="card">
        <h2>${r.bloc.name}</h2>
        <ul class="lines">
          ${r.proposals.map((p) => html`<li class="proposal">${p.text}</li>`)}
          ${r.bands.map((b) => html`<li>${b.text}</li>`)}
        </ul>
      </div>
      <div class="card">
        <tk-chart
          id="bloc-chart"
          .height=${Math.max(180, 40 * r.members.length + 60)}
          .config=${this.chartConfig(r)}
          label=${t('bloc.chartLabel')}
        ></tk-chart>
        <tk-export-buttons for="bloc-chart" name=${r.bloc.name} .table=${() => this.exportTable(r)}></tk-export-buttons>
      </div>
      <div class="card table-wrap" tabindex="0">
        <table>
          <caption class="visually-hidden">
            ${t('bloc.chartLabel')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('bloc.rank')}</th>
              <th scope="col">${t('scope.unit')}</th>
              <th scope="col" class="num">${t('bloc.score')}</th>
              <th scope="col" class="num">${t('bloc.automatic')}</th>
              <th scope="col" class="num">${t('bloc.targetsMet')}</th>
              <th scope="col" class="num">${t('bloc.overall')}</th>
              <th scope="col">${t('bloc.breakdown')}</th>
            </tr>
          </thead>
          <tbody>
            ${r.members.map(
              (m) =>
                html`<tr>
                  <td class="rank">${m.rank}</td>
                  <th scope="row">
                    <a href=${drillHref('/overview', { unit: m.unit.code, year: this.year })} @click=${onDrillClick}
                      >${m.unit.name}</a
                    >${m.tieBreak ? html`<br /><span class="muted">${t('bloc.tieBreak', { rule: m.tieBreak })}</span>` : nothing}
                  </th>
                  <td class="num">${formatNumber(m.total)}</td>
                  <td class="num">${formatNumber(m.automaticPoints)}</td>
                  <td class="num">${m.targetsMet}</td>
                  <td class="num">${formatPercent(m.overallReduction)}</td>
                  <td>
                    ${
                      m.breakdown
                        ? html`<details>
                            <summary>${t('bloc.showBreakdown')}</summary>
                            <ul class="lines">
                              ${m.breakdown.map((b) => html`<li>${b.label}: <strong>${formatNumber(b.points)}/${formatNumber(b.max)}</strong> <span class="muted">(${b.detail})</span></li>`)}
                            </ul>
                            ${this.admin.value ? this.renderScoreForm(r, m) : nothing}
                          </details>`
                        : html`<span class="muted">${t('bloc.private')}</span>`
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
        <p class="muted">${r.tieBreakRule}</p>
      </div>`;
  }

  /** The bloc secretary's form: one number per manual criterion of a member. */
  private renderScoreForm(r: BlocRanking, m: BlocRanking['members'][number]) {
    const manual = (m.breakdown ?? []).filter((b) => b.kind === 'manual');
    if (manual.length === 0) return nothing;
    const id = (code: string) => `score-${m.unit.code}-${code}`;
    const save = async (e: Event) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const scores = manual.map((b) => ({
        unitCode: m.unit.code,
        criterionCode: b.code,
        points: Number((form.querySelector(`#${id(b.code)}`) as HTMLInputElement).value.replace(',', '.')),
      }));
      try {
        await reportApi.putScores(r.bloc.id, scores);
        this.message = t('bloc.saved');
        void this.ranking.run();
      } catch (err) {
        this.message = errorText(err);
      }
    };
    return html`<form class="row" @submit=${save}>
      ${manual.map(
        (b) =>
          html`<div class="field">
            <label for=${id(b.code)}>${b.label} (≤ ${formatNumber(b.max)})</label>
            <input id=${id(b.code)} type="number" min="0" max=${b.max} step="0.1" .value=${String(b.points)} required />
          </div>`,
      )}
      <button type="submit" class="primary">${t('bloc.saveScores')}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-bloc-view': BlocView;
  }
}
