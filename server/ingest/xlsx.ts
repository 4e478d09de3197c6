/**
 * XLSX rows through exceljs's streaming WorkbookReader (the first non-empty worksheet), after the
 * zip-bomb guard. Cells keep their type: numbers stay numbers (no vi-VN parsing), date cells are
 * Dates at UTC midnight, text is NFC with whitespace folded; formulas give their cached result;
 * percent-formatted numbers are read as shown (0.1 formatted 0% is 10).
 *
 * exceljs reads a zip rebuilt from the central directory the guard checked (zip-guard.ts), with
 * the workbook, relationships, shared strings and styles first: it then streams each worksheet
 * straight from the zip and never writes its `tmp-<pid>-*` worksheet copies to TMPDIR (a
 * workbook without shared strings is given an empty list for the same reason).
 *
 * A formula whose cached result is an error (`#N/A`, `#REF!`, `#DIV/0!`, `#VALUE!`: `<c t="e">`)
 * or that has no cached result at all is not a value: it comes as a CellProblem naming the sheet
 * and the cell, never as an empty cell.
 */
import { AppError } from '../errors.ts';
import { normaliseCell } from './cells.ts';
import { assertXlsxSize, DEFAULT_MAX_XLSX_BYTES, inflateEntry, zipEntryStream, type ZipEntry } from './zip-guard.ts';
import type { Cell, CellProblem, FileSource, ReadOptions, TableRow } from './types.ts';

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

/** The parts of an exceljs cell the reader needs (its value model keeps what `.value` drops). */
interface ExcelCellLike {
  type: number;
  model: { result?: unknown; formula?: string; sharedFormula?: string; value?: unknown };
}

const FORMULA = 6; // exceljs ValueType.Formula
const ERROR = 10; // exceljs ValueType.Error

/**
 * A formula cell's value, or what is wrong with it. exceljs's `cell.value` drops a falsy cached
 * result (0, '', NaN), so the value model is read instead: no result = no cached value; NaN = a
 * cached error (`<c t="e"><f>…</f><v>#N/A</v>` read as parseFloat('#N/A')).
 */
export function formulaCell(
  cell: ExcelCellLike,
): { ok: true; value: Cell } | { ok: false; code: 'formula_error' | 'formula_not_cached'; value: string } | null {
  if (cell.type === ERROR) {
    const v = cell.model.value as { error?: string } | undefined;
    return { ok: false, code: 'formula_error', value: v?.error ?? '' };
  }
  if (cell.type !== FORMULA) return null;
  const r = cell.model.result;
  if (r === undefined)
    return { ok: false, code: 'formula_not_cached', value: `=${cell.model.formula ?? cell.model.sharedFormula ?? ''}` };
  if (typeof r === 'number' && Number.isNaN(r)) return { ok: false, code: 'formula_error', value: '' };
  if (r != null && typeof r === 'object' && typeof (r as { error?: unknown }).error === 'string')
    return { ok: false, code: 'formula_error', value: (r as { error: string }).error };
  return { ok: true, value: xlsxCell(r) };
}

const unreadable = () =>
  new AppError(415, 'unsupported_file_type', 'Không đọc được tệp .xlsx. Hãy mở bằng Excel và lưu lại dưới dạng .xlsx.');

/** Read before any worksheet, so exceljs needs no temporary copy of a worksheet. */
const FIRST = ['_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const EMPTY_SST = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

/** At most this many error values are looked up in a sheet's XML (the rest show without value). */
const MAX_ERROR_VALUES = 10_000;

/**
 * The cached error values (`<c r="C2" t="e">…<v>#N/A</v></c>`) of a worksheet, by cell address:
 * exceljs drops them for formula cells. Read only when a sheet has such a cell, in one pass.
 */
async function errorValues(src: FileSource, entry: ZipEntry): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const dec = new TextDecoder('utf-8');
  const cellRe = /<c\b([^>]*?)(\/)?>/g;
  let carry = '';
  const scan = (text: string, final: boolean) => {
    let keep = 0;
    cellRe.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = cellRe.exec(text)) && found.size < MAX_ERROR_VALUES) {
      if (m[2] || !/\bt="e"/.test(m[1])) {
        keep = cellRe.lastIndex;
        continue;
      }
      const close = text.indexOf('</c>', cellRe.lastIndex);
      if (close < 0) break;
      const ref = /\br="([A-Z]+\d+)"/.exec(m[1])?.[1];
      const v = /<v>([^<]*)<\/v>/.exec(text.slice(cellRe.lastIndex, close))?.[1];
      if (ref && v != null) found.set(ref, v.replace(/&amp;/g, '&'));
      keep = close + 4;
      cellRe.lastIndex = keep;
    }
    // Keep what may hold an unfinished cell for the next chunk.
    const lastOpen = text.lastIndexOf('<c', text.length);
    carry = final ? '' : text.slice(Math.max(keep, lastOpen >= keep ? lastOpen : text.length - 8));
  };
  for await (const chunk of inflateEntry(src, entry)) {
    scan(carry + dec.decode(chunk as Buffer, { stream: true }), false);
    if (found.size >= MAX_ERROR_VALUES) break;
  }
  scan(carry + dec.decode(), true);
  return found;
}

