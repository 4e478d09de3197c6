/**
 * The reduction engine over a unit tree, for one category and one year: per-unit cells, rolled
 * up bottom-up in one pass, then results for any unit and any month of the year. Pure; typed
 * arrays so a province of 20,000 units is a few million additions.
 *
 * Rules decided here (docs/domain.md "Formulas"):
 * - A cell is (unit, month). It is submitted when the unit has a figure; a missing figure is never
 *   zero, it is left out of every sum. A figure of 0 is a real zero.
 * - A cell's baseline: basis norm → the unit's effective monthly norm (amount, per-capita ×
 *   headcount, or quantity); basis previous_year → the unit's own figure twelve months earlier.
 * - Comparable cells have both an actual and a baseline. When a unit subtree has comparable cells,
 *   actual and baseline are summed over those cells only, so saved = baseline − actual is always
 *   like for like (a unit without last year's figure drops out of the comparison, it does not turn
 *   it into 100%). Without any comparable cell, actual is the sum of every submitted cell and the
 *   baseline is unknown.
 * - Roll-up: a parent's cells are its own plus all its descendants' (so a parent's norm baseline is
 *   the sum of the effective norms of the units that submitted that month).
 * - Year to date: the same sums over the months Jan..through; a month counts for a unit only with
 *   both values (for previous_year: only when last year's figure of that month exists too).
 * - Metered categories (kWh ...): the measure is the quantity when any comparable cell of the
 *   subtree in Jan..through has a baseline quantity (a kWh norm, or last year's kWh); then only
 *   cells with both quantities compare, and the đồng figures of those cells are given beside.
 */
import type { Effective } from './effective-settings.ts';
import { evaluate, type Evaluated } from './reductions.ts';
import { projectedYearOf, type OutlookMonth, type OutlookTotals } from './outlook.ts';

export type Measure = 'amount' | 'quantity';

/** One category's figures of the year and the year before: index = unit * 12 + month (0..11); NaN = no figure. */
export interface CategoryFigures {
  amount: Float64Array;
  quantityMilli: Float64Array;
  prevAmount: Float64Array;
  prevQuantityMilli: Float64Array;
}

export function emptyFigures(unitCount: number): CategoryFigures {
  const mk = () => new Float64Array(unitCount * 12).fill(NaN);
  return { amount: mk(), quantityMilli: mk(), prevAmount: mk(), prevQuantityMilli: mk() };
}

const FIELDS = [
  'nFig',
  'allAmt',
  'allQty',
  'nQty',
  'nA',
  'actA',
  'baseA',
  'nQ',
  'actQ',
  'baseQ',
  'actQAmt',
  'baseQAmt',
  'nQBaseAmt',
  // Year-end outlook (outlook.ts): whole-year baselines, last year's months, the recent pace.
  'byPrevA',
  'byNormA',
  'byPrevQ',
  'byNormQ',
  'lyA',
  'nLyA',
  'lyQ',
  'nLyQ',
  'pActA',
  'pPrevA',
  'pActQ',
  'pPrevQ',
] as const;
type Field = (typeof FIELDS)[number];
type Sums = Record<Field, Float64Array>;

/** A month's or a span's actual and baseline in the measure, and both in đồng. */
export interface SnapshotValue {
  actual: number | null;
  baseline: number | null;
  actualAmount: number | null;
  baselineAmount: number | null;
}
export interface ValueResult extends Evaluated {
  actualAmount: number | null;
  baselineAmount: number | null;
}
export interface MonthValue extends ValueResult {
  submitted: boolean;
}
export interface UnitCategoryResult {
  measure: Measure;
  targetTenths: number | null;
  months: MonthValue[];
  ytd: ValueResult & { monthsSubmitted: number; monthsInRange: number };
}

/** Rolled-up sums of one category over a tree; ask `resultFor(unit, throughMonth)`. */
export class CategoryRollup {
  private readonly s: Sums;
  constructor(
    private readonly n: number,
    private readonly metered: boolean,
    private readonly effective: Effective[],
    sums: Sums,
  ) {
    this.s = sums;
  }

  /** Sum of field over months 0..t for unit i. */
  private span(f: Field, i: number, t: number): number {
    const a = this.s[f];
    let v = 0;
    for (let m = 0; m <= t; m++) v += a[i * 12 + m];
    return v;
  }

  measureFor(i: number, t: number): Measure {
    return this.metered && this.span('nQ', i, t) > 0 ? 'quantity' : 'amount';
  }

  /** Sum of array `a` over months 0..t for unit i. */
  private spanOf(a: Float64Array, i: number, t: number): number {
    let v = 0;
    for (let m = 0; m <= t; m++) v += a[i * 12 + m];
    return v;
  }

