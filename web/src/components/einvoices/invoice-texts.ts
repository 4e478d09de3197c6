/**
 * Errors and warnings of an invoice import in the page's language: Vietnamese is the server's
 * message (server/einvoices/problems.ts words it); English is worded here from the code and its
 * params, falling back to the server's message for a code this page does not know.
 */
import { getLang } from '../../i18n/i18n.ts';
import { formatMoney, formatQuantity } from '../../format.ts';
import type { ImportWarning } from '../../../../domain/schemas/import.ts';
import { warningText } from '../../views/upload/warnings-list.ts';

type Params = Record<string, string | number | null>;
const s = (v: unknown) => (v == null ? '' : String(v));
const money = (v: unknown) => (typeof v === 'number' ? formatMoney(v) : s(v));
const kwh = (milli: unknown) => (typeof milli === 'number' ? ` (${formatQuantity(milli / 1000, 'kWh')})` : '');

const EN: Record<string, (p: Params) => string> = {
  xml_doctype: () =>
    'The file declares a DOCTYPE/ENTITY: refused for safety (real e-invoices have none). Download the original XML from the supplier again.',
  xml_invalid: (p) =>
    `The XML is malformed${p.line ? ` (line ${s(p.line)}, column ${s(p.col)})` : ''}: ${s(p.reason)}. Download the original XML again.`,
  xml_encoding: (p) =>
    `The file is not UTF-8${p.encoding ? ` (declares ${s(p.encoding)})` : ''}. Download the original XML from the supplier again.`,
  xml_not_xml: () => 'Not an XML file (perhaps a renamed PDF). Choose the original .xml invoice.',
  zip_invalid: () => 'The ZIP is damaged or not a ZIP. Zip the invoice files again and upload.',
  invoice_not_found: () => 'No invoice (HDon element) in the file. Choose an e-invoice XML file.',
  invoice_field_missing: (p) => `The invoice lacks the field ${s(p.field)}. Download the original XML again.`,
  invoice_field_invalid: (p) => `Field ${s(p.field)} holds "${s(p.value)}", which is not valid.`,
  invoice_amount_fraction: (p) =>
    `The total ${s(p.value)} ${s(p.currency)} has a fraction of a đồng; amounts are whole đồng. Ask the seller.`,
  invoice_rate_missing: (p) => `The invoice is in ${s(p.currency)} without an exchange rate (TGia).`,
  invoice_negative_total: (p) => `The total ${s(p.total)} is negative on an invoice that adjusts nothing.`,
  invoice_adjustment_mixed: () =>
    'The adjusting invoice has both increasing and decreasing lines: its amount with VAT cannot be known. Leave it out and correct the figure by hand.',
  invoice_quantity_decimals: () => 'A kWh quantity has more than 3 decimals. Ask the seller.',
  invoice_amount_too_large: (p) => `The total ${s(p.total)} is too large. Check the file.`,
  invoice_conflict: (p) =>
    `An invoice with the same seller, form, symbol and number (${s(p.other)}) has other content. Ask the seller which is right; nothing was stored.`,
  invoice_related_self: () => 'The invoice replaces or adjusts itself. Check the file.',
  invoice_no_account: (p) =>
    `No invoice account matches (seller ${s(p.seller)} ${s(p.sellerTaxCode)}, buyer ${s(p.buyer)} ${s(p.buyerTaxCode) || '—'}, customer code ${s(p.customerCode) || '—'}). Add this row to the invoice accounts: ${s(p.suggestion)}`,
  invoice_account_tie: (p) =>
    `Two invoice accounts match equally: ${s(p.rows)}. Remove one or add a field to tell them apart.`,
  invoice_category_missing: (p) =>
    `No category "${s(p.category)}" (or it is retired). Name one in the invoice account.`,
  figure_negative: (p) =>
    `Figure ${s(p.key)} would become negative (${money(p.amount)}) after a decreasing adjustment. Import the original invoice too.`,
  no_invoices: () => 'No invoice XML file. Choose .xml files or a .zip holding e-invoices.',
  invoice_adjusted_unknown: (p) =>
    `The invoice it adjusts (${s(p.related)}) is not stored yet: the adjustment lands by its own fields (${s(p.key)}) and moves to the original's figure once that is imported.`,
  invoice_overwrites_manual: (p) =>
    `Figure ${s(p.key)} is ${money(p.before)}${kwh(p.beforeQuantity)}, typed or uploaded by hand; the invoices make it ${money(p.after)}${kwh(p.afterQuantity)}. The old value stays in the history.`,
  invoice_figure_emptied: (p) =>
    `No invoice is left behind figure ${s(p.key)} (now ${money(p.before)}): it becomes 0 đ. The old value stays in the history.`,
  invoice_period_lines_differ: (p) =>
    `The lines name several months (${s(p.months)}); the invoice counts in ${s(p.period)}, the first line's month.`,
};

/** PLAUSIBILITY_CODES of domain/schemas/import.ts (a value from there would bring zod into the bundle). */
const PLAUSIBILITY = new Set(['above_median', 'below_median', 'year_change', 'electricity_price', 'period_not_ended']);
const isPlausibility = (code: string) => PLAUSIBILITY.has(code);

/** The problem in the current language (plausibility warnings worded as for spreadsheets). */
export function problemText(p: { code: string; message: string; params?: Params }): string {
  if (isPlausibility(p.code) && p.params) return warningText(p as ImportWarning);
  if (getLang() === 'vi') return p.message;
  const f = EN[p.code];
  return f ? f(p.params ?? {}) : p.message;
}

/** An e-invoice file by its name: XML or a ZIP of them. */
export function isInvoiceFile(name: string): boolean {
  return /\.(xml|zip)$/i.test(name);
}
