/**
 * The official thrift report (Báo cáo kết quả THTK, CLP) of the chosen unit for a year, half or
 * quarter: the printable page (the document itself is Vietnamese, laid out by the template in
 * force), downloads as XLSX and PDF, and the explanations of missed targets, editable in place.
 */
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getLang, t } from '../../i18n/i18n.ts';
import { errorText } from '../../i18n/errors.ts';
import { canWrite } from '../../app-shell/permissions.ts';
import { formatNumber, formatPercent } from '../../format.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { renderTask } from '../../components/task-state/render-task.ts';
import { NavigateEvent } from '../../app-shell/events.ts';
import { periodParams, reportApi, type Report } from './report-api.ts';
import { ScopedView } from '../scoped-view.ts';

type Row = Report['sections'][number]['rows'][number];
const PERIODS = ['', 'H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4'];

@customElement('tk-report-view')
export class ReportView extends ScopedView {
  static override styles = [
    sharedStyles,
    css`
      .doc {
        background: #fff;
        border: 1px solid #d1d5db;
        border-radius: 10px;
        padding: 1.5rem;
        margin-top: 1rem;
        font-family: 'Times New Roman', 'DejaVu Serif', serif;
      }
      .center {
        text-align: center;
      }
      .national {
        font-weight: 700;
        margin: 0;
      }
      .title {
        font-size: 1.25rem;
        margin: 1rem 0 0.25rem;
        text-align: center;
      }
      .basis {
        font-style: italic;
      }
      h3 {
        font-size: 1rem;
        margin: 1rem 0 0.4rem;
      }
      h4 {
        font-size: 0.95rem;
        margin: 0.6rem 0 0.3rem;
      }
      td.sub {
        font-style: italic;
        color: #4b5563;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      textarea {
        font: inherit;
        width: 100%;
        min-height: 4rem;
        padding: 0.4rem;
        border: 1px solid #6b7280;
        border-radius: 6px;
      }
      .warn {
        padding: 0.6rem 0.9rem;
        border-radius: 8px;
        background: #fffbeb;
        border: 1px solid #92400e;
        color: #92400e;
        margin-top: 0.75rem;
      }
      @media print {
        .no-print {
          display: none !important;
        }
        .doc {
          border: 0;
          padding: 0;
          margin: 0;
        }
      }
    `,
  ];

  @state() private drafts: Record<string, string> = {};
  @state() private message = '';

  private get period(): string {
    const p = this.query.get('period') ?? '';
    return PERIODS.includes(p) ? p : '';
  }

  private readonly data = new Task(this, {
    task: ([unit, year, period], { signal }) => reportApi.report({ unit, year, ...periodParams(period) }, signal),
    args: () => [this.unit, this.year, this.period] as const,
  });

  private periodLabel(p: string): string {
    if (p === '') return t('report.year');
    return p[0] === 'H' ? t(p === 'H1' ? 'report.half1' : 'report.half2') : t('report.quarter', { n: p[1] });
  }

  override render() {
    const params = { unit: this.unit, year: this.year, ...periodParams(this.period) };
    return html`<h1>${t('report.heading', { year: this.year })}</h1>
      <div class="toolbar no-print">
        <div class="field">
          <label for="period">${t('report.period')}</label>
          <select
            id="period"
            @change=${(e: Event) => this.dispatchEvent(new NavigateEvent({ params: { period: (e.target as HTMLSelectElement).value || null }, replace: true }))}
          >
            ${PERIODS.map((p) => html`<option value=${p} ?selected=${p === this.period}>${this.periodLabel(p)}</option>`)}
          </select>
        </div>
        <a class="button" href=${reportApi.downloadUrl(params, 'xlsx')} download>${t('report.xlsx')}</a>
        <a class="button" href=${reportApi.downloadUrl(params, 'pdf')} download>${t('report.pdf')}</a>
        <button type="button" @click=${() => window.print()}>${t('report.print')}</button>
      </div>
      ${this.message ? html`<p class="notice no-print" role="status">${this.message}</p>` : nothing}
      ${renderTask(this.data, (r) => this.renderReport(r))}`;
  }

