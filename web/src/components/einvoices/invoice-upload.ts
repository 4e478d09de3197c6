/**
 * <tk-invoice-upload>: the upload view's part for e-invoices. Takes XML and ZIP files by drop or
 * choice (several at once, one import), has the server check them without storing (dry run) and
 * shows the invoices read (new, duplicate, replaced, adjusted, skipped files), the figures that
 * change (old → new) and the warnings to confirm (a figure typed by hand that invoices would
 * overwrite …), or every error naming its file and invoice. The person then confirms to store;
 * each changed figure links to the figures view, where its invoices show.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, type Category, type Unit } from '../../api-client.ts';
import type { ImportChange } from '../../../../domain/schemas/import.ts';
import { I18nController, t } from '../../i18n/i18n.ts';
import { formatMoney, formatQuantity } from '../../format.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { NavigateEvent } from '../../app-shell/events.ts';
import { invoicesApi, type InvoiceImportReport, type InvoiceWarning, type InvoiceImportError } from './invoices-api.ts';
import { problemText } from './invoice-texts.ts';
import { categoryOf, figureName, splitFigureKey } from '../upload/figure-names.ts';
import { acceptBox, countItem, dropZone, previewActions, uploadStyles } from '../upload/upload-parts.ts';

type Phase =
  | { name: 'idle' }
  | { name: 'checking' | 'storing'; files: File[] }
  | { name: 'preview'; files: File[]; report: InvoiceImportReport }
  | { name: 'rejected'; report: InvoiceImportReport; message: string }
  | { name: 'stored'; report: InvoiceImportReport }
  | { name: 'failed'; message: string };

const MAX_CHANGES_SHOWN = 200;
const ACCEPT = '.xml,.zip,application/xml,text/xml,application/zip,application/x-zip-compressed';

@customElement('tk-invoice-upload')
export class InvoiceUpload extends LitElement {
  static override styles = [
    sharedStyles,
    uploadStyles,
    css`
      td.file {
        overflow-wrap: anywhere;
      }
      ul.links {
        padding-left: 1.25rem;
      }
    `,
  ];

  @property({ attribute: false }) units: Unit[] = [];
  @property({ attribute: false }) categories: Category[] = [];
  @state() private phase: Phase = { name: 'idle' };
  @state() private over = false;
  @state() private warningsAccepted = false;
  private readonly i18n = new I18nController(this);

  private get busy() {
    return this.phase.name === 'checking' || this.phase.name === 'storing';
  }

  private async check(files: File[]) {
    this.phase = { name: 'checking', files };
    this.warningsAccepted = false;
    try {
      const report = await invoicesApi.importInvoices(files, true);
      this.phase = report.errors.length
        ? { name: 'rejected', report, message: '' }
        : { name: 'preview', files, report };
    } catch (e) {
      this.failed(e);
    }
  }

  private async store() {
    if (this.phase.name !== 'preview') return;
    const { files, report } = this.phase;
    const accept = report.warnings.length > 0 && this.warningsAccepted;
    if (report.warnings.length > 0 && !accept) return;
    this.phase = { name: 'storing', files };
    try {
      this.phase = { name: 'stored', report: await invoicesApi.importInvoices(files, false, accept) };
    } catch (e) {
      this.failed(e);
    }
  }

  private failed(e: unknown) {
    const report = e instanceof ApiError ? (e.details as InvoiceImportReport | undefined) : undefined;
    if (report && Array.isArray(report.errors) && report.errors.length)
      this.phase = { name: 'rejected', report, message: (e as Error).message };
    else this.phase = { name: 'failed', message: (e as Error).message };
  }

  /** Checks `files` as one import (the upload view hands over XML/ZIP dropped on its spreadsheet zone). */
  upload(files: File[]) {
    if (files.length && !this.busy) void this.check(files);
  }

  private onFiles(list: FileList | null | undefined) {
    this.upload([...(list ?? [])]);
  }

  override render() {
    return html`${dropZone({
        testid: 'invoice-drop-zone',
        over: this.over,
        setOver: (v) => (this.over = v),
        onFiles: (f) => this.onFiles(f),
        dropText: t('inv.drop'),
        chooseText: t('inv.choose'),
        inputId: 'invoice-files',
        accept: ACCEPT,
        multiple: true,
        disabled: this.busy,
      })}
      <p class="muted">${t('inv.hint')}</p>
      <div aria-live="polite">${this.renderPhase()}</div>`;
  }

  private renderPhase() {
    const p = this.phase;
    switch (p.name) {
      case 'idle':
        return nothing;
      case 'checking':
        return html`<p class="state" role="status">${t('inv.checking', { n: p.files.length })}</p>`;
      case 'storing':
        return html`<p class="state" role="status">${t('inv.storing')}</p>`;
      case 'failed':
        return html`<div class="state error" role="alert">${p.message}</div>`;
      case 'preview':
        return this.renderPreview(p.report);
      case 'rejected':
        return this.renderErrors(p.report, p.message);
      case 'stored':
        return this.renderStored(p.report);
    }
  }

  private renderCounts(r: InvoiceImportReport) {
    return html`<div class="counts">
        ${countItem('inv.count.files', r.files, 'files')} ${countItem('inv.count.new', r.invoices.new, 'new')}
        ${countItem('inv.count.duplicate', r.invoices.duplicate, 'duplicate')}
        ${countItem('inv.count.replaced', r.invoices.replaced, 'replaced')}
        ${countItem('inv.count.adjusted', r.invoices.adjusted, 'adjusted')}
        ${countItem('inv.count.skipped', r.skipped.length, 'skipped')}
      </div>
      ${
        r.skipped.length
          ? html`<p data-testid="skipped">
              ${t('inv.skipped')} ${r.skipped.map((f, i) => html`${i ? ', ' : ''}<code>${f}</code>`)}
            </p>`
          : nothing
      }`;
  }

  private renderValue(v: Record<string, unknown> | null, unit: string | null) {
    if (!v) return nothing;
    const amount = typeof v.amount === 'number' ? formatMoney(v.amount) : '—';
    return typeof v.quantity === 'number' ? `${formatQuantity(v.quantity, unit)} · ${amount}` : amount;
  }

  private renderChanges(changes: ImportChange[], total: number) {
    const shown = changes.slice(0, MAX_CHANGES_SHOWN);
    return html`<h3>${t('inv.changes')}</h3>
      <div class="table-wrap">
        <table class="stack" data-testid="invoice-changes">
          <thead>
            <tr>
              <th scope="col">${t('inv.figure')}</th>
              <th scope="col">${t('upload.before')} → ${t('upload.after')}</th>
            </tr>
          </thead>
          <tbody>
            ${shown.map((c) => {
              const unit = categoryOf(splitFigureKey(c.key).category, this)?.quantityUnit ?? null;
              return html`<tr data-key=${c.key}>
                <th scope="row">${figureName(c.key, this)}</th>
                <td data-label=${`${t('upload.before')} → ${t('upload.after')}`}>
                  ${c.before ? html`<del>${this.renderValue(c.before, unit)}</del> → ` : nothing}<ins
                    >${this.renderValue(c.after, unit)}</ins
                  >
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      ${total > shown.length ? html`<p class="muted">${t('upload.more', { n: total - shown.length })}</p>` : nothing}`;
  }

  private renderProblems(rows: (InvoiceWarning | InvoiceImportError)[], testid: string) {
    return html`<div class="table-wrap">
      <table class="stack" data-testid=${testid}>
        <thead>
          <tr>
            <th scope="col">${t('inv.file')}</th>
            <th scope="col">${t('inv.invoice')}</th>
            <th scope="col">${t('inv.problem')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (p) =>
              html`<tr data-code=${p.code}>
                <td class="file" data-label=${t('inv.file')}>${p.file || '—'}</td>
                <td data-label=${t('inv.invoice')}>${p.invoice || '—'}</td>
                <td data-label=${t('inv.problem')}>${problemText(p)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderPreview(r: InvoiceImportReport) {
    const n = r.warnings.length;
    return html`<section class="card" aria-labelledby="inv-preview-h" data-testid="invoice-preview">
      <h2 id="inv-preview-h">${t('inv.preview')}</h2>
      ${this.renderCounts(r)}
      ${r.inserted + r.updated > 0 ? this.renderChanges(r.changes, r.inserted + r.updated) : html`<p>${t('inv.nothingToStore')}</p>`}
      ${
        n
          ? html`<h3 class="warn">⚠ ${t('inv.warnings', { n })}</h3>
              ${this.renderProblems(r.warnings, 'invoice-warnings')}
              ${acceptBox({
                id: 'inv-accept',
                testid: 'invoice-accept-warnings',
                checked: this.warningsAccepted,
                label: t('inv.acceptWarnings', { n }),
                onChange: (v) => (this.warningsAccepted = v),
              })}`
          : nothing
      }
      ${previewActions({
        testid: 'invoice-confirm',
        disabled: n > 0 && !this.warningsAccepted,
        onConfirm: () => void this.store(),
        onCancel: () => (this.phase = { name: 'idle' }),
      })}
    </section>`;
  }

  private renderErrors(r: InvoiceImportReport, message: string) {
    return html`<section class="card" aria-labelledby="inv-errors-h" data-testid="invoice-errors">
      <h2 id="inv-errors-h" class="bad" role="alert">✗ ${t('inv.errors', { n: r.errors.length })}</h2>
      ${message ? html`<p>${message}</p>` : nothing} ${this.renderCounts(r)}
      ${this.renderProblems(r.errors, 'invoice-error-list')}
    </section>`;
  }

  private openFigure(e: Event, key: string) {
    e.preventDefault();
    const k = splitFigureKey(key);
    this.dispatchEvent(
      new NavigateEvent({
        path: '/figures',
        params: { unit: k.unit, year: k.period.slice(0, 4), category: k.category, period: k.period },
      }),
    );
  }

  private renderStored(r: InvoiceImportReport) {
    const figs = r.changes.slice(0, MAX_CHANGES_SHOWN);
    return html`<div class="notice" role="status" data-testid="invoice-stored">
        <p>
          ✓ ${t('inv.stored', { ...r.invoices, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged })}
          ${r.warnings.length ? t('upload.warningsAccepted', { n: r.warnings.length }) : nothing}
        </p>
      </div>
      ${
        figs.length
          ? html`<ul class="links" data-testid="invoice-figure-links">
              ${figs.map((c) => {
                const k = splitFigureKey(c.key);
                const href = `/figures?${new URLSearchParams({ unit: k.unit, year: k.period.slice(0, 4), category: k.category, period: k.period })}`;
                return html`<li>
                  <a href=${href} data-key=${c.key} @click=${(e: Event) => this.openFigure(e, c.key)}
                    >${t('inv.viewInvoices', { figure: figureName(c.key, this) })}</a
                  >
                </li>`;
              })}
            </ul>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-invoice-upload': InvoiceUpload;
  }
}
