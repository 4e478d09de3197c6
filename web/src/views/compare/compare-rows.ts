/**
 * The compare view's rows, pure: a row's reduction and target for a column, sorting, what the
 * chart draws past CHART_MAX sub-units (the top and bottom ones), unit names wrapped for its axis.
 */
import type { ComparisonResponse } from '../../api-client.ts';

export type Row = ComparisonResponse['rows'][number];
const OVERALL = 'overall';

/** A row's reduction for a column: 'overall' or a category code. */
export function reductionOf(row: Row, col: string): number | null {
  return col === OVERALL ? row.overall : (row.categories[col]?.reduction ?? null);
}

/** A row's target for a column (none for 'overall': the targets differ by category). */
export function targetOf(row: Row, col: string): number | null {
  return col === OVERALL ? null : (row.categories[col]?.target ?? null);
}

/** Past this many sub-units the chart draws only the top and bottom ones; the table has them all. */
export const CHART_MAX = 30;
/** How many units the chart draws at each end when it is trimmed. */
export const CHART_EACH = 10;

/**
 * What the chart draws, best first: every sub-unit, or past CHART_MAX the CHART_EACH with the
 * largest reduction and the CHART_EACH with the smallest (units without a value left to the table),
 * `hidden` counting the units between them.
 */
export function chartRows(rows: Row[], by: string): { top: Row[]; bottom: Row[]; hidden: number } {
  const sorted = sortRows(rows, by, 'descending');
  if (sorted.length <= CHART_MAX) return { top: sorted, bottom: [], hidden: 0 };
  const valued = sorted.filter((r) => reductionOf(r, by) != null);
  if (valued.length <= 2 * CHART_EACH) return { top: valued, bottom: [], hidden: sorted.length - valued.length };
  return {
    top: valued.slice(0, CHART_EACH),
    bottom: valued.slice(-CHART_EACH),
    hidden: sorted.length - 2 * CHART_EACH,
  };
}

/**
 * A unit name broken into lines of at most `max` characters at spaces (a word longer than a line
 * is cut with "…"), at most `lines` lines (the last ends with "…" when the name goes on).
 * @example wrapLabel('Trung tâm Công nghệ thông tin và Truyền thông', 16) // ['Trung tâm Công', 'nghệ thông tin', 'và Truyền thông']
 */
export function wrapLabel(name: string, max: number, lines = 3): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of name.split(/\s+/).filter(Boolean)) {
    const w = word.length > max ? word.slice(0, max - 1) + '…' : word;
    if (!line) line = w;
    else if (line.length + 1 + w.length <= max) line += ' ' + w;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line) out.push(line);
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  const last = kept[lines - 1];
  kept[lines - 1] = (last.length + 1 > max ? last.slice(0, max - 1) : last) + '…';
  return kept;
}

/** Rows sorted by a column; unknown values always last. */
export function sortRows(rows: Row[], col: string, dir: 'ascending' | 'descending'): Row[] {
  const sign = dir === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (col === 'unit') return sign * a.unit.name.localeCompare(b.unit.name, 'vi');
    if (col === 'rank') return sign * ((a.rank ?? Infinity) - (b.rank ?? Infinity));
    const x = reductionOf(a, col);
    const y = reductionOf(b, col);
    if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1;
    return sign * (x - y);
  });
}
