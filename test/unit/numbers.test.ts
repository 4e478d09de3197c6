import { describe, expect, it } from 'vitest';
import {
  decideNumberStyle,
  decimalOfNumber,
  dongOfDecimal,
  dongOfNumber,
  milliOfDecimal,
  milliOfNumber,
  MAX_MILLI,
  type Decimal,
  numberStyleEvidence,
  parseDecimal,
  parseDong,
  parseMilli,
  parseTenths,
} from '../../domain/numbers.ts';
import { MAX_DONG } from '../../domain/money.ts';

const dong = (s: string, style: 'vi' | 'en' = 'vi') => parseDong(s, style);
const milli = (s: string, style: 'vi' | 'en' = 'vi') => parseMilli(s, style);
const ok = (value: number) => ({ ok: true, value });
const err = (code: string) => ({ ok: false, code });

describe('vi-VN amounts', () => {
  it.each([
    ['1250000', 1250000],
    ['1.250.000', 1250000],
    ['1.250.000 đ', 1250000],
    ['1.250.000đ', 1250000],
    ['1.250.000 đồng', 1250000],
    ['1.250.000 VND', 1250000],
    ['1.250.000 VNĐ', 1250000],
    ['VND 1.250.000', 1250000],
    ['₫1.250.000', 1250000],
    ['1 250 000', 1250000],
    ['1\u00a0250\u00a0000', 1250000],
    ['  1.250.000  ', 1250000],
    ['+1.250', 1250],
    ['0', 0],
    ['000123', 123],
    ['1.250', 1250], // '.' groups thousands in a vi-VN file: never 1.25
    ['12.500.000.000', 12_500_000_000],
  ])('%s → %d', (s, v) => expect(dong(s)).toEqual(ok(v)));

  it('money is whole đồng: a fraction is an error, never rounded; zeros after the mark are whole', () => {
    expect(dong('1.250.000,50')).toEqual(err('fractional_amount'));
    expect(dong('1.250.000,49')).toEqual(err('fractional_amount'));
    expect(dong('1.250.000,5')).toEqual(err('fractional_amount'));
    expect(dong('0,5')).toEqual(err('fractional_amount'));
    expect(dong(',5')).toEqual(err('fractional_amount'));
    expect(dong('1.250.000,00')).toEqual(ok(1250000));
    expect(dong('1,250,000.000000', 'en')).toEqual(ok(1250000));
    expect(dong('1250000.000000', 'en')).toEqual(ok(1250000));
  });

  it('a d,ddd cell whose separator is the decimal mark of the file is ambiguous: both readings', () => {
    expect(dong('690,000')).toEqual({
      ok: false,
      code: 'ambiguous_number',
      readings: { thousands: 690000, decimal: 690, separator: ',' },
    });
    expect(dong('12,5')).toEqual(err('fractional_amount'));
    expect(dong('690,000 đ')).toMatchObject({ code: 'ambiguous_number' });
    expect(dong('1.250', 'en')).toMatchObject({
      code: 'ambiguous_number',
      readings: { thousands: 1250, decimal: 1.25 },
    });
    // The file's own thousands separator is not ambiguous.
    expect(dong('690.000')).toEqual(ok(690000));
    expect(dong('690,000', 'en')).toEqual(ok(690000));
    expect(dong('0,500')).toEqual(err('fractional_amount'));
  });

  it('refuses negatives, in any notation', () => {
    expect(dong('-120000')).toEqual(err('negative_amount'));
    expect(dong('−120.000')).toEqual(err('negative_amount'));
    expect(dong('(120.000)')).toEqual(err('negative_amount'));
    expect(dong('- 120.000 đ')).toEqual(err('negative_amount'));
    expect(dong('-0')).toEqual(ok(0));
  });

  it.each([
    '',
    'abc',
    'mười nghìn',
    '1.25',
    '12.5',
    '1.2500',
    '1,250,000',
    '1.250.00',
    '1..250',
    '1,2,3',
    '12a',
    '--5',
    '1.250,000,5',
    '.',
    ',',
  ])('not a number in vi-VN: %j', (s) => expect(dong(s)).toEqual(err('not_a_number')));

  it('refuses absurd sizes', () => {
    expect(dong('9.999.999.999.999')).toEqual(err('too_large'));
    expect(dong('99999999999999999999')).toEqual(err('too_large'));
  });
});

describe('en amounts (a file that proved en style)', () => {
  it.each([
    ['1,250,000', 1250000],
    ['1,250,000.00', 1250000],
    ['1250000.000', 1250000],
    ['1,250', 1250],
  ])('%s → %d', (s, v) => expect(dong(s, 'en')).toEqual(ok(v)));
  it.each(['1,250,000.50', '1250000.49', '12.5'])('%s has a fraction of a đồng', (s) =>
    expect(dong(s, 'en')).toEqual(err('fractional_amount')),
  );
  it('1.250.000 is not a number in an en file', () => expect(dong('1.250.000', 'en')).toEqual(err('not_a_number')));
});

describe('quantities in thousandths, exact', () => {
  it.each([
    ['12,5', 12500],
    ['601,1', 601100],
    ['1.156,8', 1156800],
    ['2.150', 2150000],
    ['0,001', 1],
    ['3,1230', 3123],
    ['5000', 5000000],
  ])('%s → %d', (s, v) => expect(milli(s)).toEqual(ok(v)));
  it('more than 3 decimals is an error, not a rounding', () => {
    expect(milli('12,3456')).toEqual(err('too_many_decimals'));
    expect(milli('0,0001')).toEqual(err('too_many_decimals'));
  });
  it('negative and garbage', () => {
    expect(milli('-1')).toEqual(err('negative_amount'));
    expect(milli('abc')).toEqual(err('not_a_number'));
  });
  it('en style', () => expect(milli('1,156.8', 'en')).toEqual(ok(1156800)));
});

