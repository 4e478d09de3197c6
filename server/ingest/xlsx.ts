/**
 * XLSX rows through exceljs's streaming WorkbookReader (the first non-empty worksheet), after the
 * zip-bomb guard. Cells keep their type: numbers stay numbers (no vi-VN parsing), date cells are
 * Dates at UTC midnight, text is NFC with whitespace folded; formulas give their cached result;
 * percent-formatted numbers are read as shown (0.1 formatted 0% is 10).
 */
import { Readable } from 'node:stream';
import { AppError } from '../errors.ts';
import { normaliseCell } from './cells.ts';
import { assertXlsxSize, DEFAULT_MAX_XLSX_BYTES } from './zip-guard.ts';
import type { Cell, FileSource, ReadOptions, TableRow } from './types.ts';

const GROUP = 500;

/** One exceljs cell value as a reader Cell. */
export function xlsxCell(v: unknown): Cell {
  if (v == null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return normaliseCell(v);
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return normaliseCell(o.richText.map((t: { text?: string }) => t.text ?? '').join(''));
    if ('result' in o) return xlsxCell(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return normaliseCell(o.text);
    if (typeof o.error === 'string') return o.error;
  }
  return normaliseCell(String(v));
}

export async function xlsxRows(src: FileSource, opts: ReadOptions): Promise<AsyncGenerator<TableRow[]>> {
  await assertXlsxSize(src, opts.maxXlsxBytes ?? DEFAULT_MAX_XLSX_BYTES);
  const input = src.bytes
    ? Readable.from([Buffer.from(src.bytes.buffer, src.bytes.byteOffset, src.bytes.byteLength)])
    : src.path!;
  // Loaded on the first XLSX only: exceljs adds ~20 MB to a process that only ever reads CSV.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // needed to turn date-formatted numbers into Dates
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  async function* groups(): AsyncGenerator<TableRow[]> {
    let group: TableRow[] = [];
    try {
      for await (const sheet of reader) {
        let filled = false;
        for await (const row of sheet) {
          const values = (row.values ?? []) as unknown[];
          const cells: Cell[] = [];
          for (let i = 1; i < values.length; i++) {
            let v = xlsxCell(values[i]);
            // A cell shown as "10%" holds 0.1: read it as displayed (targets are written in percent).
            if (typeof v === 'number' && String(row.getCell(i).numFmt ?? '').includes('%')) v = v * 100;
            cells.push(v);
            if (v != null && v !== '') filled = true;
          }
          group.push({ row: row.number, cells });
          if (group.length >= GROUP) {
            yield group;
            group = [];
          }
        }
        if (filled) break; // the first worksheet with anything in it holds the data
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError(
        415,
        'unsupported_file_type',
        'Không đọc được tệp .xlsx. Hãy mở bằng Excel và lưu lại dưới dạng .xlsx.',
      );
    }
    if (group.length) yield group;
  }
  return groups();
}
