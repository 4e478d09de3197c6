/**
 * <tk-figure-invoices>: the e-invoices behind one figure (GET /api/figures/invoices), for the
 * figures view's editor: each invoice's identity, seller, date, month, amount with VAT (and kWh),
 * what it replaces or adjusts, its lines, and whether the seller's signature block (DSCKS) and
 * the tax authority's code (MCCQT) are present — presence only, nothing is verified. When the
 * stored figure differs from its invoices (typed by hand afterwards) both show. Renders nothing
 * for a figure no invoice makes.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { I18nController, t } from '../../i18n/i18n.ts';
import { formatMoney, formatNumber, formatPeriod, formatQuantity } from '../../format.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { invoicesApi, type FigureInvoices, type StoredInvoice } from './invoices-api.ts';

/** 'YYYY-MM-DD' as the page's language writes a date. */
function formatDate(d: string): string {
  const [y, m, day] = d.split('-');
  return y && m && day ? `${day}/${m}/${y}` : d;
}

/** A decimal as written in the XML ('3850.000000'), in the page's numbers; else as written. */
function decimal(v: string): string {
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? formatNumber(n) : v;
}

@customElement('tk-figure-invoices')
export class FigureInvoicesPanel extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      section {
        margin-top: 1rem;
      }
      .yes {
        color: #166534;
      }
      .no {
        color: #991b1b;
      }
      .sig {
        display: block;
        white-space: nowrap;
      }
      td.lines {
        min-width: 12rem;
      }
      .warn {
        color: #92400e;
      }
      .sub {
        display: block;
        font-weight: normal;
      }
      ul {
        margin: 0.25rem 0;
        padding-left: 1.1rem;
      }
    `,
  ];

  @property() unit = '';
  @property() category = '';
  @property() period = '';
  /** The category's quantity unit (kWh), null when not metered. */
  @property({ attribute: false }) quantityUnit: string | null = null;
  private readonly i18n = new I18nController(this);

  private readonly data = new Task(this, {
    task: ([unit, category, period], { signal }) =>
      unit && category && period ? invoicesApi.figureInvoices({ unit, category, period }, signal) : null,
    args: () => [this.unit, this.category, this.period] as const,
  });

  /** Reads the invoices and the figure again (after the figure was edited). */
  refresh() {
    void this.data.run();
  }

  override render() {
    return this.data.render({
      complete: (d) => (d && d.invoices.length ? this.renderInvoices(d) : nothing),
      error: (e) => html`<p class="state error" role="alert">${(e as Error).message}</p>`,
    });
  }

  private amountText(amount: number, quantity: number | null) {
    return quantity != null && this.quantityUnit
      ? `${formatMoney(amount)} (${formatQuantity(quantity, this.quantityUnit)})`
      : formatMoney(amount);
  }

  private renderInvoices(d: FigureInvoices) {
    const differs = d.figure != null && (d.figure.source === 'hand' || d.figure.amount !== d.total.amount);
    return html`<section aria-labelledby="inv-behind-h" data-testid="figure-invoices">
      <h3 id="inv-behind-h">${t('inv.behind')}</h3>
      <p data-testid="figure-invoices-total">
        ${t('inv.behindTotal', { count: formatNumber(d.total.count), amount: this.amountText(d.total.amount, d.total.quantity) })}
      </p>
      ${
        differs && d.figure
          ? html`<p class="warn" role="note">
              ⚠ ${t('inv.handDiffers', { figure: this.amountText(d.figure.amount, d.figure.quantity) })}
            </p>`
          : nothing
      }
      <div class="table-wrap">
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">${t('inv.invoice')}</th>
              <th scope="col">${t('inv.seller')}</th>
              <th scope="col">${t('inv.date')}</th>
              <th scope="col" class="num">${t('inv.amount')}</th>
              <th scope="col">${t('inv.signature')}</th>
              <th scope="col">${t('inv.lines')}</th>
            </tr>
          </thead>
          <tbody>
            ${d.invoices.map((i) => this.renderRow(i))}
          </tbody>
        </table>
      </div>
      <p class="muted">${t('inv.notVerified')}</p>
    </section>`;
  }

  private renderRow(i: StoredInvoice) {
    const mark = (present: boolean, label: string, testid: string) =>
      html`<span class="sig ${present ? 'yes' : 'no'}" data-testid=${testid} data-present=${present}
        >${present ? '✓' : '✗'} ${label}: ${t(present ? 'inv.present' : 'inv.absent')}</span
      >`;
    const relation =
      i.relation && i.related ? t(i.relation === 'replace' ? 'inv.replaces' : 'inv.adjusts', { label: i.related }) : '';
    return html`<tr data-invoice=${i.label}>
      <th scope="row">
        ${i.form}${i.symbol} · ${i.number} ${relation ? html`<span class="muted sub">${relation}</span>` : nothing}
        <span class="muted sub">${i.fileName}</span>
      </th>
      <td data-label=${t('inv.seller')}>${i.seller.name}<br /><span class="muted">${i.seller.taxCode}</span></td>
      <td data-label=${t('inv.date')}>
        ${formatDate(i.issuedOn)}
        <span class="muted sub">${formatPeriod(i.period)} (${t(`inv.periodFrom.${i.periodSource}`)})</span>
      </td>
      <td class="num" data-label=${t('inv.amount')}>${this.amountText(i.amount, i.quantity)}</td>
      <td data-label=${t('inv.signature')}>
        ${mark(i.hasSellerSignature, t('inv.dscks'), 'dscks')} ${mark(i.hasTaxAuthorityCode, t('inv.mccqt'), 'mccqt')}
      </td>
      <td class="lines" data-label=${t('inv.lines')}>
        <ul>
          ${i.lines.map(
            (l) =>
              html`<li>
                ${l.name}${l.quantity != null ? ` — ${decimal(l.quantity)} ${l.unit}` : ''}${l.amount != null ? `: ${decimal(l.amount)}` : ''}
              </li>`,
          )}
        </ul>
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-figure-invoices': FigureInvoicesPanel;
  }
}
