/**
 * The official thrift report (Báo cáo kết quả THTK, CLP) of the chosen unit for a year, half or
 * quarter as the agency files it (Nghị định 30/2020/NĐ-CP): the printable page — header blocks,
 * number, place and date, "BÁO CÁO" and subject, the body in the order of every other format
 * (domain/report-body.ts), "Nơi nhận" and the signature block — downloads as PDF, DOCX and XLSX,
 * the register number and date (kept in the URL: ?number=&date=), the warnings about blanks
 * ("……") nobody set, and the explanations of missed targets (per section), editable in place.
 * The body is domain/report-body.ts's blocks, so the page says what the files say: the whole
 * period first, each legal period's section, "tạm tính" with the coverage when a month counted is
 * incomplete.
 * Prints on A4 portrait with the ND30 margins (named page `nd30` in global.css).
 */
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getLang, t } from '../../i18n/i18n.ts';
import { errorText } from '../../i18n/errors.ts';
import { canWrite } from '../../app-shell/permissions.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { renderTask } from '../../components/task-state/render-task.ts';
import { NavigateEvent } from '../../app-shell/events.ts';
import { periodParams, reportApi, type Report, type ReportParams } from './report-api.ts';
import { ScopedView } from '../scoped-view.ts';
import { reportParts, type BodyBlock, type BodyTable } from '../../../../domain/report-body.ts';

