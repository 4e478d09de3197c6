/**
 * The filed report as DOCX (the `docx` library), for the agency to edit before signing: the same
 * layout as the PDF (Nghị định 30/2020/NĐ-CP) made of real paragraphs and tables only — the
 * header and the "Nơi nhận"/signature blocks are borderless two-column tables, the rules under
 * the issuer, the motto and the subject are paragraph borders — with Times New Roman named as the
 * font of every run, A4 portrait with the ND30 margins and page numbers from page 2.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
} from 'docx';
import type { FiledReport } from '../../domain/schemas/report-document.ts';
import { reportBody, type Align, type BodyTable } from '../../domain/report-body.ts';
import { BODY_WIDTH_MM, FONT_NAME, LEFT_SHARE, PAGE, SIZE, textWidth, type FontStyle } from './report.layout.ts';

const TWIP_PER_PT = 20;
/** Millimetres to whole twips, rounded (docx's own helper floors: 297 mm → 16837). */
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const BODY = mm(BODY_WIDTH_MM);
const LEFT = Math.round(BODY * LEFT_SHARE);
const RIGHT = BODY - LEFT;

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size: number;
}
const run = (text: string, s: RunStyle) =>
  new TextRun({ text, font: FONT_NAME, bold: s.bold, italics: s.italics, size: Math.round(s.size * 2) });

const para = (
  text: string,
  s: RunStyle & { align?: keyof typeof ALIGN; firstLine?: boolean; after?: number; before?: number },
) =>
  new Paragraph({
    alignment: ALIGN[s.align ?? 'center'],
    indent: s.firstLine ? { firstLine: mm(10) } : undefined,
    spacing: { before: (s.before ?? 0) * TWIP_PER_PT, after: (s.after ?? 0) * TWIP_PER_PT },
    children: [run(text, s)],
  });

const styleOf = (s: RunStyle): FontStyle =>
  s.bold && s.italics ? 'boldItalic' : s.bold ? 'bold' : s.italics ? 'italic' : 'regular';

/** A rule of `lengthPt` centred in a column `colTwips` wide: an empty paragraph's bottom border. */
function rule(lengthPt: number, colTwips: number): Paragraph {
  const len = Math.min(colTwips, Math.round(lengthPt * TWIP_PER_PT));
  const side = Math.max(0, Math.round((colTwips - len) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 50, after: 0, line: 40, lineRule: 'exact' },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

/** A borderless two-column table (header blocks; "Nơi nhận" and signature). */
function twoColumns(left: Paragraph[], right: Paragraph[]): Table {
  const cell = (children: Paragraph[], w: number) =>
    new TableCell({
      width: { size: w, type: WidthType.DXA },
      borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
      margins: { left: 0, right: 0 },
      children,
    });
  return new Table({
    width: { size: BODY, type: WidthType.DXA },
    columnWidths: [LEFT, RIGHT],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cell(left, LEFT), cell(right, RIGHT)] })],
  });
}

function bodyTable(t: BodyTable): Table {
  const total = t.weights.reduce((a, b) => a + b, 0);
  const widths = t.weights.map((w) => Math.floor((w / total) * BODY));
  const size = SIZE.table;
  const cell = (text: string, i: number, align: Align, s: Omit<RunStyle, 'size'>) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 60, right: 60 },
      children: [
        new Paragraph({
          alignment: ALIGN[align],
          spacing: { before: 0, after: 0 },
          children: [run(text, { ...s, size })],
        }),
      ],
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: t.header.map((h, i) => cell(h, i, 'center', { bold: true })),
      }),
      ...t.rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.cells.map((c, i) => cell(c.text, i, c.align, { bold: r.own, italics: r.sub })),
          }),
      ),
    ],
  });
}

export async function renderDocx(report: FiledReport): Promise<Buffer> {
  const d = report.document;
  const issuer: RunStyle = { bold: true, size: SIZE.issuer };
  const mottoSub: RunStyle = { bold: true, size: SIZE.mottoSub };
  const subject: RunStyle = { bold: true, size: SIZE.subject };

  const header = twoColumns(
    [
      ...(d.superiorBody != null ? [para(d.superiorBody, { size: SIZE.superior })] : []),
      para(d.issuerName, issuer),
      rule(Math.max(40, Math.min(LEFT / 20, textWidth(d.issuerName, styleOf(issuer), issuer.size)) / 3), LEFT),
      para(d.numberLine, { size: SIZE.number, before: 8 }),
    ],
    [
      para(d.nationalHeader[0] ?? '', { bold: true, size: SIZE.motto }),
      para(d.nationalHeader[1] ?? '', mottoSub),
      rule(textWidth(d.nationalHeader[1] ?? '', styleOf(mottoSub), mottoSub.size), RIGHT),
      para(d.placeDate, { italics: true, size: SIZE.placeDate, before: 8 }),
    ],
  );

  const children: Array<Paragraph | Table> = [
    header,
    para(d.docType, { bold: true, size: SIZE.docType, before: 18 }),
    para(d.subject, subject),
    rule(Math.max(60, Math.min(BODY / 20, textWidth(d.subject, styleOf(subject), subject.size)) / 3), BODY),
    para('', { size: 6 }),
  ];
  for (const b of reportBody(report)) {
    if (b.kind === 'heading')
      children.push(
        new Paragraph({
          keepNext: true,
          spacing: { before: 6 * TWIP_PER_PT, after: 3 * TWIP_PER_PT },
          children: [run(b.text, { bold: true, size: SIZE.heading })],
        }),
      );
    else if (b.kind === 'paragraph')
      children.push(para(b.text, { italics: b.italic, size: SIZE.body, align: 'justify', firstLine: true, after: 4 }));
    else if (b.kind === 'explanation')
      children.push(
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: mm(10) },
          spacing: { after: 4 * TWIP_PER_PT },
          children: [
            run(`${b.label}: `, { bold: true, size: SIZE.body }),
            run(b.text, { italics: b.missing, size: SIZE.body }),
          ],
        }),
      );
    else children.push(bodyTable(b), para('', { size: 6 }));
  }

  const signer = [
    ...(d.signer.authority ? [para(d.signer.authority, { bold: true, size: SIZE.signer })] : []),
    para(d.signer.title, { bold: true, size: SIZE.signer }),
    ...Array.from({ length: 4 }, () => para('', { size: SIZE.signer })),
    para(d.signer.name, { bold: true, size: SIZE.signer }),
  ];
  children.push(
    para('', { size: 6 }),
    twoColumns(
      [
        para(d.recipientsLabel, { bold: true, italics: true, size: SIZE.recipientsLabel, align: 'left' }),
        ...d.recipients.map((r) => para(r, { size: SIZE.recipients, align: 'left' })),
      ],
      signer,
    ),
  );

  const doc = new Document({
    creator: 'Tiết Kiệm',
    title: `${d.docType} ${d.subject}`,
    description: report.template.title,
    styles: {
      default: { document: { run: { font: FONT_NAME, size: SIZE.body * 2, language: { value: 'vi-VN' } } } },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: {
              width: mm(PAGE.widthMm),
              height: mm(PAGE.heightMm),
              orientation: PageOrientation.PORTRAIT,
            },
            margin: {
              top: mm(PAGE.topMm),
              bottom: mm(PAGE.bottomMm),
              left: mm(PAGE.leftMm),
              right: mm(PAGE.rightMm),
              header: mm(8),
            },
          },
        },
        headers: {
          // ND30: no number on the first page, then centred at the top.
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT_NAME, size: SIZE.pageNumber * 2 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
