/**
 * The errors and warnings of an invoice import: stable codes, the params their wording needs, and
 * a Vietnamese message that says what to do. Each names the file and the invoice it is about.
 */
import { formatDong } from '../../domain/money.ts';
import type { InvoiceImportError, InvoiceWarning } from '../../domain/schemas/einvoice.ts';

type Params = Record<string, string | number | null>;
const s = (v: unknown) => (v == null ? '' : String(v));
const money = (v: unknown) => (typeof v === 'number' ? formatDong(v) : s(v));
const kwh = (milli: unknown) =>
  typeof milli === 'number' ? `${(milli / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 3 })} kWh` : '';

const ERRORS: Record<string, (p: Params) => string> = {
  xml_doctype: () =>
    'Tệp có khai báo DOCTYPE/ENTITY: bị từ chối vì lý do an toàn (hóa đơn điện tử thật không có các khai báo này). Hãy tải lại tệp XML gốc từ nhà cung cấp.',
  xml_invalid: (p) =>
    `Tệp XML không đúng cú pháp${p.line ? ` (dòng ${s(p.line)}, cột ${s(p.col)})` : ''}: ${s(p.reason)}. Hãy tải lại tệp XML gốc.`,
  xml_encoding: (p) =>
    `Tệp không được mã hóa UTF-8${p.encoding ? ` (khai báo ${s(p.encoding)})` : ''}. Hãy tải lại tệp XML gốc từ nhà cung cấp.`,
  xml_not_xml: () => 'Tệp không phải XML (có thể là PDF đổi tên). Hãy chọn tệp hóa đơn .xml gốc.',
  zip_invalid: () => 'Tệp ZIP bị hỏng hoặc không phải ZIP. Hãy nén lại các tệp hóa đơn và tải lên lại.',
  invoice_not_found: () => 'Không tìm thấy hóa đơn (thẻ HDon) trong tệp. Hãy chọn tệp XML hóa đơn điện tử.',
  invoice_field_missing: (p) => `Hóa đơn thiếu trường ${s(p.field)}. Hãy tải lại tệp XML gốc từ nhà cung cấp.`,
  invoice_field_invalid: (p) =>
    `Trường ${s(p.field)} có giá trị "${s(p.value)}" không hợp lệ. Hãy tải lại tệp XML gốc từ nhà cung cấp.`,
  invoice_amount_fraction: (p) =>
    `Tổng tiền thanh toán ${s(p.value)} ${s(p.currency)} có phần lẻ dưới một đồng; số tiền phải là đồng chẵn. Hãy liên hệ người bán.`,
  invoice_rate_missing: (p) =>
    `Hóa đơn bằng ${s(p.currency)} nhưng thiếu tỷ giá (TGia). Hãy liên hệ người bán hoặc nhập số liệu bằng tay.`,
  invoice_negative_total: (p) =>
    `Tổng tiền thanh toán ${s(p.total)} bị âm trên một hóa đơn không phải hóa đơn điều chỉnh. Hãy kiểm tra lại với người bán.`,
  invoice_adjustment_mixed: () =>
    'Hóa đơn điều chỉnh vừa có dòng tăng vừa có dòng giảm: không xác định được số điều chỉnh đã gồm thuế. Hãy bỏ tệp này ra và sửa số liệu bằng tay.',
  invoice_quantity_decimals: () => 'Số kWh có quá 3 chữ số thập phân. Hãy liên hệ người bán.',
  invoice_amount_too_large: (p) => `Tổng tiền thanh toán ${s(p.total)} quá lớn. Hãy kiểm tra lại tệp.`,
  invoice_conflict: (p) =>
    `Đã có hóa đơn cùng người bán, mẫu số, ký hiệu và số này (${s(p.other)}) nhưng nội dung khác. Hãy kiểm tra với người bán xem tệp nào đúng; không tệp nào được lưu.`,
  invoice_related_self: () => 'Hóa đơn thay thế hoặc điều chỉnh chính nó. Hãy kiểm tra lại tệp.',
  invoice_no_account: (p) =>
    `Không có dòng tài khoản hóa đơn nào khớp (người bán ${s(p.seller)} ${s(p.sellerTaxCode)}, người mua ${s(p.buyer)} ${s(p.buyerTaxCode) || '—'}, mã khách hàng ${s(p.customerCode) || '—'}). Hãy thêm vào danh sách tài khoản hóa đơn dòng: ${s(p.suggestion)}`,
  invoice_account_tie: (p) =>
    `Hai dòng tài khoản hóa đơn cùng khớp và cùng mức chi tiết: ${s(p.rows)}. Hãy bỏ một dòng hoặc ghi thêm trường để phân biệt.`,
  invoice_category_missing: (p) =>
    `Không có khoản chi "${s(p.category)}" (hoặc đã ngừng dùng). Hãy ghi khoản chi trong dòng tài khoản hóa đơn.`,
  figure_negative: (p) =>
    `Số liệu ${s(p.key)} sẽ bị âm (${money(p.amount)}) sau hóa đơn điều chỉnh giảm. Hãy nhập cả hóa đơn gốc hoặc kiểm tra lại.`,
  no_invoices: () => 'Không có tệp hóa đơn XML nào. Hãy chọn tệp .xml hoặc .zip chứa hóa đơn điện tử.',
};

