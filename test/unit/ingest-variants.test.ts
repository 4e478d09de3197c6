import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFigures, readNorms } from '../../server/ingest/index.ts';
import { demoLookup, drain } from '../fixtures/ingest/lookup.ts';
import { EXPECTED_RECORDS, textVariants } from '../fixtures/ingest/variants.ts';

const DIR = new URL('../fixtures/ingest/', import.meta.url).pathname;
// Row numbers and the header wording (`columns`) differ between variants; the figures must not.
const strip = (recs: { row: number; columns: unknown }[]) =>
  recs.map(({ row: _row, columns: _columns, ...rest }) => rest);

describe('ingest: every export variant reads to the same figures', () => {
  it.each([
    ['long-utf8.csv', 'utf-8', ',', 1],
    ['long-utf8-bom-semicolon.csv', 'utf-8-bom', ';', 1],
    ['long-utf16le-tab.txt', 'utf-16le', '\t', 1],
    ['long-utf16le-nobom-tab.txt', 'utf-16le', '\t', 1],
    ['long-windows1258-semicolon.csv', 'windows-1258', ';', 1],
    ['long-nfd-lf.csv', 'utf-8', ',', 1],
    ['long-tab.tsv', 'utf-8', '\t', 1],
    ['long-title-blank-totals.csv', 'utf-8-bom', ';', 3],
  ])('%s (%s, %j)', async (file, encoding, delimiter, headerRow) => {
    const r = await drain(readFigures({ fileName: file, path: DIR + file }, demoLookup));
    expect(r.errors).toEqual([]);
    expect(r.meta).toMatchObject({ format: 'csv', shape: 'long', encoding, delimiter, headerRow, dataRows: 6 });
    expect(r.meta.headers[0]).toBe('Mã đơn vị');
    expect(strip(r.records)).toEqual(EXPECTED_RECORDS);
  });

  it('the committed fixtures are what variants.ts renders', () => {
    for (const [name, bytes] of Object.entries(textVariants()))
      expect(readFileSync(DIR + name).equals(bytes), name).toBe(true);
  });

  it('rows are numbered as Excel numbers them: title and blank rows count, totals are skipped', async () => {
    const file = 'long-title-blank-totals.csv';
    const r = await drain(readFigures({ fileName: file, path: DIR + file }, demoLookup));
    expect(r.records.map((x) => x.row)).toEqual([4, 5, 6, 8, 9, 10]);
  });

  it('the same file from bytes instead of a path', async () => {
    const bytes = textVariants()['long-windows1258-semicolon.csv'];
    const r = await drain(readFigures({ fileName: 'x.csv', bytes }, demoLookup));
    expect(strip(r.records)).toEqual(EXPECTED_RECORDS);
  });

  it('an en-style file (proved by 1,250,000 and 12.5) reads en numbers', async () => {
    const file = 'long-en-numbers.csv';
    const r = await drain(readFigures({ fileName: file, path: DIR + file }, demoLookup));
    expect(r.errors).toEqual([]);
    expect(strip(r.records)).toEqual([
      ...EXPECTED_RECORDS,
      { unitId: 2, categoryId: 3, period: '2025-09', amount: 1250000, quantityMilli: 12500, note: null },
    ]);
  });

  it('XLSX: title row, date cells, text months, numbers, vi text numbers, formulas, totals row', async () => {
    const file = 'long-title-dates.xlsx';
    const r = await drain(readFigures({ fileName: file, path: DIR + file }, demoLookup));
    expect(r.errors).toEqual([]);
    expect(r.meta).toMatchObject({ format: 'xlsx', shape: 'long', headerRow: 3, dataRows: 6 });
    expect(r.records.map((x) => x.row)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(strip(r.records)).toEqual(EXPECTED_RECORDS);
  });

  it('XLSX from bytes', async () => {
    const bytes = readFileSync(DIR + 'long-title-dates.xlsx');
    const r = await drain(readFigures({ fileName: 'upload.XLSX', bytes }, demoLookup));
    expect(strip(r.records)).toEqual(EXPECTED_RECORDS);
  });

  it('XLSX: typed cells with errors', async () => {
    const file = 'long-errors.xlsx';
    const r = await drain(readFigures({ fileName: file, path: DIR + file }, demoLookup));
    expect(r.records).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.column, e.code, e.value])).toEqual([
      [2, 'Số tiền (đồng)', 'negative_amount', '-5'],
      [3, 'Kỳ', 'invalid_period', 'Tháng 13/2025'],
      [4, 'Số lượng', 'too_many_decimals', '1.0005'],
    ]);
    expect(r.rejected.map((x) => x.cells[1])).toEqual(['2025-01-01', 'Tháng 13/2025', '2025-02-01']);
  });

  it('XLSX norms: percent-formatted targets read as shown, STT column, totals row after it', async () => {
    const file = 'norms-percent.xlsx';
    const r = await drain(readNorms({ fileName: file, path: DIR + file }, demoLookup));
    expect(r.errors).toEqual([]);
    expect(r.meta.dataRows).toBe(3);
    expect(r.records.map((n) => [n.categoryId, n.basis, n.normQuantityMilli, n.targetTenths])).toEqual([
      [1, 'previous_year', null, 100],
      [3, 'norm', 5_000_000, 150],
      [4, 'previous_year', null, 75],
    ]);
  });
});
