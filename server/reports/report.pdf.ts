/**
 * The filed report as a PDF (pdfkit), laid out per Nghị định 30/2020/NĐ-CP: A4 portrait with the
 * margins of report.layout.ts; at the top the superior and issuing bodies with the document number
 * (left) and the national motto with the place and date (right); "BÁO CÁO" and the subject; the
 * body blocks (domain/report-body.ts); "Nơi nhận" (left) and the signature block (right); page
 * numbers from page 2, centred in the top margin.
 *
 * Font: Tinos (report.layout.ts), metric-compatible with Times New Roman, embedded as a subset
 * with a ToUnicode map, so copied or extracted text keeps its diacritics.
 */
import PDFDocument from 'pdfkit';
import type { FiledReport } from '../../domain/schemas/report-document.ts';
import { reportBody, type BodyTable } from '../../domain/report-body.ts';
import { LEFT_SHARE, MM, PAGE, SIZE, tinos, type FontStyle as Font } from './report.layout.ts';

const LINE_GAP = 2;
const INDENT = 10 * MM;

export function renderPdf(report: FiledReport): Promise<Buffer> {
  const d = report.document;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    bufferPages: true,
    margins: { top: PAGE.topMm * MM, bottom: PAGE.bottomMm * MM, left: PAGE.leftMm * MM, right: PAGE.rightMm * MM },
    info: {
      Title: `${d.docType} ${d.subject}`,
      Author: d.issuerName,
      Subject: report.template.title,
      Creator: 'Tiết Kiệm',
    },
  });
  for (const [name, bytes] of Object.entries(tinos())) doc.registerFont(name, bytes);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const leftW = Math.round(width * LEFT_SHARE);
  const rightX = left + leftW;
  const rightW = width - leftW;

  const heightOf = (text: string, font: Font, size: number, w: number, indent = 0) => {
    doc.font(font).fontSize(size);
    return doc.heightOfString(text, { width: w, lineGap: LINE_GAP, indent });
  };
  /** Writes `text` in [x, x + w] from y; returns the y below it. */
  const write = (
    text: string,
    x: number,
    y: number,
    w: number,
    font: Font,
    size: number,
    align: 'left' | 'center' | 'right' | 'justify' = 'center',
    indent = 0,
  ) => {
    doc.font(font).fontSize(size).fillColor('black');
    doc.text(text, x, y, { width: w, align, lineGap: LINE_GAP, indent });
    return doc.y;
  };
  const rule = (cx: number, y: number, len: number) => {
    doc
      .moveTo(cx - len / 2, y)
      .lineTo(cx + len / 2, y)
      .lineWidth(0.6)
      .strokeColor('black')
      .stroke();
  };
  const widest = (text: string, font: Font, size: number, w: number) => {
    doc.font(font).fontSize(size);
    return Math.min(w, doc.widthOfString(text));
  };
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };

  // Header blocks: left the bodies and the number, right the motto, place and date; the number
  // and the place-and-date line on one level, under the taller of the two blocks above them.
  // Drawn column by column, so the text reads left block, then right block.
  const top = doc.page.margins.top;
  const motto = d.nationalHeader[1] ?? '';
  const leftTop =
    (d.superiorBody != null ? heightOf(d.superiorBody, 'regular', SIZE.superior, leftW) : 0) +
    heightOf(d.issuerName, 'bold', SIZE.issuer, leftW);
  const rightTop =
    heightOf(d.nationalHeader[0] ?? '', 'bold', SIZE.motto, rightW) + heightOf(motto, 'bold', SIZE.mottoSub, rightW);
  const lineY = top + Math.max(leftTop, rightTop) + 10;
  let ly = top;
  if (d.superiorBody != null) ly = write(d.superiorBody, left, ly, leftW, 'regular', SIZE.superior);
  ly = write(d.issuerName, left, ly, leftW, 'bold', SIZE.issuer);
  rule(left + leftW / 2, ly + 3, Math.max(40, widest(d.issuerName, 'bold', SIZE.issuer, leftW) / 3));
  ly = write(d.numberLine, left, lineY, leftW, 'regular', SIZE.number);
  let ry = write(d.nationalHeader[0] ?? '', rightX, top, rightW, 'bold', SIZE.motto);
  ry = write(motto, rightX, ry, rightW, 'bold', SIZE.mottoSub);
  rule(rightX + rightW / 2, ry + 3, widest(motto, 'bold', SIZE.mottoSub, rightW));
  ry = write(d.placeDate, rightX, lineY, rightW, 'italic', SIZE.placeDate);
  doc.y = Math.max(ly, ry) + 22;

  // Title and subject, a short rule under the subject.
  doc.y = write(d.docType, left, doc.y, width, 'bold', SIZE.docType);
  doc.y = write(d.subject, left, doc.y, width, 'bold', SIZE.subject);
  rule(left + width / 2, doc.y + 3, Math.max(60, widest(d.subject, 'bold', SIZE.subject, width) / 3));
  doc.y += 16;

  for (const b of reportBody(report)) {
    if (b.kind === 'heading') {
      // Keep a heading with at least two lines of what follows.
      ensure(heightOf(b.text, 'bold', SIZE.heading, width) + 40);
      doc.y = write(b.text, left, doc.y + 4, width, 'bold', SIZE.heading, 'left') + 3;
    } else if (b.kind === 'paragraph') {
      const font: Font = b.italic ? 'italic' : 'regular';
      ensure(heightOf(b.text, font, SIZE.body, width, INDENT));
      doc.y = write(b.text, left, doc.y, width, font, SIZE.body, 'justify', INDENT) + 4;
    } else if (b.kind === 'explanation') {
      const all = `${b.label}: ${b.text}`;
      ensure(heightOf(all, 'regular', SIZE.body, width, INDENT));
      doc.font('bold').fontSize(SIZE.body);
      doc.text(`${b.label}: `, left, doc.y, { width, lineGap: LINE_GAP, indent: INDENT, continued: true });
      doc.font(b.missing ? 'italic' : 'regular').text(b.text);
      doc.y += 4;
    } else {
      drawTable(doc, b, left, width, bottom);
      doc.y += 8;
    }
  }

  // "Nơi nhận" (left) and the signature block (right), kept together on one page.
  const recipients = d.recipients.join('\n');
  const signerLines: Array<[string, Font]> = [
    ...(d.signer.authority ? [[d.signer.authority, 'bold'] as [string, Font]] : []),
    [d.signer.title, 'bold'],
  ];
  const sigGap = 70;
  const leftH =
    heightOf(d.recipientsLabel, 'boldItalic', SIZE.recipientsLabel, leftW) +
    heightOf(recipients, 'regular', SIZE.recipients, leftW);
  const rightH =
    signerLines.reduce((h, [s, f]) => h + heightOf(s, f, SIZE.signer, rightW), 0) +
    sigGap +
    heightOf(d.signer.name, 'bold', SIZE.signer, rightW);
  doc.y += 12;
  ensure(Math.max(leftH, rightH));
  const sy = doc.y;
  ly = write(d.recipientsLabel, left, sy, leftW, 'boldItalic', SIZE.recipientsLabel, 'left');
  write(recipients, left, ly, leftW, 'regular', SIZE.recipients, 'left');
  ry = sy;
  for (const [s, f] of signerLines) ry = write(s, rightX, ry, rightW, f, SIZE.signer);
  write(d.signer.name, rightX, ry + sigGap, rightW, 'bold', SIZE.signer);

  // Page numbers from the second page, centred in the top margin.
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    write(String(i - range.start + 1), left, (PAGE.topMm * MM) / 2 - 6, width, 'regular', SIZE.pageNumber);
  }
  doc.end();
  return done;
}

