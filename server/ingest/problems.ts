/**
 * The errors readers report: stable English codes, Vietnamese messages that say what to fix.
 * `column` is the header as written in the file, `value` the cell as written.
 */
import type { ImportError, ImportParams } from '../../domain/schemas/import.ts';
import type { NumberResult } from '../../domain/numbers.ts';
import type { CellProblem } from './types.ts';

export type ProblemCode =
  | 'unknown_unit'
  | 'invalid_period'
  | 'unknown_category'
  | 'category_retired'
  | 'negative_amount'
  | 'not_a_number'
  | 'too_many_decimals'
  | 'too_large'
  | 'missing_amount'
  | 'missing_value'
  | 'duplicate_key'
  | 'no_header'
  | 'missing_column'
  | 'invalid_basis'
  | 'invalid_year'
  | 'invalid_target'
  | 'invalid_code'
  | 'unknown_parent'
  | 'unit_cycle'
  | 'unterminated_quote'
  | 'nul_byte'
  | 'invalid_utf8'
  | 'formula_error'
  | 'formula_not_cached'
  | 'duplicate_column'
  | 'fractional_amount'
  | 'ambiguous_number';

const MESSAGES: Record<ProblemCode, (v: string, col: string) => string> = {
  unknown_unit: (v) => `Không tìm thấy đơn vị "${v}". Hãy ghi mã, tên hoặc tên khác của một đơn vị đã khai báo.`,
  invalid_period: (v) =>
    `Kỳ "${v}" không hợp lệ. Hãy ghi tháng dạng 2026-10, 10/2026 hoặc Tháng 10/2026 (tháng từ 1 đến 12).`,
  unknown_category: (v) =>
    `Không tìm thấy khoản chi "${v}". Hãy ghi tên hoặc mã của một khoản chi đã khai báo (ví dụ Văn phòng phẩm, Cước điện thoại, Điện, Chi phí khác).`,
  category_retired: (v) => `Khoản chi "${v}" đã ngừng sử dụng; không nhập số liệu mới cho khoản chi này.`,
  negative_amount: (v, col) => `Giá trị "${v}" ở cột "${col}" bị âm. Hãy ghi số không âm.`,
  not_a_number: (v, col) => `"${v}" ở cột "${col}" không phải là số. Hãy ghi số dạng 1.250.000 hoặc 12,5.`,
  too_many_decimals: (v, col) =>
    `"${v}" ở cột "${col}" có quá nhiều chữ số thập phân. Hãy làm tròn (tối đa 3 chữ số sau dấu phẩy).`,
  too_large: (v, col) => `"${v}" ở cột "${col}" quá lớn. Hãy kiểm tra lại số (có thể thừa chữ số).`,
  missing_amount: (v, col) =>
    `Có số lượng "${v}" ở cột "${col}" nhưng thiếu số tiền. Hãy điền số tiền (đồng) của khoản chi này.`,
  missing_value: (_v, col) => `Ô ở cột "${col}" đang trống. Hãy điền giá trị.`,
  duplicate_key: () => `Đơn vị, kỳ và khoản chi này đã có ở một dòng trước trong tệp. Hãy gộp hoặc xóa dòng trùng.`,
  no_header: () =>
    `Không tìm thấy dòng tiêu đề. Dòng tiêu đề phải có các cột như "Mã đơn vị", "Kỳ", "Khoản chi", "Số tiền (đồng)" (hoặc theo mẫu tải về).`,
  missing_column: (_v, col) => `Thiếu cột "${col}". Hãy thêm cột này vào dòng tiêu đề (xem mẫu tải về).`,
  invalid_basis: (v) => `Cơ sở so sánh "${v}" không hợp lệ. Hãy ghi "định mức" hoặc "cùng kỳ năm trước".`,
  invalid_year: (v) => `Năm "${v}" không hợp lệ. Hãy ghi năm dạng 2026 (từ 2000 đến 2100).`,
  invalid_target: (v) =>
    `Chỉ tiêu "${v}" không hợp lệ. Hãy ghi phần trăm từ -100 đến 100, tối đa một chữ số thập phân (ví dụ 10 hoặc 7,5).`,
  invalid_code: (v) =>
    `Mã "${v}" không hợp lệ. Mã gồm chữ (có dấu hoặc không), số và các dấu như - _ . ; không có khoảng trắng và không có các dấu , ; | / \\ (tối đa 64 ký tự).`,
  unknown_parent: (v) =>
    `Không tìm thấy đơn vị cấp trên "${v}". Hãy ghi mã của một đơn vị có trong tệp hoặc đã khai báo.`,
  unit_cycle: (v) =>
    `Đơn vị cấp trên "${v}" tạo thành vòng lặp (đơn vị là cấp trên của chính mình). Hãy sửa cột cấp trên.`,
  unterminated_quote: (v, col) =>
    `Ô ở cột "${col}" mở dấu ngoặc kép (") ở dòng này nhưng không đóng: mọi dòng sau bị gộp vào ô này ("${v}…"). Hãy thêm dấu " đóng hoặc xóa dấu " thừa.`,
  nul_byte: (_v, col) =>
    `Ô ở cột "${col}" chứa ký tự rỗng (NUL, mã 0), thường do tệp bị hỏng hoặc xuất từ phần mềm khác. Hãy xóa ký tự này (mở tệp bằng Excel và lưu lại).`,
  invalid_utf8: (v, col) =>
    `Ô ở cột "${col}" có byte ${v} không đúng mã UTF-8, trong khi phần còn lại của tệp là UTF-8 (chữ có dấu sẽ bị sai). Hãy sửa ô này hoặc lưu lại tệp dạng "CSV UTF-8".`,
  formula_error: (v) => `Ô có công thức báo lỗi ${v}. Hãy sửa công thức hoặc ghi số trực tiếp rồi lưu lại.`,
  formula_not_cached: () =>
    `Ô có công thức nhưng tệp không lưu kết quả của công thức. Hãy mở tệp bằng Excel và lưu lại (Excel tính và lưu kết quả).`,
  duplicate_column: (v, col) =>
    `Hai cột "${v}" và "${col}" cùng là một khoản chi; cột sau sẽ bị bỏ qua. Hãy gộp thành một cột.`,
  fractional_amount: (v, col) =>
    `"${v}" ở cột "${col}" có phần lẻ dưới một đồng. Số tiền phải là số đồng nguyên: hãy làm tròn.`,
  ambiguous_number: (v, col) =>
    `"${v}" ở cột "${col}" đọc được hai cách. Hãy ghi lại số theo cách ngăn nghìn của cả tệp.`,
};