type ExplanationBlock = Extract<BodyBlock, { kind: 'explanation' }>;
import { isCalendarDay } from '../../../../domain/months.ts';

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
        max-width: 52rem;
        font-family: 'Times New Roman', Tinos, 'Liberation Serif', serif;
        font-size: 13pt;
        line-height: 1.35;
        color: #000;
      }
      .sr-only {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
      .pair {
        display: grid;
        grid-template-columns: 45.5fr 54.5fr;
        gap: 0;
        text-align: center;
      }
      .pair p {
        margin: 0;
      }
      .small {
        font-size: 12pt;
      }
      .strong {
        font-weight: 700;
      }
      .ruled {
        display: inline-block;
        border-bottom: 1px solid #000;
        padding-bottom: 1px;
      }
      .rule {
        width: 33%;
        margin: 0.2rem auto 0;
        border: 0;
        border-top: 1px solid #000;
      }
      .subject + .rule {
        margin-bottom: 0.9rem;
      }
      .level {
        margin-top: 0.6rem !important;
      }
      .placedate {
        font-style: italic;
      }
      .doctype {
        font-size: 14pt;
        font-weight: 700;
        text-align: center;
        margin: 1.4rem 0 0;
      }
      .subject {
        font-size: 14pt;
        font-weight: 700;
        text-align: center;
        margin: 0;
      }
      .body p {
        text-align: justify;
        text-indent: 1cm;
        margin: 0 0 0.3rem;
      }
      .basis {
        font-style: italic;
      }
      h3 {
        font-size: 13pt;
        margin: 0.8rem 0 0.3rem;
      }
      .doc .table-wrap {
        margin: 0.3rem 0 0.6rem;
      }
      .doc table {
        table-layout: fixed;
        min-width: 40rem;
        font-size: 10pt;
        border: 1px solid #000;
      }
      .doc table.narrow {
        min-width: 0;
      }
      .doc th,
      .doc td {
        border: 1px solid #000;
        padding: 0.2rem 0.25rem;
        overflow-wrap: anywhere;
        vertical-align: middle;
      }
      .doc thead th {
        background: none;
        text-align: center;
      }
      .doc td.num {
        white-space: nowrap;
        overflow-wrap: normal;
      }
      .c {
        text-align: center;
      }
      .r {
        text-align: right;
      }
      tr.sub td {
        font-style: italic;
      }
      tr.own td {
        font-weight: 700;
      }
      .foot {
        margin-top: 1rem;
        text-align: left;
      }
      .foot .recipients {
        font-size: 11pt;
      }
      .foot .label {
        font-size: 12pt;
        font-weight: 700;
        font-style: italic;
      }
      .signer {
        text-align: center;
        font-weight: 700;
      }
      .signer .name {
        margin-top: 4.5rem;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      .toolbar input[type='number'] {
        width: 7rem;
      }
      .hint {
        font-size: 0.8rem;
        color: #4b5563;
        display: block;
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
      .warn ul {
        margin: 0.3rem 0 0;
        padding-left: 1.2rem;
      }
      @media (max-width: 600px) {
        .doc {
          padding: 0.75rem;
          font-size: 12pt;
        }
        .pair {
          grid-template-columns: 1fr;
          gap: 0.75rem;
        }
      }
      @media print {
        :host {
          page: nd30;
        }
        .no-print {
          display: none !important;
        }
        .doc {
          border: 0;
          border-radius: 0;
          padding: 0;
          margin: 0;
          max-width: none;
        }
        .doc .table-wrap {
          overflow: visible;
        }
        .doc .good,
        .doc .bad,
        .doc .muted {
          color: #000;
        }
        .doc table,
        .doc table.narrow {
          min-width: 0;
          width: 100%;
        }
        .doc tr,
        .pair,
        .foot {
          break-inside: avoid;
        }
        .doc thead {
          display: table-header-group;
        }
        h3 {
          break-after: avoid;
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

  /** The register number from ?number= (a positive whole number), or undefined. */
  private get number(): number | undefined {
    const n = this.query.get('number') ?? '';
    return /^[1-9]\d{0,5}$/.test(n) ? Number(n) : undefined;
  }

  /** The document's date from ?date=, or undefined (the server takes today). */
  private get date(): string | undefined {
    const d = this.query.get('date') ?? '';
    return isCalendarDay(d) ? d : undefined;
  }

  private get params(): ReportParams {
    return { unit: this.unit, year: this.year, ...periodParams(this.period), number: this.number, date: this.date };
  }

  private readonly data = new Task(this, {
    task: ([unit, year, period, number, date], { signal }) =>
      reportApi.report({ unit, year, ...periodParams(period), number, date }, signal),
    args: () => [this.unit, this.year, this.period, this.number, this.date] as const,
  });

  /** Column widths through CSSOM: the CSP (style-src 'self') blocks style attributes. */
  override updated() {
    for (const col of this.renderRoot.querySelectorAll<HTMLTableColElement>('col[data-w]'))
      col.style.width = `${col.dataset.w}%`;
  }

  private setParam(name: string, value: string) {
    this.dispatchEvent(new NavigateEvent({ params: { [name]: value || null }, replace: true }));
  }

  private periodLabel(p: string): string {
    if (p === '') return t('report.year');
    return p[0] === 'H' ? t(p === 'H1' ? 'report.half1' : 'report.half2') : t('report.quarter', { n: p[1] });
  }

  override render() {
    const params = this.params;
    return html`<h1 class="no-print">${t('report.heading', { year: this.year })}</h1>
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
        <div class="field">
          <label for="number">${t('report.number')}</label>
          <input
            id="number"
            type="number"
            min="1"
            step="1"
            inputmode="numeric"
            aria-describedby="number-hint"
            .value=${this.number == null ? '' : String(this.number)}
            @change=${(e: Event) => this.setParam('number', (e.target as HTMLInputElement).value.trim())}
          />
          <span class="hint" id="number-hint">${t('report.numberHint')}</span>
        </div>
        <div class="field">
          <label for="date">${t('report.date')}</label>
          <input
            id="date"
            type="date"
            .value=${this.date ?? ''}
            @change=${(e: Event) => this.setParam('date', (e.target as HTMLInputElement).value)}
          />
        </div>
        <a class="button" href=${reportApi.downloadUrl(params, 'pdf')} download>${t('report.pdf')}</a>
        <a class="button" href=${reportApi.downloadUrl(params, 'docx')} download>${t('report.docx')}</a>
        <a class="button" href=${reportApi.downloadUrl(params, 'xlsx')} download>${t('report.xlsx')}</a>
        <button type="button" @click=${() => window.print()}>${t('report.print')}</button>
      </div>
      ${this.message ? html`<p class="notice no-print" role="status">${this.message}</p>` : nothing}
      ${renderTask(this.data, (r) => this.renderReport(r))}`;
  }

  private renderTable(tb: BodyTable, narrow = false) {
    const total = tb.weights.reduce((x, y) => x + y, 0);
    // A table wider than a phone scrolls: the region takes the keyboard focus and has a name.
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${tb.caption}>
      <table class=${narrow ? 'narrow' : ''}>
        <caption class="sr-only">
          ${tb.caption}
        </caption>
        <colgroup>
          ${tb.weights.map((w) => html`<col data-w=${((w / total) * 100).toFixed(2)} />`)}
        </colgroup>
        <thead>
          <tr>
            ${tb.header.map((h) => html`<th scope="col">${h}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${tb.rows.map(
            (row) =>
              html`<tr class=${row.sub ? 'sub' : row.own ? 'own' : ''}>
                ${row.cells.map((c, i) => {
                  const tone = row.tone?.[i] && c.text ? row.tone[i] : '';
                  const cls = [c.align === 'right' ? 'num r' : c.align === 'center' ? 'c' : '', tone ?? '']
                    .filter(Boolean)
                    .join(' ');
                  return html`<td class=${cls}>${c.text}</td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderWarnings(r: Report) {
    const lines = [
      ...r.document.warnings.map((w) => w.message),
      ...(r.document.number == null ? [`${t('report.number')}: ${t('report.numberHint')}.`] : []),
    ];
    if (lines.length === 0) return nothing;
    return html`<div class="warn no-print" role="status">
      <strong>${t('report.blanks')}</strong>
      <ul>
        ${lines.map((l) => html`<li>${l}</li>`)}
      </ul>
    </div>`;
  }

  private renderReport(r: Report) {
    const d = r.document;
    return html`${r.incomplete ? html`<p class="warn no-print" role="alert">${t('report.incomplete')}</p>` : nothing}
      ${this.renderWarnings(r)}
      <article class="doc" aria-label=${`${d.docType} ${d.subject}`} lang="vi">
        <div class="pair head">
          <div>
            ${d.superiorBody != null ? html`<p class="small">${d.superiorBody}</p>` : nothing}
            <p class="small strong issuer">${d.issuerName}</p>
            <hr class="rule" />
            <p class="level number">${d.numberLine}</p>
          </div>
          <div>
            <p class="small strong">${d.nationalHeader[0]}</p>
            <p class="strong"><span class="ruled">${d.nationalHeader[1]}</span></p>
            <p class="level placedate">${d.placeDate}</p>
          </div>
        </div>
        <h2 class="doctype">${d.docType}</h2>
        <p class="subject">${d.subject}</p>
        <hr class="rule" />
        <div class="body">
          ${reportParts(r).map(
            (p) =>
              html`<section class=${p.kind}>
                ${p.blocks.map((b) => {
                  if (b.kind === 'heading') return html`<h3>${b.text}</h3>`;
                  if (b.kind === 'paragraph') return html`<p class=${b.italic ? 'basis' : 'sentence'}>${b.text}</p>`;
                  if (b.kind === 'explanation') return this.renderExplanation(r, b);
                  return this.renderTable(b, p.kind === 'ranking');
                })}
              </section>`,
          )}
        </div>
        <div class="pair foot">
          <div>
            <p class="label">${d.recipientsLabel}</p>
            <div class="recipients">${d.recipients.map((x) => html`<p>${x}</p>`)}</div>
          </div>
          <div class="signer">
            ${d.signer.authority ? html`<p>${d.signer.authority}</p>` : nothing}
            <p>${d.signer.title}</p>
            <p class="name">${d.signer.name}</p>
          </div>
        </div>
      </article>`;
  }

  private renderExplanation(r: Report, b: ExplanationBlock) {
    const draftKey = `${b.periodKey}/${b.categoryCode}`;
    const id = `exp-${b.periodKey}-${b.categoryCode}`;
    const e = r.explanations.find((x) => x.periodKey === b.periodKey && x.categoryCode === b.categoryCode);
    const draft = this.drafts[draftKey] ?? e?.text ?? '';
    const shown = html`<p>
      <strong>${b.label}:</strong>
      ${b.missing ? html`<span class="bad">${b.text}</span>` : b.text}
    </p>`;
    // Only those who may write the unit's explanations get the editor.
    if (!canWrite(r.unit.code)) return html`<div>${shown}</div>`;
    return html`<div>
      ${shown}
      <div class="no-print field" lang=${getLang()}>
        <label for=${id}
          >${t('report.explain', { category: b.label })}${b.required ? ` (${t('report.required')})` : ''}</label
        >
        <textarea
          id=${id}
          .value=${draft}
          @input=${(ev: Event) => (this.drafts = { ...this.drafts, [draftKey]: (ev.target as HTMLTextAreaElement).value })}
        ></textarea>
        <div>
          <button
            type="button"
            class="primary"
            ?disabled=${!draft.trim()}
            @click=${() => this.save(r, b.periodKey, b.categoryCode, draft)}
          >
            ${t('report.save')}
          </button>
        </div>
      </div>
    </div>`;
  }

  private async save(r: Report, periodKey: string, categoryCode: string, text: string) {
    try {
      await reportApi.putExplanation({ unitCode: r.unit.code, year: r.period.year, periodKey, categoryCode, text });
      this.message = t('report.saved');
      const { [`${periodKey}/${categoryCode}`]: _done, ...rest } = this.drafts;
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
