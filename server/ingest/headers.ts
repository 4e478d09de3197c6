/**
 * The headers of each file shape: the canonical Vietnamese text (templates and error files use it)
 * and the synonyms people write instead, compared through foldKey. A header row is the first row
 * whose cells name the shape's columns; title rows above it are skipped.
 */
import { foldKey } from '../../domain/text.ts';

export const LONG_HEADERS = ['Mã đơn vị', 'Kỳ', 'Khoản chi', 'Số tiền (đồng)', 'Số lượng', 'Ghi chú'];
export const WIDE_BASE_HEADERS = ['Đơn vị', 'Tháng'];
export const UNITS_HEADERS = ['Mã đơn vị', 'Tên đơn vị', 'Đơn vị cấp trên', 'Biên chế', 'Tên khác'];
export const NORMS_HEADERS = [
  'Mã đơn vị',
  'Năm',
  'Khoản chi',
  'Cơ sở so sánh',
  'Định mức tháng (đồng)',
  'Định mức tháng (số lượng)',
  'Chỉ tiêu tiết kiệm (%)',
  'Định mức theo người (đồng)',
];

/** A column of a shape: its canonical header, synonyms (first = preferred), and whether required. */
export interface FieldSpec {
  header: string;
  synonyms: string[];
  required: boolean;
}

const UNIT_SYNONYMS = ['Mã đơn vị', 'Mã ĐV', 'Đơn vị', 'Tên đơn vị', 'Đơn vị báo cáo', 'Mã', 'Unit', 'Unit code'];
const PERIOD_SYNONYMS = ['Kỳ', 'Tháng', 'Kỳ báo cáo', 'Tháng/năm', 'Tháng năm', 'Kỳ (tháng)', 'Period', 'Month'];
const CATEGORY_SYNONYMS = [
  'Khoản chi',
  'Mã khoản chi',
  'Loại chi',
  'Khoản mục chi',
  'Khoản mục',
  'Nội dung chi',
  'Category',
];

export const FIGURE_FIELDS = {
  unit: { header: 'Mã đơn vị', synonyms: UNIT_SYNONYMS, required: true },
  period: { header: 'Kỳ', synonyms: PERIOD_SYNONYMS, required: true },
  category: { header: 'Khoản chi', synonyms: CATEGORY_SYNONYMS, required: true },
  amount: {
    header: 'Số tiền (đồng)',
    synonyms: [
      'Số tiền (đồng)',
      'Số tiền',
      'Số tiền (VND)',
      'Số tiền (đ)',
      'Thành tiền',
      'Thành tiền (đồng)',
      'Số tiền chi',
      'Giá trị',
      'Amount',
    ],
    required: true,
  },
  quantity: { header: 'Số lượng', synonyms: ['Số lượng', 'Khối lượng', 'Sản lượng', 'Quantity'], required: false },
  note: { header: 'Ghi chú', synonyms: ['Ghi chú', 'Diễn giải', 'Note'], required: false },
} satisfies Record<string, FieldSpec>;

export const UNIT_FIELDS = {
  code: { header: 'Mã đơn vị', synonyms: ['Mã đơn vị', 'Mã ĐV', 'Mã', 'Code', 'Unit code'], required: true },
  name: { header: 'Tên đơn vị', synonyms: ['Tên đơn vị', 'Tên', 'Đơn vị', 'Name'], required: true },
  parent: {
    header: 'Đơn vị cấp trên',
    synonyms: ['Đơn vị cấp trên', 'Mã đơn vị cấp trên', 'Cấp trên', 'Đơn vị chủ quản', 'Parent', 'Parent code'],
    required: true,
  },
  headcount: {
    header: 'Biên chế',
    synonyms: ['Biên chế', 'Số biên chế', 'Số người', 'Nhân sự', 'Headcount'],
    required: true,
  },
  aliases: { header: 'Tên khác', synonyms: ['Tên khác', 'Tên gọi khác', 'Bí danh', 'Aliases'], required: false },
} satisfies Record<string, FieldSpec>;

