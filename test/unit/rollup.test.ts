import { describe, expect, it } from 'vitest';
import { effectiveForTree, type SettingValues } from '../../domain/effective-settings.ts';
import { emptyFigures, rollupCategory, treeOrder } from '../../domain/rollup.ts';

const row = (v: Partial<SettingValues>): SettingValues => ({
  basis: null,
  normAmount: null,
  normQuantityMilli: null,
  normPerCapita: null,
  targetTenths: null,
  ...v,
});
// tree: 0 root; 1, 2 children of 0; 3 child of 1
const parent = [-1, 0, 0, 1];
const ids = [10, 11, 12, 13];
const heads = [0, 10, 5, 2];
const order = treeOrder(parent);

function build(opts: {
  basis: 'norm' | 'previous_year';
  own?: Map<number, SettingValues>;
  metered?: boolean;
  fill: (f: ReturnType<typeof emptyFigures>) => void;
}) {
  const eff = effectiveForTree(order, parent, ids, heads, (i) => opts.own?.get(i), {
    defaultBasis: opts.basis,
    defaultTargetTenths: 100,
  });
  const f = emptyFigures(4);
  opts.fill(f);
  return rollupCategory(order, parent, eff, f, opts.metered ?? false);
}
const set = (a: Float64Array, unit: number, month: number, v: number) => (a[unit * 12 + month] = v);

describe('roll-up engine', () => {
  it('orders parents first', () => {
    expect(order).toEqual([0, 1, 3, 2]);
    expect(treeOrder([2, -1, 1])).toEqual([1, 2, 0]);
  });

  it('a parent figure is the sum over its subtree, own figures included', () => {
    const r = build({
      basis: 'previous_year',
      fill: (f) => {
        for (const [u, v] of [
          [0, 1],
          [1, 10],
          [2, 100],
          [3, 1000],
        ]) {
          set(f.amount, u, 0, v);
          set(f.prevAmount, u, 0, v * 2);
        }
      },
    });
    expect(r.resultFor(0, 0).months[0]).toMatchObject({
      actual: 1111,
      baseline: 2222,
      saved: 1111,
      reductionTenths: 500,
      submitted: true,
    });
    expect(r.resultFor(1, 0).months[0]).toMatchObject({ actual: 1010, baseline: 2020 });
    expect(r.resultFor(3, 0).months[0]).toMatchObject({ actual: 1000 });
  });

  it('a missing month is not submitted and left out of YTD; a zero is a real zero', () => {
    const r = build({
      basis: 'previous_year',
      fill: (f) => {
        for (let m = 0; m < 12; m++) set(f.prevAmount, 3, m, 100);
        set(f.amount, 3, 0, 80);
        set(f.amount, 3, 2, 0);
      },
    });
    const res = r.resultFor(3, 2);
    expect(res.months.map((m) => m.submitted)).toEqual([true, false, true]);
    expect(res.months[1]).toMatchObject({ actual: null, baseline: null, reductionTenths: null, met: null });
    expect(res.months[2]).toMatchObject({ actual: 0, baseline: 100, reductionTenths: 1000, met: true });
    expect(res.ytd).toMatchObject({
      actual: 80,
      baseline: 200,
      saved: 120,
      reductionTenths: 600,
      monthsSubmitted: 2,
      monthsInRange: 3,
    });
  });

  it('no baseline means unknown, not 0% or 100%', () => {
    const r = build({ basis: 'previous_year', fill: (f) => set(f.amount, 2, 0, 500) });
    expect(r.resultFor(2, 0).ytd).toMatchObject({
      actual: 500,
      baseline: null,
      saved: null,
      reductionTenths: null,
      met: null,
      actualAmount: 500,
    });
    const n = build({ basis: 'norm', fill: (f) => set(f.amount, 2, 0, 500) });
    expect(n.resultFor(2, 0).ytd.reductionTenths).toBeNull();
  });

  it('previous_year: a month counts only when last year has a figure; other units still compare', () => {
    const r = build({
      basis: 'previous_year',
      fill: (f) => {
        set(f.amount, 1, 0, 90);
        set(f.prevAmount, 1, 0, 100);
        set(f.amount, 2, 0, 999); // new unit, nothing last year
      },
    });
    expect(r.resultFor(0, 0).ytd).toMatchObject({ actual: 90, baseline: 100, reductionTenths: 100 });
  });

  it('norm baseline of a parent = effective norms of the units that submitted, per-capita × headcount', () => {
    const own = new Map([[0, row({ normPerCapita: 1000 })]]);
    const r = build({
      basis: 'norm',
      own,
      fill: (f) => {
        set(f.amount, 1, 0, 9000); // norm 10 × 1000
        set(f.amount, 2, 0, 6000); // norm 5 × 1000, overspent
      },
    });
    expect(r.resultFor(0, 0).months[0]).toMatchObject({ actual: 15000, baseline: 15000, saved: 0, reductionTenths: 0 });
    expect(r.resultFor(2, 0).months[0]).toMatchObject({
      baseline: 5000,
      saved: -1000,
      reductionTenths: -200,
      met: false,
    });
  });

  it('kWh rule: metered categories compare quantities when the baseline has one, đồng beside', () => {
    const own = new Map([[0, row({ basis: 'norm', normQuantityMilli: 5_000_000 })]]);
    const r = build({
      basis: 'norm',
      own,
      metered: true,
      fill: (f) => {
        for (let m = 0; m < 12; m++) {
          set(f.amount, 0, m, 12_000_000 + m); // tariff noise in đồng
          set(f.quantityMilli, 0, m, 4_250_000);
        }
      },
    });
    const y = r.resultFor(0, 11);
    expect(y.measure).toBe('quantity');
    expect(y.ytd).toMatchObject({
      actual: 51_000_000,
      baseline: 60_000_000,
      reductionTenths: 150,
      met: true,
      baselineAmount: null,
    });
    expect(y.ytd.actualAmount).toBe(12 * 12_000_000 + 66);
  });

  it('kWh rule: without a quantity baseline a metered category compares đồng', () => {
    const r = build({
      basis: 'previous_year',
      metered: true,
      fill: (f) => {
        set(f.amount, 0, 0, 900);
        set(f.prevAmount, 0, 0, 1000);
        set(f.quantityMilli, 0, 0, 5000);
      },
    });
    const res = r.resultFor(0, 0);
    expect(res.measure).toBe('amount');
    expect(res.ytd).toMatchObject({ actual: 900, baseline: 1000, reductionTenths: 100 });
  });

  it('kWh rule with previous-year quantities', () => {
    const r = build({
      basis: 'previous_year',
      metered: true,
      fill: (f) => {
        set(f.amount, 0, 0, 2000); // price went up
        set(f.prevAmount, 0, 0, 1000);
        set(f.quantityMilli, 0, 0, 800_000);
        set(f.prevQuantityMilli, 0, 0, 1_000_000);
      },
    });
    expect(r.resultFor(0, 0).ytd).toMatchObject({
      actual: 800_000,
      baseline: 1_000_000,
      reductionTenths: 200,
      actualAmount: 2000,
      baselineAmount: 1000,
    });
  });
});
