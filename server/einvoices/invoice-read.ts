/**
 * The element tree of an e-invoice XML → Invoice (domain/einvoices/invoice.ts): HDon found at
 * the root or inside an envelope (TDiep/DLieu/HDon), DLHDon/TTChung and NDHDon read by element
 * name, decimals checked and made canonical (`2564230.000000` is 2564230), and a content hash
 * over the whole of DLHDon in canonical form, so the same invoice formatted otherwise (one line,
 * indented, CRLF, namespaces, `.000000`) is the same content and anything else is other content.
 */
import crypto from 'node:crypto';
import { normDecimal } from '../../domain/einvoices/decimal.ts';
import {
  invoiceLabel,
  invoiceNumber,
  type Invoice,
  type InvoiceLine,
  type OtherField,
  type RelatedInvoice,
} from '../../domain/einvoices/invoice.ts';
import { at, child, children, findAll, type XmlNode } from './xml.ts';

export interface ReadProblem {
  code: 'invoice_not_found' | 'invoice_field_missing' | 'invoice_field_invalid';
  params: Record<string, string | number | null>;
  /** The invoice's label when its identity could be read. */
  invoice: string;
}

export interface ReadInvoice {
  invoice: Invoice;
  label: string;
  contentHash: string;
}

const DECIMAL_FIELDS = new Set(['SLuong', 'DGia', 'ThTien', 'TgTCThue', 'TgTThue', 'TgTTTBSo', 'TGia', 'TLCKhau']);
const NUMBER_FIELDS = new Set(['SHDon', 'SHDCLQuan']);

/** Canonical text of a subtree: names and normalised values, in document order. */
function canonical(n: XmlNode): string {
  let v = n.text;
  if (DECIMAL_FIELDS.has(n.name)) v = normDecimal(v) ?? v;
  else if (NUMBER_FIELDS.has(n.name)) v = invoiceNumber(v) ?? v;
  return `<${n.name}>${JSON.stringify(v)}${n.children.map(canonical).join('')}</>`;
}

const text = (n: XmlNode | undefined) => n?.text ?? '';

function otherFields(n: XmlNode | undefined): OtherField[] {
  return children(child(n, 'TTKhac'), 'TTin').map((t) => ({
    name: text(child(t, 'TTruong')),
    value: text(child(t, 'DLieu')),
  }));
}