function drawTable(doc: PDFKit.PDFDocument, t: BodyTable, x0: number, width: number, bottom: () => number): void {
  const pad = 3;
  const size = SIZE.table;
  const total = t.weights.reduce((a, b) => a + b, 0);
  const widths = t.weights.map((w) => (w / total) * width);
  const fontOf = (row: { sub?: boolean; own?: boolean } | null): Font =>
    row == null || row.own ? 'bold' : row.sub ? 'italic' : 'regular';
  const heightOf = (texts: string[], font: Font) => {
    doc.font(font).fontSize(size);
    return Math.max(...texts.map((s, i) => doc.heightOfString(s || ' ', { width: widths[i] - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (texts: string[], aligns: Array<'left' | 'center' | 'right'>, font: Font, isHeader: boolean) => {
    const h = heightOf(texts, font);
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (!isHeader) drawHeader();
    }
    const y = doc.y;
    let x = x0;
    texts.forEach((s, i) => {
      doc.rect(x, y, widths[i], h).lineWidth(0.5).strokeColor('black').stroke();
      doc.fillColor('black').font(font).fontSize(size);
      doc.text(s, x + pad, y + pad, { width: widths[i] - 2 * pad, align: aligns[i] });
      x += widths[i];
    });
    doc.x = x0;
    doc.y = y + h;
  };
  const drawHeader = () =>
    drawRow(
      t.header,
      t.header.map(() => 'center'),
      'bold',
      true,
    );
  // Keep the header with the first row.
  const first = t.rows[0];
  const need =
    heightOf(t.header, 'bold') +
    (first
      ? heightOf(
          first.cells.map((c) => c.text),
          fontOf(first),
        )
      : 0);
  if (doc.y + need > bottom()) doc.addPage();
  drawHeader();
  for (const r of t.rows)
    drawRow(
      r.cells.map((c) => c.text),
      r.cells.map((c) => c.align),
      fontOf(r),
      false,
    );
}
