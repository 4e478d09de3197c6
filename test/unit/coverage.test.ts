import { describe, expect, it } from 'vitest';
import {
  cellStatus,
  coverageMonths,
  defaultThrough,
  hasNoData,
  isProvisional,
  monthEnded,
  provisionalNote,
  rollupCoverage,
} from '../../domain/coverage.ts';
import { treeOrder } from '../../domain/rollup.ts';

// tree: 0 root (department), 1..5 its divisions
const parent = [-1, 0, 0, 0, 0, 0];
const order = treeOrder(parent);
const YEAR = 2026;
/** own flags: [unit*24 + k], k 0..11 = 2025, 12..23 = 2026. */
function own(fill: (set: (unit: number, period: string) => void) => void): Uint8Array {
  const a = new Uint8Array(parent.length * 24);
  fill((u, p) => {
    const [y, m] = p.split('-').map(Number);
    a[u * 24 + (y - 2025) * 12 + m - 1] = 1;
  });
  return a;
}
const allMonths = (y: number, to = 12) =>
  Array.from({ length: to }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`);

describe('coverage', () => {
  it('counts 3 of 5 divisions for a month two of them missed', () => {
    const flags = own((set) => {
      for (let u = 1; u <= 5; u++) for (const p of [...allMonths(2025), ...allMonths(2026, 10)]) set(u, p);
      for (const u of [1, 2, 5]) set(u, '2026-11');
    });
    const c = rollupCoverage(order, parent, flags, YEAR);
    const months = coverageMonths(c, 0, YEAR, 10);
    expect(months).toHaveLength(11);
    expect(months[9]).toEqual({ period: '2026-10', expected: 5, submitted: 5, complete: true });
    expect(months[10]).toEqual({ period: '2026-11', expected: 5, submitted: 3, complete: false });
    expect(isProvisional(months)).toBe(true);
    expect(isProvisional(months.slice(0, 10))).toBe(false);
    expect(provisionalNote(months)).toEqual({
      vi: 'Tạm tính — Tháng 11: 3/5 đơn vị đã nộp',
      en: 'Provisional — November: 3 of 5 units submitted',
    });
    // a division's own coverage
    expect(coverageMonths(c, 3, YEAR, 10)[10]).toEqual({
      period: '2026-11',
      expected: 1,
      submitted: 0,
      complete: false,
    });
    expect(cellStatus(flags, 3, YEAR, 10)).toBe('missing');
    expect(cellStatus(flags, 1, YEAR, 10)).toBe('submitted');
    // the department itself never submitted: not expected, not missing
    expect(cellStatus(flags, 0, YEAR, 10)).toBe('not_expected');
  });

  it('expects a unit for twelve months after its last figure, not thirteen', () => {
    const flags = own((set) => set(1, '2025-03'));
    expect(cellStatus(flags, 1, YEAR, 2)).toBe('missing'); // 2026-03: 2025-03 is the 12th month before
    expect(cellStatus(flags, 1, YEAR, 3)).toBe('not_expected'); // 2026-04: it is the 13th
    const c = rollupCoverage(order, parent, flags, YEAR);
    expect(c.expected[0 * 12 + 2]).toBe(1);
    expect(c.expected[0 * 12 + 3]).toBe(0);
  });

  it('follows a submission setting: expected from a month, or exempt', () => {
    const flags = own((set) => {
      for (const p of allMonths(2025)) set(2, p);
      set(2, '2026-05');
    });
    // a new division that has never submitted, expected from 2026-06
    expect(cellStatus(flags, 1, YEAR, 4, { mode: 'expected', from: '2026-06' })).toBe('not_expected');
    expect(cellStatus(flags, 1, YEAR, 5, { mode: 'expected', from: '2026-06' })).toBe('missing');
    // a dissolved division: exempt from 2026-03, still counted where it submitted
    const rule = { mode: 'exempt', from: '2026-03' } as const;
    expect(cellStatus(flags, 2, YEAR, 1, rule)).toBe('missing');
    expect(cellStatus(flags, 2, YEAR, 2, rule)).toBe('not_expected');
    expect(cellStatus(flags, 2, YEAR, 4, rule)).toBe('submitted');
    const c = rollupCoverage(order, parent, flags, YEAR, (i) => (i === 2 ? rule : null));
    expect(coverageMonths(c, 0, YEAR, 4).map((m) => `${m.submitted}/${m.expected}`)).toEqual([
      '0/1',
      '0/1',
      '0/0',
      '0/0',
      '1/1',
    ]);
  });

  it('an empty year has no data and is not provisional', () => {
    const c = rollupCoverage(
      order,
      parent,
      own(() => {}),
      2023,
    );
    const months = coverageMonths(c, 0, 2023, 11);
    expect(months.every((m) => m.expected === 0 && m.complete)).toBe(true);
    expect(hasNoData(months)).toBe(true);
    expect(isProvisional(months)).toBe(false);
    expect(provisionalNote(months)).toBeNull();
  });

  it('through defaults to the last ended month in Asia/Ho_Chi_Minh', () => {
    // 1 December 2026, 10:00 in Hà Nội
    const dec1 = new Date('2026-12-01T03:00:00Z');
    expect(defaultThrough(2026, dec1)).toBe('2026-11');
    expect(defaultThrough(2025, dec1)).toBe('2025-12');
    expect(defaultThrough(2027, dec1)).toBeNull();
    // 30 November 2026, 23:30 UTC is already 1 December in Hà Nội
    expect(defaultThrough(2026, new Date('2026-11-30T17:30:00Z'))).toBe('2026-11');
    expect(defaultThrough(2026, new Date('2026-11-30T16:30:00Z'))).toBe('2026-10');
    // January: nothing of the new year has ended
    expect(defaultThrough(2027, new Date('2027-01-15T03:00:00Z'))).toBeNull();
    expect(defaultThrough(2026, new Date('2027-01-15T03:00:00Z'))).toBe('2026-12');
    // a day in June
    expect(defaultThrough(2026, new Date('2026-06-15T03:00:00Z'))).toBe('2026-05');
    expect(monthEnded('2026-11', dec1)).toBe(true);
    expect(monthEnded('2026-12', dec1)).toBe(false);
  });
});
