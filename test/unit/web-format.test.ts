/** Dashboard display formats (vi-VN default, en-GB) and the figure editor's input parsing. */
import { describe, expect, it } from 'vitest';
import { formatMoney, formatMonthShort, formatPercent, formatPeriod, formatQuantity } from '../../web/src/format.ts';
import { parseAmountInput, parseQuantityInput, readAmountInput } from '../../web/src/views/figures/parse-input.ts';
import { cumulativeReduction, roundPercent } from '../../web/src/views/trends/cumulative.ts';
import { vi } from '../../web/src/i18n/vi.ts';
import { en } from '../../web/src/i18n/en.ts';

describe('formats', () => {
  it('writes money, percent, quantities and months the Vietnamese way', () => {
    expect(formatMoney(43_200_000, 'vi')).toBe('43.200.000 đ');
    expect(formatPercent(15, 'vi')).toBe('15,0%');
    expect(formatPercent(-3.25, 'vi')).toBe('-3,3%');
    expect(formatQuantity(51_000, 'kWh', 'vi')).toBe('51.000 kWh');
    expect(formatQuantity(601.1, 'kWh', 'vi')).toBe('601,1 kWh');
    expect(formatPeriod('2026-10', 'vi')).toBe('Tháng 10/2026');
    expect(formatMonthShort('2026-03', 'vi')).toBe('T3');
  });

  it('writes them the British way in English', () => {
    expect(formatMoney(43_200_000, 'en')).toBe('43,200,000 đ');
    expect(formatPercent(15, 'en')).toBe('15.0%');
    expect(formatPeriod('2026-10', 'en')).toBe('October 2026');
  });

  it('shows unknown values as a dash, never as 0', () => {
    expect(formatMoney(null, 'vi')).toBe('—');
    expect(formatPercent(null, 'vi')).toBe('—');
  });
});

describe('figure editor input', () => {
  it('reads amounts in either style as whole đồng', () => {
    expect(parseAmountInput('1.250.000')).toBe(1_250_000);
    expect(parseAmountInput('1,250,000')).toBe(1_250_000);
    expect(parseAmountInput('1 250 000 đ')).toBe(1_250_000);
    expect(parseAmountInput('0')).toBe(0);
    expect(parseAmountInput('-5')).toBeNull();
    expect(parseAmountInput('mười nghìn')).toBeNull();
  });

  it('refuses a fraction of a đồng as such, and what is no number at all as invalid', () => {
    expect(readAmountInput('1250000')).toEqual({ amount: 1_250_000 });
    expect(readAmountInput('1.250.000')).toEqual({ amount: 1_250_000 });
    expect(readAmountInput('1.250')).toEqual({ amount: 1_250 });
    expect(readAmountInput('1.250.000,00')).toEqual({ amount: 1_250_000 });
    expect(readAmountInput('1.250.000,5')).toEqual({ error: 'fraction' });
    expect(readAmountInput('1,250,000.50')).toEqual({ error: 'fraction' });
    expect(readAmountInput('1250000.5')).toEqual({ error: 'fraction' });
    expect(readAmountInput('12,5')).toEqual({ error: 'fraction' });
    expect(readAmountInput('12.50.000')).toEqual({ error: 'invalid' });
    expect(readAmountInput('')).toEqual({ error: 'invalid' });
    expect(parseAmountInput('1.250.000,5')).toBeNull();
  });

  it('reads quantities with up to three decimals', () => {
    expect(parseQuantityInput('12,5')).toBe(12.5);
    expect(parseQuantityInput('12.5')).toBe(12.5);
    expect(parseQuantityInput('1.156,8')).toBe(1156.8);
    expect(parseQuantityInput('1,156.8')).toBe(1156.8);
    expect(parseQuantityInput('1.250')).toBe(1250);
    expect(parseQuantityInput('2.150')).toBe(2150);
    expect(parseQuantityInput('abc')).toBeNull();
    expect(parseQuantityInput('1,2345')).toBeNull();
  });
});

describe('cumulative reduction for the trends chart', () => {
  it('sums only submitted months and rounds half away from zero', () => {
    expect(
      cumulativeReduction([
        { actual: 90, baseline: 100 },
        { actual: null, baseline: 100 },
        { actual: 80, baseline: 100 },
      ]),
    ).toEqual([10, null, 15]);
    expect(cumulativeReduction([{ actual: 5, baseline: null }])).toEqual([null]);
    expect(roundPercent(0.05)).toBe(0.1);
    expect(roundPercent(-0.05)).toBe(-0.1);
  });
});

describe('texts', () => {
  it('every Vietnamese text has an English one with the same placeholders', () => {
    for (const key of Object.keys(vi) as Array<keyof typeof vi>) {
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(en[key], key).toBeTruthy();
      expect(ph(en[key]), key).toEqual(ph(vi[key]));
    }
  });
});
