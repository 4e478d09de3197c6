/**
 * Where an invoice's own fields land it: the unit and category of its accounts row (most
 * specific wins, a tie is an error; no row is an error naming the row that would map it), the
 * category falling back on the invoice's content when the row leaves it blank, and the month by
 * the period rule. Pure.
 */
import { matchAccount, suggestAccountRow, type AccountRow } from './accounts.ts';
import { fallbackCategory, type CategoryGuess } from './category.ts';
import type { Invoice } from './invoice.ts';
import { invoicePeriod, type InvoicePeriod } from './period.ts';

export interface Assignment {
  accountId: number;
  unitCode: string;
  categoryCode: string;
  /** 'account' when the row names the category, else why the fallback chose it. */
  categoryReason: 'account' | CategoryGuess['reason'];
  period: InvoicePeriod;
}

export interface AssignProblem {
  code: 'invoice_no_account' | 'invoice_account_tie';
  params: Record<string, string | number | null>;
}

const rowText = (r: AccountRow) =>
  [r.sellerTaxCode, r.customerCode, r.buyerTaxCode, r.buyerBudgetCode, r.unitCode, r.categoryCode ?? ''].join(',');

export function assignInvoice(
  inv: Invoice,
  rows: AccountRow[],
): { ok: true; value: Assignment } | { ok: false; problem: AssignProblem } {
  const keys = {
    sellerTaxCode: inv.seller.taxCode,
    customerCode: inv.buyer.customerCode,
    buyerTaxCode: inv.buyer.taxCode,
    buyerBudgetCode: inv.buyer.budgetCode,
  };
  const m = matchAccount(rows, keys);
  if (m.kind === 'none')
    return {
      ok: false,
      problem: {
        code: 'invoice_no_account',
        params: {
          seller: inv.seller.name,
          sellerTaxCode: inv.seller.taxCode,
          buyer: inv.buyer.name,
          buyerTaxCode: inv.buyer.taxCode,
          customerCode: inv.buyer.customerCode,
          budgetCode: inv.buyer.budgetCode,
          suggestion: suggestAccountRow(keys),
        },
      },
    };
  if (m.kind === 'tie')
    return { ok: false, problem: { code: 'invoice_account_tie', params: { rows: m.rows.map(rowText).join(' | ') } } };
  const guess = m.row.categoryCode ? null : fallbackCategory(inv);
  return {
    ok: true,
    value: {
      accountId: m.row.id,
      unitCode: m.row.unitCode,
      categoryCode: m.row.categoryCode ?? guess!.category,
      categoryReason: guess ? guess.reason : 'account',
      period: invoicePeriod(inv),
    },
  };
}
