import { describe, expect, it } from 'vitest';
import { effectiveForChain, effectiveForTree, type SettingValues } from '../../domain/effective-settings.ts';

const cat = { defaultBasis: 'previous_year' as const, defaultTargetTenths: 100 };
const row = (v: Partial<SettingValues>): SettingValues => ({
  basis: null,
  normAmount: null,
  normQuantityMilli: null,
  normPerCapita: null,
  targetTenths: null,
  ...v,
});

describe('effective settings', () => {
  // tree: 0 root, 1 and 2 children of 0, 3 child of 1
  const parent = [-1, 0, 0, 1];
  const ids = [10, 11, 12, 13];
  const heads = [48, 14, 6, 3];

  it('falls back to category defaults', () => {
    const e = effectiveForTree([0, 1, 3, 2], parent, ids, heads, () => undefined, cat);
    expect(e[3]).toMatchObject({
      basis: 'previous_year',
      basisFrom: null,
      targetTenths: 100,
      targetFrom: null,
      normAmountEffective: null,
      normFrom: undefined,
    });
  });

  it('a setting applies to the subtree unless a descendant sets its own; fields inherit separately', () => {
    const own = new Map<number, SettingValues>([
      [0, row({ basis: 'norm', normAmount: 1_000_000, targetTenths: 150 })],
      [1, row({ targetTenths: 50 })],
    ]);
    const e = effectiveForTree([0, 1, 3, 2], parent, ids, heads, (i) => own.get(i), cat);
    expect(e[2]).toMatchObject({
      basis: 'norm',
      basisFrom: 10,
      normAmountEffective: 1_000_000,
      normFrom: 10,
      targetTenths: 150,
      targetFrom: 10,
    });
    expect(e[3]).toMatchObject({ basis: 'norm', basisFrom: 10, normFrom: 10, targetTenths: 50, targetFrom: 11 });
  });

  it('per-capita norms multiply by the headcount of the unit they apply to', () => {
    const own = new Map<number, SettingValues>([[0, row({ basis: 'norm', normPerCapita: 100_000 })]]);
    const e = effectiveForTree([0, 1, 3, 2], parent, ids, heads, (i) => own.get(i), cat);
    expect(e[0].normAmountEffective).toBe(4_800_000);
    expect(e[1].normAmountEffective).toBe(1_400_000);
    expect(e[2].normAmountEffective).toBe(600_000);
    expect(e[3].normPerCapita).toBe(100_000);
  });

  it('a descendant norm replaces the whole norm group; amount wins over per-capita on one row', () => {
    const own = new Map<number, SettingValues>([
      [0, row({ normQuantityMilli: 5_000_000 })],
      [1, row({ normAmount: 7, normPerCapita: 100 })],
    ]);
    const e = effectiveForTree([0, 1, 3, 2], parent, ids, heads, (i) => own.get(i), cat);
    expect(e[1]).toMatchObject({ normAmountEffective: 7, normQuantityMilli: null });
    expect(e[2]).toMatchObject({ normQuantityMilli: 5_000_000, normAmountEffective: null });
  });

  it('chain form gives the same answer', () => {
    const e = effectiveForChain(
      [
        { unitId: 13, row: undefined },
        { unitId: 11, row: row({ targetTenths: 50 }) },
        { unitId: 10, row: row({ normPerCapita: 10 }) },
      ],
      3,
      cat,
    );
    expect(e).toMatchObject({
      targetTenths: 50,
      targetFrom: 11,
      normAmountEffective: 30,
      normFrom: 10,
      basis: 'previous_year',
    });
  });
});
