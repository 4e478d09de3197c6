/**
 * The body of the filed report as a list of blocks (headings, paragraphs, tables with their
 * cells already worded and formatted in vi-VN), so that PDF, DOCX, XLSX and the printable page
 * say the same words and numbers in the same order and only lay them out. Pure.
 *
 * Order (Nghị định 30/2020/NĐ-CP: the body follows the title and subject): when the period spans
 * two laws (2026, split on 1 July), first the whole period — its heading, sentence and results
 * table, the one verdict per category; then per section (one per template in force) the section
 * heading when there are two, the legal basis, "I. KẾT QUẢ CHUNG" with the sentence, "II. …"
 * with the results table; "III. …" the explanations of targets missed, per section; "IV. …" the
 * emulation ranking when the unit is a member of a bloc (yearly reports only).
 *
 * Completeness: a part whose counted months include an incomplete one says "Tạm tính" with the
 * coverage ("Tháng 11/2026: 3/5 đơn vị đã nộp") and its verdicts say "(tạm tính)"; a part with no
 * figure says "Chưa có số liệu."; a period not yet over says through which month it counts.
 */
import type { Report, ReportRow, ReportSection } from './schemas/report.ts';
import type { FiledReport, ReportRanking } from './schemas/report-document.ts';
import { hasNoData, provisionalNote } from './coverage.ts';
import { splitPeriod } from './months.ts';

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
  | {
      kind: 'explanation';
      /** The section's key, under which the explanation is stored. */
      periodKey: string;
      categoryCode: string;
      label: string;
      text: string;
      missing: boolean;
      required: boolean;
    }
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

/** The word "tạm tính" a provisional verdict carries. */
export const PROVISIONAL_VI = 'tạm tính';

function resultRows(s: ReportSection): BodyRow[] {
  const w = s.words;
  const out: BodyRow[] = [];
  s.rows.forEach((r: ReportRow, i) => {
    const quantity = r.measure === 'quantity';
    const verdict = r.actual == null ? w.notSubmitted : r.met == null ? w.unknown : r.met ? w.met : w.notMet;
    const met = s.provisional && r.actual != null && r.met != null ? `${verdict} (${PROVISIONAL_VI})` : verdict;
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

/**
 * What a part of the report may claim: "Chưa có số liệu." when none of its counted months has a
 * figure, else "Tạm tính — Tháng 11/2026: 3/5 đơn vị đã nộp." when one of them is incomplete.
 */
export function coverageNote(s: Pick<ReportSection, 'months'>): string | null {
  if (hasNoData(s.months)) return 'Chưa có số liệu.';
  const note = provisionalNote(s.months, true);
  return note ? `${note.vi}.` : null;
}

/** "Số liệu tính đến hết tháng 11/2026 ..." for a period not over yet, else null. */
export function throughNote(r: Pick<Report, 'through' | 'period'>): string | null {
  if (r.through === r.period.to) return null;
  if (r.through == null) return `Chưa có tháng nào của kỳ báo cáo kết thúc.`;
  const { year, month } = splitPeriod(r.through);
  return `Số liệu tính đến hết tháng ${month}/${year}; các tháng chưa kết thúc không được tính.`;
}

/**
 * The line under "III. …" when nothing is to be explained: "Chưa có số liệu." without figures,
 * never "all met"; "(tạm tính)" when the counted months are incomplete.
 */
export function noExplanationText(r: Pick<Report, 'whole' | 'template'>): string {
  if (hasNoData(r.whole.months)) return 'Chưa có số liệu.';
  const text = r.template.words.noExplanationNeeded;
  return r.whole.provisional ? text.replace(/\.?$/, ` (${PROVISIONAL_VI}).`) : text;
}

/** An explanation's label: the category, with the section's months when the report has two. */
export function explanationLabel(r: Pick<Report, 'sections'>, e: Report['explanations'][number]): string {
  return r.sections.length > 1 ? `${e.nameVi} (${e.sectionLabel})` : e.nameVi;
}

/** A part of the body: the whole period (a split report), a legal period, the explanations, the ranking. */
export interface BodyPart {
  kind: 'whole' | 'legal' | 'explanations' | 'ranking';
  blocks: BodyBlock[];
}

export function reportParts(r: FiledReport): BodyPart[] {
  const parts: BodyPart[] = [];
  const split = r.sections.length > 1;
  const notes = (s: ReportSection, withThrough: boolean): BodyBlock[] =>
    [withThrough ? throughNote(r) : null, coverageNote(s)]
      .filter((text): text is string => text != null)
      .map((text) => ({ kind: 'paragraph', text, italic: true }));
  if (split)
    // One verdict per report: the whole period first.
    parts.push({
      kind: 'whole',
      blocks: [
        { kind: 'heading', text: r.whole.heading },
        { kind: 'paragraph', text: r.whole.sentence },
        ...notes(r.whole, true),
        resultsTable(r.whole),
      ],
    });
  for (const s of r.sections)
    parts.push({
      kind: 'legal',
      blocks: [
        ...(split ? [{ kind: 'heading', text: s.heading } as const] : []),
        { kind: 'paragraph', text: s.legalBasis, italic: true },
        { kind: 'heading', text: s.headings.summary },
        { kind: 'paragraph', text: s.sentence },
        ...notes(s, !split),
        { kind: 'heading', text: s.headings.table },
        resultsTable(s),
      ],
    });
  const t = r.template;
  parts.push({
    kind: 'explanations',
    blocks: [
      { kind: 'heading', text: t.headings.explanations },
      ...(r.explanations.length === 0 ? [{ kind: 'paragraph', text: noExplanationText(r) } as const] : []),
      ...r.explanations.map((e): BodyBlock => ({
        kind: 'explanation',
        periodKey: e.periodKey,
        categoryCode: e.categoryCode,
        label: explanationLabel(r, e),
        text: explanationText(e, t.words),
        missing: e.text == null,
        required: e.required,
      })),
    ],
  });
  const ranking = r.document.ranking;
  if (ranking)
    parts.push({
      kind: 'ranking',
      blocks: [
        { kind: 'heading', text: ranking.heading },
        ...ranking.lines.map((l): BodyBlock => ({ kind: 'paragraph', text: l })),
        rankingTable(ranking),
      ],
    });
  return parts;
}

export function reportBody(r: FiledReport): BodyBlock[] {
  return reportParts(r).flatMap((p) => p.blocks);
}