const WARNINGS: Record<string, (p: Params) => string> = {
  invoice_adjusted_unknown: (p) =>
    `Hóa đơn điều chỉnh cho hóa đơn ${s(p.related)} chưa có trong hệ thống: số điều chỉnh được ghi theo chính hóa đơn này (${s(p.key)}). Khi nhập hóa đơn gốc, số điều chỉnh sẽ chuyển về số liệu của hóa đơn gốc.`,
  invoice_overwrites_manual: (p) =>
    `Số liệu ${s(p.key)} đang là ${money(p.before)}${p.beforeQuantity != null ? ` (${kwh(p.beforeQuantity)})` : ''} do nhập tay hoặc từ bảng tính; hóa đơn sẽ thay bằng ${money(p.after)}${p.afterQuantity != null ? ` (${kwh(p.afterQuantity)})` : ''}. Giá trị cũ được giữ trong lịch sử.`,
  invoice_figure_emptied: (p) =>
    `Không còn hóa đơn nào thuộc số liệu ${s(p.key)} (đang là ${money(p.before)}): số liệu sẽ thành 0 đ. Giá trị cũ được giữ trong lịch sử.`,
  invoice_period_lines_differ: (p) =>
    `Các dòng hóa đơn ghi nhiều tháng (${s(p.months)}); hóa đơn được tính vào tháng ${s(p.period)} của dòng đầu tiên.`,
};

export function invoiceError(code: string, params: Params, file: string, invoice: string): InvoiceImportError {
  return {
    row: 0,
    column: '',
    value: invoice,
    code,
    params,
    message: (ERRORS[code] ?? (() => code))(params),
    file,
    invoice,
  };
}

export function invoiceWarning(
  code: string,
  params: Params,
  file: string,
  invoice: string,
  value = '',
  reference = '',
): InvoiceWarning {
  return {
    row: 0,
    column: '',
    value,
    reference,
    code,
    params,
    message: (WARNINGS[code] ?? (() => code))(params),
    file,
    invoice,
  };
}

/**
 * A figure built from e-invoices that a hand edit or a spreadsheet upload would change: a warning
 * to confirm (domain.md, E-invoices). The figure then shows both sources (its invoices' total and
 * the value typed), and the old value stays in the history.
 */
export function handOverwritesInvoices(
  row: number,
  column: string,
  params: { key: string; before: number; after: number; beforeQuantity: number | null; afterQuantity: number | null },
): InvoiceWarning {
  const q = (m: number | null) => (m != null ? ` (${kwh(m)})` : '');
  return {
    row,
    column,
    value: money(params.after),
    reference: money(params.before),
    code: 'hand_overwrites_invoices',
    params,
    message: `Số liệu ${params.key} được lập từ hóa đơn điện tử: ${money(params.before)}${q(params.beforeQuantity)}; giá trị mới ${money(params.after)}${q(params.afterQuantity)} sẽ khác với tổng các hóa đơn. Giá trị cũ được giữ trong lịch sử và số liệu hiện cả hai nguồn.`,
  };
}

export const formatKwh = kwh;
export const formatMoney = money;
