/**
 * The report as a PDF (pdfkit), A4 landscape. Vietnamese needs a font with its precomposed
 * glyphs (ạ ầ ễ ờ ự ...): DejaVu Serif, shipped inside the dejavu-fonts-ttf npm package, embedded
 * as a subset with a ToUnicode map so that copied or extracted text keeps its diacritics.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Report, ReportTemplate } from '../../domain/schemas/report.ts';
import {
  explanationText,
  formatNumber,
  formatPct,
  generatedLine,
  headerLabels,
  subtitleLines,
  tableLines,
  templateOf,
  type TableLine,
} from './report.format.ts';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = {
  regular: path.join(FONT_DIR, 'DejaVuSerif.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSerif-Bold.ttf'),
  italic: path.join(FONT_DIR, 'DejaVuSerif-Italic.ttf'),
};

// Read once: each render parses and subsets them, but need not touch the disk again.
let fontBytes: Record<keyof typeof FONTS, Buffer> | undefined;
const fontData = () =>
  (fontBytes ??= {
    regular: fs.readFileSync(FONTS.regular),
    bold: fs.readFileSync(FONTS.bold),
    italic: fs.readFileSync(FONTS.italic),
  });

const MARGIN = 40;
/** Column widths in points (A4 landscape: 842 − 2 × 40 = 762). */
const WIDTHS = [28, 150, 42, 78, 82, 82, 78, 58, 58, 106];
const NUMERIC = new Set([4, 5, 6, 7, 8]);

function cells(l: TableLine): string[] {
  return [
    l.no,
    l.category,
    l.unit,
    l.basis,
    formatNumber(l.baseline, l.quantity),
    formatNumber(l.actual, l.quantity),
    formatNumber(l.saved, l.quantity),
    l.no === '' ? '' : formatPct(l.reduction),
    l.no === '' ? '' : formatPct(l.target),
    l.met,
  ];
}

export function renderPdf(report: Report, templates: ReportTemplate[]): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: {
      Title: `${report.template.title} - ${report.unit.name} - ${report.period.labelVi}`,
      Author: report.unit.name,
      Creator: 'Tiết Kiệm',
    },
  });
  const fonts = fontData();
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.registerFont('italic', fonts.italic);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;
  const para = (
    text: string,
    font: keyof typeof FONTS,
    size: number,
    align: 'left' | 'center' | 'justify' = 'left',
    gap = 4,
  ) => {
    doc.font(font).fontSize(size);
    if (doc.y + doc.heightOfString(text, { width }) > bottom()) doc.addPage();
    doc.text(text, MARGIN, doc.y, { width, align });
    doc.y += gap;
  };

  const t = report.template;
  for (const h of t.nationalHeader) para(h, 'bold', 11, 'center', 1);
  doc.y += 14;
  para(t.title, 'bold', 15, 'center', 4);
  for (const s of subtitleLines(report)) para(s, 'regular', 11, 'center', 1);
  doc.y += 10;

  for (const section of report.sections) {
    const st = templateOf(report, templates, section.templateId);
    para(section.heading, 'bold', 12);
    para(section.legalBasis, 'italic', 10, 'justify', 6);
    para(st.headings.summary, 'bold', 11);
    para(section.sentence, 'regular', 11, 'justify', 6);
    // Keep the table heading with the table's header and first row.
    if (doc.y + 90 > bottom()) doc.addPage();
    para(st.headings.table, 'bold', 11);
    drawTable(doc, headerLabels(st), tableLines(section.rows, st).map(cells), bottom);
    doc.y += 12;
  }

  para(t.headings.explanations, 'bold', 11);
  if (report.explanations.length === 0) para(t.words.noExplanationNeeded, 'regular', 11);
  for (const e of report.explanations) para(`${e.nameVi}: ${explanationText(e, t)}`, 'regular', 11, 'justify');
  doc.y += 6;
  para(generatedLine(report), 'italic', 10);
  doc.end();
  return done;
}

function drawTable(doc: PDFKit.PDFDocument, header: string[], rows: string[][], bottom: () => number): void {
  const pad = 3;
  const rowHeight = (texts: string[], font: string, size: number) => {
    doc.font(font).fontSize(size);
    return Math.max(...texts.map((s, i) => doc.heightOfString(s || ' ', { width: WIDTHS[i] - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (texts: string[], font: string, size: number, fill?: string) => {
    const h = rowHeight(texts, font, size);
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (texts !== header) drawRow(header, 'bold', 8.5, '#e8eef7');
    }
    const y = doc.y;
    let x = MARGIN;
    texts.forEach((s, i) => {
      if (fill) doc.rect(x, y, WIDTHS[i], h).fill(fill);
      doc.rect(x, y, WIDTHS[i], h).lineWidth(0.5).stroke('#444444');
      doc.fillColor('black').font(font).fontSize(size);
      const align = fill ? 'center' : NUMERIC.has(i) ? 'right' : i === 0 || i === 2 || i === 9 ? 'center' : 'left';
      doc.text(s, x + pad, y + pad, { width: WIDTHS[i] - 2 * pad, align });
      x += WIDTHS[i];
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  drawRow(header, 'bold', 8.5, '#e8eef7');
  for (const r of rows) drawRow(r, r[0] === '' ? 'italic' : 'regular', 9);
}