export function problem(
  code: ProblemCode,
  row: number,
  column: string,
  value: string,
  message?: string,
  params?: ImportParams,
): ImportError {
  const e: ImportError = { row, column, value, code, message: message ?? MESSAGES[code](value, column) };
  if (params) e.params = params;
  return e;
}

const viNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });

/**
 * A number cell that could not be read (NumberResult's error) as the error of its row and column;
 * an ambiguous money cell shows both readings.
 */
export function numberProblem(
  r: NumberResult & { ok: false },
  row: number,
  column: string,
  value: string,
): ImportError {
  const x = r.readings;
  if (r.code === 'ambiguous_number' && x) {
    const a = viNumber.format(x.thousands);
    const b = viNumber.format(x.decimal);
    const group = x.separator === ',' ? '.' : ',';
    return problem(
      'ambiguous_number',
      row,
      column,
      value,
      `"${value}" ở cột "${column}" đọc được hai cách: ${a} đ (nếu dấu "${x.separator}" ngăn nghìn) hoặc ${b} đ (nếu dấu "${x.separator}" là dấu thập phân), trong khi các số của tệp dùng dấu "${group}" để ngăn nghìn. Hãy ghi lại số này (ví dụ ${a} nếu là ${a} đồng).`,
      { value, thousands: x.thousands, decimal: x.decimal, separator: x.separator },
    );
  }
  return problem(r.code, row, column, value);
}

/** A broken cell the table layer found (CellProblem) as the error of its row and column. */
export function cellProblem(p: CellProblem, row: number, column: string): ImportError {
  const where = p.ref ? `Ô ${p.ref} (trang "${p.sheet ?? ''}", cột "${column}")` : null;
  switch (p.code) {
    case 'formula_error':
      return problem(
        p.code,
        row,
        column,
        p.value,
        `${where} có công thức báo lỗi ${p.value}: số liệu này sẽ bị mất. Hãy sửa công thức (hoặc ghi số trực tiếp) rồi lưu lại.`,
        { sheet: p.sheet ?? '', cell: p.ref ?? '', value: p.value },
      );
    case 'formula_not_cached':
      return problem(
        p.code,
        row,
        column,
        p.value,
        `${where} có công thức ${p.value} nhưng tệp không lưu kết quả của công thức. Hãy mở tệp bằng Excel và lưu lại (Excel tính và lưu kết quả), rồi tải lên lại.`,
        { sheet: p.sheet ?? '', cell: p.ref ?? '', formula: p.value },
      );
    case 'invalid_utf8':
      return problem(
        p.code,
        row,
        column,
        p.value,
        `Ô ở cột "${column}" có byte ${p.value} (byte thứ ${p.offset} của tệp) không đúng mã UTF-8, trong khi phần còn lại của tệp là UTF-8: chữ có dấu sẽ bị sai. Hãy sửa ô này hoặc lưu lại tệp dạng "CSV UTF-8".`,
        { offset: p.offset ?? 0, byte: p.value },
      );
    default:
      return problem(p.code, row, column, p.value);
  }
}

/** no_header naming the columns the expected shape needs. */
export function noHeader(expected: string[]): ImportError {
  const list = expected.map((h) => `"${h}"`).join(', ');
  return problem(
    'no_header',
    1,
    '',
    '',
    `Không tìm thấy dòng tiêu đề. Dòng tiêu đề phải có các cột ${list} (xem mẫu tải về).`,
  );
}
