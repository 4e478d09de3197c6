/** Plausibility rules (domain/plausibility.ts): each rule with a case that warns and one that does not. */
import { describe, expect, it } from 'vitest';
import {
  checkFigure,
  checkMedian,
  checkPeriodEnded,
  checkPrice,
  checkYearChange,
  DEFAULT_PLAUSIBILITY as T,
  FigureSeries,
  medianOf,
} from '../../domain/plausibility.ts';
import { plausibilityWarning } from '../../domain/plausibility-messages.ts';

/** A year of 690,000 đ a month (2025-06 … 2026-05). */
function steadySeries(amount = 690_000, quantityMilli: number | null = null): FigureSeries {
  const s = new FigureSeries();
  for (let i = 0; i < 12; i++) {
    const y = 2025 + Math.floor((5 + i) / 12);
    const m = ((5 + i) % 12) + 1;
    s.set({ period: `${y}-${String(m).padStart(2, '0')}`, amount, quantityMilli });
  }
  return s;
}

describe('plausibility rules', () => {
  it('median: ≥ 5× or ≤ ⅕ of the last 12 submitted months warns; 4.9× and ⅕ + 1 do not', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([1, 2, 3, 4])).toBe(2.5);
    const values = [5, -3, 0, 9, 9, 1, 700_000, 2, 8, 4, 6, 3];
    expect(medianOf(values)).toBe(4.5);
    expect(values[0]).toBe(5); // the caller's list is left as it was
    expect(medianOf(Array.from({ length: 101 }, (_, i) => (i * 37) % 101))).toBe(50);
    const h = Array.from({ length: 12 }, () => 690_000);
    // The 1000× mistake: 690,000 read as 690.
    expect(checkMedian(690, 'amount', h, T)).toMatchObject({
      code: 'below_median',
      reference: 690_000,
      params: { median: 690_000, months: 12, ratio: 1000 },
    });
    expect(checkMedian(690_000_000, 'amount', h, T)).toMatchObject({ code: 'above_median', params: { ratio: 1000 } });
    expect(checkMedian(5 * 690_000, 'amount', h, T)?.code).toBe('above_median');
    expect(checkMedian(Math.floor(4.9 * 690_000), 'amount', h, T)).toBeNull();
    expect(checkMedian(690_000 / 5, 'amount', h, T)?.code).toBe('below_median');
    expect(checkMedian(690_000 / 5 + 1, 'amount', h, T)).toBeNull();
    // No history, or a zero median: nothing to compare with.
    expect(checkMedian(690, 'amount', [], T)).toBeNull();
    expect(checkMedian(690, 'amount', [0, 0, 0], T)).toBeNull();
  });

  it('same month a year earlier: ±80% warns, +79% and −79% do not', () => {
    const s = new FigureSeries().set({ period: '2025-06', amount: 1_000_000, quantityMilli: null });
    expect(checkYearChange(1_800_000, 'amount', '2026-06', s, T)).toMatchObject({
      code: 'year_change',
      reference: 1_000_000,
      params: { lastYearPeriod: '2025-06', changePct: 80 },
    });
    expect(checkYearChange(200_000, 'amount', '2026-06', s, T)?.params.changePct).toBe(-80);
    expect(checkYearChange(1_790_000, 'amount', '2026-06', s, T)).toBeNull();
    expect(checkYearChange(210_000, 'amount', '2026-06', s, T)).toBeNull();
    // No figure a year earlier: no comparison.
    expect(checkYearChange(200_000, 'amount', '2026-07', s, T)).toBeNull();
  });

  it('electricity price outside 1,000–10,000 đ/kWh warns; inside does not', () => {
    // 3,000,000 đ for 1,500 kWh = 2,000 đ/kWh.
    expect(checkPrice(3_000_000, 1_500_000, T)).toBeNull();
    expect(checkPrice(1_000_000, 1_000_000, T)).toBeNull(); // 1,000 exactly
    expect(checkPrice(10_000_000, 1_000_000, T)).toBeNull(); // 10,000 exactly
    // kWh typed as 12,5 where 1.250 was meant: 3,000,000 đ for 12.5 kWh = 240,000 đ/kWh.
    expect(checkPrice(3_000_000, 12_500, T)).toMatchObject({
      code: 'electricity_price',
      reference: 240_000,
      params: { price: 240_000, min: 1000, max: 10_000 },
    });
    expect(checkPrice(999_999, 1_000_000, T)?.code).toBe('electricity_price');
    expect(checkPrice(3_000_000, null, T)).toBeNull();
  });

  it('a month that has not ended warns; an ended one does not', () => {
    expect(checkPeriodEnded('2026-12', '2026-11', 5)).toMatchObject({
      code: 'period_not_ended',
      params: { lastEnded: '2026-11' },
    });
    expect(checkPeriodEnded('2026-11', '2026-11', 5)).toBeNull();
  });

  it('checkFigure: the history before the month only, amount and quantity, thresholds from settings', () => {
    const s = steadySeries(3_000_000, 1_500_000);
    const ok = { period: '2026-06', amount: 3_100_000, quantityMilli: 1_550_000 };
    s.set(ok);
    expect(checkFigure(ok, s, { lastEnded: '2026-11', priced: true })).toEqual([]);
    const wrongKwh = { period: '2026-06', amount: 3_100_000, quantityMilli: 1_550 };
    s.set(wrongKwh);
    expect(checkFigure(wrongKwh, s, { lastEnded: '2026-11', priced: true }).map((f) => [f.code, f.field])).toEqual([
      ['below_median', 'quantity'],
      ['year_change', 'quantity'],
      ['electricity_price', 'amount'],
    ]);
    // Thresholds are settings: at 2× the median a 2.5× figure warns.
    const twice = { period: '2026-06', amount: 7_500_000, quantityMilli: null };
    const s2 = steadySeries(3_000_000).set(twice);
    const wide = { ...T, yearChangePct: 200 };
    expect(checkFigure(twice, s2, { lastEnded: '2026-11', priced: false, thresholds: wide })).toEqual([]);
    expect(
      checkFigure(twice, s2, { lastEnded: '2026-11', priced: false, thresholds: { ...wide, medianRatio: 2 } }).map(
        (f) => f.code,
      ),
    ).toEqual(['above_median']);
  });

  it('words a finding in Vietnamese with both numbers and why', () => {
    const f = checkMedian(
      690,
      'amount',
      Array.from({ length: 12 }, () => 690_000),
      T,
    )!;
    const w = plausibilityWarning(f, {
      row: 2,
      column: 'Số tiền (đồng)',
      unitCode: 'STTTT-VP',
      categoryCode: 'stationery',
      categoryName: 'Văn phòng phẩm',
      quantityUnit: null,
      period: '2026-06',
    });
    expect(w).toMatchObject({
      row: 2,
      column: 'Số tiền (đồng)',
      value: '690 đ',
      reference: '690.000 đ',
      code: 'below_median',
    });
    expect(w.message).toContain('690 đ');
    expect(w.message).toContain('690.000 đ');
    expect(w.message).toContain('nhỏ hơn 1.000 lần');
  });
});
