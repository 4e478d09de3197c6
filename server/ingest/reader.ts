/**
 * The loop every reader shares: open the table, find the header row (skipping title and blank
 * rows), decide the number style from the first data rows, then hand each data row (not blank,
 * not a totals row) to the shape's handler and yield batches of records and errors.
 */
import { decideNumberStyle, type NumberStyle } from '../../domain/numbers.ts';
import { cellText, isBlankRow, isEmptyCell } from './cells.ts';
import { isIgnorableWideHeader, isTotalsText } from './headers.ts';
import { cellProblem, noHeader, problem } from './problems.ts';
import { openTable } from './table.ts';
import type {
  Batch,
  CellProblem,
  FileSource,
  ImportError,
  IngestMeta,
  ReadOptions,
  RejectedUnit,
  TableRow,
} from './types.ts';

/** What a shape's header matcher says about one row. */
export type HeaderVerdict<H> =
  | { kind: 'header'; shape: IngestMeta['shape']; header: H; errors?: ImportError[]; numericCols: number[] }
  | { kind: 'incomplete'; shape: IngestMeta['shape']; missing: string[] }
  | null;

export interface RowHandler<R> {
  /** Checks one data row, pushing records or errors/rejected rows into `out`. */
  row(r: TableRow, out: Batch<R>): void;
  /** Called once after the last row (e.g. checks across rows). */
  finish?(out: Batch<R>): void;
}

export interface ReaderSpec<R, H> {
  defaultShape: IngestMeta['shape'];
  /** Named in the no_header message. */
  expectedHeaders: string[];
  matchHeader(cells: string[], row: number): HeaderVerdict<H>;
  /**
   * A two-level header: when `bottom` (the row under a header row) is a sub-header of `top`
   * (`Điện` merged over `kWh` / `đồng`), the combined header cells (`Điện (kWh)`, `Điện (đồng)`).
   */
  subHeader?(top: string[], bottom: string[]): string[] | null;
  handler(header: H, style: NumberStyle, headerRow: number, headers: string[]): RowHandler<R>;
}

/** How many non-blank rows may precede the header (title rows, notes). */
const MAX_HEADER_SEARCH = 30;
/** Data rows sampled to decide the number style. */
const STYLE_SAMPLE_ROWS = 2000;

export function reject(out: Batch<unknown>, r: TableRow, unit?: RejectedUnit | null): void {
  out.rejected.push(
    unit ? { row: r.row, cells: r.cells.map(cellText), unit } : { row: r.row, cells: r.cells.map(cellText) },
  );
}

/** The header of column `col` as written, or `cột N` when the file has none there. */
function columnName(headers: string[], col: number): string {
  return headers[col] || `cột ${col + 1}`;
}

/**
 * The problems of a data row that matter: an XLSX formula error in a column no reader reads (no
 * header, `STT`, `Tổng`) loses nothing; every other broken cell is an error.
 */
function rowProblems(r: TableRow, headers: string[]): ImportError[] {
  const out: ImportError[] = [];
  for (const p of r.problems as CellProblem[]) {
    const h = headers[p.col] ?? '';
    if ((p.code === 'formula_error' || p.code === 'formula_not_cached') && (h === '' || isIgnorableWideHeader(h)))
      continue;
    out.push(cellProblem(p, r.row, columnName(headers, p.col)));
  }
  return out;
}

function emptyBatch<R>(): Batch<R> {
  return { records: [], errors: [], rejected: [] };
}

/** 'Tổng cộng' in the first or second non-empty cell (the second: after an STT column). */
function isTotalsRow(cells: TableRow['cells']): boolean {
  let seen = 0;
  for (const c of cells) {
    if (isEmptyCell(c)) continue;
    if (typeof c === 'string' && isTotalsText(c)) return true;
    if (++seen >= 2) return false;
  }
  return false;
}

