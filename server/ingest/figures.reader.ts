/**
 * Figures files, long (one row per unit, month and category) or wide (one row per unit and month,
 * one column per category, `Điện (kWh)` / `Điện (đồng)` for metered ones), detected from the header.
 */
import type { NumberStyle } from '../../domain/numbers.ts';
import { foldKey } from '../../domain/text.ts';
import { amountOf, cellText, isEmptyCell, periodOf, quantityOf } from './cells.ts';
import { FIGURE_FIELDS, isIgnorableWideHeader, matchFields, missingFields } from './headers.ts';
import { buildMatchers, SeenKeys, type Hit, type LookupCategory, type Matchers } from './lookup.ts';
import { numberProblem, problem } from './problems.ts';
import { reject, runReader, type HeaderVerdict, type RowHandler } from './reader.ts';
import type {
  Batch,
  Cell,
  FigureColumns,
  FigureRecord,
  FileSource,
  ImportError,
  IngestLookup,
  IngestMeta,
  ReadOptions,
  TableRow,
} from './types.ts';

type FigureField = keyof typeof FIGURE_FIELDS;

interface WideCategory {
  hit: Hit<LookupCategory>;
  amountCol: number;
  quantityCol: number;
}

interface FigureHeader {
  shape: 'long' | 'wide';
  cols: Record<FigureField, number>;
  wide: WideCategory[];
}

const AMOUNT_UNITS = new Set(['dong', 'd', 'vnd', 'vn d', 'tien', 'so tien', 'thanh tien']);
const QUANTITY_WORDS = new Set(['so luong', 'luong', 'sl']);

/** A wide-file column header as a category column: `Văn phòng phẩm`, `Điện (kWh)`, `Điện (đồng)`. */
export function categoryColumn(
  text: string,
  m: Matchers,
): { hit: Hit<LookupCategory>; kind: 'amount' | 'quantity' } | null {
  const whole = m.category(text);
  if (whole) return { hit: whole, kind: 'amount' };
  const parts = /^(.*?)\s*[([]([^()[\]]*)[)\]]\s*$/.exec(text);
  if (parts) return withUnit(parts[1], parts[2], m);
  // Without brackets: `Điện kWh`, `Điện - đồng`, `Tiền điện VNĐ` (the last one or two words).
  const words = text.split(' ');
  for (let k = 1; k <= 2 && k < words.length; k++) {
    const base = words
      .slice(0, -k)
      .join(' ')
      .replace(/\s*[-–:/,]\s*$/, '');
    const r = withUnit(base, words.slice(-k).join(' '), m);
    if (r) return r;
  }
  return null;
}

function withUnit(
  base: string,
  unitText: string,
  m: Matchers,
): { hit: Hit<LookupCategory>; kind: 'amount' | 'quantity' } | null {
  const hit = m.category(base);
  if (!hit) return null;
  const unit = foldKey(unitText);
  if (AMOUNT_UNITS.has(unit)) return { hit, kind: 'amount' };
  if ((hit.item.quantityUnit && unit === foldKey(hit.item.quantityUnit)) || QUANTITY_WORDS.has(unit))
    return { hit, kind: 'quantity' };
  return null;
}

/**
 * Two columns read as one thing (`Văn phòng phẩm` and `VPP`; `Số tiền` and `Thành tiền`): the
 * second would be ignored and its money lost, so it is an error naming both.
 */
function duplicateColumn(row: number, first: string, second: string, what: string): ImportError {
  return problem(
    'duplicate_column',
    row,
    second,
    second,
    `Hai cột "${first}" và "${second}" cùng là ${what}: số liệu của một cột sẽ bị bỏ qua. Hãy gộp thành một cột (hoặc xóa cột thừa).`,
    { first, second },
  );
}

/**
 * The combined header of a two-level header (`Điện` merged over `kWh` and `đồng`): every filled
 * cell of `bottom` must be a unit (`kWh`, `đồng`, `số lượng`, `thành tiền`) of the category above
 * it or, under a merged (empty) top cell, of the nearest category to its left.
 */
function combineSubHeader(top: string[], bottom: string[], m: Matchers): string[] | null {
  const n = Math.max(top.length, bottom.length);
  const out: string[] = [];
  let group = '';
  let any = false;
  for (let i = 0; i < n; i++) {
    const t = top[i] ?? '';
    const b = bottom[i] ?? '';
    if (t) group = b ? t : '';
    if (!b) {
      out.push(t);
      continue;
    }
    const base = t || group;
    if (!base) return null;
    const combined = `${base} (${b})`;
    if (!categoryColumn(combined, m)) return null;
    out.push(combined);
    any = true;
  }
  return any ? out : null;
}

