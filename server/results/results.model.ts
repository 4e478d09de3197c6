/**
 * Loads what the engine needs for one year and one subtree (or the whole forest) in four queries
 * and builds the roll-ups in memory: one pass over the tree per category.
 */
import { subtreeRows } from '../../domain/unit-tree.ts';
import type { Kysely } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Database } from '../db/schema.ts';
import {
  effectiveForChain,
  effectiveForTree,
  rootEffective,
  type Effective,
  type SettingValues,
} from '../../domain/effective-settings.ts';
import {
  emptyFigures,
  rollupCategory,
  treeOrder,
  type CategoryFigures,
  type CategoryRollup,
} from '../../domain/rollup.ts';
import { makePeriod } from '../../domain/months.ts';
import { rollupCoverage, type CoverageCounts, type SubmissionRule } from '../../domain/coverage.ts';
import { listSubmissionRules } from '../submission/submission.repository.ts';
import { rawSqlite } from '../db/connection.ts';
import { dialectOf } from '../db/dialect.ts';
import {
  loadEngineCategories,
  loadFigureCellsPostgres,
  loadFigures,
  loadTreeUnits,
  loadYearSettings,
  type EngineCategoryRow,
  type SettingLiteRow,
  type TreeUnitRow,
} from './results.repository.ts';

export interface YearModel {
  year: number;
  /** Units of the model; index i everywhere below. */
  units: TreeUnitRow[];
  index: Map<number, number>;
  parent: Int32Array;
  order: number[];
  categories: EngineCategoryRow[];
  /** Per category (same position as `categories`). */
  rollups: CategoryRollup[];
  effective: Effective[][];
  /** Own figure of unit i in any category: [i*24 + m], m 0..11 last year, 12..23 this year. */
  ownAny: Uint8Array;
  /** Children indexes of each unit. */
  children: number[][];
  /** Submission rule of unit i (null: by its history). */
  rules: (SubmissionRule | null)[];
  /** Expected and submitted units of each unit's subtree per month (domain/coverage.ts). */
  coverage: CoverageCounts;
}

const toValues = (r: SettingLiteRow): SettingValues => ({
  basis: r.basis,
  normAmount: r.norm_amount,
  normQuantityMilli: r.norm_quantity_milli,
  normPerCapita: r.norm_per_capita,
  targetTenths: r.target_tenths,
});

/** Subtree of `rootId` (root first), or every unit when rootId is null. */
function selectUnits(all: TreeUnitRow[], rootId: number | null): TreeUnitRow[] {
  return rootId == null ? all : subtreeRows(all, rootId);
}

/**
 * The fast path of the figures load (the monthly close reads ~2 M of them for a province): one
 * row per period, its figures concatenated by the database as "unit:category:amount:quantity,…"
 * (SQLite's `group_concat` here, served by the covering figures_engine_idx without sorting;
 * PostgreSQL's `string_agg`, loadFigureCellsPostgres) and scanned without a JS object per figure.
 */
function figureCellsSqlite(raw: SQLite.Database, year: number, unitIds: number[] | null): [string, string][] {
  const from = makePeriod(year - 1, 1);
  const to = makePeriod(year, 12);
  const sql = `select period, group_concat(unit_id || ':' || category_id || ':' || amount || ':' || coalesce(quantity_milli, ''), ',') as cells
    from figures where period >= ? and period <= ?${unitIds ? ' and unit_id in (select value from json_each(?))' : ''} group by period`;
  return raw
    .prepare(sql)
    .raw(true)
    .all(...(unitIds ? [from, to, JSON.stringify(unitIds)] : [from, to])) as [string, string][];
}

/**
 * The figures of `year` and the year before as rows (period, cells) for scanFigureCells, or null
 * where there is no fast path (a SQLite transaction handle: the portable row-by-row load).
 */
export async function loadFigureCells(
  db: Kysely<Database>,
  year: number,
  unitIds: number[] | null,
): Promise<[string, string][] | null> {
  const raw = rawSqlite(db);
  if (raw) return figureCellsSqlite(raw, year, unitIds);
  if (dialectOf(db) === 'postgres')
    return loadFigureCellsPostgres(db, makePeriod(year - 1, 1), makePeriod(year, 12), unitIds);
  return null;
}

/**
 * Calls `cell(unitId, categoryId, month24, amount, quantityMilli|NaN)` for every figure of the rows
 * (period, cells). Returns false when a value is not a plain integer (found before any call) or is
 * past 2^53 − 1, which would be rounded here (found during the scan, some figures delivered): the
 * caller then loads every figure row by row (loadFigures), which sets each cell again or, for such
 * a value, refuses it as the drivers do.
 */
export function scanFigureCells(
  rows: [string, string][],
  year: number,
  cell: (u: number, c: number, m: number, a: number, q: number) => void,
): boolean {
  // Check first (cheap next to the scan), so nothing is delivered when a value is unusual.
  for (const [, s] of rows) if (!/^[0-9:,-]*$/.test(s)) return false;
  const f = [0, 0, 0, 0];
  for (const [period, s] of rows) {
    const y = Number(period.slice(0, 4));
    const m24 = (y === year ? 12 : 0) + Number(period.slice(5, 7)) - 1;
    let field = 0;
    let v = 0;
    let neg = false;
    let any = false;
    for (let p = 0, len = s.length; p <= len; p++) {
      const ch = p < len ? s.charCodeAt(p) : 44;
      if (ch >= 48 && ch <= 57) {
        v = v * 10 + (ch - 48);
        any = true;
      } else if (ch === 45) neg = true;
      else {
        // Digit by digit in doubles: exact up to 2^53 − 1, and at least 2^53 for any value past it.
        if (v > Number.MAX_SAFE_INTEGER) return false;
        f[field] = any ? (neg ? -v : v) : NaN;
        v = 0;
        neg = false;
        any = false;
        if (ch === 58) field++;
        else {
          if (field === 3) cell(f[0], f[1], m24, f[2], f[3]);
          field = 0;
        }
      }
    }
  }
  return true;
}

