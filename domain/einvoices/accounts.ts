/**
 * Invoice accounts: which unit (and category) an invoice belongs to, from the agency's rows of
 * seller tax code, customer code (MKHang), buyer tax code and buyer budget-unit code
 * (MDVQHNSach). Blank = any; every non-blank field must equal the invoice's; the row with the
 * most non-blank fields wins; a tie between the best rows is an error. Pure.
 */

export interface AccountKeys {
  sellerTaxCode: string;
  customerCode: string;
  buyerTaxCode: string;
  buyerBudgetCode: string;
}

export const ACCOUNT_FIELDS = ['sellerTaxCode', 'customerCode', 'buyerTaxCode', 'buyerBudgetCode'] as const;

export interface AccountRow extends AccountKeys {
  id: number;
  unitCode: string;
  /** null: the fallbacks decide. */
  categoryCode: string | null;
}

/**
 * Codes as compared: NFC, no spaces, upper case ("pb 1401 0012345" is PB14010012345).
 * @example accountField(' 0300942001-012 ') // '0300942001-012'
 */
export function accountField(s: string | null | undefined): string {
  return (s ?? '').normalize('NFC').replace(/\s+/g, '').toUpperCase();
}

export function normalizeKeys(k: AccountKeys): AccountKeys {
  return {
    sellerTaxCode: accountField(k.sellerTaxCode),
    customerCode: accountField(k.customerCode),
    buyerTaxCode: accountField(k.buyerTaxCode),
    buyerBudgetCode: accountField(k.buyerBudgetCode),
  };
}

/** A Vietnamese tax code: 10 digits, or 10-3 for a dependent unit (0300942001-012). */
export function isTaxCode(s: string): boolean {
  return /^\d{10}(-\d{3})?$/.test(s);
}

/** Non-blank fields of a row: its specificity. */
export function specificity(row: AccountKeys): number {
  return ACCOUNT_FIELDS.filter((f) => row[f] !== '').length;
}

export type AccountMatch<R extends AccountRow> =
  { kind: 'match'; row: R } | { kind: 'tie'; rows: R[] } | { kind: 'none' };

/** The row an invoice's keys select (rows' fields normalised with accountField). */
export function matchAccount<R extends AccountRow>(rows: R[], invoice: AccountKeys): AccountMatch<R> {
  const k = normalizeKeys(invoice);
  let best: R[] = [];
  let bestScore = -1;
  for (const r of rows) {
    if (!ACCOUNT_FIELDS.every((f) => r[f] === '' || r[f] === k[f])) continue;
    const s = specificity(r);
    if (s > bestScore) {
      best = [r];
      bestScore = s;
    } else if (s === bestScore) best.push(r);
  }
  if (best.length === 0) return { kind: 'none' };
  if (best.length > 1) return { kind: 'tie', rows: best };
  return { kind: 'match', row: best[0] };
}

/**
 * The accounts.csv line that would map an unmatched invoice (the unit left for the officer to fill in).
 * @example suggestAccountRow({ sellerTaxCode: '2100999888', customerCode: '', buyerTaxCode: '2100555444', buyerBudgetCode: '' })
 * // '2100999888,,2100555444,,<Mã đơn vị>,'
 */
export function suggestAccountRow(k: AccountKeys): string {
  const n = normalizeKeys(k);
  return [n.sellerTaxCode, n.customerCode, n.buyerTaxCode, n.buyerBudgetCode, '<Mã đơn vị>', ''].join(',');
}
