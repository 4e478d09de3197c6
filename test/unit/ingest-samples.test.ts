import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFigures, readNorms, readUnits } from '../../server/ingest/index.ts';
import { demoLookup, drain, SAMPLES } from '../fixtures/ingest/lookup.ts';

const PROBLEM_CODES: Record<string, string> = {
  'unknown unit': 'unknown_unit',
  'no such month': 'invalid_period',
  'unknown category': 'unknown_category',
  'negative amount': 'negative_amount',
  'not a number': 'not_a_number',
  'same unit, month and category twice in one file': 'duplicate_key',
};

const sample = (f: string) => ({ fileName: f, path: `${SAMPLES}/${f}` });

describe('ingest: the shared samples', () => {
  it('figures-with-errors.csv yields exactly the expected errors', async () => {
    const expected = JSON.parse(readFileSync(`${SAMPLES}/figures-with-errors.expected.json`, 'utf8'));
    const r = await drain(readFigures(sample('figures-with-errors.csv'), demoLookup));
    expect(r.errors.map((e) => ({ row: e.row, column: e.column, code: e.code }))).toEqual(
      expected.errors.map((e: any) => ({ row: e.row, column: e.column, code: PROBLEM_CODES[e.problem] })),
    );
    for (const e of r.errors) expect(e.message.length).toBeGreaterThan(10);
    expect(r.rejected.map((x) => x.row)).toEqual([3, 4, 5, 6, 7, 8, 10]);
    expect(r.rejected[0].cells).toEqual(['STTTT-XX', '2025-01', 'Văn phòng phẩm', '350000', '', '']);
    expect(r.errors.find((e) => e.code === 'not_a_number')!.value).toBe('mười nghìn');
  });

  it('figures-long-2019-2020.csv: 96 figures, plain UTF-8 comma', async () => {
    const r = await drain(readFigures(sample('figures-long-2019-2020.csv'), demoLookup));
    expect(r.errors).toEqual([]);
    expect(r.records).toHaveLength(96);
    expect(r.meta).toMatchObject({
      format: 'csv',
      shape: 'long',
      encoding: 'utf-8',
      delimiter: ',',
      headerRow: 1,
      dataRows: 96,
    });
    expect(r.records[0]).toEqual({
      row: 2,
      columns: { unit: 'Mã đơn vị', amount: 'Số tiền (đồng)', quantity: 'Số lượng' },
      unitId: 1,
      categoryId: 1,
      period: '2019-01',
      amount: 4126828,
      quantityMilli: null,
      note: null,
    });
    // The worked example: 2020 stationery is 43,200,000 đ and electricity 51,000 kWh.
    const sum = (cat: number, year: string, f: (x: (typeof r.records)[number]) => number) =>
      r.records.filter((x) => x.categoryId === cat && x.period.startsWith(year)).reduce((s, x) => s + f(x), 0);
    expect(sum(1, '2020', (x) => x.amount)).toBe(43_200_000);
    expect(sum(1, '2019', (x) => x.amount)).toBe(48_000_000);
    expect(sum(3, '2020', (x) => x.quantityMilli ?? 0)).toBe(51_000_000);
  });

  it('figures-wide-vi-2025.csv: BOM, semicolons, title row, vi-VN numbers, names, totals row', async () => {
    const r = await drain(readFigures(sample('figures-wide-vi-2025.csv'), demoLookup));
    expect(r.errors).toEqual([]);
    expect(r.meta).toMatchObject({
      format: 'csv',
      shape: 'wide',
      encoding: 'utf-8-bom',
      delimiter: ';',
      headerRow: 2,
      dataRows: 60,
    });
    expect(r.records).toHaveLength(240);
    const feb = r.records.filter((x) => x.row === 4);
    expect(feb.map((x) => [x.unitId, x.categoryId, x.period, x.amount, x.quantityMilli])).toEqual([
      [2, 1, '2025-02', 754000, null],
      [2, 2, '2025-02', 840000, null],
      [2, 3, '2025-02', 1773245, 601100],
      [2, 4, '2025-02', 4986000, null],
    ]);
    // Matches the totals row of the file (which itself is skipped).
    expect(r.records.filter((x) => x.categoryId === 1).reduce((s, x) => s + x.amount, 0)).toBe(54_987_000);
    expect(r.records.filter((x) => x.categoryId === 3).reduce((s, x) => s + (x.quantityMilli ?? 0), 0)).toBe(
      87_404_400,
    );
    expect(r.records.filter((x) => x.categoryId === 3).reduce((s, x) => s + x.amount, 0)).toBe(257_842_977);
  });

  it('figures-wide-2026-01.xlsx: a real date cell and numeric cells', async () => {
    const r = await drain(readFigures(sample('figures-wide-2026-01.xlsx'), demoLookup));
    expect(r.errors).toEqual([]);
    expect(r.meta).toMatchObject({
      format: 'xlsx',
      shape: 'wide',
      encoding: null,
      delimiter: null,
      headerRow: 1,
      dataRows: 5,
    });
    expect(r.records).toHaveLength(20);
    expect(r.records.every((x) => x.period === '2026-01')).toBe(true);
    expect(r.records.filter((x) => x.row === 3 && x.categoryId === 3)).toEqual([
      {
        row: 3,
        columns: { unit: 'Đơn vị', amount: 'Điện (đồng)', quantity: 'Điện (kWh)' },
        unitId: 3,
        categoryId: 3,
        period: '2026-01',
        amount: 2390975,
        quantityMilli: 810500,
        note: null,
      },
    ]);
  });

  it('units.csv: the unit tree', async () => {
    const r = await drain(readUnits(sample('units.csv')));
    expect(r.errors).toEqual([]);
    expect(r.meta).toMatchObject({ shape: 'units', headerRow: 1, dataRows: 6 });
    expect(r.records.map((u) => [u.code, u.parentCode, u.headcount])).toEqual([
      ['STTTT', null, 48],
      ['STTTT-VP', 'STTTT', 14],
      ['STTTT-BCXB', 'STTTT', 6],
      ['STTTT-BCVT', 'STTTT', 8],
      ['STTTT-TT', 'STTTT', 5],
      ['STTTT-TTCNTT', 'STTTT', 15],
    ]);
    expect(r.records[1]).toEqual({
      row: 3,
      code: 'STTTT-VP',
      name: 'Văn phòng Sở',
      parentCode: 'STTTT',
      headcount: 14,
      aliases: [],
    });
  });

  it('norms-2020.csv: baselines and targets, electricity against 5,000 kWh a month', async () => {
    const r = await drain(readNorms(sample('norms-2020.csv'), demoLookup));
    expect(r.errors).toEqual([]);
    expect(r.meta).toMatchObject({ shape: 'norms', headerRow: 1, dataRows: 4 });
    expect(r.records.map((n) => [n.categoryId, n.basis, n.normQuantityMilli, n.targetTenths])).toEqual([
      [1, 'previous_year', null, 100],
      [2, 'previous_year', null, 200],
      [4, 'previous_year', null, 50],
      [3, 'norm', 5_000_000, 150],
    ]);
    expect(
      r.records.every((n) => n.unitId === 1 && n.year === 2020 && n.normAmount === null && n.normPerCapita === null),
    ).toBe(true);
  });
});
