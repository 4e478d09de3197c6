/**
 * A file as a stream of numbered rows, whatever its format: CSV/TSV/TXT (file → decoder →
 * tokenizer) or XLSX (exceljs streaming reader, first worksheet). Rows come in groups (one
 * group per decoded chunk) so a million rows do not cost a million awaits.
 */
import { detectFormat, readHead, byteChunks, type FileFormat } from './source.ts';
import { decodeChunks, detectEncoding, NfcStream, type TextEncoding } from './decode.ts';
import { CsvTokenizer, detectDelimiter } from './csv.ts';
import { xlsxRows } from './xlsx.ts';
import type { FileSource, ReadOptions, TableRow } from './types.ts';
import iconv from 'iconv-lite';

export interface Table {
  format: FileFormat;
  /** Null for XLSX. Read after iterating: a late non-UTF-8 byte can turn utf-8 into windows-1258. */
  readonly encoding: TextEncoding | null;
  delimiter: string | null;
  groups: AsyncGenerator<TableRow[]>;
}

const SNIFF_BYTES = 64 * 1024;

function decodeSample(head: Uint8Array, enc: TextEncoding): string {
  const text =
    enc === 'windows-1258'
      ? iconv.decode(Buffer.from(head), 'windows1258')
      : new TextDecoder(enc === 'utf-8-bom' ? 'utf-8' : enc).decode(head);
  const nfc = new NfcStream();
  return nfc.push(text) + nfc.end();
}

/** Opens a file as a table; throws AppError 415 for unsupported files, 413 for zip bombs. */
export async function openTable(src: FileSource, opts: ReadOptions = {}): Promise<Table> {
  const format = await detectFormat(src);
  if (format === 'xlsx') {
    return { format, encoding: null, delimiter: null, groups: await xlsxRows(src, opts) };
  }
  const head = await readHead(src, SNIFF_BYTES);
  const state = { encoding: detectEncoding(head) };
  const delimiter = /\.tsv$/i.test(src.fileName) ? '\t' : detectDelimiter(decodeSample(head, state.encoding));
  async function* groups(): AsyncGenerator<TableRow[]> {
    const tok = new CsvTokenizer(delimiter);
    let row = 0;
    const out: string[][] = [];
    const flush = (): TableRow[] => {
      const g = out.map((cells) => ({ row: ++row, cells }));
      out.length = 0;
      return g;
    };
    for await (const text of decodeChunks(byteChunks(src), state)) {
      tok.push(text, out);
      if (out.length) yield flush();
    }
    tok.end(out);
    if (out.length) yield flush();
  }
  return {
    format,
    get encoding() {
      return state.encoding;
    },
    delimiter,
    groups: groups(),
  };
}
