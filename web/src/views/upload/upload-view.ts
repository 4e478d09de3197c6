/**
 * Upload (Nhập số liệu): drop or choose a CSV/XLSX file; the server checks it without storing
 * (dry run) and the page shows the counts and a diff of changed values, or every error with what
 * to fix and an error file to download; the person then confirms to store. Template downloads.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api, type Category, type ImportKind, type ImportReport, type Unit } from '../../api-client.ts';
import type { ImportChange, ImportError } from '../../../../domain/schemas/import.ts';
import { I18nController, t } from '../../i18n/i18n.ts';
import { formatNumber } from '../../format.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { errorsCsv } from './errors-csv.ts';
import { warningsTable } from './warnings-list.ts';
// E-invoices (XML, ZIP, several files per import) have their own part of the page.
import '../../components/einvoices/invoice-upload.ts';
import { isInvoiceFile } from '../../components/einvoices/invoice-texts.ts';
import { figureName, splitFigureKey, unitName } from '../../components/upload/figure-names.ts';
import { acceptBox, countItem, dropZone, previewActions, uploadStyles } from '../../components/upload/upload-parts.ts';

type Phase =
  | { name: 'idle' }
  | { name: 'checking' | 'storing'; file: File }
  | { name: 'preview'; file: File; report: ImportReport }
  | { name: 'rejected'; file: File; report: ImportReport; message: string }
  | { name: 'stored'; report: ImportReport }
  | { name: 'failed'; message: string };

const MAX_CHANGES_SHOWN = 200;
const SPREADSHEETS = '.csv,.xlsx,.txt,.tsv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FIELD_LABEL: Record<string, string> = {
  amount: 'figures.amount',
  quantity: 'upload.quantity',
  note: 'figures.note',
};

function show(v: unknown): string {
  if (v == null || v === '') return '—';
  return typeof v === 'number' ? formatNumber(v) : String(v);
}

@customElement('tk-upload-view')
export class UploadView extends LitElement {
  static override styles = [
    sharedStyles,
    uploadStyles,
    css`
      .templates ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.25rem;
        padding-left: 0;
        list-style: none;
      }
    `,
  ];

  /** Set by the shell (ViewProps): the changed rows are named by them (figure-names.ts). */
  @property({ attribute: false }) units: Unit[] = [];
  @property({ attribute: false }) categories: Category[] = [];
  @state() private kind: ImportKind = 'figures';
  @state() private phase: Phase = { name: 'idle' };
  @state() private over = false;
  /** The person ticked "I have checked the warnings" for the previewed file. */
  @state() private warningsAccepted = false;
  private readonly i18n = new I18nController(this);
  private errorFileUrl: string | null = null;

  override disconnectedCallback() {
    super.disconnectedCallback();
    if (this.errorFileUrl) URL.revokeObjectURL(this.errorFileUrl);
  }

  private async check(file: File) {
    this.phase = { name: 'checking', file };
    this.warningsAccepted = false;
    try {
      const report = await api.importFile(file, this.kind, true);
      this.phase =
        report.ok && report.errors.length === 0
          ? { name: 'preview', file, report }
          : { name: 'rejected', file, report, message: '' };
    } catch (e) {
      this.failed(e, file);
    }
  }

  private async store() {
    if (this.phase.name !== 'preview') return;
    const file = this.phase.file;
    // A file with warnings is stored only with the person's confirmation (else the server answers 409).
    const accept = this.phase.report.warnings.length > 0 && this.warningsAccepted;
    if (this.phase.report.warnings.length > 0 && !accept) return;
    this.phase = { name: 'storing', file };
    try {
      this.phase = { name: 'stored', report: await api.importFile(file, this.kind, false, accept) };
    } catch (e) {
      this.failed(e, file);
    }
  }

  private failed(e: unknown, file: File) {
    const report = e instanceof ApiError ? (e.details as ImportReport | undefined) : undefined;
    if (report && Array.isArray(report.errors))
      this.phase = { name: 'rejected', file, report, message: (e as Error).message };
    else this.phase = { name: 'failed', message: (e as Error).message };
  }

  private onFiles(files: FileList | null | undefined) {
    // E-invoices dropped here (every file .xml or .zip) go to the e-invoice part of the page.
    if (files?.length && [...files].every((f) => isInvoiceFile(f.name))) return void this.toInvoices([...files]);
    const file = files?.[0];
    if (file) void this.check(file);
  }

  private async toInvoices(files: File[]) {
    this.kind = 'invoices';
    this.phase = { name: 'idle' };
    await this.updateComplete;
    this.renderRoot.querySelector('tk-invoice-upload')?.upload(files);
  }

  override render() {
    const busy = this.phase.name === 'checking' || this.phase.name === 'storing';
    return html`<h1>${t('upload.heading')}</h1>
      <div class="field filter">
        <label for="kind">${t('upload.kind')}</label>
        <select
          id="kind"
          ?disabled=${busy}
          @change=${(e: Event) => ((this.kind = (e.target as HTMLSelectElement).value as ImportKind), (this.phase = { name: 'idle' }))}
        >
          ${(['figures', 'units', 'norms', 'invoices', 'invoice-accounts'] as const).map((k) => html`<option value=${k} ?selected=${k === this.kind}>${t(`upload.kind.${k}`)}</option>`)}
        </select>
      </div>
      ${
        this.kind === 'invoices'
          ? html`<tk-invoice-upload .units=${this.units} .categories=${this.categories}></tk-invoice-upload>`
          : this.renderFilePart(busy)
      }`;
  }

  /** The drop zone, the state of the file and the templates: one spreadsheet at a time. */
  private renderFilePart(busy: boolean) {
    return html`${dropZone({
        testid: 'drop-zone',
        over: this.over,
        setOver: (v) => (this.over = v),
        onFiles: (f) => {
          if (!busy) this.onFiles(f);
        },
        dropText: t('upload.drop'),
        chooseText: t('upload.choose'),
        inputId: 'file',
        accept: SPREADSHEETS,
        multiple: false,
        disabled: busy,
      })}
      <div aria-live="polite">${this.renderPhase()}</div>
      ${this.kind === 'figures' ? this.renderTemplates() : nothing}`;
  }

  private renderPhase() {
    const p = this.phase;
    switch (p.name) {
      case 'idle':
        return nothing;
      case 'checking':
      case 'storing':
        return html`<p class="state" role="status">
          ${t(p.name === 'checking' ? 'upload.checking' : 'upload.storing')} ${p.file.name}
        </p>`;
      case 'failed':
        return html`<div class="state error" role="alert">${p.message}</div>`;
      case 'stored':
        return html`<p class="notice" role="status" data-testid="stored">
          ✓
          ${t('upload.stored', { file: p.report.fileName, inserted: p.report.inserted, updated: p.report.updated, unchanged: p.report.unchanged })}
          ${p.report.warningsAcceptedBy ? t('upload.warningsAccepted', { n: p.report.warningCount }) : nothing}
          ${this.renderResultLink(p.report)}
        </p>`;
      case 'preview':
        return this.renderPreview(p.report);
      case 'rejected':
        return this.renderErrors(p.report, p.message);
    }
  }

  private renderCounts(r: ImportReport) {
    return html`<div class="counts">
      ${countItem('upload.rows', r.rows, 'rows')} ${countItem('upload.inserted', r.inserted, 'inserted')}
      ${countItem('upload.updated', r.updated, 'updated')} ${countItem('upload.unchanged', r.unchanged, 'unchanged')}
    </div>`;
  }

  private renderPreview(r: ImportReport) {
    const changes = r.changes.slice(0, MAX_CHANGES_SHOWN);
    const more = r.inserted + r.updated - changes.length;
    const anything = r.inserted + r.updated > 0;
    return html`<section class="card" aria-labelledby="preview-h" data-testid="preview">
      <h2 id="preview-h">${t('upload.preview')}: ${r.fileName}</h2>
      ${this.renderCounts(r)}
      ${
        anything
          ? html`<h3>${t('upload.changes')}</h3>
              <div class="table-wrap" tabindex="0">
                <table data-testid="changes">
                  <thead>
                    <tr>
                      <th scope="col" class="num">${t('upload.row')}</th>
                      <th scope="col">${t('upload.key')}</th>
                      <th scope="col">${t('upload.before')} → ${t('upload.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${changes.map((c) => this.renderChange(c))}
                  </tbody>
                </table>
              </div>
              ${more > 0 ? html`<p class="muted">${t('upload.more', { n: more })}</p>` : nothing}`
          : html`<p>${t('upload.nothingToStore')}</p>`
      }
      ${r.warnings.length ? this.renderWarnings(r, true) : nothing}
      ${previewActions({
        testid: 'confirm',
        disabled: r.warnings.length > 0 && !this.warningsAccepted,
        onConfirm: () => void this.store(),
        onCancel: () => (this.phase = { name: 'idle' }),
      })}
    </section>`;
  }

  /** The warnings; in a preview with the box the person ticks to confirm them. */
  private renderWarnings(r: ImportReport, confirm: boolean) {
    return html`<h3 class="warn">⚠ ${t('upload.warnings', { n: r.warningCount })}</h3>
      ${warningsTable(r.warnings)}
      ${
        confirm
          ? acceptBox({
              id: 'accept-warnings',
              testid: 'accept-warnings',
              checked: this.warningsAccepted,
              label: t('upload.acceptWarnings', { n: r.warningCount }),
              onChange: (v) => (this.warningsAccepted = v),
            })
          : nothing
      }`;
  }

  private renderChange(c: ImportChange) {
    // An update lists the fields that change; an insert the fields it fills (an empty one says nothing).
    const fields = Object.keys(c.after).filter((k) =>
      c.before ? c.before[k] !== c.after[k] : c.after[k] != null && c.after[k] !== '',
    );
    return html`<tr data-key=${c.key}>
      <td class="num">${c.row}</td>
      <th scope="row" title=${c.key}>${figureName(c.key, this)}</th>
      <td>
        ${fields.map(
          (f) =>
            html`<div>
              <span class="muted">${FIELD_LABEL[f] ? t(FIELD_LABEL[f]) : f}:</span>
              ${c.before ? html`<del>${show(c.before[f])}</del> → ` : nothing}<ins>${show(c.after[f])}</ins>
            </div>`,
        )}
      </td>
    </tr>`;
  }

  private renderErrors(r: ImportReport, message: string) {
    if (this.errorFileUrl) URL.revokeObjectURL(this.errorFileUrl);
    this.errorFileUrl =
      r.id == null ? URL.createObjectURL(new Blob([errorsCsv(r.errors)], { type: 'text/csv;charset=utf-8' })) : null;
    const href = r.id != null ? api.errorsCsvUrl(r.id) : this.errorFileUrl!;
    return html`<section class="card" aria-labelledby="errors-h" data-testid="errors">
      <h2 id="errors-h" class="bad" role="alert">✗ ${t('upload.errors', { n: r.errors.length })}</h2>
      ${message ? html`<p>${message}</p>` : nothing}
      <p>
        <a class="button" href=${href} download=${`loi-${r.fileName.replace(/\.[^.]+$/, '')}.csv`}
          >${t('upload.errorFile')}</a
        >
      </p>
      <div class="table-wrap" tabindex="0">
        <table data-testid="error-rows">
          <thead>
            <tr>
              <th scope="col" class="num">${t('upload.row')}</th>
              <th scope="col">${t('upload.column')}</th>
              <th scope="col">${t('upload.value')}</th>
              <th scope="col">${t('upload.fix')}</th>
            </tr>
          </thead>
          <tbody>
            ${r.errors.map(
              (e: ImportError) =>
                html`<tr data-code=${e.code}>
                  <td class="num">${e.row}</td>
                  <td>${e.column}</td>
                  <td><code>${e.value}</code></td>
                  <td>${e.message}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${r.warnings?.length ? this.renderWarnings(r, false) : nothing}
    </section>`;
  }

  /** After storing figures: where to see them (the unit and month of the latest period stored). */
  private renderResultLink(r: ImportReport) {
    if (this.kind !== 'figures') return nothing;
    // A change's key is UNIT/category/YYYY-MM.
    const keys = r.changes.map((c) => splitFigureKey(c.key)).filter((k) => k.unit && /^\d{4}-\d{2}$/.test(k.period));
    if (keys.length === 0) return nothing;
    const { unit, period } = keys.reduce((a, b) => (b.period > a.period ? b : a));
    const year = period.slice(0, 4);
    return html`<a data-testid="stored-link" href=${`/overview?${new URLSearchParams({ unit, year })}`}
      >${t('upload.storedLink', { unit: unitName(unit, this), month: `${Number(period.slice(5))}/${year}` })}</a
    >`;
  }

  private renderTemplates() {
    return html`<section class="templates" aria-labelledby="tpl-h">
      <h2 id="tpl-h">${t('upload.templates')}</h2>
      <p class="muted">${t('upload.templatesHint')}</p>
      <ul>
        <li><a href=${api.templateUrl('csv', 'long')} download>${t('upload.templateLong')}</a></li>
        <li><a href=${api.templateUrl('csv', 'wide')} download>${t('upload.templateWide')}</a></li>
        <li><a href=${api.templateUrl('xlsx', 'long')} download>${t('upload.templateLongXlsx')}</a></li>
        <li><a href=${api.templateUrl('xlsx', 'wide')} download>${t('upload.templateWideXlsx')}</a></li>
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-upload-view': UploadView;
  }
}