interface ExcelReaderModel {
  model?: { sheets?: { name?: string; rId?: string }[] };
  workbookRels?: { Id?: string; Target?: string }[];
}

/** The sheet's name as the workbook shows it (`Số liệu`), from the workbook and its relationships. */
function sheetName(reader: ExcelReaderModel, id: string | number): string {
  const rel = reader.workbookRels?.find(
    (r) => (r.Target ?? '').replace(/^\/?(xl\/)?/, '') === `worksheets/sheet${id}.xml`,
  );
  const sheet = rel ? reader.model?.sheets?.find((s) => s.rId === rel.Id) : undefined;
  return sheet?.name ?? `Sheet${id}`;
}

export async function xlsxRows(src: FileSource, opts: ReadOptions): Promise<AsyncGenerator<TableRow[]>> {
  const entries = await assertXlsxSize(src, opts.maxXlsxBytes ?? DEFAULT_MAX_XLSX_BYTES);
  const byName = new Map(entries.map((e) => [e.name, e]));
  if (!byName.has('xl/workbook.xml') || !byName.has('xl/_rels/workbook.xml.rels')) throw unreadable();
  const parts: Parameters<typeof zipEntryStream>[1] = [];
  for (const n of FIRST) {
    const e = byName.get(n);
    if (e) parts.push(e);
    else if (n === 'xl/sharedStrings.xml') parts.push({ name: n, data: EMPTY_SST });
  }
  parts.push(...entries.filter((e) => SHEET.test(e.name)));
  const input = zipEntryStream(src, parts);
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
        const id = (sheet as unknown as { id: string | number }).id;
        let name: string | null = null;
        let errors: Map<string, string> | null = null;
        for await (const row of sheet) {
          const values = (row.values ?? []) as unknown[];
          const cells: Cell[] = [];
          let problems: CellProblem[] | undefined;
          for (let i = 1; i < values.length; i++) {
            const raw = values[i];
            const f =
              raw != null && typeof raw === 'object' && !(raw instanceof Date) ? formulaCell(row.getCell(i)) : null;
            if (f && !f.ok) {
              const bad = f;
              const ref = row.getCell(i).address;
              name ??= sheetName(reader, id);
              let value = bad.value;
              if (bad.code === 'formula_error' && value === '') {
                const entry = byName.get(`xl/worksheets/sheet${id}.xml`);
                errors ??= entry ? await errorValues(src, entry) : new Map<string, string>();
                value = errors.get(ref) ?? '#ERROR';
              }
              (problems ??= []).push({ col: i - 1, code: bad.code, value, sheet: name, ref });
              cells.push(null);
              filled = true;
              continue;
            }
            let v = f ? f.value : xlsxCell(raw);
            // A cell shown as "10%" holds 0.1: read it as displayed (targets are written in percent).
            if (typeof v === 'number' && String(row.getCell(i).numFmt ?? '').includes('%')) v = v * 100;
            cells.push(v);
            if (v != null && v !== '') filled = true;
          }
          group.push(problems ? { row: row.number, cells, problems } : { row: row.number, cells });
          if (group.length >= GROUP) {
            yield group;
            group = [];
          }
        }
        if (filled) break; // the first worksheet with anything in it holds the data
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw unreadable();
    } finally {
      input.destroy();
    }
    if (group.length) yield group;
  }
  return groups();
}
