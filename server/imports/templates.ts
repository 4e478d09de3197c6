/**
 * Download templates with Vietnamese headers and the agency's own units filled in: figures
 * (long or wide, CSV or XLSX, each row in the first month not yet stored, from the last closed
 * one on), units (the current tree) and norms (the current year's settings, category defaults
 * where a unit has none).
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { AppDeps } from '../deps.ts';
import { LONG_HEADERS, NORMS_HEADERS, UNITS_HEADERS, WIDE_BASE_HEADERS } from '../ingest/index.ts';
import {
  addMonths,
  formatPeriodVi,
  lastClosedPeriod,
  periodOf,
  splitPeriod,
  type Period,
} from '../../domain/months.ts';
import { listUnitRows, toUnits } from '../units/units.repository.ts';
import { leafRows } from '../units/units.service.ts';
import { listCategoryRows, type CategoryRow } from '../categories/categories.repository.ts';
import { safeCell } from './error-file.ts';
import { effectiveForChain, type SettingValues } from '../../domain/effective-settings.ts';

export type Shape = 'long' | 'wide';
type Sheet = { name: string; rows: (string | number | null)[][] };

/** Wide columns: one per category, two (quantity and đồng) for a metered one. */
export function wideCategoryHeaders(cats: CategoryRow[]): string[] {
  return cats.flatMap((c) =>
    c.quantity_unit ? [`${c.name_vi} (${c.quantity_unit})`, `${c.name_vi} (đồng)`] : [c.name_vi],
  );
}

/**
 * The month a template proposes for a unit and category: the last closed month, or the first
 * after it that holds no figure yet, so a template never pre-fills a month already stored (one
 * the person would overwrite by filling it in). A unit up to date gets the current month, which
 * is still running (its upload warns `period_not_ended` until the month has ended).
 */
export async function templateMonths(
  deps: AppDeps,
  from: Period,
): Promise<(unitId: number, categoryId: number) => Period> {
  const rows = await deps.db
    .selectFrom('figures')
    .select(['unit_id', 'category_id', 'period'])
    .where('period', '>=', from)
    .execute();
  const stored = new Set(rows.map((r) => `${r.unit_id}:${r.category_id}:${r.period}`));
  return (unitId, categoryId) => {
    let p = from;
    while (stored.has(`${unitId}:${categoryId}:${p}`)) p = addMonths(p, 1);
    return p;
  };
}

/**
 * `allowed`: the caller's writable units (null = all), so an officer gets only the rows they may
 * upload. Long: a row per unit and category in its own first month not stored (templateMonths);
 * wide: a row per unit in the earliest of its categories' months (a cell already stored that
 * month is left empty, and an empty cell changes nothing).
 */
export async function figuresTemplate(deps: AppDeps, shape: Shape, allowed: Set<number> | null = null): Promise<Sheet> {
  const lastClosed = lastClosedPeriod(deps.clock.now());
  const leaves = leafRows(await listUnitRows(deps.db)).filter((u) => !allowed || allowed.has(u.id));
  const cats = (await listCategoryRows(deps.db)).filter((c) => c.retired === 0);
  const monthOf = await templateMonths(deps, lastClosed);
  const earliest = (months: Period[]) => months.reduce((a, b) => (b < a ? b : a), months[0] ?? lastClosed);
  const rows: Sheet['rows'] = [];
  const proposed: Period[] = [];
  if (shape === 'wide') {
    const headers = [...WIDE_BASE_HEADERS, ...wideCategoryHeaders(cats)];
    const blanks = headers.slice(WIDE_BASE_HEADERS.length).map(() => null);
    rows.push(headers);
    for (const u of leaves) {
      const month = earliest(cats.map((c) => monthOf(u.id, c.id)));
      proposed.push(month);
      rows.push([u.name, formatPeriodVi(month), ...blanks]);
    }
  } else {
    rows.push(LONG_HEADERS);
    for (const u of leaves)
      for (const c of cats) {
        const month = monthOf(u.id, c.id);
        proposed.push(month);
        rows.push([u.code, month, c.name_vi, null, null, null]);
      }
  }
  return { name: `So lieu ${earliest(proposed)}`, rows };
}

