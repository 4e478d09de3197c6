/**
 * Lands each new invoice by its own fields: unit and category from the invoice accounts (or the
 * category fallbacks), month by the period rule. Problems become errors of the invoice.
 */
import { assignInvoice } from '../../domain/einvoices/assign.ts';
import type { AccountRow } from '../../domain/einvoices/accounts.ts';
import type { InvoiceValue } from '../../domain/einvoices/amounts.ts';
import type { Landing } from '../../domain/einvoices/landing.ts';
import type { PeriodSource } from '../../domain/einvoices/period.ts';
import type { InvoiceImportError, InvoiceWarning } from '../../domain/schemas/einvoice.ts';
import type { IngestLookup } from '../ingest/types.ts';
import type { AccountDbRow } from './einvoices.repository.ts';
import type { ReadItem } from './read-files.ts';
import { invoiceError, invoiceWarning } from './problems.ts';

export interface Pending {
  item: ReadItem;
  own: Landing;
  periodSource: PeriodSource;
  /** UNIT/category/YYYY-MM of its own landing, for messages. */
  label: string;
  /** Set once the amount is read (invoiceValue). */
  value?: InvoiceValue;
}

export function toAccountRow(r: AccountDbRow): AccountRow {
  return {
    id: r.id,
    sellerTaxCode: r.seller_tax_code,
    customerCode: r.customer_code,
    buyerTaxCode: r.buyer_tax_code,
    buyerBudgetCode: r.buyer_budget_code,
    unitCode: r.unit_code,
    categoryCode: r.category_code,
  };
}

export function assignAll(
  items: ReadItem[],
  accounts: AccountDbRow[],
  lookup: IngestLookup,
  errors: InvoiceImportError[],
  warnings: InvoiceWarning[],
): Pending[] {
  const rows = accounts.map(toAccountRow);
  const unitId = new Map(accounts.map((a) => [a.unit_code, a.unit_id]));
  const catId = new Map(lookup.categories.filter((c) => !c.retired).map((c) => [c.code, c.id]));
  const out: Pending[] = [];
  for (const item of items) {
    const a = assignInvoice(item.read.invoice, rows);
    if (!a.ok) {
      errors.push(invoiceError(a.problem.code, a.problem.params, item.file, item.read.label));
      continue;
    }
    const { unitCode, categoryCode, period } = a.value;
    const categoryId = catId.get(categoryCode);
    if (categoryId === undefined) {
      errors.push(invoiceError('invoice_category_missing', { category: categoryCode }, item.file, item.read.label));
      continue;
    }
    if (period.others.length)
      warnings.push(
        invoiceWarning(
          'invoice_period_lines_differ',
          { period: period.period, months: [period.period, ...period.others].join(', ') },
          item.file,
          item.read.label,
          period.period,
        ),
      );
    out.push({
      item,
      own: { unitId: unitId.get(unitCode)!, categoryId, period: period.period },
      periodSource: period.source,
      label: `${unitCode}/${categoryCode}/${period.period}`,
    });
  }
  return out;
}
