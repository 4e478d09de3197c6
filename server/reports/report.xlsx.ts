/**
 * The filed report as an XLSX workbook (exceljs), laid out like the PDF (Nghị định 30/2020/NĐ-CP):
 * the header blocks in merged cells (bodies and number over columns A–D, motto, place and date over
 * E–J), "BÁO CÁO" and the subject, the body blocks with numbers as numeric cells with formats,
 * "Nơi nhận" and the signature block; A4 portrait with the ND30 margins, one page wide, Times New
 * Roman. Every text cell is neutralised against formula injection (OWASP: a leading = + - @ tab
 * CR or NUL gets a ' in front), since unit names and explanations are typed by people.
 */
import ExcelJS from 'exceljs';
import type { FiledReport } from '../../domain/schemas/report-document.ts';
import { reportBody, RESULT_WEIGHTS, type BodyTable } from '../../domain/report-body.ts';
import { FONT_NAME, PAGE, SIZE } from './report.layout.ts';

/** @example neutralise('=HYPERLINK(...)') // "'=HYPERLINK(...)" */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r\0]/.test(s) ? `'${s}` : s;
}

const COLS = RESULT_WEIGHTS.length;
/** Columns A–D carry the left blocks, E–J the right ones. */
const SPLIT = 4;
const WIDTHS = RESULT_WEIGHTS.map((w) => Math.round(w * 9.5) / 10);
const CHARS_PER_LINE = WIDTHS.reduce((a, b) => a + b, 0) * 1.05;
const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const mmToInch = (mm: number) => Math.round((mm / 25.4) * 100) / 100;

interface Style {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  wrap?: boolean;
}