  /**
   * The actual of cell k in `measure`: what value(a => a[k], measure, …).actual is, without
   * evaluating (the outlook reads it for every month of every unit at the close).
   */
  private actualAt(k: number, measure: Measure): number | null {
    const s = this.s;
    if (measure === 'amount') return s.nA[k] > 0 ? s.actA[k] : s.nFig[k] > 0 ? s.allAmt[k] : null;
    return s.nQ[k] > 0 ? s.actQ[k] : s.nQty[k] > 0 ? s.allQty[k] : null;
  }

  /** `get(array)` reads one cell or a span of the sums (arrays, not field names: monomorphic). */
  private value(get: (a: Float64Array) => number, measure: Measure, target: number | null): ValueResult {
    const v = this.values(get, measure);
    return {
      ...evaluate(v.baseline, v.actual, target),
      actualAmount: v.actualAmount,
      baselineAmount: v.baselineAmount,
    };
  }

  /** The actual and baseline (in `measure`) and both in đồng, before any evaluation. */
  private values(get: (a: Float64Array) => number, measure: Measure): SnapshotValue {
    const s = this.s;
    const nFig = get(s.nFig);
    if (measure === 'amount') {
      if (get(s.nA) > 0) {
        const actA = get(s.actA);
        const baseA = get(s.baseA);
        return { actual: actA, baseline: baseA, actualAmount: actA, baselineAmount: baseA };
      }
      const actual = nFig > 0 ? get(s.allAmt) : null;
      return { actual, baseline: null, actualAmount: actual, baselineAmount: null };
    }
    const nQ = get(s.nQ);
    if (nQ > 0) {
      return {
        actual: get(s.actQ),
        baseline: get(s.baseQ),
        actualAmount: get(s.actQAmt),
        baselineAmount: get(s.nQBaseAmt) === nQ ? get(s.baseQAmt) : null,
      };
    }
    return {
      actual: get(s.nQty) > 0 ? get(s.allQty) : null,
      baseline: null,
      actualAmount: nFig > 0 ? get(s.allAmt) : null,
      baselineAmount: null,
    };
  }

  /** Results of unit i for months Jan..t (0-based) and the year to date through t; quantities in milli. */
  resultFor(i: number, t: number): UnitCategoryResult {
    const measure = this.measureFor(i, t);
    const target = this.effective[i].targetTenths;
    const months: MonthValue[] = [];
    for (let m = 0; m <= t; m++) {
      const k = i * 12 + m;
      months.push({ submitted: this.s.nFig[k] > 0, ...this.value((a) => a[k], measure, target) });
    }
    const ytd = this.value((a) => this.spanOf(a, i, t), measure, target);
    return {
      measure,
      targetTenths: target,
      months,
      ytd: { ...ytd, monthsSubmitted: months.filter((m) => m.submitted).length, monthsInRange: t + 1 },
    };
  }

  /**
   * Only month t and the year to date through t of unit i: what the monthly close stores. The
   * same actuals and baselines as resultFor(i, t).months[t] and .ytd, without computing the other
   * months or evaluating (the close stores no percentages: they are computed when read).
   */
  snapshotFor(
    i: number,
    t: number,
  ): {
    measure: Measure;
    targetTenths: number | null;
    month: SnapshotValue & { submitted: boolean };
    ytd: SnapshotValue & { monthsSubmitted: number };
  } {
    const measure = this.measureFor(i, t);
    const target = this.effective[i].targetTenths;
    const k = i * 12 + t;
    const month = { submitted: this.s.nFig[k] > 0, ...this.values((a) => a[k], measure) };
    let monthsSubmitted = 0;
    for (let m = 0; m <= t; m++) if (this.s.nFig[i * 12 + m] > 0) monthsSubmitted++;
    return {
      measure,
      targetTenths: target,
      month,
      ytd: { ...this.values((a) => this.spanOf(a, i, t), measure), monthsSubmitted },
    };
  }

  /**
   * What the year-end outlook of unit i after month t needs (domain/outlook.ts), in the measure
   * of its results: the whole-year baseline (last year's Jan–Dec of same-period units plus the
   * twelve monthly norms of norm units that have submitted by t), the actual year to date as the
   * results sum it, and the projected year from the recent pace over last year's months.
   */
  outlookTotals(i: number, t: number, measure: Measure, actualYtd: number | null): OutlookTotals {
    const q = measure === 'quantity';
    const s = this.s;
    const by = this.span(q ? 'byNormQ' : 'byNormA', i, t) + this.span(q ? 'byPrevQ' : 'byPrevA', i, 11);
    const months: OutlookMonth[] = [];
    for (let m = 0; m <= t; m++) {
      const k = i * 12 + m;
      months.push({
        actual: s.nFig[k] > 0 ? this.actualAt(k, measure) : null,
        pacedActual: (q ? s.pActQ : s.pActA)[k],
        pacedLastYear: (q ? s.pPrevQ : s.pPrevA)[k],
      });
    }
    const lastYearRest: Array<number | null> = [];
    for (let m = t + 1; m < 12; m++) {
      const k = i * 12 + m;
      lastYearRest.push((q ? s.nLyQ : s.nLyA)[k] > 0 ? (q ? s.lyQ : s.lyA)[k] : null);
    }
    return {
      month: t + 1,
      targetTenths: this.effective[i].targetTenths,
      baselineYear: by > 0 ? by : null,
      actualYtd,
      projectedYear: projectedYearOf({ month: t + 1, actualYtd, months, lastYearRest }),
    };
  }