export async function buildYearModel(db: Kysely<Database>, year: number, rootId: number | null): Promise<YearModel> {
  const [allUnits, categories, settings, ruleRows] = await Promise.all([
    loadTreeUnits(db),
    loadEngineCategories(db),
    loadYearSettings(db, year),
    listSubmissionRules(db),
  ]);
  const units = selectUnits(allUnits, rootId);
  const n = units.length;
  const index = new Map(units.map((u, i) => [u.id, i]));
  const parent = new Int32Array(n);
  units.forEach((u, i) => (parent[i] = u.parent_id != null && index.has(u.parent_id) ? index.get(u.parent_id)! : -1));
  const order = treeOrder(parent);
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) if (parent[i] >= 0) children[parent[i]].push(i);

  const catPos = new Map(categories.map((c, k) => [c.id, k]));
  const perCat: CategoryFigures[] = categories.map(() => emptyFigures(n));
  const ownAny = new Uint8Array(n * 24);
  const unitIds = rootId == null || units.length === allUnits.length ? null : units.map((u) => u.id);
  // One cell: unit index i, category position k, month 0..23 (0..11 last year, 12..23 this year).
  const put = (
    i: number | undefined,
    k: number | undefined,
    month24: number,
    amount: number,
    quantityMilli: number,
  ) => {
    if (i === undefined || k === undefined) return;
    const cf = perCat[k];
    const c = i * 12 + (month24 % 12);
    if (month24 >= 12) {
      cf.amount[c] = amount;
      cf.quantityMilli[c] = quantityMilli;
    } else {
      cf.prevAmount[c] = amount;
      cf.prevQuantityMilli[c] = quantityMilli;
    }
    ownAny[i * 24 + month24] = 1;
  };
  // Unit id → model index in a typed array (ids are small positive integers), not a Map probe per figure.
  let maxId = 0;
  for (const u of units) if (u.id > maxId) maxId = u.id;
  const posOfId = new Int32Array(maxId + 1).fill(-1);
  units.forEach((u, i) => (posOfId[u.id] = i));
  const unitPos = (id: number) => (id <= maxId && posOfId[id] >= 0 ? posOfId[id] : undefined);
  const cellRows = maxId >= 50_000_000 ? null : await loadFigureCells(db, year, unitIds);
  if (!(cellRows && scanFigureCells(cellRows, year, (u, c, m, a, q) => put(unitPos(u), catPos.get(c), m, a, q)))) {
    for (const f of await loadFigures(db, makePeriod(year - 1, 1), makePeriod(year, 12), unitIds)) {
      // 'YYYY-MM' from our own column: sliced, not regex-parsed, on this 2-million-row path.
      const y = Number(f.period.slice(0, 4));
      const month = Number(f.period.slice(5, 7));
      put(
        index.get(f.unit_id),
        catPos.get(f.category_id),
        (y === year ? 12 : 0) + month - 1,
        f.amount,
        f.quantity_milli == null ? NaN : f.quantity_milli,
      );
    }
  }

  // Settings: own rows by (category, unit id); ancestors of a subtree root give the inherited top.
  const own = new Map<string, SettingValues>();
  for (const s of settings) own.set(`${s.category_id}:${s.unit_id}`, toValues(s));
  const byId = new Map(allUnits.map((u) => [u.id, u]));
  const ancestors: number[] = [];
  if (rootId != null) {
    for (
      let p = byId.get(rootId)?.parent_id ?? null;
      p != null && !ancestors.includes(p);
      p = byId.get(p)?.parent_id ?? null
    )
      ancestors.push(p);
  }
  const effective: Effective[][] = [];
  const rollups: CategoryRollup[] = [];
  categories.forEach((c, k) => {
    const defaults = { defaultBasis: c.default_basis, defaultTargetTenths: c.default_target_tenths };
    const top =
      ancestors.length === 0
        ? rootEffective(defaults)
        : effectiveForChain(
            ancestors.map((id) => ({ unitId: id, row: own.get(`${c.id}:${id}`) })),
            units[0]?.headcount ?? 0,
            defaults,
          );
    // The top's per-capita norm is re-applied with each unit's own headcount by inherit().
    const eff = effectiveForTree(
      order,
      parent,
      units.map((u) => u.id),
      units.map((u) => u.headcount),
      (i) => own.get(`${c.id}:${units[i].id}`),
      defaults,
      top,
    );
    effective.push(eff);
    rollups.push(rollupCategory(order, parent, eff, perCat[k], c.quantity_unit != null));
  });
  const rules: (SubmissionRule | null)[] = units.map(() => null);
  for (const r of ruleRows) {
    const i = index.get(r.unit_id);
    if (i !== undefined) rules[i] = { mode: r.mode, from: r.from_period };
  }
  const coverage = rollupCoverage(order, parent, ownAny, year, (i) => rules[i]);
  return { year, units, index, parent, order, categories, rollups, effective, ownAny, children, rules, coverage };
}

/** Last month index (0..11) of the year in which unit i's subtree has any figure, or -1. */
export function lastMonthWithFigures(model: YearModel, i: number): number {
  for (let m = 11; m >= 0; m--) if (model.rollups.some((r) => r.submitted(i, m))) return m;
  return -1;
}
