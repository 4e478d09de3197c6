/**
 * The figures export (CLI `figures list`, GET /api/figures/export): every stored figure of a unit
 * and its whole subtree (or the unit alone), optionally within a month range, as rows of codes,
 * đồng and kWh. JSON for programs; CSV with the same field names (UTF-8, comma, plain numbers
 * with a decimal point, so a program reads it back exactly); XLSX with Vietnamese headings and
 * numeric cells formatted with thousands separators for people. Text cells are formula-safe.
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { AppDeps } from '../deps.ts';
import { badRequest } from '../errors.ts';
import { safeCell } from '../../domain/spreadsheet.ts';
import type { FigureExportRow } from '../../domain/schemas/figure.ts';
import { requireUnit } from '../units/units.service.ts';
import { subtreeIds } from '../../domain/unit-tree.ts';
import { listFigureRows } from './figures.repository.ts';

export interface ExportQuery {
  /** Unit code; absent = every unit (whoever may read the whole tree). */
  unit?: string;
  /** The unit alone, without its subtree. */
  only?: boolean;
  from?: string;
  to?: string;
}

export const EXPORT_FIELDS = ['unit', 'period', 'category', 'amount', 'quantity', 'note', 'source'] as const;
const HEADINGS_VI = ['Mã đơn vị', 'Kỳ', 'Khoản chi', 'Số tiền (đồng)', 'Số lượng', 'Ghi chú', 'Nguồn'];

export async function exportFigureRows(deps: AppDeps, q: ExportQuery): Promise<FigureExportRow[]> {
  if (q.from && q.to && q.from > q.to)
    throw badRequest(
      `Kỳ "từ" (${q.from}) phải trước hoặc bằng kỳ "đến" (${q.to}).`,
      { from: q.from, to: q.to },
      { reason: 'from_after_to', from: q.from, to: q.to },
    );
  let unitIds: number[] | null = null;
  if (q.unit) {
    const { row, all } = await requireUnit(deps.db, q.unit);
    unitIds = q.only ? [row.id] : subtreeIds(all, row.id);
  }
  const rows = await listFigureRows(deps.db, { unitIds, categoryId: null, from: q.from ?? null, to: q.to ?? null });
  return rows.map((r) => ({
    unit: r.unit_code,
    period: r.period,
    category: r.category_code,
    amount: r.amount,
    quantity: r.quantity_milli == null ? null : r.quantity_milli / 1000,
    note: r.note,
    source: r.import_id == null ? 'manual' : `import:${r.import_id}`,
  }));
}

/** CSV: a header of the field names, then one line per row; `bom` for Excel. */
export function figuresCsv(rows: FigureExportRow[], opts: { bom: boolean }): string {
  const text = (s: string | null) => (s == null ? '' : safeCell(s));
  const lines = [
    [...EXPORT_FIELDS],
    ...rows.map((r) => [
      text(r.unit),
      r.period,
      text(r.category),
      String(r.amount),
      r.quantity == null ? '' : String(r.quantity),
      text(r.note),
      text(r.source),
    ]),
  ];
  return (opts.bom ? '\ufeff' : '') + stringify(lines, { record_delimiter: '\r\n' });
}

export async function figuresXlsx(rows: FigureExportRow[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('So lieu');
  ws.addRow(HEADINGS_VI).font = { bold: true };
  for (const r of rows) {
    const row = ws.addRow([
      safeCell(r.unit),
      r.period,
      safeCell(r.category),
      r.amount,
      r.quantity,
      r.note == null ? null : safeCell(r.note),
      safeCell(r.source),
    ]);
    // Thousands separators (shown as 1.250.000 by a Vietnamese Excel); decimals only where there are some.
    row.getCell(4).numFmt = '#,##0';
    if (r.quantity != null) row.getCell(5).numFmt = Number.isInteger(r.quantity) ? '#,##0' : '#,##0.0##';
  }
  ws.columns.forEach((c, i) => (c.width = [14, 10, 14, 18, 14, 30, 12][i]));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