  /** True when unit i itself or any descendant has a figure in month m. */
  submitted(i: number, m: number): boolean {
    return this.s.nFig[i * 12 + m] > 0;
  }

  get unitCount(): number {
    return this.n;
  }
}

/**
 * Build the roll-up of one category. `order` lists unit indexes parents first, `parent[i]` is
 * the parent index or -1; `effective[i]` is unit i's effective setting for the year.
 */
export function rollupCategory(
  order: number[],
  parent: Int32Array | number[],
  effective: Effective[],
  figs: CategoryFigures,
  metered: boolean,
): CategoryRollup {
  const n = effective.length;
  const s = Object.fromEntries(FIELDS.map((f) => [f, new Float64Array(n * 12)])) as Sums;
  for (let i = 0; i < n; i++) {
    const e = effective[i];
    const norm = e.basis === 'norm';
    let started = false;
    for (let m = 0; m < 12; m++) {
      const k = i * 12 + m;
      const a = figs.amount[k];
      const pa = figs.prevAmount[k];
      const pq = metered ? figs.prevQuantityMilli[k] : NaN;
      // Last year's months count for the outlook whether or not this year's month is in yet.
      if (!Number.isNaN(pa)) {
        s.lyA[k] = pa;
        s.nLyA[k] = 1;
        if (!norm) s.byPrevA[k] = pa;
      }
      if (!Number.isNaN(pq)) {
        s.lyQ[k] = pq;
        s.nLyQ[k] = 1;
        if (!norm) s.byPrevQ[k] = pq;
      }
      if (Number.isNaN(a)) continue;
      const q = figs.quantityMilli[k];
      // A norm unit's twelve monthly norms join the whole-year baseline from its first month in.
      if (norm && !started) {
        started = true;
        if (e.normAmountEffective != null) s.byNormA[k] = 12 * e.normAmountEffective;
        if (metered && e.normQuantityMilli != null) s.byNormQ[k] = 12 * e.normQuantityMilli;
      }
      if (!Number.isNaN(pa)) {
        s.pActA[k] = a;
        s.pPrevA[k] = pa;
      }
      if (!Number.isNaN(q) && !Number.isNaN(pq)) {
        s.pActQ[k] = q;
        s.pPrevQ[k] = pq;
      }
      const bA = norm ? (e.normAmountEffective ?? NaN) : pa;
      const bQ = !metered ? NaN : norm ? (e.normQuantityMilli ?? NaN) : pq;
      s.nFig[k] = 1;
      s.allAmt[k] = a;
      if (!Number.isNaN(q)) {
        s.allQty[k] = q;
        s.nQty[k] = 1;
      }
      if (!Number.isNaN(bA)) {
        s.nA[k] = 1;
        s.actA[k] = a;
        s.baseA[k] = bA;
      }
      if (!Number.isNaN(q) && !Number.isNaN(bQ)) {
        s.nQ[k] = 1;
        s.actQ[k] = q;
        s.baseQ[k] = bQ;
        s.actQAmt[k] = a;
        if (!Number.isNaN(bA)) {
          s.baseQAmt[k] = bA;
          s.nQBaseAmt[k] = 1;
        }
      }
    }
  }
  // Children after parents in `order`, so walking it backwards adds every subtree before its root is read.
  for (let j = order.length - 1; j >= 0; j--) {
    const i = order[j];
    const p = parent[i];
    if (p < 0) continue;
    for (const f of FIELDS) {
      const a = s[f];
      for (let m = 0; m < 12; m++) a[p * 12 + m] += a[i * 12 + m];
    }
  }
  return new CategoryRollup(n, metered, effective, s);
}

/** Parents-first order of a forest given parent indexes (-1 = root). Units in a cycle are left out. */
export function treeOrder(parent: Int32Array | number[]): number[] {
  const n = parent.length;
  const children: number[][] = Array.from({ length: n }, () => []);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) (parent[i] >= 0 ? children[parent[i]] : roots).push(i);
  const order: number[] = [];
  const stack = roots.reverse();
  while (stack.length) {
    const i = stack.pop()!;
    order.push(i);
    for (let c = children[i].length - 1; c >= 0; c--) stack.push(children[i][c]);
  }
  return order;
}
