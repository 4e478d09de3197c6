/**
 * Units files (`Mã đơn vị, Tên đơn vị, Đơn vị cấp trên, Biên chế` + optional `Tên khác`): the unit
 * tree. Parents may be listed after their children, so valid units are held until the end of the
 * file (units files are small), then parents and cycles are checked across the whole file.
 */
import { CodeSchema } from '../../domain/schemas/common.ts';
import { codeKey } from '../../domain/text.ts';
import { dongOfDecimal, decimalOfNumber, parseDecimal, type NumberStyle } from '../../domain/numbers.ts';
import { cellText, isEmptyCell } from './cells.ts';
import { matchFields, missingFields, UNIT_FIELDS, UNITS_HEADERS } from './headers.ts';
import { problem } from './problems.ts';
import { reject, runReader, type HeaderVerdict, type RowHandler } from './reader.ts';
import type { Batch, Cell, FileSource, ImportError, IngestMeta, ReadOptions, TableRow, UnitRecord } from './types.ts';

type UnitField = keyof typeof UNIT_FIELDS;
type Cols = Record<UnitField, number>;

function matchUnitsHeader(cells: string[]): HeaderVerdict<Cols> {
  const f = matchFields(cells, UNIT_FIELDS);
  if (f.found < 2 || f.cols.code < 0) return null;
  const missing = missingFields(f, UNIT_FIELDS);
  if (missing.length) return { kind: 'incomplete', shape: 'units', missing };
  return { kind: 'header', shape: 'units', header: f.cols, numericCols: [f.cols.headcount] };
}

/** Whole, non-negative headcount; an empty cell is 0. */
function headcountOf(
  c: Cell,
  style: NumberStyle,
): { ok: true; value: number } | { ok: false; code: 'not_a_number' | 'negative_amount' | 'too_many_decimals' } {
  if (isEmptyCell(c)) return { ok: true, value: 0 };
  const d = typeof c === 'number' ? decimalOfNumber(c) : parseDecimal(cellText(c), style);
  if (!d) return { ok: false, code: 'not_a_number' };
  if (/[1-9]/.test(d.frac)) return { ok: false, code: 'too_many_decimals' };
  const r = dongOfDecimal(d);
  if (!r.ok) return { ok: false, code: r.code === 'negative_amount' ? 'negative_amount' : 'not_a_number' };
  return r;
}

function unitsHandler(
  cols: Cols,
  style: NumberStyle,
  headers: string[],
  known: string[] | undefined,
): RowHandler<UnitRecord> {
  const col = (i: number) => headers[i] ?? '';
  const held: { rec: UnitRecord; r: TableRow }[] = [];
  /** Codes of the file so far, by codeKey (NFC + case folding: `STTTT-CĐ` ≠ `STTTT-CD`). */
  const codes = new Set<string>();
  // A code or parent typed in another case is the stored unit: give it the stored spelling.
  const canonical = new Map<string, string>();
  for (const k of known ?? []) canonical.set(codeKey(k), k);

  function row(r: TableRow, out: Batch<UnitRecord>) {
    const c = r.cells;
    const errs: ImportError[] = [];
    const typed = cellText(c[cols.code]);
    const key = codeKey(typed);
    const code = canonical.get(key) ?? typed;
    if (code === '') errs.push(problem('missing_value', r.row, col(cols.code), ''));
    else if (!CodeSchema.safeParse(code).success) errs.push(problem('invalid_code', r.row, col(cols.code), typed));
    else if (codes.has(key)) errs.push(problem('duplicate_key', r.row, col(cols.code), typed));
    const name = cellText(c[cols.name]).slice(0, 200);
    if (name === '') errs.push(problem('missing_value', r.row, col(cols.name), ''));
    const parentText = cellText(c[cols.parent]);
    const hc = headcountOf(c[cols.headcount], style);
    if (!hc.ok) errs.push(problem(hc.code, r.row, col(cols.headcount), cellText(c[cols.headcount])));
    const aliases =
      cols.aliases >= 0
        ? [
            ...new Set(
              cellText(c[cols.aliases])
                .split(/[;\n]/)
                .map((a) => a.trim())
                .filter(Boolean),
            ),
          ]
        : [];
    if (code && !codes.has(key)) {
      codes.add(key);
      if (!canonical.has(key)) canonical.set(key, code);
    }
    if (errs.length) {
      out.errors.push(...errs);
      reject(out, r);
      return;
    }
    held.push({
      rec: { row: r.row, code, name, parentCode: parentText || null, headcount: hc.ok ? hc.value : 0, aliases },
      r,
    });
  }

  function finish(out: Batch<UnitRecord>) {
    const bad = new Map<number, ImportError>();
    const byCode = new Map(held.map((h) => [h.rec.code, h]));
    for (const h of held) {
      if (h.rec.parentCode == null) continue;
      const p = canonical.get(codeKey(h.rec.parentCode));
      if (p) h.rec.parentCode = p;
      // Without knownUnitCodes the stored units are unknown here: the caller checks those parents.
      else if (known) bad.set(h.rec.row, problem('unknown_parent', h.rec.row, col(cols.parent), h.rec.parentCode));
    }
    // A cycle: following parents inside the file leads back to the start.
    for (const h of held) {
      const start = h.rec.code;
      let cur = h.rec.parentCode;
      for (let steps = 0; cur != null && steps <= held.length; steps++) {
        if (cur === start) {
          bad.set(h.rec.row, problem('unit_cycle', h.rec.row, col(cols.parent), h.rec.parentCode!));
          break;
        }
        cur = byCode.get(cur)?.rec.parentCode ?? null;
      }
    }
    for (const h of held) {
      const e = bad.get(h.rec.row);
      if (e) {
        out.errors.push(e);
        reject(out, h.r);
      } else {
        out.records.push(h.rec);
      }
    }
  }

  return { row, finish };
}

/**
 * Reads a units file. `knownUnitCodes` are units already stored, valid as parents; when given, a
 * parent neither in the file nor known is unknown_parent (when omitted, the caller checks parents
 * outside the file). Cycles are found within the file; one through stored units is the caller's.
 */
export function readUnits(
  src: FileSource,
  opts: ReadOptions & { knownUnitCodes?: string[] } = {},
): AsyncGenerator<Batch<UnitRecord>, IngestMeta> {
  return runReader<UnitRecord, Cols>(
    src,
    {
      expectedHeaders: UNITS_HEADERS.slice(0, 4),
      defaultShape: 'units',
      matchHeader: (cells) => matchUnitsHeader(cells),
      handler: (cols, style, _row, headers) => unitsHandler(cols, style, headers, opts.knownUnitCodes),
    },
    opts,
  );
}
