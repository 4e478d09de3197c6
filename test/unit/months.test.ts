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
  it('reads Asia/Ho_Chi_Minh by arithmetic (UTC+7) exactly as the time-zone database does', () => {
    const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' });
    const byZone = (d: Date) => zone.format(d).slice(0, 7);
    let checked = 0;
    // Each month's first minute in Hanoi, and the minutes either side of it, 1975 to 2100.
    for (let y = 1975; y <= 2100; y++)
      for (let m = 0; m < 12; m++)
        for (const dMin of [-1, 0, 1]) {
          const d = new Date(Date.UTC(y, m, 1, -7, dMin));
          expect(periodOf(d), d.toISOString()).toBe(byZone(d));
          checked++;
        }
    expect(checked).toBe(126 * 36);
    // Before 1975-06-13 Saigon kept UTC+8: the formatter answers, not the arithmetic.
    expect(periodOf(new Date('1975-05-31T16:30:00Z'))).toBe(byZone(new Date('1975-05-31T16:30:00Z')));
    expect(periodOf(new Date('1975-05-31T16:30:00Z'))).toBe('1975-06');
  });
  it('formats in Vietnamese', () => {
    expect(formatPeriodVi('2026-10')).toBe('Tháng 10/2026');
  });
});