  private renderRow(r: Row, i: number, w: Report['sections'][number]['words']) {
    const q = r.measure === 'quantity';
    const met =
      r.actual == null
        ? html`<span class="muted">${w.notSubmitted}</span>`
        : r.met == null
          ? '—'
          : r.met
            ? html`<span class="good">${w.met}</span>`
            : html`<span class="bad">${w.notMet}</span>`;
    return html`<tr>
        <td>${i + 1}</td>
        <th scope="row">${r.nameVi}</th>
        <td>${q ? r.quantityUnit : 'đồng'}</td>
        <td class="num">${formatNumber(r.baseline, 'vi')}</td>
        <td class="num">${formatNumber(r.actual, 'vi')}</td>
        <td class="num ${r.saved != null && r.saved < 0 ? 'bad' : ''}">${formatNumber(r.saved, 'vi')}</td>
        <td class="num">${formatPercent(r.reduction, 'vi')}</td>
        <td class="num">${formatPercent(r.target, 'vi')}</td>
        <td>${met}</td>
      </tr>
      ${
        q
          ? html`<tr>
              <td></td>
              <td class="sub">${r.nameVi} (thành tiền)</td>
              <td class="sub">đồng</td>
              <td class="num sub">${formatNumber(r.baselineAmount, 'vi')}</td>
              <td class="num sub">${formatNumber(r.actualAmount, 'vi')}</td>
              <td class="num sub">${formatNumber(r.savedAmount, 'vi')}</td>
              <td></td>
              <td></td>
              <td></td>
            </tr>`
          : nothing
      }`;
  }

  private renderReport(r: Report) {
    return html`${r.incomplete ? html`<p class="warn no-print" role="alert">${t('report.incomplete')}</p>` : nothing}
      <article class="doc" lang="vi" aria-label=${r.template.title}>
        <div class="center">${r.template.nationalHeader.map((h) => html`<p class="national">${h}</p>`)}</div>
        <h2 class="title">${r.template.title}</h2>
        <p class="center">Đơn vị: ${r.unit.name}</p>
        <p class="center">Kỳ báo cáo: ${r.period.labelVi}</p>
        ${r.sections.map((s) => {
          const c = s.columns;
          return html`<section>
            <h3>${s.heading}</h3>
            <p class="basis">${s.legalBasis}</p>
            <h4>${s.headings.summary}</h4>
            <p>${s.sentence}</p>
            <h4>${s.headings.table}</h4>
            <div class="table-wrap" tabindex="0">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${c.no}</th>
                    <th scope="col">${c.category}</th>
                    <th scope="col">${c.unit}</th>
                    <th scope="col" class="num">${c.baseline}</th>
                    <th scope="col" class="num">${c.actual}</th>
                    <th scope="col" class="num">${c.saved}</th>
                    <th scope="col" class="num">${c.reduction}</th>
                    <th scope="col" class="num">${c.target}</th>
                    <th scope="col">${c.met}</th>
                  </tr>
                </thead>
                <tbody>
                  ${s.rows.map((row, i) => this.renderRow(row, i, s.words))}
                </tbody>
              </table>
            </div>
          </section>`;
        })}
        <h3>${r.template.headings.explanations}</h3>
        ${r.explanations.length === 0 ? html`<p>${r.template.words.noExplanationNeeded}</p>` : r.explanations.map((e) => this.renderExplanation(r, e))}
      </article>`;
  }

  private renderExplanation(r: Report, e: Report['explanations'][number]) {
    const id = `exp-${e.categoryCode}`;
    const draft = this.drafts[e.categoryCode] ?? e.text ?? '';
    const shown = html`<p>
      <strong>${e.nameVi}:</strong>
      ${e.text ?? html`<span class="bad">${r.template.words.missingExplanation}${e.required ? ' (bắt buộc)' : ''}</span>`}
    </p>`;
    // Only those who may write the unit's explanations get the editor.
    if (!canWrite(r.unit.code)) return html`<div>${shown}</div>`;
    return html`<div>
      ${shown}
      <div class="no-print field" lang=${getLang()}>
        <label for=${id}
          >${t('report.explain', { category: e.nameVi })}${e.required ? ` (${t('report.required')})` : ''}</label
        >
        <textarea
          id=${id}
          .value=${draft}
          @input=${(ev: Event) => (this.drafts = { ...this.drafts, [e.categoryCode]: (ev.target as HTMLTextAreaElement).value })}
        ></textarea>
        <div>
          <button
            type="button"
            class="primary"
            ?disabled=${!draft.trim()}
            @click=${() => this.save(r, e.categoryCode, draft)}
          >
            ${t('report.save')}
          </button>
        </div>
      </div>
    </div>`;
  }

  private async save(r: Report, categoryCode: string, text: string) {
    try {
      await reportApi.putExplanation({
        unitCode: r.unit.code,
        year: r.period.year,
        periodKey: r.period.key,
        categoryCode,
        text,
      });
      this.message = t('report.saved');
      const { [categoryCode]: _done, ...rest } = this.drafts;
      this.drafts = rest;
      void this.data.run();
    } catch (err) {
      this.message = errorText(err);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-report-view': ReportView;
  }
}
