import { describe, expect, it } from 'vitest';
import {
  addMonths,
  formatPeriodVi,
  isPeriod,
  lastClosedPeriod,
  monthsOfYear,
  periodOf,
  previousYearPeriod,
} from '../../domain/months.ts';

describe('months', () => {
  it('validates periods', () => {
    expect(isPeriod('2026-10')).toBe(true);
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('2026-1')).toBe(false);
  });
  it('adds months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-03', -27)).toBe('2023-12');
    expect(previousYearPeriod('2020-02')).toBe('2019-02');
  });
  it('lists months of a year through a month', () => {
    expect(monthsOfYear(2020)).toHaveLength(12);
    expect(monthsOfYear(2020, '2020-03')).toEqual(['2020-01', '2020-02', '2020-03']);
  });
  it('uses Asia/Ho_Chi_Minh for the current month', () => {
    // 18:00 UTC on 31 Oct is 01:00 on 1 Nov in Hanoi.
    expect(periodOf(new Date('2026-10-31T18:00:00Z'))).toBe('2026-11');
    expect(lastClosedPeriod(new Date('2026-10-31T18:00:00Z'))).toBe('2026-10');
  });
  it('formats in Vietnamese', () => {
    expect(formatPeriodVi('2026-10')).toBe('Tháng 10/2026');
  });
});
