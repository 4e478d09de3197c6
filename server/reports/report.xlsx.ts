/**
 * The report as an XLSX workbook (exceljs): the template's headers in Vietnamese, numbers as
 * numeric cells with formats, and every text cell neutralised against formula injection
 * (OWASP: a leading = + - @ tab CR or NUL gets a ' in front), since unit names and
 * explanations are typed by people.
 */
import ExcelJS from 'exceljs';
import type { Report, ReportTemplate } from '../../domain/schemas/report.ts';
import {
  explanationText,
  generatedLine,
  headerLabels,
  subtitleLines,
  tableLines,
  templateOf,
} from './report.format.ts';

/** @example neutralise('=HYPERLINK(...)') // "'=HYPERLINK(...)" */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r\0]/.test(s) ? `'${s}` : s;
}

const COLS = 10;
const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

export async function renderXlsx(report: Report, templates: ReportTemplate[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tiết Kiệm';
  wb.created = new Date(report.generatedAt);
  const ws = wb.addWorksheet('Báo cáo', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [6, 30, 10, 18, 18, 18, 16, 12, 12, 14].map((width) => ({ width }));

  const line = (
    text: string,
    opts: { bold?: boolean; size?: number; center?: boolean; italic?: boolean; wrap?: boolean } = {},
  ) => {
    const row = ws.addRow([neutralise(text)]);
    ws.mergeCells(row.number, 1, row.number, COLS);
    const cell = row.getCell(1);
    cell.font = { name: 'Times New Roman', bold: opts.bold, italic: opts.italic, size: opts.size ?? 12 };
    cell.alignment = { horizontal: opts.center ? 'center' : 'left', vertical: 'middle', wrapText: opts.wrap ?? false };
    if (opts.wrap) row.height = Math.max(15, Math.ceil(text.length / 150) * 16);
    return row;
  };

  const t = report.template;
  line(t.nationalHeader[0] ?? '', { bold: true, center: true });
  line(t.nationalHeader[1] ?? '', { bold: true, center: true });
  ws.addRow([]);
  line(t.title, { bold: true, size: 14, center: true });
  for (const s of subtitleLines(report)) line(s, { center: true });
  ws.addRow([]);

  for (const section of report.sections) {
    const st = templateOf(report, templates, section.templateId);
    line(section.heading, { bold: true });
    line(section.legalBasis, { italic: true, wrap: true });
    line(st.headings.summary, { bold: true });
    line(section.sentence, { wrap: true });
    line(st.headings.table, { bold: true });
    const head = ws.addRow(headerLabels(st).map(neutralise));
    head.eachCell((c) => {
      c.font = { name: 'Times New Roman', bold: true, size: 11 };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = border;
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    });
    head.height = 32;
    for (const l of tableLines(section.rows, st)) {
      const row = ws.addRow([
        l.no,
        neutralise(l.category),
        neutralise(l.unit),
        neutralise(l.basis),
        l.baseline,
        l.actual,
        l.saved,
        l.reduction,
        l.target,
        neutralise(l.met),
      ]);
      for (let i = 1; i <= COLS; i++) {
        const c = row.getCell(i);
        c.border = border;
        c.font = { name: 'Times New Roman', size: 11, italic: l.no === '' };
        if (i >= 5 && i <= 7) c.numFmt = l.quantity ? '#,##0.###' : '#,##0';
        if (i === 8 || i === 9) c.numFmt = '0.0';
        if (i === 1 || i === 3 || i === 10) c.alignment = { horizontal: 'center' };
      }
    }
    ws.addRow([]);
  }

  line(t.headings.explanations, { bold: true });
  if (report.explanations.length === 0) line(t.words.noExplanationNeeded);
  for (const e of report.explanations) line(`${e.nameVi}: ${explanationText(e, t)}`, { wrap: true });
  ws.addRow([]);
  line(generatedLine(report), { italic: true });

  return Buffer.from(await wb.xlsx.writeBuffer());
}