export async function* runReader<R, H>(
  src: FileSource,
  spec: ReaderSpec<R, H>,
  opts: ReadOptions = {},
): AsyncGenerator<Batch<R>, IngestMeta> {
  const table = await openTable(src, opts);
  // An XLSX row of a wide file is several records, and its reader holds more memory of its own:
  // smaller batches keep the import's heap near 40 MB instead of 75 (docs/performance.md).
  const batchSize = Math.max(1, opts.batchSize ?? (table.format === 'xlsx' ? 2000 : 5000));
  const meta: IngestMeta = {
    format: table.format,
    shape: spec.defaultShape,
    encoding: table.encoding,
    delimiter: table.delimiter,
    headerRow: 0,
    headers: [],
    dataRows: 0,
  };
  const it = table.groups;
  let pending: TableRow[] = [];
  let verdict: HeaderVerdict<H> = null;

  // 1. The header row.
  let seen = 0;
  /** Broken cells above the header (an unclosed quote can swallow the header row itself). */
  const early: ImportError[] = [];
  search: while (true) {
    // Manual next(): a for-await loop would close the generator when we break out of it.
    const n = await it.next();
    if (n.done) break;
    const group = n.value;
    for (let i = 0; i < group.length; i++) {
      const r = group[i];
      if (r.problems) early.push(...rowProblems(r, []));
      if (isBlankRow(r.cells)) continue;
      const texts = r.cells.map(cellText);
      verdict = spec.matchHeader(texts, r.row);
      if (verdict) {
        meta.headerRow = r.row;
        meta.headers = texts;
        meta.shape = verdict.shape;
        pending = group.slice(i + 1);
        if (spec.subHeader) {
          // The row under it may be the second level of the header.
          if (!pending.length) {
            const more = await it.next();
            if (!more.done) pending = more.value;
          }
          const next = pending[0];
          const combined = next ? spec.subHeader(texts, next.cells.map(cellText)) : null;
          const v2 = combined ? spec.matchHeader(combined, next.row) : null;
          if (combined && v2?.kind === 'header') {
            verdict = v2;
            meta.headerRow = next.row;
            meta.headers = combined;
            meta.shape = v2.shape;
            pending = pending.slice(1);
          }
        }
        break search;
      }
      if (++seen >= MAX_HEADER_SEARCH) break search;
    }
  }
  if (!verdict || verdict.kind === 'incomplete') {
    const errors = !verdict
      ? [noHeader(spec.expectedHeaders), ...early]
      : [...verdict.missing.map((h) => problem('missing_column', meta.headerRow, h, '')), ...early];
    await it.return(undefined);
    meta.encoding = table.encoding;
    yield { records: [], errors, rejected: [] };
    return meta;
  }

  // 2. The number style, from the first data rows' numeric cells.
  const numericCols = verdict.numericCols;
  async function* rest(): AsyncGenerator<TableRow[]> {
    if (pending.length) yield pending;
    yield* it;
  }
  const source = rest();
  const sample: TableRow[] = [];
  const sampleTexts: string[] = [];
  while (sample.length < STYLE_SAMPLE_ROWS) {
    const n = await source.next();
    if (n.done) break;
    for (const r of n.value) {
      sample.push(r);
      if (r.problems) continue;
      for (const c of numericCols)
        if (typeof r.cells[c] === 'string' && r.cells[c] !== '') sampleTexts.push(r.cells[c]);
    }
  }
  const style = decideNumberStyle(sampleTexts);

  // 3. The data rows.
  const handler = spec.handler(verdict.header, style, meta.headerRow, meta.headers);
  let out = emptyBatch<R>();
  if (verdict.errors?.length) out.errors.push(...verdict.errors);
  const full = () => out.records.length + out.errors.length >= batchSize;
  const take = (r: TableRow) => {
    // A row whose only cell is broken (an XLSX error value) is not blank: its problem is reported.
    if ((!r.problems && isBlankRow(r.cells)) || isTotalsRow(r.cells)) return;
    meta.dataRows++;
    if (r.problems) {
      const errs = rowProblems(r, meta.headers);
      if (errs.length) {
        out.errors.push(...errs);
        reject(out, r);
        return;
      }
    }
    handler.row(r, out);
  };
  for (const r of sample) {
    take(r);
    if (full()) {
      yield out;
      out = emptyBatch<R>();
    }
  }
  for await (const group of source) {
    for (const r of group) {
      take(r);
      if (full()) {
        yield out;
        out = emptyBatch<R>();
      }
    }
  }
  handler.finish?.(out);
  for (const { row, problem: p } of await table.lateProblems())
    out.errors.push(cellProblem(p, row, columnName(meta.headers, p.col)));
  meta.encoding = table.encoding;
  if (out.records.length || out.errors.length || out.rejected.length) yield out;
  return meta;
}
