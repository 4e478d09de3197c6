import { describe, expect, it } from 'vitest';
import {
  divRoundHalfAway,
  evaluate,
  isMet,
  pctToTenths,
  reductionTenths,
  saved,
  tenthsToPct,
} from '../../domain/reductions.ts';

describe('reduction formula', () => {
  it('gives the worked example exactly', () => {
    expect(reductionTenths(48_000_000, 43_200_000)).toBe(100);
    expect(reductionTenths(30_000_000, 24_000_000)).toBe(200);
    expect(reductionTenths(120_000_000, 114_000_000)).toBe(50);
    expect(reductionTenths(60_000_000, 51_000_000)).toBe(150); // kWh in milli
  });

  it('rounds .x5 half away from zero, both signs', () => {
    expect(reductionTenths(1000, 875)).toBe(125); // 12.5 exactly
    expect(reductionTenths(2000, 1751)).toBe(125); // 12.45 → 12.5
    expect(reductionTenths(2000, 2249)).toBe(-125); // −12.45 → −12.5
    expect(reductionTenths(20000, 17511)).toBe(124); // 12.445 → 12.4
    expect(reductionTenths(3, 2)).toBe(333); // 33.33…
    expect(reductionTenths(3, 1)).toBe(667); // 66.66…
    expect(reductionTenths(200, 199)).toBe(5); // 0.5
    expect(reductionTenths(2000, 1999)).toBe(1); // 0.05 → 0.1
    expect(reductionTenths(2000, 2001)).toBe(-1); // −0.05 → −0.1
    expect(reductionTenths(20000, 19999)).toBe(0); // 0.005 → 0.0
  });

  it('does not drift where floats would (1000·(b−a)/b = x.5 exactly)', () => {
    // 0.1 + 0.2 style cases: b = 8, a = 7.9... are not integers; integer cases on big sums:
    expect(reductionTenths(2_000_000_000_000, 1_750_900_000_000)).toBe(125); // 12.455 → 12.5
    expect(reductionTenths(4_000_000_000_001, 4_000_000_000_001)).toBe(0);
  });

  it('negative savings give a negative reduction', () => {
    expect(reductionTenths(100, 150)).toBe(-500);
    expect(saved(100, 150)).toBe(-50);
  });

  it('unknown baseline, zero baseline or unknown actual are unknown, never 0 or 100', () => {
    expect(reductionTenths(null, 10)).toBeNull();
    expect(reductionTenths(0, 10)).toBeNull();
    expect(reductionTenths(0, 0)).toBeNull();
    expect(reductionTenths(10, null)).toBeNull();
    expect(saved(null, 10)).toBeNull();
  });

  it('a zero actual is a real zero: 100% saved', () => {
    expect(reductionTenths(500, 0)).toBe(1000);
    expect(saved(500, 0)).toBe(500);
  });

  it('met compares the rounded reduction with the target', () => {
    expect(isMet(100, 100)).toBe(true);
    expect(isMet(99, 100)).toBe(false);
    // 9.95% shows as 10.0% and therefore meets a 10% target
    expect(reductionTenths(2000, 1801)).toBe(100);
    expect(evaluate(2000, 1801, 100).met).toBe(true);
    expect(isMet(null, 100)).toBeNull();
    expect(isMet(100, null)).toBeNull();
  });

  it('converts tenths and percents exactly', () => {
    expect(tenthsToPct(125)).toBe(12.5);
    expect(tenthsToPct(-5)).toBe(-0.5);
    expect(pctToTenths(7.5)).toBe(75);
    expect(pctToTenths(0.3)).toBe(3);
  });

  it('divRoundHalfAway', () => {
    expect(divRoundHalfAway(5n, 2n)).toBe(3n);
    expect(divRoundHalfAway(-5n, 2n)).toBe(-3n);
    expect(divRoundHalfAway(4n, 3n)).toBe(1n);
    expect(() => divRoundHalfAway(1n, 0n)).toThrow();
  });
});
