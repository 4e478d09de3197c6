/**
 * Overview (Tổng quan): for one unit and year, a card per category (year to date: actual vs
 * baseline, reduction vs target with the target marked on the bar, met or not in words, đồng
 * saved, the year-end outlook), the annual sentence, and the units that have not submitted. Each
 * card leads to its category's trends, each unit name to that unit's overview; the cards' numbers
 * download as CSV/XLSX. A year without figures says so. Prints as a one-page report.
 * A total whose months include an incomplete one says "tạm tính" with the coverage; a year with no
 * figure says "chưa có số liệu".
 */
import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { ApiError, api, type ResultsResponse } from '../../api-client.ts';
import type { CategoryResult } from '../../../../domain/schemas/results.ts';
import { getLang, t } from '../../i18n/i18n.ts';
import { formatMeasure, formatMoney, formatPercent, formatPeriod } from '../../format.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { renderTask } from '../../components/task-state/render-task.ts';
import '../../components/progress-bar/progress-bar.ts';
import '../../components/export-buttons/export-buttons.ts';
import { slug, type ExportTable } from '../../export/table-export.ts';
import { outlookSentence } from '../../../../domain/outlook-sentence.ts';
import { drillHref, onDrillClick } from '../drill.ts';
import { isEmptyYear, noDataText, renderProvisional } from '../../components/coverage-note/coverage-note.ts';
import { ScopedView } from '../scoped-view.ts';

/** The met / not met / unknown verdict in words, with a class for colour. */
export function verdict(c: CategoryResult): {
  key: 'overview.met' | 'overview.notMet' | 'overview.unknown' | 'overview.noTarget';
  cls: string;
  mark: string;
} {
  if (c.ytd.reduction == null) return { key: 'overview.unknown', cls: 'muted', mark: '?' };
  if (c.target == null || c.ytd.met == null) return { key: 'overview.noTarget', cls: 'muted', mark: '–' };
  return c.ytd.met
    ? { key: 'overview.met', cls: 'good', mark: '✓' }
    : { key: 'overview.notMet', cls: 'bad', mark: '✗' };
}

@customElement('tk-overview-view')
export class OverviewView extends ScopedView {
  static override styles = [
    sharedStyles,
    css`
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.5rem;
        align-items: start;
        margin-bottom: 1rem;
      }
      .card h2 {
        margin-bottom: 0.1rem;
      }
      .card h2 a {
        color: inherit;
        text-decoration-color: #1d4ed8;
        text-underline-offset: 0.2em;
      }
      .outlook {
        margin: 0.6rem 0 0;
        padding: 0.4rem 0.6rem;
        background: #eff6ff;
        border-left: 3px solid #1d4ed8;
        font-size: 0.9rem;
        color: #1e3a8a;
      }
      .head .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .reduction {
        font-size: 2rem;
        font-weight: 700;
        margin: 0.4rem 0 0.2rem;
        font-variant-numeric: tabular-nums;
      }
      .reduction small {
        font-size: 0.9rem;
        font-weight: 400;
      }
      .verdict {
        font-weight: 700;
        margin: 0.4rem 0;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.2rem 0.75rem;
        margin: 0.5rem 0 0;
      }
      dt {
        color: #4b5563;
      }
      dd {
        margin: 0;
        text-align: right;
        font-variant-numeric: tabular-nums;
        overflow-wrap: anywhere;
      }
      dd .sub {
        display: block;
        color: #4b5563;
        font-size: 0.85rem;
      }
      .sentence {
        margin-top: 1rem;
      }
      blockquote {
        margin: 0;
        font-size: 1.05rem;
        border-left: 4px solid #15803d;
        padding: 0.25rem 0.75rem;
      }
      .missing {
        margin-top: 1rem;
      }
      .missing ul {
        margin: 0.25rem 0 0;
        padding-left: 1.25rem;
      }
      @media print {
        .no-print {
          display: none;
        }
        .grid {
          grid-template-columns: 1fr 1fr;
          gap: 0.5rem;
        }
        .card {
          break-inside: avoid;
          padding: 0.6rem;
        }
        .reduction {
          font-size: 1.4rem;
        }
      }
    `,
  ];

  private readonly results = new Task(this, {
    // The server's clock decides "through" (the last ended month) and so which month "not
    // submitted" is about; a year none of whose months has ended has no results yet (null).
    task: ([unit, year], { signal }) =>
      api.results({ unit, year }, signal).catch((e: unknown) => {
        if (e instanceof ApiError && e.code === 'year_not_started') return null;
        throw e;
      }),
    args: () => [this.unit, this.year] as const,
  });

  override render() {
    return renderTask(this.results, (r) => this.renderResults(r!), {
      isEmpty: (r) => r == null || r.categories.length === 0 || isEmptyYear(r.months),
      empty: () => html`<span data-testid="empty">${noDataText(this.year)}</span>`,
    });
  }

