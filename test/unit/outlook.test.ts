import { describe, expect, it } from 'vitest';
import { outlook, projectedRest, type OutlookMonth } from '../../domain/outlook.ts';

/** Months with the same cells last year: [actual, last year] pairs. */
const paired = (pairs: Array<[number, number]>): OutlookMonth[] =>
  pairs.map(([a, ly]) => ({ actual: a, pacedActual: a, pacedLastYear: ly }));

describe('year-end outlook (docs/domain.md)', () => {
  it('the domain example: stationery, target 10%, same-period basis, after June', () => {
    const o = outlook({
      month: 6,
      targetTenths: 100,
      baselineYear: 48_000_000,
      actualYtd: 21_000_000,
      months: paired(Array.from({ length: 6 }, () => [3_500_000, 4_000_000])),
      lastYearRest: Array(6).fill(4_000_000),
    });
    expect(o).toEqual({
      allowance: 22_200_000,
      perMonth: 3_700_000,
      projectedTenths: 125,
      projectedYear: 42_000_000,
      remainingMonths: 6,
    });
  });

  it('uneven months: the recent pace (Apr–Jun), not the year-to-date ratio, drives the projection', () => {
    // Jan–Mar 3.000.000 (ratio 0,75), Apr–Jun 4.200.000 (pace 1,05) against 4.000.000 a month.
    const months = paired([
      [3_000_000, 4_000_000],
      [3_000_000, 4_000_000],
      [3_000_000, 4_000_000],
      [4_200_000, 4_000_000],
      [4_200_000, 4_000_000],
      [4_200_000, 4_000_000],
    ]);
    const o = outlook({
      month: 6,
      targetTenths: 100,
      baselineYear: 48_000_000,
      actualYtd: 21_600_000,
      months,
      lastYearRest: Array(6).fill(4_000_000),
    })!;
    expect(o.allowance).toBe(21_600_000);
    expect(o.perMonth).toBe(3_600_000);
    // Jul–Dec 24.000.000 × 1,05 = 25.200.000; year 46.800.000: 2,5% (the ratio 0,9 would say 10%: on track).
    expect(o.projectedYear).toBe(46_800_000);
    expect(o.projectedTenths).toBe(25);
  });

  it('a norm in kWh: baseline is the twelve monthly norms, per month rounds down to thousandths', () => {
    // Electricity, norm 5.000 kWh a month (thousandths), target 15%; Jan–Mar 4.000 kWh against 4.500 last year.
    const o = outlook({
      month: 3,
      targetTenths: 150,
      baselineYear: 12 * 5_000_000,
      actualYtd: 12_000_000,
      months: paired(Array.from({ length: 3 }, () => [4_000_000, 4_500_000])),
      lastYearRest: Array(9).fill(4_500_000),
    })!;
    // 51.000 − 12.000 = 39.000 kWh for 9 months: 4.333,333 kWh (4.333,333… rounded down).
    expect(o.allowance).toBe(39_000_000);
    expect(o.perMonth).toBe(4_333_333);
    // Apr–Dec 40.500 kWh × 12.000/13.500 = 36.000; year 48.000 kWh against 60.000: 20%.
    expect(o.projectedYear).toBe(48_000_000);
    expect(o.projectedTenths).toBe(200);
  });

  it('a norm with no last year: the rest follows the average of the recent months', () => {
    const months: OutlookMonth[] = [1_000_000, 5_000_000, 4_000_000, 3_000_000].map((a) => ({
      actual: a,
      pacedActual: 0,
      pacedLastYear: 0,
    }));
    const o = outlook({
      month: 4,
      targetTenths: 100,
      baselineYear: 12 * 4_000_000,
      actualYtd: 13_000_000,
      months,
      lastYearRest: Array(8).fill(null),
    })!;
    expect(o.allowance).toBe(43_200_000 - 13_000_000);
    expect(o.perMonth).toBe(3_775_000);
    // Average of Feb–Apr (the last three with figures) 4.000.000 × 8 = 32.000.000; year 45.000.000: 6,3%.
    expect(o.projectedYear).toBe(45_000_000);
    expect(o.projectedTenths).toBe(63);
  });

  it('early in the year the pace uses fewer than three months; a month without figures is skipped', () => {
    const months: OutlookMonth[] = [
      { actual: 900, pacedActual: 900, pacedLastYear: 1_000 },
      { actual: null, pacedActual: 0, pacedLastYear: 0 },
    ];
    expect(projectedRest(months, [2_000, 3_000])).toBe(4_500);
    // A rest month without last year's figure takes the recent average instead.
    expect(projectedRest(months, [2_000, null])).toBe(1_800 + 900);
  });

  it('negative allowance: the target is out of reach, no amount per month', () => {
    const o = outlook({
      month: 10,
      targetTenths: 100,
      baselineYear: 12_000,
      actualYtd: 11_000,
      months: paired(Array.from({ length: 10 }, () => [1_100, 1_000])),
      lastYearRest: [1_000, 1_000],
    })!;
    expect(o.allowance).toBe(10_800 - 11_000);
    expect(o.perMonth).toBeNull();
    expect(o.projectedTenths).toBe(-100);
  });

  it('after December there is no allowance; no target, no baseline, nothing submitted', () => {
    const base = { months: paired([[1, 1]]), lastYearRest: [] as number[] };
    expect(outlook({ ...base, month: 12, targetTenths: 100, baselineYear: 1_000, actualYtd: 900 })).toEqual({
      allowance: null,
      perMonth: null,
      projectedTenths: 100,
      projectedYear: 900,
      remainingMonths: 0,
    });
    expect(outlook({ ...base, month: 6, targetTenths: null, baselineYear: 1_000, actualYtd: 900 })).toBeNull();
    expect(outlook({ ...base, month: 6, targetTenths: 100, baselineYear: null, actualYtd: 900 })?.allowance).toBeNull();
    expect(
      outlook({ ...base, month: 6, targetTenths: 100, baselineYear: 0, actualYtd: 900 })?.projectedTenths,
    ).toBeNull();
    expect(
      outlook({ ...base, month: 6, targetTenths: 100, baselineYear: 1_000, actualYtd: null })?.perMonth,
    ).toBeNull();
  });

  it('the ceiling rounds down: 10% off 33.333.335 đ', () => {
    const o = outlook({
      month: 1,
      targetTenths: 100,
      baselineYear: 33_333_335,
      actualYtd: 0,
      months: paired([[0, 1]]),
      lastYearRest: Array(11).fill(1),
    })!;
    expect(o.allowance).toBe(30_000_001); // 30.000.001,5 rounded down
    expect(o.perMonth).toBe(2_727_272);
  });
});