export const NORM_FIELDS = {
  unit: { header: 'Mã đơn vị', synonyms: UNIT_SYNONYMS, required: true },
  year: { header: 'Năm', synonyms: ['Năm', 'Year'], required: true },
  category: { header: 'Khoản chi', synonyms: CATEGORY_SYNONYMS, required: true },
  basis: { header: 'Cơ sở so sánh', synonyms: ['Cơ sở so sánh', 'Cơ sở', 'Basis'], required: true },
  normAmount: {
    header: 'Định mức tháng (đồng)',
    synonyms: ['Định mức tháng (đồng)', 'Định mức tháng', 'Định mức (đồng)', 'Định mức'],
    required: true,
  },
  normQuantity: {
    header: 'Định mức tháng (số lượng)',
    synonyms: ['Định mức tháng (số lượng)', 'Định mức (số lượng)', 'Định mức số lượng'],
    required: true,
  },
  target: {
    header: 'Chỉ tiêu tiết kiệm (%)',
    synonyms: ['Chỉ tiêu tiết kiệm (%)', 'Chỉ tiêu tiết kiệm', 'Chỉ tiêu (%)', 'Chỉ tiêu', 'Target'],
    required: true,
  },
  perCapita: {
    header: 'Định mức theo người (đồng)',
    synonyms: ['Định mức theo người (đồng)', 'Định mức theo người', 'Định mức/người', 'Định mức bình quân người'],
    required: false,
  },
} satisfies Record<string, FieldSpec>;

/** Column index of each field found in a header row (-1 when absent), plus the cells no field took. */
export interface FieldMatch<K extends string> {
  cols: Record<K, number>;
  found: number;
  /** Indices of non-empty header cells that matched no field. */
  others: number[];
}

/**
 * Assigns header cells to fields. When several cells could be one field, the one written with the
 * field's most preferred synonym wins (`Mã đơn vị` over `Tên đơn vị` for the unit column).
 */
export function matchFields<K extends string>(cells: string[], fields: Record<K, FieldSpec>): FieldMatch<K> {
  const keys = Object.keys(fields) as K[];
  const folded = cells.map((c) => foldKey(c));
  const cols = {} as Record<K, number>;
  const best = {} as Record<K, number>;
  const taken = new Set<number>();
  for (const k of keys) {
    cols[k] = -1;
    best[k] = Infinity;
    const syn = fields[k].synonyms.map(foldKey);
    folded.forEach((f, i) => {
      const rank = f ? syn.indexOf(f) : -1;
      if (rank >= 0 && rank < best[k] && !taken.has(i)) {
        best[k] = rank;
        cols[k] = i;
      }
    });
    if (cols[k] >= 0) taken.add(cols[k]);
  }
  // Any cell that is a synonym of some field counts as recognised even if another cell took it.
  const allSyn = new Set(keys.flatMap((k) => fields[k].synonyms.map(foldKey)));
  const others: number[] = [];
  folded.forEach((f, i) => {
    if (f && !taken.has(i) && !allSyn.has(f)) others.push(i);
  });
  return { cols, found: taken.size, others };
}

/** The required fields a match lacks, by canonical header. */
export function missingFields<K extends string>(m: FieldMatch<K>, fields: Record<K, FieldSpec>): string[] {
  return (Object.keys(fields) as K[]).filter((k) => fields[k].required && m.cols[k] < 0).map((k) => fields[k].header);
}

const TOTAL_WORDS = new Set(['tong cong', 'tong', 'cong', 'total', 'tong so', 'grand total', 'cong lai']);

/** A totals row ('Tổng cộng', 'Tổng', 'Cộng' in any case or spelling) is skipped, not read. */
export function isTotalsText(text: string): boolean {
  // Cheap pre-check first: this runs on every data row.
  if (text.length > 16 || !/^\s*[tcgTCG]/.test(text)) return false;
  return TOTAL_WORDS.has(foldKey(text));
}

/** Columns a wide file may have that are neither a category nor a base field. */
const WIDE_IGNORED = new Set(['stt', 'tt', 'so tt', 'so thu tu', 'tong', 'tong cong', 'cong', 'total']);
export function isIgnorableWideHeader(text: string): boolean {
  return WIDE_IGNORED.has(foldKey(text));
}