export async function unitsTemplate(deps: AppDeps): Promise<Sheet> {
  const units = toUnits(await listUnitRows(deps.db));
  return {
    name: 'Don vi',
    rows: [UNITS_HEADERS, ...units.map((u) => [u.code, u.name, u.parentCode, u.headcount, u.aliases.join('; ')])],
  };
}

const BASIS_VI = { norm: 'định mức', previous_year: 'cùng kỳ năm trước' } as const;

/**
 * `allowed`: the caller's writable units (null = all). Only those units are listed, so a finance
 * officer never sees another unit's code or norms. The top of what the caller holds (the root for
 * an administrator, an officer's own subtree root) gets every category with the basis and target
 * that apply to it (inherited from above or the category default, without naming where from);
 * other units only their own rows.
 */
export async function normsTemplate(deps: AppDeps, allowed: Set<number> | null = null): Promise<Sheet> {
  const year = splitPeriod(periodOf(deps.clock.now())).year;
  const units = await listUnitRows(deps.db);
  const byId = new Map(units.map((u) => [u.id, u]));
  const cats = (await listCategoryRows(deps.db)).filter((c) => c.retired === 0);
  const settings = await deps.db.selectFrom('settings').selectAll().where('year', '=', year).execute();
  const own = new Map(settings.map((s) => [`${s.unit_id}:${s.category_id}`, s]));
  const values = (unitId: number, categoryId: number): SettingValues | undefined => {
    const s = own.get(`${unitId}:${categoryId}`);
    return s
      ? {
          basis: s.basis,
          normAmount: s.norm_amount,
          normQuantityMilli: s.norm_quantity_milli,
          normPerCapita: s.norm_per_capita,
          targetTenths: s.target_tenths,
        }
      : undefined;
  };
  const isTop = (u: { parent_id: number | null }) =>
    u.parent_id == null || (allowed !== null && !allowed.has(u.parent_id));
  const rows: Sheet['rows'] = [NORMS_HEADERS];
  for (const u of units) {
    if (allowed && !allowed.has(u.id)) continue;
    const top = isTop(u);
    for (const c of cats) {
      const s = own.get(`${u.id}:${c.id}`);
      if (!s && !top) continue;
      let basis = s?.basis ?? c.default_basis;
      let target = s ? s.target_tenths : c.default_target_tenths;
      if (top) {
        const chain: { unitId: number; row: SettingValues | undefined }[] = [];
        for (let x = byId.get(u.id); x; x = x.parent_id == null ? undefined : byId.get(x.parent_id))
          chain.push({ unitId: x.id, row: values(x.id, c.id) });
        const cat = { defaultBasis: c.default_basis, defaultTargetTenths: c.default_target_tenths };
        const e = effectiveForChain(chain, u.headcount ?? 0, cat);
        basis = e.basis;
        target = e.targetTenths;
      }
      rows.push([
        u.code,
        year,
        c.name_vi,
        BASIS_VI[basis],
        s?.norm_amount ?? null,
        s?.norm_quantity_milli == null ? null : s.norm_quantity_milli / 1000,
        target == null ? null : target / 10,
        s?.norm_per_capita ?? null,
      ]);
    }
  }
  return { name: `Dinh muc ${year}`, rows };
}

/** UTF-8 with BOM (Excel), comma separated, formula-safe. */
export function sheetToCsv(s: Sheet): string {
  return (
    '\ufeff' +
    stringify(
      s.rows.map((r) => r.map((c) => (c == null ? '' : typeof c === 'number' ? String(c) : safeCell(c)))),
      { record_delimiter: '\r\n' },
    )
  );
}

export async function sheetToXlsx(s: Sheet): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(s.name.slice(0, 31));
  for (const r of s.rows) ws.addRow(r.map((c) => (typeof c === 'string' ? safeCell(c) : c)));
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((col) => (col.width = 22));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
