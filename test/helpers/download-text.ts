/**
 * The readable text of a downloaded body, whatever its format, so a test can ask "does this
 * template or export name a unit it should not": JSON (every string and number), CSV, HTML and
 * plain text as they are, XLSX and DOCX (zip) as the text of their XML parts, PDF through pdfjs.
 * @example expect(await downloadText(res)).not.toContain('STTTT-BCXB')
 */
import { strFromU8, unzipSync } from 'fflate';

function jsonText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(jsonText).join('\n');
  if (typeof v === 'object')
    return Object.values(v as Record<string, unknown>)
      .map(jsonText)
      .join('\n');
  return '';
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str + (item.hasEOL ? '\n' : ''));
  }
  return parts.join('').normalize('NFC');
}

/** Text of the body (the response is cloned, so the caller may still read it). */
export async function downloadText(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? '';
  const bytes = new Uint8Array(await res.clone().arrayBuffer());
  if (type.includes('json')) return jsonText(JSON.parse(new TextDecoder().decode(bytes)));
  if (type.includes('pdf')) return pdfText(bytes);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    // XLSX, DOCX: the text of every XML part, tags dropped.
    const parts = unzipSync(bytes, { filter: (f) => f.name.endsWith('.xml') });
    return Object.values(parts)
      .map((p) => strFromU8(p).replace(/<[^>]+>/g, ' '))
      .join('\n')
      .normalize('NFC');
  }
  return new TextDecoder().decode(bytes).normalize('NFC');
}
