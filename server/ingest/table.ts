/**
 * A file as a stream of numbered rows, whatever its format: CSV/TSV/TXT (file → decoder →
 * tokenizer) or XLSX (xlsx.ts: the sheet's XML streamed, first non-empty worksheet). Rows come in groups (one
 * group per decoded chunk) so a million rows do not cost a million awaits. Broken cells (an
 * unclosed quote, a NUL byte, XLSX formula errors) come as `problems` of their row; a broken
 * UTF-8 byte is known only at the end of the file and comes from `lateProblems()`.
 */
import { detectFormat, readHead, byteChunks, type FileFormat } from './source.ts';
import { decodeChunks, detectEncoding, NfcStream, type DecodeState, type TextEncoding } from './decode.ts';
import { CsvTokenizer, detectDelimiter } from './csv.ts';
import { xlsxRows } from './xlsx.ts';
import type { CellProblem, FileSource, ReadOptions, TableRow } from './types.ts';
import iconv from 'iconv-lite';

export interface Table {
  format: FileFormat;
  /** Null for XLSX. Read after iterating: a late non-UTF-8 byte can turn utf-8 into windows-1258. */
  readonly encoding: TextEncoding | null;
  delimiter: string | null;
  groups: AsyncGenerator<TableRow[]>;
  /** After the groups are exhausted: problems found only at the end of the file, with their rows. */
  lateProblems(): Promise<{ row: number; problem: CellProblem }[]>;
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

/** NUL bytes in cells: an error of their row and column, never stored or silently dropped. */
function nulProblems(cells: string[]): CellProblem[] | undefined {
  let found: CellProblem[] | undefined;
  for (let i = 0; i < cells.length; i++) {
    if (cells[i].includes('\0')) (found ??= []).push({ col: i, code: 'nul_byte', value: cells[i].replace(/\0/g, '␀') });
  }
  return found;
}

/**
 * The row and cell a byte offset of a text file falls in: the bytes before it are tokenized again
 * (only on the error path, once).
 */
async function locateByte(src: FileSource, offset: number, delimiter: string): Promise<{ row: number; col: number }> {
  const tok = new CsvTokenizer(delimiter);
  const dec = new TextDecoder('utf-8');
  const sink: string[][] = [];
  let seen = 0;
  for await (const chunk of byteChunks(src)) {
    const take = Math.min(chunk.length, offset - seen);
    if (take > 0) tok.push(dec.decode(chunk.subarray(0, take), { stream: true }), sink);
    sink.length = 0;
    seen += take;
    if (seen >= offset) break;
  }
  const { record, col } = tok.position;
  return { row: record, col };
}

/** Opens a file as a table; throws AppError 415 for unsupported files, 413 for zip bombs. */
export async function openTable(src: FileSource, opts: ReadOptions = {}): Promise<Table> {
  const format = await detectFormat(src);
  if (format === 'xlsx') {
    return { format, encoding: null, delimiter: null, groups: await xlsxRows(src, opts), lateProblems: async () => [] };
  }
  const head = await readHead(src, SNIFF_BYTES);
  const state: DecodeState = { encoding: detectEncoding(head) };
  const delimiter = /\.tsv$/i.test(src.fileName) ? '\t' : detectDelimiter(decodeSample(head, state.encoding));
  async function* groups(): AsyncGenerator<TableRow[]> {
    const tok = new CsvTokenizer(delimiter);
    let row = 0;
    let sawNul = false;
    const out: string[][] = [];
    const flush = (): TableRow[] => {
      const g: TableRow[] = out.map((cells) => ({ row: ++row, cells }));
      out.length = 0;
      if (sawNul) {
        for (const r of g) {
          const p = nulProblems(r.cells as string[]);
          if (p) r.problems = p;
        }
      }
      return g;
    };
    for await (const text of decodeChunks(byteChunks(src), state)) {
      if (!sawNul && text.includes('\0')) sawNul = true;
      tok.push(text, out);
      if (out.length) yield flush();
    }
    tok.end(out);
    const last = flush();
    for (const p of tok.problems) {
      // An unclosed quote is in the last record: every later line went into its cell.
      const r = last.find((x) => x.row === p.record);
      if (r) (r.problems ??= []).push({ col: p.col, code: p.code, value: p.value });
    }
    if (last.length) yield last;
  }
  return {
    format,
    get encoding() {
      return state.encoding;
    },
    delimiter,
    groups: groups(),
    async lateProblems() {
      const bad = state.invalidUtf8;
      if (!bad) return [];
      const at = await locateByte(src, bad.offset, delimiter);
      const byte = bad.byte.toString(16).toUpperCase().padStart(2, '0');
      return [{ row: at.row, problem: { col: at.col, code: 'invalid_utf8', value: `0x${byte}`, offset: bad.offset } }];
    },
  };
}
