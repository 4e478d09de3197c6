/**
 * How a report model reads as table cells, shared by the XLSX and PDF renderers so that both
 * show the same words and numbers: vi-VN digits (43.200.000; 10,0), the template's words.
 */
import type { Report, ReportRow, ReportTemplate } from '../../domain/schemas/report.ts';

const intFmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const qtyFmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });
const pctFmt = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** @example formatNumber(43200000) // '43.200.000' */
export const formatNumber = (n: number | null, quantity = false) =>
  n == null ? '—' : (quantity ? qtyFmt : intFmt).format(n);
/** @example formatPct(10) // '10,0' */
export const formatPct = (n: number | null) => (n == null ? '—' : pctFmt.format(n));

/** One printed line of the category table. Electricity gets a second line in đồng. */
export interface TableLine {
  no: string;
  category: string;
  unit: string;
  basis: string;
  baseline: number | null;
  actual: number | null;
  saved: number | null;
  reduction: number | null;
  target: number | null;
  met: string;
  quantity: boolean;
}

export function tableLines(rows: ReportRow[], t: ReportTemplate): TableLine[] {
  const out: TableLine[] = [];
  rows.forEach((r, i) => {
    const quantity = r.measure === 'quantity';
    out.push({
      no: String(i + 1),
      category: r.nameVi,
      unit: quantity ? (r.quantityUnit ?? '') : t.words.amountUnit,
      basis: r.basis === 'norm' ? t.words.basisNorm : t.words.basisPreviousYear,
      baseline: r.baseline,
      actual: r.actual,
      saved: r.saved,
      reduction: r.reduction,
      target: r.target,
      met:
        r.actual == null
          ? t.words.notSubmitted
          : r.met == null
            ? t.words.unknown
            : r.met
              ? t.words.met
              : t.words.notMet,
      quantity,
    });
    if (quantity) {
      out.push({
        no: '',
        category: `${r.nameVi} (thành tiền)`,
        unit: t.words.amountUnit,
        basis: '',
        baseline: r.baselineAmount,
        actual: r.actualAmount,
        saved: r.savedAmount,
        reduction: null,
        target: null,
        met: '',
        quantity: false,
      });
    }
  });
  return out;
}

export const COLUMN_KEYS = [
  'no',
  'category',
  'unit',
  'basis',
  'baseline',
  'actual',
  'saved',
  'reduction',
  'target',
  'met',
] as const;

export function headerLabels(t: ReportTemplate): string[] {
  return COLUMN_KEYS.map((k) => t.columns[k]);
}

/** The unit and period lines under the title. */
export function subtitleLines(r: Report): string[] {
  return [`Đơn vị: ${r.unit.name}`, `Kỳ báo cáo: ${r.period.labelVi}`];
}

/** "Ngày lập: 06/11/2026" in Asia/Ho_Chi_Minh. */
export function generatedLine(r: Report): string {
  const d = new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(r.generatedAt));
  return `Ngày lập: ${d}`;
}

/** Templates of the report's sections, by id. */
export function templateOf(r: Report, templates: ReportTemplate[], id: string): ReportTemplate {
  return templates.find((t) => t.id === id) ?? r.template;
}

/** An explanation as printed: its text, or "Chưa có giải trình", marked "(bắt buộc)" when required. */
export function explanationText(e: Report['explanations'][number], t: ReportTemplate): string {
  return e.text ?? `${t.words.missingExplanation}${e.required ? ' (bắt buộc)' : ''}`;
}
