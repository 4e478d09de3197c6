/**
 * The body of the filed report as a list of blocks (headings, paragraphs, tables with their
 * cells already worded and formatted in vi-VN), so that PDF, DOCX, XLSX and the printable page
 * say the same words and numbers in the same order and only lay them out. Pure.
 *
 * Order (Nghị định 30/2020/NĐ-CP: the body follows the title and subject):
 * per section (one per template in force; two only for a period spanning 1 July 2026) the
 * section heading when there are two, the legal basis, "I. KẾT QUẢ CHUNG" with the sentence,
 * "II. …" with the results table; the overall sentence when there are two sections; "III. …"
 * the explanations of missed targets; "IV. …" the emulation ranking when the unit is a member
 * of a bloc (yearly reports only).
 */
import type { Report, ReportRow, ReportSection } from './schemas/report.ts';
import type { FiledReport, ReportRanking } from './schemas/report-document.ts';

const intFmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const qtyFmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });
const pctFmt = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** @example formatNumber(43200000) // '43.200.000' */
export const formatNumber = (n: number | null, quantity = false) =>
  n == null ? '—' : (quantity ? qtyFmt : intFmt).format(n);
/** @example formatPct(10) // '10,0' */
export const formatPct = (n: number | null) => (n == null ? '—' : pctFmt.format(n));

export type Align = 'left' | 'center' | 'right';

export interface BodyCell {
  text: string;
  align: Align;
  /** The number behind the text, for formats that keep numbers (XLSX). */
  value?: number | null;
  /** Excel number format of `value`. */
  numFmt?: string;
}

export interface BodyRow {
  cells: BodyCell[];
  /** A second line (electricity in đồng). */
  sub?: boolean;
  /** The reporting unit's own line (ranking). */
  own?: boolean;
  /** Good/bad marks for the screen: index of the cell → tone. */
  tone?: Record<number, 'good' | 'bad' | 'muted'>;
}

export interface BodyTable {
  kind: 'table';
  /** What the table is, for screen readers. */
  caption: string;
  header: string[];
  /** Relative column widths (a renderer scales them to its page). */
  weights: number[];
  rows: BodyRow[];
}

export type BodyBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; italic?: boolean }
  /** An explanation of a missed target: the category, then the text (editable on screen). */
  | { kind: 'explanation'; categoryCode: string; label: string; text: string; missing: boolean; required: boolean }
  | BodyTable;

/** Relative widths of the results table: fits A4 portrait between the ND30 margins at 10 pt. */
export const RESULT_WEIGHTS = [6, 17, 7, 11, 13, 13, 12, 8, 8, 9];

const num = (n: number | null, quantity: boolean): BodyCell => ({
  text: formatNumber(n, quantity),
  align: 'right',
  value: n,
  numFmt: quantity ? '#,##0.###' : '#,##0',
});
const pct = (n: number | null): BodyCell => ({ text: formatPct(n), align: 'right', value: n, numFmt: '0.0' });
const text = (s: string, align: Align = 'left'): BodyCell => ({ text: s, align });
const empty = (): BodyCell => ({ text: '', align: 'left' });

function resultRows(s: ReportSection): BodyRow[] {
  const w = s.words;
  const out: BodyRow[] = [];
  s.rows.forEach((r: ReportRow, i) => {
    const quantity = r.measure === 'quantity';
    const met = r.actual == null ? w.notSubmitted : r.met == null ? w.unknown : r.met ? w.met : w.notMet;
    out.push({
      cells: [
        text(String(i + 1), 'center'),
        text(r.nameVi),
        text(quantity ? (r.quantityUnit ?? '') : w.amountUnit, 'center'),
        text(r.basis === 'norm' ? w.basisNorm : w.basisPreviousYear),
        num(r.baseline, quantity),
        num(r.actual, quantity),
        num(r.saved, quantity),
        pct(r.reduction),
        pct(r.target),
        text(met, 'center'),
      ],
      tone: {
        6: r.saved != null && r.saved < 0 ? 'bad' : 'good',
        9: r.actual == null ? 'muted' : r.met === false ? 'bad' : r.met ? 'good' : 'muted',
      },
    });
    if (quantity)
      out.push({
        sub: true,
        cells: [
          empty(),
          text(`${r.nameVi} (thành tiền)`),
          text(w.amountUnit, 'center'),
          empty(),
          num(r.baselineAmount, false),
          num(r.actualAmount, false),
          num(r.savedAmount, false),
          empty(),
          empty(),
          empty(),
        ],
      });
  });
  return out;
}

const COLUMN_KEYS = [
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

export function resultsTable(s: ReportSection): BodyTable {
  return {
    kind: 'table',
    caption: s.headings.table,
    header: COLUMN_KEYS.map((k) => s.columns[k]),
    weights: RESULT_WEIGHTS,
    rows: resultRows(s),
  };
}

const pointsFmt = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function rankingTable(r: ReportRanking): BodyTable {
  return {
    kind: 'table',
    caption: r.heading,
    header: ['Xếp hạng', 'Đơn vị', 'Tổng điểm'],
    weights: [14, 66, 20],
    rows: r.members.map((m) => ({
      own: m.own,
      cells: [
        text(String(m.rank), 'center'),
        text(m.name),
        { text: pointsFmt.format(m.total), align: 'right', value: m.total, numFmt: '0.0' },
      ],
    })),
  };
}

/** An explanation as printed: its text, or "Chưa có giải trình", marked "(bắt buộc)" when required. */
export function explanationText(e: Report['explanations'][number], words: Report['template']['words']): string {
  return e.text ?? `${words.missingExplanation}${e.required ? ' (bắt buộc)' : ''}`;
}

export function reportBody(r: FiledReport): BodyBlock[] {
  const out: BodyBlock[] = [];
  const split = r.sections.length > 1;
  for (const s of r.sections) {
    if (split) out.push({ kind: 'heading', text: s.heading });
    out.push({ kind: 'paragraph', text: s.legalBasis, italic: true });
    out.push({ kind: 'heading', text: s.headings.summary });
    out.push({ kind: 'paragraph', text: s.sentence });
    out.push({ kind: 'heading', text: s.headings.table });
    out.push(resultsTable(s));
  }
  if (split) out.push({ kind: 'paragraph', text: r.sentence.vi });
  const t = r.template;
  out.push({ kind: 'heading', text: t.headings.explanations });
  if (r.explanations.length === 0) out.push({ kind: 'paragraph', text: t.words.noExplanationNeeded });
  for (const e of r.explanations)
    out.push({
      kind: 'explanation',
      categoryCode: e.categoryCode,
      label: e.nameVi,
      text: explanationText(e, t.words),
      missing: e.text == null,
      required: e.required,
    });
  const ranking = r.document.ranking;
  if (ranking) {
    out.push({ kind: 'heading', text: ranking.heading });
    for (const l of ranking.lines) out.push({ kind: 'paragraph', text: l });
    out.push(rankingTable(ranking));
  }
  return out;
}
