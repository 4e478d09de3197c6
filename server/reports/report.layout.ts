/**
 * Page and type sizes of the filed report (Nghị định 30/2020/NĐ-CP, Phụ lục I), shared by the PDF,
 * DOCX and XLSX renderers: A4 portrait; margins top and bottom 20 mm, left 30 mm, right 15 mm
 * (the low ends of 20–25 / 30–35 / 15–20 mm, leaving the widest body for the table); Times New
 * Roman (Tinos embedded in the PDF, metric-compatible) in the sizes of the appendix.
 *
 * Tinos comes from the @expo-google-fonts/tinos npm package (SIL OFL: may be embedded), with every
 * precomposed Vietnamese glyph; since it has Times New Roman's metrics, it also measures text for
 * the DOCX (the length of the rules under the issuer and the motto).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const;
export type FontStyle = keyof typeof FONT_FILES;

// Read once: each render parses and subsets them, but need not touch the disk again.
let fontBytes: Record<FontStyle, Buffer> | undefined;
/** The Tinos TTF files, by style. */
export const tinos = (): Record<FontStyle, Buffer> =>
  (fontBytes ??= Object.fromEntries(
    Object.entries(FONT_FILES).map(([k, p]) => [k, fs.readFileSync(require.resolve(p))]),
  ) as Record<FontStyle, Buffer>);

let measurer: PDFKit.PDFDocument | undefined;
/** Width of `text` in points in Tinos (= Times New Roman) of `style` and `size`. */
export function textWidth(text: string, style: FontStyle, size: number): number {
  if (!measurer) {
    measurer = new PDFDocument({ autoFirstPage: false });
    for (const [k, b] of Object.entries(tinos())) measurer.registerFont(k, b);
  }
  return measurer.font(style).fontSize(size).widthOfString(text);
}
export const MM = 72 / 25.4;

export const PAGE = {
  widthMm: 210,
  heightMm: 297,
  topMm: 20,
  bottomMm: 20,
  leftMm: 30,
  rightMm: 15,
} as const;

/** Width of the text between the margins, in mm (165). */
export const BODY_WIDTH_MM = PAGE.widthMm - PAGE.leftMm - PAGE.rightMm;

/** Share of the body width given to the left header block (bodies, number) and "Nơi nhận". */
export const LEFT_SHARE = 0.455;

/** Font sizes in points (ND30 ranges: bodies 12–13, motto 12–13 / 13–14, body 13–14, "Nơi nhận" 12 / 11). */
export const SIZE = {
  superior: 12,
  issuer: 12,
  number: 13,
  motto: 12,
  mottoSub: 13,
  placeDate: 13,
  docType: 14,
  subject: 14,
  heading: 13,
  body: 13,
  table: 10,
  recipientsLabel: 12,
  recipients: 11,
  signer: 13,
  pageNumber: 13,
} as const;

/** The font every format names (the PDF embeds Tinos, metric-compatible with it). */
export const FONT_NAME = 'Times New Roman';
