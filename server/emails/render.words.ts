/**
 * The words and number formats of the summary email in Vietnamese and English. Numbers follow
 * vi-VN (43.200.000 đ, 15,0%) in Vietnamese and en-GB grouping in English.
 */
import type { Lang } from '../../domain/schemas/recipient.ts';
import { formatPeriodEn, splitPeriod } from '../../domain/months.ts';

const nf = {
  vi: {
    int: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }),
    qty: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 }),
    pct: new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  },
  en: {
    int: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }),
    qty: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 }),
    pct: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  },
};

export const money = (n: number, lang: Lang) =>
  lang === 'vi' ? `${nf.vi.int.format(n)} đ` : `${nf.en.int.format(n)} VND`;
export const quantity = (n: number, unit: string | null, lang: Lang) =>
  `${nf[lang].qty.format(n)}${unit ? ` ${unit}` : ''}`;
export const percent = (n: number, lang: Lang) => `${nf[lang].pct.format(n)}%`;

/** "tháng 10/2026" / "October 2026". */
export const monthName = (period: string, lang: Lang) => {
  const { year, month } = splitPeriod(period);
  return lang === 'vi' ? `tháng ${month}/${year}` : formatPeriodEn(period);
};

export const words = {
  vi: {
    brand: 'Tiết kiệm',
    subject: (month: string, unit: string) => `[Tiết kiệm] Tổng hợp ${month} — ${unit}`,
    correctionSubject: (month: string, unit: string) => `[Tiết kiệm] ĐÍNH CHÍNH: Tổng hợp ${month} — ${unit}`,
    heading: (month: string) => `Tổng hợp ${month}`,
    greeting: (name: string) => `Kính gửi ${name},`,
    intro: (month: string, unit: string) =>
      `Kết quả thực hành tiết kiệm ${month} của ${unit} (gồm các đơn vị trực thuộc):`,
    correctionTitle: 'ĐÍNH CHÍNH',
    correction: (month: string) =>
      `Số liệu ${month} đã được điều chỉnh sau khi gửi bản tổng hợp trước. Thư này thay thế thư trước.`,
    month: (month: string) => `Tháng ${month.replace(/^tháng /, '')}`,
    ytd: (n: number, of: number) => (n === of ? `Lũy kế ${of} tháng` : `Lũy kế (${n}/${of} tháng có số liệu)`),
    actual: 'Thực chi',
    actualQty: 'Thực dùng',
    baseline: { norm: 'Định mức', previous_year: 'Cùng kỳ năm trước' },
    reduction: 'Kết quả',
    target: (t: string) => `chỉ tiêu: giảm ${t}`,
    noTarget: 'không có chỉ tiêu',
    down: (p: string) => `giảm ${p}`,
    up: (p: string) => `tăng ${p}`,
    flat: 'không đổi',
    unknown: 'chưa xác định',
    noBaseline: 'chưa có mức so sánh',
    met: 'Đạt',
    notMet: 'Chưa đạt',
    metUnknown: 'Chưa xác định',
    notSubmitted: 'Chưa nộp số liệu',
    missingTitle: (month: string) => `Đơn vị chưa nộp số liệu ${month}`,
    allSubmitted: (month: string) => `Tất cả đơn vị đã nộp số liệu ${month}.`,
    noFigures: (month: string) => `Chưa có số liệu ${month}.`,
    sentenceTitle: 'Lũy kế từ đầu năm',
    link: 'Xem bảng điều khiển',
    footer: 'Thư gửi tự động từ hệ thống Tiết Kiệm. Để ngừng nhận thư, liên hệ quản trị viên của đơn vị.',
    noCategories: 'Chưa có khoản chi nào được theo dõi.',
    outlook: 'Dự báo cuối năm',
    provisional: 'tạm tính',
    provisionalTitle: 'Tạm tính',
    provisionalWhy: 'Các số có tháng này là số tạm tính cho tới khi mọi đơn vị nộp đủ.',
  },
  en: {
    brand: 'Tiết kiệm',
    subject: (month: string, unit: string) => `[Tiết kiệm] Monthly summary ${month} — ${unit}`,
    correctionSubject: (month: string, unit: string) => `[Tiết kiệm] CORRECTION: Monthly summary ${month} — ${unit}`,
    heading: (month: string) => `Summary for ${month}`,
    greeting: (name: string) => `Dear ${name},`,
    intro: (month: string, unit: string) => `Thrift results for ${month} of ${unit} (including its divisions):`,
    correctionTitle: 'CORRECTION',
    correction: (month: string) =>
      `The figures for ${month} were corrected after the previous summary was sent. This message replaces it.`,
    month: (month: string) => month,
    ytd: (n: number, of: number) =>
      n === of ? `Year to date (${of} months)` : `Year to date (${n} of ${of} months submitted)`,
    actual: 'Actual',
    actualQty: 'Used',
    baseline: { norm: 'Norm', previous_year: 'Same month last year' },
    reduction: 'Result',
    target: (t: string) => `target: down ${t}`,
    noTarget: 'no target',
    down: (p: string) => `down ${p}`,
    up: (p: string) => `up ${p}`,
    flat: 'unchanged',
    unknown: 'unknown',
    noBaseline: 'no baseline',
    met: 'Met',
    notMet: 'Not met',
    metUnknown: 'Unknown',
    notSubmitted: 'Not submitted',
    missingTitle: (month: string) => `Units that have not submitted ${month}`,
    allSubmitted: (month: string) => `All units have submitted ${month}.`,
    noFigures: (month: string) => `No figures for ${month} yet.`,
    sentenceTitle: 'Year to date',
    link: 'Open the dashboard',
    footer: 'Sent automatically by Tiết Kiệm. To stop receiving it, ask your unit administrator.',
    noCategories: 'No categories are tracked yet.',
    outlook: 'Year-end outlook',
    provisional: 'provisional',
    provisionalTitle: 'Provisional',
    provisionalWhy: 'Figures that include these months are provisional until every unit has submitted.',
  },
} as const;
export type Words = (typeof words)[Lang];