function matchFigureHeader(cells: string[], row: number, m: Matchers): HeaderVerdict<FigureHeader> {
  const f = matchFields(cells, FIGURE_FIELDS);
  const wide = new Map<number, WideCategory>();
  const unknown: number[] = [];
  const duplicates: ImportError[] = [];
  for (const i of f.others) {
    const col = categoryColumn(cells[i], m);
    if (!col) {
      if (!isIgnorableWideHeader(cells[i])) unknown.push(i);
      continue;
    }
    let w = wide.get(col.hit.index);
    if (!w) wide.set(col.hit.index, (w = { hit: col.hit, amountCol: -1, quantityCol: -1 }));
    const taken = col.kind === 'amount' ? w.amountCol : w.quantityCol;
    if (taken >= 0) {
      const what = `${col.kind === 'amount' ? 'số tiền' : 'số lượng'} của khoản chi ${col.hit.item.nameVi}`;
      duplicates.push(duplicateColumn(row, cells[taken], cells[i], what));
    } else if (col.kind === 'amount') w.amountCol = i;
    else w.quantityCol = i;
  }
  if (f.cols.category >= 0 || (wide.size === 0 && f.found >= 2)) {
    if (f.found < 2) return null;
    const missing = missingFields(f, FIGURE_FIELDS);
    if (missing.length) return { kind: 'incomplete', shape: 'long', missing };
    // `Số tiền` and `Thành tiền` (or two quantity columns) in one long file.
    const longDuplicates: ImportError[] = [];
    for (const k of ['amount', 'quantity'] as const) {
      const taken = f.cols[k];
      if (taken < 0) continue;
      const syn = new Set(FIGURE_FIELDS[k].synonyms.map(foldKey));
      cells.forEach((c, i) => {
        if (i !== taken && syn.has(foldKey(c)))
          longDuplicates.push(duplicateColumn(row, cells[taken], c, k === 'amount' ? 'số tiền' : 'số lượng'));
      });
    }
    return {
      kind: 'header',
      shape: 'long',
      header: { shape: 'long', cols: f.cols, wide: [] },
      errors: longDuplicates,
      numericCols: [f.cols.amount, f.cols.quantity].filter((c) => c >= 0),
    };
  }
  if (wide.size === 0 || (f.cols.unit < 0 && f.cols.period < 0)) return null;
  const missing = (['unit', 'period'] as const).filter((k) => f.cols[k] < 0).map((k) => FIGURE_FIELDS[k].header);
  if (missing.length) return { kind: 'incomplete', shape: 'wide', missing };
  const list = [...wide.values()];
  return {
    kind: 'header',
    shape: 'wide',
    header: { shape: 'wide', cols: f.cols, wide: list },
    // A column that looks like a category but is not one would silently lose money: report it.
    errors: [...duplicates, ...unknown.map((i) => problem('unknown_category', row, cells[i], cells[i]))],
    numericCols: list.flatMap((w) => [w.amountCol, w.quantityCol]).filter((c) => c >= 0),
  };
}

