/**
 * An e-invoice (hóa đơn điện tử, Thông tư 78/2021, format of Quyết định 1450/QĐ-TCT) as read from
 * its XML: the fields the figures need, text trimmed and NFC, decimals in canonical xs:decimal
 * text (exact). And its identity: seller tax code + form (KHMSHDon) + symbol (KHHDon) + number
 * (SHDon) compared as a number, so `14` and `0000014` are one invoice. Pure.
 */

/** A free field (TTKhac/TTin): TTruong name, DLieu value. */
export interface OtherField {
  name: string;
  value: string;
}

export interface InvoiceLine {
  /** TChat: 1 goods/services, 2 promotion, 3 trade discount, 4 note. */
  nature: string | null;
  /** THHDVu */
  name: string;
  /** DVTinh */
  unit: string;
  /** SLuong, DGia, ThTien: canonical decimals or null. */
  quantity: string | null;
  price: string | null;
  amount: string | null;
  /** TSuat as written ('8%', 'KCT' …). */
  taxRate: string | null;
  /** TCDChinh on adjusting invoices: 2 = this line decreases. */
  adjustment: string | null;
  other: OtherField[];
}

export interface InvoiceId {
  sellerTaxCode: string;
  /** KHMSHDon */
  form: string;
  /** KHHDon */
  symbol: string;
  /** SHDon without leading zeros. */
  number: string;
}

export interface RelatedInvoice {
  /** TCHDon 1 = replaces, 2 = adjusts. */
  kind: 'replace' | 'adjust';
  form: string;
  symbol: string;
  number: string;
}

export interface Invoice {
  id: InvoiceId;
  /** SHDon as written. */
  numberText: string;
  /** NLap, YYYY-MM-DD. */
  issuedOn: string;
  /** DVTTe, upper case; 'VND' when absent. */
  currency: string;
  /** TGia (canonical decimal) or null. */
  rate: string | null;
  related: RelatedInvoice | null;
  seller: { name: string; taxCode: string };
  buyer: { name: string; taxCode: string; customerCode: string; budgetCode: string };
  lines: InvoiceLine[];
  /** TToan: TgTCThue, TgTThue, TgTTTBSo (canonical decimals; total is required). */
  totals: { beforeTax: string | null; tax: string | null; total: string };
  /** TTKhac of TTChung, then of NDHDon (the lines carry their own). */
  otherFields: { general: OtherField[]; content: OtherField[] };
  /** MCCQT: the tax authority's code, or null. */
  taxAuthorityCode: string | null;
  /** DSCKS holds the seller's signature block. Presence only: nothing is verified. */
  hasSellerSignature: boolean;
}

/**
 * The number compared as a number: digits without leading zeros, or null when it has other characters.
 * @example invoiceNumber('0000014') // '14'
 */
export function invoiceNumber(text: string): string | null {
  const t = text.trim();
  if (!/^\d{1,20}$/.test(t)) return null;
  return t.replace(/^0+(?=\d)/, '');
}

/** One string per identity, for maps and the unique key. */
export function identityKey(id: InvoiceId): string {
  return `${id.sellerTaxCode}|${id.form}|${id.symbol}|${id.number}`;
}

/** The identity of the invoice a replacing or adjusting invoice names (same seller). */
export function relatedId(inv: Pick<Invoice, 'id' | 'related'>): InvoiceId | null {
  const r = inv.related;
  return r ? { sellerTaxCode: inv.id.sellerTaxCode, form: r.form, symbol: r.symbol, number: r.number } : null;
}

/**
 * How people name an invoice: seller tax code / form + symbol / number as written.
 * @example invoiceLabel(id, '0001201') // '0300942001-012/1C26TAA/0001201'
 */
export function invoiceLabel(id: InvoiceId, numberText = id.number): string {
  return `${id.sellerTaxCode}/${id.form}${id.symbol}/${numberText}`;
}