describe('numeric XLSX cells', () => {
  it('whole đồng: within 1e-6 of a whole number is whole, further is fractional_amount', () => {
    expect(dongOfNumber(1250000)).toEqual(ok(1250000));
    expect(dongOfNumber(1250000.0000004)).toEqual(ok(1250000));
    expect(dongOfNumber(1249999.9999996)).toEqual(ok(1250000));
    expect(dongOfNumber(0.1 + 0.2 - 0.3)).toEqual(ok(0));
    expect(dongOfNumber(1250000.5)).toEqual(err('fractional_amount'));
    expect(dongOfNumber(0.49)).toEqual(err('fractional_amount'));
    expect(dongOfNumber(-5)).toEqual(err('negative_amount'));
    expect(dongOfNumber(NaN)).toEqual(err('not_a_number'));
  });
  it('quantities undo binary noise', () => {
    expect(milliOfNumber(601.1)).toEqual(ok(601100));
    expect(milliOfNumber(0.1 + 0.2)).toEqual(ok(300));
    expect(milliOfNumber(1156.8)).toEqual(ok(1156800));
    expect(milliOfNumber(1.0005)).toEqual(err('too_many_decimals'));
  });
  it('the whole-number fast paths answer what the decimal path answers, at the limits too', () => {
    const viaDecimal = (n: number, f: (d: Decimal) => unknown) => f(decimalOfNumber(n)!);
    for (const n of [0, -0, 1, 999, 1_250_000, MAX_DONG - 1, MAX_DONG, MAX_DONG + 1, 2 ** 53, -1, -0.0000001]) {
      expect(dongOfNumber(n), String(n)).toEqual(viaDecimal(Math.round(n) === 0 ? 0 : Math.round(n), dongOfDecimal));
    }
    for (const n of [0, -0, 1, 1200, MAX_MILLI / 1000, MAX_MILLI / 1000 + 1, 2 ** 40, -3]) {
      expect(milliOfNumber(n), String(n)).toEqual(viaDecimal(n, milliOfDecimal));
    }
    expect(Object.is((dongOfNumber(-0) as { value: number }).value, 0)).toBe(true);
    for (const t of ['0', '007', '1250000', String(MAX_DONG), String(MAX_DONG + 1), '999999999999999']) {
      expect(parseDong(t, 'vi'), t).toEqual(dongOfDecimal(parseDecimal(t, 'vi')!));
      expect(parseMilli(t, 'en'), t).toEqual(milliOfDecimal(parseDecimal(t, 'en')!));
    }
  });
});

describe('deciding the style once per file', () => {
  it.each([
    ['1.250.000', 'vi'],
    ['12,5', 'vi'],
    ['1.250,5', 'vi'],
    ['0,250', 'vi'],
    ['1250,000', 'vi'],
    ['1,250,000', 'en'],
    ['12.5', 'en'],
    ['1,250.5', 'en'],
    ['0.250', 'en'],
    ['1250.000', 'en'],
    ['1.250', null],
    ['1,250', null],
    ['1250000', null],
    ['abc', null],
    ['6.342.500 đ', 'vi'],
  ])('%s proves %s', (s, style) => expect(numberStyleEvidence(s)).toBe(style));

  it('is vi-VN unless the cells prove otherwise', () => {
    expect(decideNumberStyle([])).toBe('vi');
    expect(decideNumberStyle(['1.250', '1250000'])).toBe('vi');
    expect(decideNumberStyle(['1,250', '4,000'])).toBe('vi'); // ambiguous stays vi: 1,25
    expect(decideNumberStyle(['1.250', '1,250,000'])).toBe('en');
    expect(decideNumberStyle(['12.5', '1.250.000', '2.150.000'])).toBe('vi');
  });

  it('in a file decided vi, 1.250 is 1250; decided en, 1,250 is 1250', () => {
    const viFile = ['1.250', '1.250.000'];
    expect(parseDong('1.250', decideNumberStyle(viFile))).toEqual(ok(1250));
    const enFile = ['1,250', '12.5'];
    expect(parseDong('1,250', decideNumberStyle(enFile))).toEqual(ok(1250));
    expect(parseMilli('1,250', 'vi')).toEqual(ok(1250));
  });
});

describe('parseDecimal and percentages', () => {
  it('keeps digits exact', () => {
    expect(parseDecimal('1.250.000,50', 'vi')).toEqual({ negative: false, int: '1250000', frac: '50' });
    expect(parseDecimal('-0,5', 'vi')).toEqual({ negative: true, int: '0', frac: '5' });
  });
  it('tenths of a percent', () => {
    expect(parseTenths('10', 'vi')).toBe(100);
    expect(parseTenths('7,5', 'vi')).toBe(75);
    expect(parseTenths('7.5', 'en')).toBe(75);
    expect(parseTenths('15%', 'vi')).toBe(150);
    expect(parseTenths('-5', 'vi')).toBe(-50);
    expect(parseTenths('7,55', 'vi')).toBeNull();
    expect(parseTenths('x', 'vi')).toBeNull();
  });
});
