/**
 * The invoices behind a figure: the active invoices landing on one unit, category and month, with
 * their identity, parties, lines, file and whether the seller's signature block (DSCKS) and the
 * tax authority's code (MCCQT) are present (presence only: nothing is verified). Beside them the
 * figure as stored and where it came from, so a hand value that differs from its invoices shows.
 */
import type { AppDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import { listCategoryRows } from '../categories/categories.repository.ts';
import { requireUnit } from '../units/units.service.ts';
import { findFigure } from '../figures/figures.repository.ts';
import { invoiceLabel } from '../../domain/einvoices/invoice.ts';
import type { InvoiceLine } from '../../domain/einvoices/invoice.ts';
import type { StoredInvoice } from '../../domain/schemas/einvoice.ts';
import { findInvoice, importKinds, listInvoicesAt, sumInvoicesAt } from './einvoices.repository.ts';

export interface FigureInvoices {
  figure: { amount: number; quantity: number | null; source: 'invoices' | 'hand' } | null;
  total: { amount: number; quantity: number | null; count: number };
  invoices: StoredInvoice[];
}

const q = (milli: number | null) => (milli == null ? null : milli / 1000);

export async function figureInvoices(
  deps: AppDeps,
  k: { unit: string; category: string; period: string },
): Promise<FigureInvoices> {
  const { row: unit } = await requireUnit(deps.db, k.unit);
  const cat = (await listCategoryRows(deps.db)).find((c) => c.code === k.category);
  if (!cat)
    throw notFound(`khoản chi mã ${k.category}`, { category: k.category }, { entity: 'category', key: k.category });
  const at = { unitId: unit.id, categoryId: cat.id, period: k.period };
  const rows = await listInvoicesAt(deps.db, at);
  const sum = await sumInvoicesAt(deps.db, at);
  const fig = await findFigure(deps.db, at);
  const kinds = await importKinds(deps.db, fig?.importId != null ? [fig.importId] : []);
  const invoices: StoredInvoice[] = [];
  for (const r of rows) {
    const id = { sellerTaxCode: r.seller_tax_code, form: r.form, symbol: r.symbol, number: r.number };
    const related =
      r.relation && r.related_form != null && r.related_symbol != null && r.related_number != null
        ? { sellerTaxCode: r.seller_tax_code, form: r.related_form, symbol: r.related_symbol, number: r.related_number }
        : null;
    const target = related ? await findInvoice(deps.db, related) : undefined;
    const relatedLabel = related ? invoiceLabel(related, target?.number_text ?? related.number) : null;
    invoices.push({
      label: invoiceLabel(id, r.number_text),
      sellerTaxCode: r.seller_tax_code,
      form: r.form,
      symbol: r.symbol,
      number: r.number_text,
      issuedOn: r.issued_on,
      seller: { name: r.seller_name, taxCode: r.seller_tax_code },
      buyer: {
        name: r.buyer_name,
        taxCode: r.buyer_tax_code,
        customerCode: r.customer_code,
        budgetCode: r.buyer_budget_code,
      },
      relation: r.relation,
      related: relatedLabel,
      replaces: r.relation === 'replace' && target?.status === 'replaced' && relatedLabel ? [relatedLabel] : [],
      currency: r.currency,
      total: r.total,
      amount: r.amount,
      quantity: q(r.quantity_milli),
      period: r.own_period,
      periodSource: r.period_source,
      lines: (JSON.parse(r.lines) as InvoiceLine[]).map(({ other: _o, ...l }) => l),
      hasSellerSignature: r.has_seller_signature === 1,
      hasTaxAuthorityCode: r.tax_authority_code != null,
      taxAuthorityCode: r.tax_authority_code,
      fileName: r.file_name,
      fileHash: r.file_hash,
      importId: r.import_id,
      createdAt: r.created_at,
      createdBy: r.created_by,
    });
  }
  return {
    figure: fig
      ? {
          amount: fig.amount,
          quantity: q(fig.quantityMilli),
          source: fig.importId != null && kinds.get(fig.importId) === 'invoices' ? 'invoices' : 'hand',
        }
      : null,
    total: { amount: sum.amount, quantity: q(sum.quantityMilli), count: sum.count },
    invoices,
  };
}
