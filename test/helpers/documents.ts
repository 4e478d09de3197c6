/**
 * Reading the filed report's formats back: a PDF's text and fonts (pdfjs legacy build; the font
 * dictionaries straight from the file), a DOCX's parts (fflate) and the text of its
 * word/document.xml, and LibreOffice converting a DOCX to PDF.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

/** Text of every page of a PDF, items in drawing order, lines joined by newlines (NFC). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str + (item.hasEOL ? '\n' : ''));
    parts.push('\n');
  }
  return parts.join('').normalize('NFC');
}

/** Page sizes of a PDF in points, [width, height] per page. */
export async function pdfPageSizes(bytes: Uint8Array): Promise<Array<[number, number]>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const out: Array<[number, number]> = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const [x0, y0, x1, y1] = (await doc.getPage(i)).view;
    out.push([x1 - x0, y1 - y0]);
  }
  return out;
}

/**
 * The fonts a PDF uses: each /BaseFont name, and whether every font descriptor carries an
 * embedded font program (/FontFile, /FontFile2 or /FontFile3). pdfkit writes object dictionaries
 * uncompressed, so they can be read from the bytes.
 */
export function pdfFonts(bytes: Uint8Array): { names: string[]; descriptors: number; embedded: number } {
  const raw = Buffer.from(bytes).toString('latin1');
  const names = [...new Set([...raw.matchAll(/\/BaseFont\s*\/([^\s/<>[\]()]+)/g)].map((m) => m[1]))];
  const descriptors = [...raw.matchAll(/\/Type\s*\/FontDescriptor/g)].length;
  const embedded = [...raw.matchAll(/\/FontFile[23]?\s+\d+\s+0\s+R/g)].length;
  return { names, descriptors, embedded };
}

/** The parts of a DOCX (a zip), by path. */
export function docxParts(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

const xmlText = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of word/document.xml, one line per paragraph (w:p), runs (w:t) joined. */
export function docxText(bytes: Uint8Array): string {
  const xml = strFromU8(docxParts(bytes)['word/document.xml']);
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => xmlText(m[1])).join(''))
    .filter((l) => l !== '')
    .join('\n')
    .normalize('NFC');
}

/** Where LibreOffice's soffice is, or null. */
export function findSoffice(): string | null {
  for (const p of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'])
    if (fs.existsSync(p)) return p;
  return null;
}

/** Converts a DOCX to PDF with LibreOffice (headless, its own profile); the PDF bytes, or the error. */
export async function libreOfficeToPdf(
  soffice: string,
  docx: Uint8Array,
): Promise<{ code: number; stderr: string; pdf: Uint8Array | null }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-'));
  try {
    const input = path.join(dir, 'report.docx');
    fs.writeFileSync(input, docx);
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        soffice,
        [
          '--headless',
          '--norestore',
          `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          input,
        ],
        { timeout: 240_000 },
        (err, _out, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr: String(stderr) }),
      ),
    );
    const out = path.join(dir, 'report.pdf');
    return { code, stderr, pdf: fs.existsSync(out) ? new Uint8Array(fs.readFileSync(out)) : null };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Asserts that `needles` occur in `text` in this order; returns their positions. */
export function positionsInOrder(text: string, needles: string[]): number[] {
  const flat = text.replace(/\s+/g, ' ');
  let from = 0;
  return needles.map((n) => {
    const at = flat.indexOf(n, from);
    if (at < 0)
      throw new Error(
        `"${n}" not found after position ${from} in:\n${flat.slice(Math.max(0, from - 200), from + 400)}`,
      );
    from = at + n.length;
    return at;
  });
}
