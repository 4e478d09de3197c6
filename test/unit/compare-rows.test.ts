/** Units side by side past 30 sub-units (issue 14, point 11) and names wrapped, not cut (point 9). */
import { describe, expect, it } from 'vitest';
import { CHART_EACH, CHART_MAX, chartRows, wrapLabel, type Row } from '../../web/src/views/compare/compare-rows.ts';

const row = (code: string, overall: number | null): Row => ({
  unit: { code, name: code },
  rank: null,
  overall,
  categories: {},
  provisional: false,
  months: [],
});

describe('compare rows', () => {
  it('draws every unit up to 30', () => {
    const rows = Array.from({ length: CHART_MAX }, (_, i) => row(`U${i}`, i));
    const c = chartRows(rows, 'overall');
    expect(c.top).toHaveLength(30);
    expect(c.bottom).toEqual([]);
    expect(c.hidden).toBe(0);
    expect(c.top[0].unit.code).toBe('U29');
  });

  it('past 30, the ten largest and ten smallest reductions; units without one left to the table', () => {
    const rows = Array.from({ length: 45 }, (_, i) => row(`U${i}`, i < 5 ? null : i));
    const c = chartRows(rows, 'overall');
    expect(c.top.map((r) => r.unit.code)).toEqual(Array.from({ length: CHART_EACH }, (_, i) => `U${44 - i}`));
    expect(c.bottom.map((r) => r.unit.code)).toEqual(Array.from({ length: CHART_EACH }, (_, i) => `U${14 - i}`));
    expect(c.hidden).toBe(25);
  });

  it('wraps long names at spaces onto at most three lines', () => {
    expect(wrapLabel('Trung tâm Công nghệ thông tin và Truyền thông', 16)).toEqual([
      'Trung tâm Công',
      'nghệ thông tin',
      'và Truyền thông',
    ]);
    expect(wrapLabel('Trung tâm Công nghệ thông tin và Truyền thông', 30)).toEqual([
      'Trung tâm Công nghệ thông tin',
      'và Truyền thông',
    ]);
    expect(wrapLabel('Văn phòng Sở', 16)).toEqual(['Văn phòng Sở']);
    const long = wrapLabel('Phòng Bưu chính - Viễn thông và Công nghệ thông tin của Sở', 16);
    expect(long).toHaveLength(3);
    expect(long[2].endsWith('…')).toBe(true);
    expect(long.every((l) => l.length <= 16)).toBe(true);
  });
});
