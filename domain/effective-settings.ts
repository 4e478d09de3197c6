/**
 * Inheritance of settings down the unit tree (docs/domain.md "Categories").
 *
 * Rules decided here:
 * - Settings are per year: only rows of the requested year count (no carry-over from earlier years).
 * - Each of three groups is inherited on its own from the nearest unit up the tree (the unit itself
 *   first) whose row sets it: the basis, the norm (any of amount / quantity / per-capita), the target.
 *   A group no unit sets falls back to the category default (basis, target); a norm has no default.
 * - A per-capita norm is multiplied by the headcount of the unit it is applied to, so a per-capita
 *   norm set on a department gives each division its own norm. An amount norm wins over a
 *   per-capita norm on the same row.
 */
import type { Basis } from './schemas/common.ts';

export interface SettingValues {
  basis: Basis | null;
  normAmount: number | null;
  normQuantityMilli: number | null;
  normPerCapita: number | null;
  targetTenths: number | null;
}

export interface CategoryDefaults {
  defaultBasis: Basis;
  defaultTargetTenths: number | null;
}

/** Where a value came from: a unit id, or null for the category default. */
export type FromUnit = number | null;

export interface Effective {
  basis: Basis;
  basisFrom: FromUnit;
  normAmount: number | null;
  normQuantityMilli: number | null;
  normPerCapita: number | null;
  /** normAmount, or normPerCapita × headcount; null without an amount norm. */
  normAmountEffective: number | null;
  /** Unit whose row gave the norm; undefined when no norm applies. */
  normFrom: FromUnit | undefined;
  targetTenths: number | null;
  targetFrom: FromUnit;
}

const hasNorm = (r: SettingValues) => r.normAmount != null || r.normQuantityMilli != null || r.normPerCapita != null;

/** The effective setting at the top of a tree (no parent): own row over category defaults. */
export function rootEffective(cat: CategoryDefaults): Effective {
  return {
    basis: cat.defaultBasis,
    basisFrom: null,
    normAmount: null,
    normQuantityMilli: null,
    normPerCapita: null,
    normAmountEffective: null,
    normFrom: undefined,
    targetTenths: cat.defaultTargetTenths,
    targetFrom: null,
  };
}

/**
 * A unit's effective setting from its parent's effective setting (or rootEffective) and its own row.
 * @example inherit(rootEffective(cat), { ...row, basis: 'norm' }, 7, 14)
 */
export function inherit(
  parent: Effective,
  own: SettingValues | undefined,
  unitId: number,
  headcount: number,
): Effective {
  const e: Effective = { ...parent };
  if (own) {
    if (own.basis != null) {
      e.basis = own.basis;
      e.basisFrom = unitId;
    }
    if (hasNorm(own)) {
      e.normAmount = own.normAmount;
      e.normQuantityMilli = own.normQuantityMilli;
      e.normPerCapita = own.normPerCapita;
      e.normFrom = unitId;
    }
    if (own.targetTenths != null) {
      e.targetTenths = own.targetTenths;
      e.targetFrom = unitId;
    }
  }
  e.normAmountEffective =
    e.normAmount != null ? e.normAmount : e.normPerCapita != null ? e.normPerCapita * headcount : null;
  return e;
}

/**
 * Effective settings for every unit of a tree, for one category.
 * `order` lists unit indexes parents first; `parent[i]` is the parent's index or -1.
 */
export function effectiveForTree(
  order: number[],
  parent: Int32Array | number[],
  unitIds: number[],
  headcounts: number[],
  own: (i: number) => SettingValues | undefined,
  cat: CategoryDefaults,
  /** Effective setting above the top of `order` (the parent of a subtree); category defaults if omitted. */
  top: Effective = rootEffective(cat),
): Effective[] {
  const out = new Array<Effective>(unitIds.length);
  for (const i of order) {
    const p = parent[i];
    out[i] = inherit(p >= 0 ? out[p] : top, own(i), unitIds[i], headcounts[i]);
  }
  return out;
}

/**
 * Effective setting of one unit from its own row and its ancestors' rows (nearest first); the
 * per-capita norm uses `headcount` (the unit's).
 * `chain[k]` = {unitId, row} from the unit itself (k = 0) up to the root.
 */
export function effectiveForChain(
  chain: Array<{ unitId: number; row: SettingValues | undefined }>,
  headcount: number,
  cat: CategoryDefaults,
): Effective {
  let e = rootEffective(cat);
  for (let k = chain.length - 1; k >= 0; k--) e = inherit(e, chain[k].row, chain[k].unitId, headcount);
  return e;
}

/** Where a field-by-field inherited value came from: the unit id that set it, or null when none did. */
export interface Inherited<V> {
  value: V | null;
  from: number | null;
}

/**
 * Field-by-field inheritance (agency document settings): each key takes its value from the
 * nearest row up the tree (`chain[0]` = the unit itself) where it is not null; a key no row sets
 * stays null. Unlike category settings there are no groups: every field stands alone.
 * @example inheritFields([{ unitId: 2, row: { place: null } }, { unitId: 1, row: { place: 'Trà Vinh' } }], ['place'])
 *   // { place: { value: 'Trà Vinh', from: 1 } }
 */
export function inheritFields<R extends object, K extends keyof R>(
  chain: ReadonlyArray<{ unitId: number; row: R | undefined }>,
  keys: readonly K[],
): { [k in K]: Inherited<NonNullable<R[k]>> } {
  const out = {} as { [k in K]: Inherited<NonNullable<R[k]>> };
  for (const k of keys) {
    const hit = chain.find((c) => c.row?.[k] != null);
    out[k] = hit ? { value: hit.row![k] as NonNullable<R[K]>, from: hit.unitId } : { value: null, from: null };
  }
  return out;
}