  private renderResults(r: ResultsResponse) {
    const lang = getLang();
    const sub = r.submission;
    const lastMonth = r.months.find((m) => m.period === sub.period);
    return html`<div class="head">
        <div>
          <h1>${t('overview.heading', { year: r.year })}: ${r.unit.name}</h1>
          <p class="muted">${t('overview.through', { period: formatPeriod(r.through) })}</p>
        </div>
        <div class="actions no-print">
          <tk-export-buttons name=${t('overview.table')} .table=${() => this.exportTable(r)}></tk-export-buttons>
          <button type="button" @click=${() => window.print()}>${t('overview.print')}</button>
        </div>
      </div>
      ${renderProvisional(r.months)}
      <div class="grid">${r.categories.map((c) => this.renderCard(c, r))}</div>
      <section class="card sentence" aria-labelledby="sentence-h">
        <h2 id="sentence-h">${t('overview.sentence')}</h2>
        <blockquote data-testid="sentence">${r.sentence[lang]}</blockquote>
      </section>
      <section class="card missing" aria-labelledby="missing-h" data-testid="not-submitted">
        ${
          lastMonth && lastMonth.submitted === 0 && !sub.notSubmitted.length
            ? html`<h2 id="missing-h" class="muted">
                ${t('overview.noFigures', { period: formatPeriod(sub.period) })}
              </h2>`
            : sub.notSubmitted.length
              ? html`<h2 id="missing-h" class="bad">
                    ${t('overview.notSubmitted', { period: formatPeriod(sub.period) })} (${sub.notSubmitted.length})
                  </h2>
                  <ul>
                    ${sub.notSubmitted.map(
                      (u) =>
                        html`<li>
                          <a href=${drillHref('/overview', { unit: u.code, year: r.year })} @click=${onDrillClick}
                            >${u.name}</a
                          >
                          <span class="muted">(${u.code})</span>
                        </li>`,
                    )}
                  </ul>`
              : html`<h2 id="missing-h" class="good">
                  ✓ ${t('overview.allSubmitted', { period: formatPeriod(sub.period) })}
                </h2>`
        }
      </section>`;
  }

  /** The cards' numbers as one table (CSV/XLSX). */
  private exportTable(r: ResultsResponse): ExportTable {
    const lang = getLang();
    return {
      title: t('overview.heading', { year: r.year }),
      fileName: `tong-quan-${slug(r.unit.code)}-${r.year}`,
      columns: [
        { label: t('overview.category'), kind: 'text' },
        { label: t('overview.measure'), kind: 'text' },
        { label: t('settings.basis'), kind: 'text' },
        { label: t('overview.actual'), kind: 'quantity' },
        { label: t('overview.baseline'), kind: 'quantity' },
        { label: t('overview.saved'), kind: 'quantity' },
        { label: `${t('overview.reduction')} (%)`, kind: 'percent' },
        { label: `${t('trends.target')} (%)`, kind: 'percent' },
        { label: t('overview.verdict'), kind: 'text' },
        { label: t('overview.outlook'), kind: 'text' },
      ],
      rows: r.categories.map((c) => [
        lang === 'vi' ? c.nameVi : c.nameEn,
        c.measure === 'quantity' ? (c.quantityUnit ?? '') : 'đ',
        t(`basis.${c.basis}`),
        c.ytd.actual,
        c.ytd.baseline,
        c.ytd.saved,
        c.ytd.reduction,
        c.target,
        t(verdict(c).key),
        outlookSentence({ ...c, provisional: r.provisional }, lang) ?? '',
      ]),
    };
  }

  private renderCard(c: CategoryResult, r: ResultsResponse) {
    const lang = getLang();
    const y = c.ytd;
    const v = verdict(c);
    const m = (n: number | null) => formatMeasure(n, c.measure, c.quantityUnit);
    const quantity = c.measure === 'quantity';
    const savedAmount = y.actualAmount != null && y.baselineAmount != null ? y.baselineAmount - y.actualAmount : null;
    const overspent = y.saved != null && y.saved < 0;
    const outlook = outlookSentence({ ...c, provisional: r.provisional }, lang);
    return html`<article class="card" data-category=${c.code} aria-labelledby="h-${c.code}">
      <h2 id="h-${c.code}">
        <a
          href=${drillHref('/trends', { unit: r.unit.code, year: r.year, category: c.code })}
          title=${t('overview.toTrends', { name: lang === 'vi' ? c.nameVi : c.nameEn })}
          @click=${onDrillClick}
          >${lang === 'vi' ? c.nameVi : c.nameEn}</a
        >
      </h2>
      <p class="muted">${t(`basis.${c.basis}`)}</p>
      <p class="reduction" data-testid="reduction">
        ${formatPercent(y.reduction)} <small class="muted">${t('overview.reduction').toLowerCase()}</small>
      </p>
      <tk-progress .value=${y.reduction} .target=${c.target} ?met=${y.met === true}></tk-progress>
      <p class="verdict ${v.cls}" data-testid="verdict">
        <span aria-hidden="true">${v.mark}</span>
        ${t(v.key)}${r.provisional && c.ytd.reduction != null ? html` <span class="provisional-mark">(${t('coverage.provisional')})</span>` : nothing}${c.target != null ? html` <span class="muted">(${t('overview.target', { target: formatPercent(c.target) })})</span>` : nothing}
      </p>
      <dl>
        <dt>${t('overview.actual')}</dt>
        <dd>
          ${m(y.actual)}${quantity && y.actualAmount != null ? html`<span class="sub">${formatMoney(y.actualAmount)}</span>` : nothing}
        </dd>
        <dt>${t('overview.baseline')}</dt>
        <dd>
          ${m(y.baseline)}${quantity && y.baselineAmount != null ? html`<span class="sub">${formatMoney(y.baselineAmount)}</span>` : nothing}
        </dd>
        <dt>${overspent ? t('overview.overspent') : t('overview.saved')}</dt>
        <dd class=${overspent ? 'bad' : ''} data-testid="saved">
          ${y.saved == null ? '—' : m(Math.abs(y.saved))}${quantity && savedAmount != null ? html`<span class="sub">${formatMoney(Math.abs(savedAmount))}</span>` : nothing}
        </dd>
      </dl>
      <p class="muted" data-testid="months">
        ${t('overview.months', { n: y.monthsSubmitted, total: y.monthsInRange })}${r.provisional ? ` · ${t('coverage.provisional')}` : ''}
      </p>
      ${outlook ? html`<p class="outlook" data-testid="outlook"><strong>${t('overview.outlook')}:</strong> ${outlook}.</p>` : nothing}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-overview-view': OverviewView;
  }
}
