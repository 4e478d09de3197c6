import { describe, expect, it } from 'vitest';
import { parsePeriodCell, parsePeriodText, periodOfDate, periodOfExcelSerial } from '../../domain/period-parse.ts';

describe('month texts', () => {
  it.each([
    ['2026-10', '2026-10'],
    ['2026-1', '2026-01'],
    ['2026/10', '2026-10'],
    ['10/2026', '2026-10'],
    ['1/2026', '2026-01'],
    ['01/2026', '2026-01'],
    ['10-2026', '2026-10'],
    ['10.2026', '2026-10'],
    ['T10/2026', '2026-10'],
    ['t10/2026', '2026-10'],
    ['T 10/2026', '2026-10'],
    ['T.10/2026', '2026-10'],
    ['Th10/2026', '2026-10'],
    ['Tháng 10/2026', '2026-10'],
    ['tháng 3/2025', '2025-03'],
    ['THÁNG 3/2025', '2025-03'],
    ['Thang 10/2026', '2026-10'],
    ['Tháng 10 - 2026', '2026-10'],
    ['Tháng 10 năm 2026', '2026-10'],
    ['Tháng\u00a010/2026', '2026-10'],
    ['Tha\u0301ng 10/2026', '2026-10'], // NFD from macOS
    ['01/10/2026', '2026-10'], // day first
    ['31/10/2026', '2026-10'],
    ['1/2/2026', '2026-02'],
    ['01-10-2026', '2026-10'],
    ['2026-10-01', '2026-10'],
    ['2026-10-01T00:00:00Z', '2026-10'],
    ['2026-10-01 00:00:00', '2026-10'],
    ['01/10/2026 00:00', '2026-10'],
    ['  2026-10 ', '2026-10'],
  ])('%j → %s', (s, p) => expect(parsePeriodText(s)).toBe(p));

  it.each([
    '2026-13',
    '2025-00',
    '13/2026',
    '0/2026',
    'T13/2026',
    'Tháng 13/2025',
    '32/10/2026',
    '30/02/2026',
    '10/13/2026', // month-first US dates are not read as October 13
    '2026',
    '10',
    'tháng mười',
    '',
    '1999-12',
    '2101-01',
    '2026-10-32',
    'abc',
  ])('%j is not a month', (s) => expect(parsePeriodText(s)).toBeNull());
});

describe('month cells from XLSX', () => {
  it('a date cell is read in UTC (exceljs dates are UTC midnight)', () => {
    expect(periodOfDate(new Date(Date.UTC(2026, 0, 1)))).toBe('2026-01');
    expect(periodOfDate(new Date('2026-01-31T23:59:59Z'))).toBe('2026-01');
    expect(periodOfDate(new Date('invalid'))).toBeNull();
  });
  it('an Excel serial that lost its date format', () => {
    expect(periodOfExcelSerial(46023)).toBe('2026-01'); // 2026-01-01
    expect(periodOfExcelSerial(45658)).toBe('2025-01');
    expect(periodOfExcelSerial(12)).toBeNull();
  });
  it('any cell', () => {
    expect(parsePeriodCell('T3/2025')).toBe('2025-03');
    expect(parsePeriodCell(new Date(Date.UTC(2025, 2, 1)))).toBe('2025-03');
    expect(parsePeriodCell(null)).toBeNull();
    expect(parsePeriodCell(true)).toBeNull();
  });
});
