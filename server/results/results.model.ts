/**
 * Loads what the engine needs for one year and one subtree (or the whole forest) in four queries
 * and builds the roll-ups in memory: one pass over the tree per category.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { effectiveForChain, effectiveForTree, rootEffective, type Effective, type SettingValues } from '../../domain/effective-settings.ts';
import { emptyFigures, rollupCategory, treeOrder, type CategoryFigures, type CategoryRollup } from '../../domain/rollup.ts';
import { makePeriod } from '../../domain/months.ts';
import { loadEngineCategories, loadFigures, loadTreeUnits, loadYearSettings, type EngineCategoryRow, type SettingLiteRow, type TreeUnitRow } from './results.repository.ts';

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
  if (rootId == null) return all;
  const kids = new Map<number, TreeUnitRow[]>();
  for (const u of all) if (u.parent_id != null) (kids.get(u.parent_id) ?? kids.set(u.parent_id, []).get(u.parent_id)!).push(u);
  const root = all.find((u) => u.id === rootId);
  if (!root) return [];
  const out: TreeUnitRow[] = [];
  const stack = [root];
  const seen = new Set<number>();
  while (stack.length) {
    const u = stack.pop()!;
    if (seen.has(u.id)) continue;
    seen.add(u.id);
    out.push(u);
    for (const c of kids.get(u.id) ?? []) stack.push(c);
  }
  return out;
}

export async function buildYearModel(db: Kysely<Database>, year: number, rootId: number | null): Promise<YearModel> {
  const [allUnits, categories, settings] = await Promise.all([loadTreeUnits(db), loadEngineCategories(db), loadYearSettings(db, year)]);
  const units = selectUnits(allUnits, rootId);
  const n = units.length;
  const index = new Map(units.map((u, i) => [u.id, i]));
  const parent = new Int32Array(n);
  units.forEach((u, i) => (parent[i] = u.parent_id != null && index.has(u.parent_id) ? index.get(u.parent_id)! : -1));
  const order = treeOrder(parent);
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) if (parent[i] >= 0) children[parent[i]].push(i);

  const figs = await loadFigures(db, makePeriod(year - 1, 1), makePeriod(year, 12), rootId == null || units.length === allUnits.length ? null : units.map((u) => u.id));
  const catPos = new Map(categories.map((c, k) => [c.id, k]));
  const perCat: CategoryFigures[] = categories.map(() => emptyFigures(n));
  const ownAny = new Uint8Array(n * 24);
  for (const f of figs) {
    const i = index.get(f.unit_id);
    const k = catPos.get(f.category_id);
    if (i === undefined || k === undefined) continue;
    // 'YYYY-MM' from our own column: sliced, not regex-parsed, on this 2-million-row path.
    const y = Number(f.period.slice(0, 4));
    const month = Number(f.period.slice(5, 7));
    const cf = perCat[k];
    const q = f.quantity_milli == null ? NaN : f.quantity_milli;
    if (y === year) {
      cf.amount[i * 12 + month - 1] = f.amount;
      cf.quantityMilli[i * 12 + month - 1] = q;
      ownAny[i * 24 + 12 + month - 1] = 1;
    } else {
      cf.prevAmount[i * 12 + month - 1] = f.amount;
      cf.prevQuantityMilli[i * 12 + month - 1] = q;
      ownAny[i * 24 + month - 1] = 1;
    }
  }

  // Settings: own rows by (category, unit id); ancestors of a subtree root give the inherited top.
  const own = new Map<string, SettingValues>();
  for (const s of settings) own.set(`${s.category_id}:${s.unit_id}`, toValues(s));
  const byId = new Map(allUnits.map((u) => [u.id, u]));
  const ancestors: number[] = [];
  if (rootId != null) {
    for (let p = byId.get(rootId)?.parent_id ?? null; p != null && !ancestors.includes(p); p = byId.get(p)?.parent_id ?? null) ancestors.push(p);
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
    const eff = effectiveForTree(order, parent, units.map((u) => u.id), units.map((u) => u.headcount), (i) => own.get(`${c.id}:${units[i].id}`), defaults, top);
    effective.push(eff);
    rollups.push(rollupCategory(order, parent, eff, perCat[k], c.quantity_unit != null));
  });
  return { year, units, index, parent, order, categories, rollups, effective, ownAny, children };
}

/** Last month index (0..11) of the year in which unit i's subtree has any figure, or -1. */
export function lastMonthWithFigures(model: YearModel, i: number): number {
  for (let m = 11; m >= 0; m--) if (model.rollups.some((r) => r.submitted(i, m))) return m;
  return -1;
}
