/** Plausibility rules (domain/plausibility.ts): each rule with a case that warns and one that does not. */
import { describe, expect, it } from 'vitest';
import {
  checkFigure,
  checkFigureAt,
  checkMedian,
  checkPeriodEnded,
  checkPrice,
  checkYearChange,
  DEFAULT_PLAUSIBILITY as T,
  FigureSeries,
  medianOf,
} from '../../domain/plausibility.ts';
import { monthNumber, monthPeriod } from '../../domain/months.ts';
import { FigureCandidates } from '../../server/imports/plausibility.ts';
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

describe('plausibility at import scale', () => {
  it('checkFigureAt (month numbers) finds what checkFigure (periods) finds, and shares one empty answer', () => {
    const s = steadySeries(690_000, 300_000);
    s.set({ period: '2025-05', amount: 100_000, quantityMilli: null });
    const cases = [
      { period: '2026-06', amount: 690, quantityMilli: 300_000 },
      { period: '2026-05', amount: 690_000_000, quantityMilli: 3_000_000 },
      { period: '2026-12', amount: 690_000, quantityMilli: 300 },
      { period: '2026-06', amount: 690_000, quantityMilli: 300_000 },
    ];
    for (const f of cases) {
      const viaPeriod = checkFigure(f, s, { lastEnded: '2026-11', priced: true });
      const viaMonth = checkFigureAt(monthNumber(f.period), f.amount, f.quantityMilli, s, {
        lastEndedMonth: monthNumber('2026-11'),
        priced: true,
      });
      expect(viaMonth).toEqual(viaPeriod);
    }
    expect(checkFigure(cases[0], s, { lastEnded: '2026-11', priced: true }).map((f) => f.code)).toEqual([
      'below_median',
      'year_change',
      'electricity_price',
    ]);
    const none = checkFigure(cases[3], s, { lastEnded: '2026-11', priced: false });
    expect(none).toEqual([]);
    expect(Object.isFrozen(none)).toBe(true);
    expect(monthPeriod(monthNumber('2026-01'))).toBe('2026-01');
    expect(monthPeriod(monthNumber('1999-12') + 1)).toBe('2000-01');
  });

  it('a series keeps a month once: a new figure laid over the stored one replaces it, null quantities are skipped', () => {
    const s = new FigureSeries();
    s.set({ period: '2026-01', amount: 1, quantityMilli: 5 });
    s.setMonth(monthNumber('2026-01'), 2, null);
    s.set({ period: '2026-02', amount: 3, quantityMilli: 7 });
    expect(s.at('2026-01')).toEqual({ period: '2026-01', amount: 2, quantityMilli: null });
    expect(s.lastSubmitted('2026-03', 'amount', 12)).toEqual([3, 2]);
    expect(s.lastSubmitted('2026-03', 'quantity', 12)).toEqual([7]);
    expect(s.valueAt(monthNumber('2025-12'), 'amount')).toBeNull();
    // Months added out of order (history read unsorted, a file in any order): the same answers.
    const months = ['2025-11', '2026-02', '2025-12', '2026-01', '2025-10'];
    const shuffled = new FigureSeries();
    const ordered = new FigureSeries();
    months.forEach((p, i) => shuffled.set({ period: p, amount: 100 + i, quantityMilli: null }));
    [...months]
      .map((p, i) => ({ period: p, amount: 100 + i, quantityMilli: null }))
      .sort((a, b) => a.period.localeCompare(b.period))
      .forEach((p) => ordered.set(p));
    expect(shuffled.lastSubmitted('2026-03', 'amount', 12)).toEqual([101, 103, 102, 100, 104]);
    expect(ordered.lastSubmitted('2026-03', 'amount', 12)).toEqual([101, 103, 102, 100, 104]);
  });

  it('FigureCandidates hold a million figures in fixed chunks: every field reads back across chunk edges', () => {
    const c = new FigureCandidates();
    const n = 100_000;
    const at = (i: number) => ({
      row: i + 2,
      unitId: 1 + (i % 997),
      categoryId: 1 + (i % 7),
      period: monthPeriod(monthNumber('2000-01') + (i % 400)),
      amount: 1_000_000_000_000 + i,
      quantityMilli: i % 3 ? i * 1000 : null,
      amountColumn: `Số tiền ${i % 5}`,
      quantityColumn: i % 2 ? 'Số lượng' : null,
    });
    for (let i = 0; i < n; i++) c.push(at(i));
    expect(c.size).toBe(n);
    for (const i of [0, 1, 32_767, 32_768, 65_535, 65_536, n - 1]) {
      expect(c.get(i)).toEqual(at(i));
      expect(c.unitIdOf(i)).toBe(at(i).unitId);
      expect(c.categoryIdOf(i)).toBe(at(i).categoryId);
      expect(c.monthOf(i)).toBe(monthNumber(at(i).period));
      expect(c.amountOf(i)).toBe(at(i).amount);
      expect(c.quantityOf(i)).toBe(at(i).quantityMilli);
    }
  });
});