/** Reads one HDon element. */
export function readHDon(hdon: XmlNode): { ok: true; value: ReadInvoice } | { ok: false; problems: ReadProblem[] } {
  const dl = child(hdon, 'DLHDon');
  const tt = child(dl, 'TTChung');
  const nd = child(dl, 'NDHDon');
  const problems: ReadProblem[] = [];
  let label = '';
  const missing = (field: string) =>
    problems.push({ code: 'invoice_field_missing', params: { field }, invoice: label });
  const invalid = (field: string, value: string) =>
    problems.push({ code: 'invoice_field_invalid', params: { field, value }, invoice: label });
  const required = (n: XmlNode | undefined, field: string) => {
    const v = text(n);
    if (v === '') missing(field);
    return v;
  };
  const decimal = (n: XmlNode | undefined, field: string): string | null => {
    const v = text(n);
    if (v === '') return null;
    const d = normDecimal(v);
    if (d == null) invalid(field, v);
    return d;
  };

  const sellerTaxCode = required(at(nd, 'NBan', 'MST'), 'NDHDon/NBan/MST').replace(/\s+/g, '');
  const form = required(child(tt, 'KHMSHDon'), 'TTChung/KHMSHDon');
  const symbol = required(child(tt, 'KHHDon'), 'TTChung/KHHDon').toUpperCase();
  const numberText = required(child(tt, 'SHDon'), 'TTChung/SHDon');
  const number = numberText === '' ? '' : invoiceNumber(numberText);
  if (number == null) invalid('TTChung/SHDon', numberText);
  const id = { sellerTaxCode, form, symbol, number: number ?? numberText };
  if (sellerTaxCode && form && symbol && number) label = invoiceLabel(id, numberText);
  for (const p of problems) p.invoice = label;

  const issuedText = required(child(tt, 'NLap'), 'TTChung/NLap');
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(issuedText);
  if (issuedText && (!date || Number(date[2]) < 1 || Number(date[2]) > 12)) invalid('TTChung/NLap', issuedText);

  const currencyText = text(child(tt, 'DVTTe')).toUpperCase();
  const currency = currencyText === '' || currencyText === 'VNĐ' ? 'VND' : currencyText;
  const rate = decimal(child(tt, 'TGia'), 'TTChung/TGia');

  let related: RelatedInvoice | null = null;
  const rel = child(tt, 'TTHDLQuan');
  if (rel) {
    const kind = text(child(rel, 'TCHDon'));
    if (kind !== '1' && kind !== '2') invalid('TTHDLQuan/TCHDon', kind);
    const relNumberText = required(child(rel, 'SHDCLQuan'), 'TTHDLQuan/SHDCLQuan');
    const relNumber = relNumberText === '' ? '' : invoiceNumber(relNumberText);
    if (relNumber == null) invalid('TTHDLQuan/SHDCLQuan', relNumberText);
    related = {
      kind: kind === '2' ? 'adjust' : 'replace',
      form: required(child(rel, 'KHMSHDCLQuan'), 'TTHDLQuan/KHMSHDCLQuan'),
      symbol: required(child(rel, 'KHHDCLQuan'), 'TTHDLQuan/KHHDCLQuan').toUpperCase(),
      number: relNumber ?? relNumberText,
    };
  }

  const lines: InvoiceLine[] = children(child(nd, 'DSHHDVu'), 'HHDVu').map((h, i) => {
    const f = (name: string) => `HHDVu[${i + 1}]/${name}`;
    return {
      nature: text(child(h, 'TChat')) || null,
      name: text(child(h, 'THHDVu')),
      unit: text(child(h, 'DVTinh')),
      quantity: decimal(child(h, 'SLuong'), f('SLuong')),
      price: decimal(child(h, 'DGia'), f('DGia')),
      amount: decimal(child(h, 'ThTien'), f('ThTien')),
      taxRate: text(child(h, 'TSuat')) || null,
      adjustment: text(child(h, 'TCDChinh')) || null,
      other: otherFields(h),
    };
  });

  const toan = child(nd, 'TToan');
  const beforeTax = decimal(child(toan, 'TgTCThue'), 'TToan/TgTCThue');
  const tax = decimal(child(toan, 'TgTThue'), 'TToan/TgTThue');
  const totalText = required(child(toan, 'TgTTTBSo'), 'NDHDon/TToan/TgTTTBSo');
  const total = totalText === '' ? null : normDecimal(totalText);
  if (totalText !== '' && total == null) invalid('NDHDon/TToan/TgTTTBSo', totalText);

  if (problems.length) return { ok: false, problems };
  const nmua = child(nd, 'NMua');
  const mccqt = text(child(hdon, 'MCCQT'));
  const invoice: Invoice = {
    id,
    numberText,
    issuedOn: `${date![1]}-${date![2]}-${date![3]}`,
    currency,
    rate,
    related,
    seller: { name: text(at(nd, 'NBan', 'Ten')), taxCode: sellerTaxCode },
    buyer: {
      name: text(child(nmua, 'Ten')),
      taxCode: text(child(nmua, 'MST')).replace(/\s+/g, ''),
      customerCode: text(child(nmua, 'MKHang')),
      budgetCode: text(child(nmua, 'MDVQHNSach')),
    },
    lines,
    totals: { beforeTax, tax, total: total! },
    otherFields: { general: otherFields(tt), content: [...otherFields(nd), ...otherFields(dl)] },
    taxAuthorityCode: mccqt || null,
    hasSellerSignature: findAll(children(child(hdon, 'DSCKS'), 'NBan'), 'Signature').length > 0,
  };
  const contentHash = crypto.createHash('sha256').update(canonical(dl!)).digest('hex');
  return { ok: true, value: { invoice, label, contentHash } };
}

/** Every invoice (HDon element) of a document; none is a problem. */
export function readInvoices(roots: XmlNode[]): { invoices: ReadInvoice[]; problems: ReadProblem[] } {
  const hdons = findAll(roots, 'HDon');
  if (hdons.length === 0) return { invoices: [], problems: [{ code: 'invoice_not_found', params: {}, invoice: '' }] };
  const invoices: ReadInvoice[] = [];
  const problems: ReadProblem[] = [];
  for (const h of hdons) {
    const r = readHDon(h);
    if (r.ok) invoices.push(r.value);
    else problems.push(...r.problems);
  }
  return { invoices, problems };
}
