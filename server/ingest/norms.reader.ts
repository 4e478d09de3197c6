/**
 * Norms/settings files: per unit, category and year the comparison basis ('định mức' or 'cùng kỳ
 * năm trước'), monthly norms in đồng and/or quantity, per-capita norm, and the savings target.
 * Empty cells are null (the setting is inherited from the parent unit or the category default).
 */
import type { NumberStyle } from '../../domain/numbers.ts';
import { decimalOfNumber, parseDecimal, tenthsOfDecimal } from '../../domain/numbers.ts';
import { MAX_YEAR, MIN_YEAR } from '../../domain/period-parse.ts';
import { foldKey } from '../../domain/text.ts';
import { amountOf, cellText, isEmptyCell, quantityOf } from './cells.ts';
import { matchFields, missingFields, NORM_FIELDS, NORMS_HEADERS } from './headers.ts';
import { buildMatchers, SeenKeys, type Hit, type LookupCategory, type Matchers } from './lookup.ts';
import { numberProblem, problem } from './problems.ts';
import { reject, runReader, type HeaderVerdict, type RowHandler } from './reader.ts';
import type {
  Batch,
  Cell,
  FileSource,
  ImportError,
  IngestLookup,
  IngestMeta,
  NormRecord,
  ReadOptions,
  TableRow,
} from './types.ts';

type NormField = keyof typeof NORM_FIELDS;
type Cols = Record<NormField, number>;

const BASIS: Record<string, NormRecord['basis']> = {
  'dinh muc': 'norm',
  norm: 'norm',
  'theo dinh muc': 'norm',
  'cung ky nam truoc': 'previous_year',
  'cung ky': 'previous_year',
  'nam truoc': 'previous_year',
  'previous year': 'previous_year',
  previous_year: 'previous_year',
};

/** 'định mức' → norm, 'cùng kỳ năm trước' → previous_year, empty → null, anything else → undefined. */
export function basisOf(text: string): NormRecord['basis'] | undefined {
  const k = foldKey(text);
  if (k === '') return null;
  return BASIS[k] ?? BASIS[text.trim().toLowerCase()];
}

function matchNormsHeader(cells: string[]): HeaderVerdict<Cols> {
  const f = matchFields(cells, NORM_FIELDS);
  if (f.found < 3 || f.cols.year < 0 || f.cols.unit < 0) return null;
  const missing = missingFields(f, NORM_FIELDS);
  if (missing.length) return { kind: 'incomplete', shape: 'norms', missing };
  const numericCols = [f.cols.normAmount, f.cols.normQuantity, f.cols.target, f.cols.perCapita].filter((c) => c >= 0);
  return { kind: 'header', shape: 'norms', header: f.cols, numericCols };
}

function yearOf(c: Cell): number | null {
  const t = typeof c === 'number' ? String(c) : cellText(c);
  if (!/^\d{4}$/.test(t.trim())) return null;
  const y = Number(t);
  return y >= MIN_YEAR && y <= MAX_YEAR ? y : null;
}

function targetOf(c: Cell, style: NumberStyle): number | null {
  const d = typeof c === 'number' ? decimalOfNumber(c) : parseDecimal(cellText(c).replace(/%\s*$/, ''), style);
  const t = d ? tenthsOfDecimal(d) : null;
  return t != null && t >= -1000 && t <= 1000 ? t : null;
}

function normsHandler(cols: Cols, style: NumberStyle, headers: string[], m: Matchers): RowHandler<NormRecord> {
  const col = (i: number) => headers[i] ?? '';
  const seen = new SeenKeys(m.unitCount, m.categoryCount);

  function money(c: Cell, idx: number, row: number, errs: ImportError[], kind: 'amount' | 'quantity'): number | null {
    if (idx < 0 || isEmptyCell(c)) return null;
    const r = kind === 'amount' ? amountOf(c, style) : quantityOf(c, style);
    if (r.ok) return r.value;
    errs.push(numberProblem(r, row, col(idx), cellText(c)));
    return null;
  }

  function row(r: TableRow, out: Batch<NormRecord>) {
    const c = r.cells;
    const errs: ImportError[] = [];
    let unit: ReturnType<Matchers['unit']> = null;
    const u = c[cols.unit];
    if (isEmptyCell(u)) errs.push(problem('missing_value', r.row, col(cols.unit), ''));
    else if (!(unit = m.unit(cellText(u)))) errs.push(problem('unknown_unit', r.row, col(cols.unit), cellText(u)));
    const year = yearOf(c[cols.year]);
    if (year == null)
      errs.push(
        problem(
          isEmptyCell(c[cols.year]) ? 'missing_value' : 'invalid_year',
          r.row,
          col(cols.year),
          cellText(c[cols.year]),
        ),
      );
    const k = c[cols.category];
    let cat: Hit<LookupCategory> | null = null;
    if (isEmptyCell(k)) errs.push(problem('missing_value', r.row, col(cols.category), ''));
    else if (!(cat = m.category(cellText(k))))
      errs.push(problem('unknown_category', r.row, col(cols.category), cellText(k)));
    else if (cat.item.retired) errs.push(problem('category_retired', r.row, col(cols.category), cellText(k)));
    const basis = basisOf(cellText(c[cols.basis]));
    if (basis === undefined) errs.push(problem('invalid_basis', r.row, col(cols.basis), cellText(c[cols.basis])));
    const normAmount = money(c[cols.normAmount], cols.normAmount, r.row, errs, 'amount');
    const normQuantityMilli = money(c[cols.normQuantity], cols.normQuantity, r.row, errs, 'quantity');
    const normPerCapita = cols.perCapita >= 0 ? money(c[cols.perCapita], cols.perCapita, r.row, errs, 'amount') : null;
    let targetTenths: number | null = null;
    if (!isEmptyCell(c[cols.target])) {
      targetTenths = targetOf(c[cols.target], style);
      if (targetTenths == null) errs.push(problem('invalid_target', r.row, col(cols.target), cellText(c[cols.target])));
    }
    if (unit && cat && year != null && !seen.add(unit.index, cat.index, `${year}-01`)) {
      errs.push(problem('duplicate_key', r.row, col(cols.category), cellText(k)));
    }
    if (errs.length || !unit || !cat || year == null || basis === undefined) {
      out.errors.push(...errs);
      reject(out, r, unit && { id: unit.item.id, column: col(cols.unit) });
      return;
    }
    out.records.push({
      row: r.row,
      unitId: unit.item.id,
      categoryId: cat.item.id,
      year,
      basis,
      normAmount,
      normQuantityMilli,
      normPerCapita,
      targetTenths,
    });
  }
  return { row };
}

/** Reads a norms/settings file against the known units and categories. */
export function readNorms(
  src: FileSource,
  lookup: IngestLookup,
  opts: ReadOptions = {},
): AsyncGenerator<Batch<NormRecord>, IngestMeta> {
  const m = buildMatchers(lookup);
  return runReader<NormRecord, Cols>(
    src,
    {
      expectedHeaders: NORMS_HEADERS.slice(0, 7),
      defaultShape: 'norms',
      matchHeader: (cells) => matchNormsHeader(cells),
      handler: (cols, style, _row, headers) => normsHandler(cols, style, headers, m),
    },
    opts,
  );
}
