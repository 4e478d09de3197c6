/**
 * <tk-export-buttons>: "Tải về: CSV · XLSX · PNG" under a chart or a table. CSV and XLSX carry the
 * numbers of `table` (headings in the page's language, vi-VN numbers; web/src/export); PNG is the
 * chart named by `for` (the id of a <tk-chart> in the same shadow root), drawn on white.
 *
 * @fires tk-exported - ExportedEvent after a file was handed to the browser (tests, analytics).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { I18nController, t } from '../../i18n/i18n.ts';
import { downloadCsv, downloadXlsx, saveFile, type ExportTable } from '../../export/table-export.ts';
import type { ChartElement } from '../chart/chart-element.ts';

export class ExportedEvent extends Event {
  static readonly eventName = 'tk-exported';
  constructor(readonly format: 'csv' | 'xlsx' | 'png') {
    super(ExportedEvent.eventName, { bubbles: true, composed: true });
  }
}

@customElement('tk-export-buttons')
export class ExportButtons extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin: 0.4rem 0;
      font-size: 0.9rem;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      align-items: center;
    }
    .label {
      color: #4b5563;
    }
    button {
      font: inherit;
      padding: 0.2rem 0.6rem;
      min-height: 2rem;
      border: 1px solid #1d4ed8;
      border-radius: 6px;
      background: #fff;
      color: #1d4ed8;
      cursor: pointer;
    }
    button:focus-visible {
      outline: 3px solid #2563eb;
      outline-offset: 2px;
    }
    .vh {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    @media print {
      :host {
        display: none;
      }
    }
  `;

  /** The numbers to export (built when a button is pressed, so a view can pass a function). */
  @property({ attribute: false }) table: ExportTable | (() => ExportTable) | null = null;
  /** Id of the <tk-chart> to save as PNG (same shadow root); none: no PNG button. */
  @property() for = '';
  /** What is exported, for the buttons' accessible names (e.g. the category's name). */
  @property() name = '';

  private readonly i18n = new I18nController(this);

  private resolve(): ExportTable | null {
    return typeof this.table === 'function' ? this.table() : this.table;
  }

  private chart(): ChartElement | null {
    if (!this.for) return null;
    const root = this.getRootNode() as Document | ShadowRoot;
    return root.getElementById?.(this.for) as ChartElement | null;
  }

  private async save(format: 'csv' | 'xlsx' | 'png') {
    const table = this.resolve();
    if (!table) return;
    if (format === 'csv') downloadCsv(table);
    else if (format === 'xlsx') await downloadXlsx(table);
    else {
      const png = this.chart()?.toPng();
      if (!png) return;
      saveFile(`${table.fileName}.png`, png);
    }
    this.dispatchEvent(new ExportedEvent(format));
  }

  override render() {
    const what = this.name ? html`<span class="vh"> ${this.name}</span>` : nothing;
    return html`<div class="bar" role="group" aria-label=${t('export.group', { name: this.name })}>
      <span class="label" aria-hidden="true">${t('export.download')}</span>
      <button type="button" data-format="csv" @click=${() => this.save('csv')}>CSV${what}</button>
      <button type="button" data-format="xlsx" @click=${() => this.save('xlsx')}>XLSX${what}</button>
      ${this.for ? html`<button type="button" data-format="png" @click=${() => this.save('png')}>PNG${what}</button>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-export-buttons': ExportButtons;
  }
  interface HTMLElementEventMap {
    'tk-exported': ExportedEvent;
  }
}
