/**
 * Writes an e-invoice as XML in the shape of Quyết định 1450/QĐ-TCT (HDon/DLHDon/TTChung, NDHDon,
 * MCCQT, DSCKS), the way suppliers send them: for the demo agency's invoices and for tests. The
 * signature block is a placeholder (nothing here signs or verifies anything). Pure.
 */

export interface DraftLine {
  name: string;
  unit: string;
  quantity: number;
  price: number;
  /** Before tax, whole đồng (or the invoice's currency). */
  amount: number;
  /** TCDChinh on an adjusting invoice: 2 = decreases. */
  adjustment?: 1 | 2;
}

export interface InvoiceDraft {
  seller: { name: string; taxCode: string };
  buyer: { name: string; taxCode?: string; customerCode?: string; budgetCode?: string };
  form?: string;
  symbol: string;
  /** As written, e.g. '0001201'. */
  number: string;
  issuedOn: string;
  currency?: string;
  rate?: string;
  related?: { kind: 'replace' | 'adjust'; form?: string; symbol: string; number: string; issuedOn: string };
  /** 'MM/YYYY' for a KyHoaDon free field. */
  period?: string;
  lines: DraftLine[];
  /** VAT percent for every line. */
  vatPct: number;
  signed?: boolean;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const el = (name: string, value: string | number | undefined) =>
  value === undefined || value === '' ? '' : `<${name}>${esc(String(value))}</${name}>`;

/** Totals as the seller computes them: tax rounded half up on the whole before-tax amount. */
export function draftTotals(d: InvoiceDraft): { beforeTax: number; tax: number; total: number } {
  const beforeTax = d.lines.reduce((s, l) => s + l.amount, 0);
  const tax = Math.round((beforeTax * d.vatPct) / 100);
  return { beforeTax, tax, total: beforeTax + tax };
}

export function invoiceXml(d: InvoiceDraft): string {
  const t = draftTotals(d);
  const form = d.form ?? '1';
  const related = d.related
    ? `<TTHDLQuan>${el('TCHDon', d.related.kind === 'replace' ? 1 : 2)}${el('LHDCLQuan', 1)}${el('KHMSHDCLQuan', d.related.form ?? form)}${el('KHHDCLQuan', d.related.symbol)}${el('SHDCLQuan', d.related.number)}${el('NLHDCLQuan', d.related.issuedOn)}</TTHDLQuan>`
    : '';
  const period = d.period
    ? `<TTKhac><TTin><TTruong>KyHoaDon</TTruong><KDLieu>string</KDLieu><DLieu>${esc(d.period)}</DLieu></TTin></TTKhac>`
    : '';
  const lines = d.lines
    .map(
      (l, i) =>
        `<HHDVu>${el('TChat', 1)}${el('STT', i + 1)}${el('THHDVu', l.name)}${el('DVTinh', l.unit)}${el('SLuong', l.quantity)}${el('DGia', l.price)}${el('ThTien', l.amount)}${el('TSuat', `${d.vatPct}%`)}${el('TCDChinh', l.adjustment)}</HHDVu>`,
    )
    .join('\n');
  const signature =
    (d.signed ?? true)
      ? `<MCCQT Id="MCCQT">00${d.number}${d.symbol}</MCCQT>\n<DSCKS><NBan><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/><SignatureValue>ZGVtbw==</SignatureValue></Signature></NBan></DSCKS>`
      : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<HDon>
<DLHDon Id="DLHDon">
<TTChung>${el('PBan', '2.1.0')}${el('THDon', 'Hóa đơn giá trị gia tăng')}${el('KHMSHDon', form)}${el('KHHDon', d.symbol)}${el('SHDon', d.number)}${el('NLap', d.issuedOn)}${el('DVTTe', d.currency ?? 'VND')}${el('TGia', d.rate ?? '1')}${el('HTTToan', 'Chuyển khoản')}${related}${period}</TTChung>
<NDHDon>
<NBan>${el('Ten', d.seller.name)}${el('MST', d.seller.taxCode)}</NBan>
<NMua>${el('Ten', d.buyer.name)}${el('MST', d.buyer.taxCode)}${el('MKHang', d.buyer.customerCode)}${el('MDVQHNSach', d.buyer.budgetCode)}</NMua>
<DSHHDVu>
${lines}
</DSHHDVu>
<TToan>${el('TgTCThue', t.beforeTax)}${el('TgTThue', t.tax)}${el('TgTTTBSo', t.total)}${el('TgTTTBChu', '(bằng chữ)')}</TToan>
</NDHDon>
</DLHDon>
${signature}
</HDon>
`;
}