export async function renderXlsx(report: FiledReport): Promise<Buffer> {
  const d = report.document;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tiết Kiệm';
  wb.created = new Date(report.generatedAt);
  const ws = wb.addWorksheet('Báo cáo', {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: false,
      margins: {
        top: mmToInch(PAGE.topMm),
        bottom: mmToInch(PAGE.bottomMm),
        left: mmToInch(PAGE.leftMm),
        right: mmToInch(PAGE.rightMm),
        header: 0.3,
        footer: 0.3,
      },
    },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));

  const style = (cell: ExcelJS.Cell, s: Style) => {
    cell.font = { name: FONT_NAME, bold: s.bold, italic: s.italic, size: s.size ?? SIZE.body };
    cell.alignment = { horizontal: s.align ?? 'center', vertical: 'top', wrapText: s.wrap ?? true };
  };
  const lines = (text: string, chars: number, size: number) =>
    Math.max(1, Math.ceil((text.length * size) / 12 / chars));
  /** One text over the whole width. */
  const line = (text: string, s: Style = {}) => {
    const row = ws.addRow([neutralise(text)]);
    ws.mergeCells(row.number, 1, row.number, COLS);
    style(row.getCell(1), s);
    const size = s.size ?? SIZE.body;
    row.height = lines(text, CHARS_PER_LINE, size) * size * 1.35;
    return row;
  };
  /** A left text over A–D and a right text over E–J on one row. */
  const pair = (l: string | null, ls: Style, r: string | null, rs: Style) => {
    const row = ws.addRow([]);
    ws.mergeCells(row.number, 1, row.number, SPLIT);
    ws.mergeCells(row.number, SPLIT + 1, row.number, COLS);
    const lc = row.getCell(1);
    const rc = row.getCell(SPLIT + 1);
    lc.value = l == null ? null : neutralise(l);
    rc.value = r == null ? null : neutralise(r);
    style(lc, ls);
    style(rc, rs);
    const leftChars = CHARS_PER_LINE * 0.4;
    const h = Math.max(
      l ? lines(l, leftChars, ls.size ?? SIZE.body) * (ls.size ?? SIZE.body) : 0,
      r ? lines(r, CHARS_PER_LINE - leftChars, rs.size ?? SIZE.body) * (rs.size ?? SIZE.body) : 0,
      SIZE.body,
    );
    row.height = h * 1.35;
  };

  // Header blocks.
  pair(d.superiorBody, { size: SIZE.superior }, d.nationalHeader[0] ?? '', { bold: true, size: SIZE.motto });
  pair(d.issuerName, { bold: true, size: SIZE.issuer }, d.nationalHeader[1] ?? '', {
    bold: true,
    size: SIZE.mottoSub,
  });
  pair(d.numberLine, { size: SIZE.number }, d.placeDate, { italic: true, size: SIZE.placeDate });
  ws.addRow([]);
  line(d.docType, { bold: true, size: SIZE.docType });
  line(d.subject, { bold: true, size: SIZE.subject });
  ws.addRow([]);

  for (const b of reportBody(report)) {
    if (b.kind === 'heading') line(b.text, { bold: true, size: SIZE.heading, align: 'left' });
    else if (b.kind === 'paragraph') line(b.text, { italic: b.italic, align: 'justify' });
    else if (b.kind === 'explanation') line(`${b.label}: ${b.text}`, { align: 'justify' });
    else {
      table(ws, b);
      ws.addRow([]);
    }
  }

  // "Nơi nhận" and the signature block.
  ws.addRow([]);
  const right: Array<[string | null, Style]> = [
    ...(d.signer.authority ? [[d.signer.authority, { bold: true, size: SIZE.signer }] as [string, Style]] : []),
    [d.signer.title, { bold: true, size: SIZE.signer }],
  ];
  const left: Array<[string | null, Style]> = [
    [d.recipientsLabel, { bold: true, italic: true, size: SIZE.recipientsLabel, align: 'left' }],
    ...d.recipients.map((r): [string, Style] => [r, { size: SIZE.recipients, align: 'left' }]),
  ];
  // The name four lines under the title (room to sign), or under the last recipient.
  const nameRow = Math.max(left.length - 1, right.length + 4);
  while (right.length < nameRow) right.push([null, {}]);
  right.push([d.signer.name, { bold: true, size: SIZE.signer }]);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const [l, ls] = left[i] ?? [null, {}];
    const [r, rs] = right[i] ?? [null, {}];
    pair(l, ls, r, rs);
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A body table over the columns: one column per results column; narrower tables merge cells. */
function table(ws: ExcelJS.Worksheet, t: BodyTable): void {
  // Spread the table's columns over the sheet's ten by their weights.
  const total = t.weights.reduce((a, b) => a + b, 0);
  const spans: Array<[number, number]> = [];
  let from = 1;
  let acc = 0;
  t.weights.forEach((w, i) => {
    acc += w;
    const to =
      t.weights.length === COLS
        ? i + 1
        : i === t.weights.length - 1
          ? COLS
          : Math.max(from, Math.round((acc / total) * COLS));
    spans.push([from, to]);
    from = to + 1;
  });
  const put = (values: Array<string | number | null>, s: (i: number) => Style & { numFmt?: string }) => {
    const row = ws.addRow([]);
    values.forEach((v, i) => {
      const [a, b] = spans[i];
      if (b > a) ws.mergeCells(row.number, a, row.number, b);
      const cell = row.getCell(a);
      cell.value = typeof v === 'string' ? neutralise(v) : v;
      const st = s(i);
      style(cell, st);
      if (st.numFmt) cell.numFmt = st.numFmt;
      for (let c = a; c <= b; c++) row.getCell(c).border = border;
    });
    return row;
  };
  const style = (cell: ExcelJS.Cell, s: Style) => {
    cell.font = { name: FONT_NAME, bold: s.bold, italic: s.italic, size: SIZE.table + 1 };
    cell.alignment = { horizontal: s.align ?? 'left', vertical: 'middle', wrapText: true };
  };
  const head = put(t.header, () => ({ bold: true, align: 'center' }));
  head.height = 42;
  for (const r of t.rows)
    put(
      r.cells.map((c) => (c.numFmt ? (c.value ?? null) : c.text)),
      (i) => ({
        bold: r.own,
        italic: r.sub,
        align: r.cells[i].align,
        numFmt: r.cells[i].numFmt,
      }),
    );
}