function figureHandler(h: FigureHeader, style: NumberStyle, headers: string[], m: Matchers): RowHandler<FigureRecord> {
  const seen = new SeenKeys(m.unitCount, m.categoryCount);
  const col = (i: number) => headers[i] ?? '';
  const { cols } = h;

  /** Unit and period of a row (both shapes), or null after pushing the errors. */
  function keyCells(c: Cell[], row: number, errs: ImportError[]) {
    let unit: ReturnType<Matchers['unit']> = null;
    let period: string | null = null;
    const u = c[cols.unit];
    if (isEmptyCell(u)) errs.push(problem('missing_value', row, col(cols.unit), ''));
    else if (!(unit = m.unit(cellText(u)))) errs.push(problem('unknown_unit', row, col(cols.unit), cellText(u)));
    const p = c[cols.period];
    if (isEmptyCell(p)) errs.push(problem('missing_value', row, col(cols.period), ''));
    else if (!(period = periodOf(p))) errs.push(problem('invalid_period', row, col(cols.period), cellText(p)));
    return { unit, period };
  }

  function amountCell(c: Cell, row: number, header: string, errs: ImportError[]): number | null {
    const r = amountOf(c, style);
    if (r.ok) return r.value;
    errs.push(numberProblem(r, row, header, cellText(c)));
    return null;
  }

  function quantityCell(c: Cell, row: number, header: string, errs: ImportError[]): number | null {
    if (isEmptyCell(c)) return null;
    const r = quantityOf(c, style);
    if (r.ok) return r.value;
    errs.push(numberProblem(r, row, header, cellText(c)));
    return null;
  }

  function noteOf(c: Cell[]): string | null {
    if (cols.note < 0) return null;
    const t = cellText(c[cols.note]);
    return t === '' ? null : t.slice(0, 500);
  }

  // One row's errors and records, reused from row to row (a million rows, no two arrays each).
  const errs: ImportError[] = [];
  const recs: FigureRecord[] = [];

  function finishRow(r: TableRow, out: Batch<FigureRecord>, unit: ReturnType<Matchers['unit']>) {
    if (errs.length) {
      for (const e of errs) out.errors.push(e);
      reject(out, r, unit && { id: unit.item.id, column: col(cols.unit) });
    } else {
      for (const rec of recs) out.records.push(rec);
    }
    errs.length = 0;
    recs.length = 0;
  }

  const longColumns: FigureColumns = {
    unit: col(cols.unit),
    amount: col(cols.amount),
    quantity: cols.quantity >= 0 ? col(cols.quantity) : null,
  };
  const wideColumns = h.wide.map((w): FigureColumns => ({
    unit: col(cols.unit),
    amount: col(w.amountCol >= 0 ? w.amountCol : w.quantityCol),
    quantity: w.quantityCol >= 0 ? col(w.quantityCol) : null,
  }));

  function longRow(r: TableRow, out: Batch<FigureRecord>) {
    const c = r.cells;
    // No amount and no quantity: no figure (a template row left unfilled), like an empty wide cell.
    if (isEmptyCell(c[cols.amount]) && (cols.quantity < 0 || isEmptyCell(c[cols.quantity]))) return;
    const { unit, period } = keyCells(c, r.row, errs);
    const k = c[cols.category];
    let cat: Hit<LookupCategory> | null = null;
    if (isEmptyCell(k)) errs.push(problem('missing_value', r.row, col(cols.category), ''));
    else if (!(cat = m.category(cellText(k))))
      errs.push(problem('unknown_category', r.row, col(cols.category), cellText(k)));
    else if (cat.item.retired) errs.push(problem('category_retired', r.row, col(cols.category), cellText(k)));
    const a = c[cols.amount];
    let amount: number | null = null;
    if (isEmptyCell(a)) errs.push(problem('missing_amount', r.row, col(cols.quantity), cellText(c[cols.quantity])));
    else amount = amountCell(a, r.row, col(cols.amount), errs);
    const quantityMilli = cols.quantity >= 0 ? quantityCell(c[cols.quantity], r.row, col(cols.quantity), errs) : null;
    if (unit && period && cat && !seen.add(unit.index, cat.index, period)) {
      errs.push(problem('duplicate_key', r.row, col(cols.category), cellText(k)));
    }
    if (unit && period && cat && amount != null)
      recs.push({
        row: r.row,
        columns: longColumns,
        unitId: unit.item.id,
        categoryId: cat.item.id,
        period,
        amount,
        quantityMilli,
        note: noteOf(c),
      });
    finishRow(r, out, unit);
  }

  function wideRow(r: TableRow, out: Batch<FigureRecord>) {
    const c = r.cells;
    const { unit, period } = keyCells(c, r.row, errs);
    const note = noteOf(c);
    for (let wi = 0; wi < h.wide.length; wi++) {
      const w = h.wide[wi];
      const a = w.amountCol >= 0 ? c[w.amountCol] : null;
      const q = w.quantityCol >= 0 ? c[w.quantityCol] : null;
      if (isEmptyCell(a) && isEmptyCell(q)) continue;
      const keyCol = w.amountCol >= 0 ? w.amountCol : w.quantityCol;
      if (w.hit.item.retired) {
        errs.push(problem('category_retired', r.row, col(keyCol), cellText(a ?? q)));
        continue;
      }
      let amount: number | null = null;
      if (isEmptyCell(a)) errs.push(problem('missing_amount', r.row, col(w.quantityCol), cellText(q)));
      else amount = amountCell(a, r.row, col(w.amountCol), errs);
      const quantityMilli = w.quantityCol >= 0 ? quantityCell(q, r.row, col(w.quantityCol), errs) : null;
      if (unit && period && !seen.add(unit.index, w.hit.index, period)) {
        errs.push(problem('duplicate_key', r.row, col(keyCol), cellText(isEmptyCell(a) ? q : a)));
      }
      if (unit && period && amount != null) {
        recs.push({
          row: r.row,
          columns: wideColumns[wi],
          unitId: unit.item.id,
          categoryId: w.hit.item.id,
          period,
          amount,
          quantityMilli,
          note,
        });
      }
    }
    finishRow(r, out, unit);
  }

  return { row: h.shape === 'long' ? longRow : wideRow };
}

/** Streams a figures file (long or wide, detected) in batches of ~batchSize valid records; returns the meta. */
export function readFigures(
  src: FileSource,
  lookup: IngestLookup,
  opts: ReadOptions = {},
): AsyncGenerator<Batch<FigureRecord>, IngestMeta> {
  const m = buildMatchers(lookup);
  return runReader<FigureRecord, FigureHeader>(
    src,
    {
      expectedHeaders: ['Mã đơn vị', 'Kỳ', 'Khoản chi', 'Số tiền (đồng)'],
      defaultShape: 'long',
      matchHeader: (cells, row) => matchFigureHeader(cells, row, m),
      subHeader: (top, bottom) => combineSubHeader(top, bottom, m),
      handler: (h, style, _row, headers) => figureHandler(h, style, headers, m),
    },
    opts,
  );
}
