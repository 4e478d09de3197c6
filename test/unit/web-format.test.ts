/** Dashboard display formats (vi-VN default, en-GB) and the figure editor's input parsing. */
import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  formatMonthShort,
  formatPercent,
  formatPeriod,
  formatQuantity,
  plainDecimal,
} from '../../web/src/format.ts';
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

describe('numbers written without Intl (plainDecimal)', () => {
  const FORMATS: [number, number][] = [
    [0, 0], // money
    [0, 3], // quantities
    [1, 1], // percentages
  ];
  const intl = (['vi', 'en'] as const).flatMap((lang) =>
    FORMATS.map(([min, max]) => ({
      lang,
      min,
      max,
      f: new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
        minimumFractionDigits: min,
        maximumFractionDigits: max,
      }),
    })),
  );
  const mismatches = (xs: number[]) => {
    const out: string[] = [];
    for (const x of xs)
      for (const { lang, min, max, f } of intl) {
        const want = f.format(x);
        const got = plainDecimal(x, lang, min, max);
        if (got !== want) out.push(`${lang} ${min}-${max} ${x}: Intl ${want}, ours ${got}`);
      }
    return out;
  };

  it('writes what Intl.NumberFormat writes at the edges: halves, carries, signs, zeros, exponents', () => {
    const edges = [
      0,
      -0,
      0.5,
      -0.5,
      1.5,
      2.5,
      -2.5,
      1.005,
      1.0005,
      2.675,
      1.45,
      0.05,
      -0.05,
      0.04,
      -0.04,
      0.95,
      9.95,
      99.95,
      999.95,
      999.9995,
      0.9995,
      999_999.5,
      -999_999.5,
      0.1 + 0.2,
      1e-6,
      1e-7,
      5e-7,
      0.0000015,
      1e20,
      1e21,
      1.5e21,
      123_456_789_012_345,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
      43_200_000,
      601.1,
      -3.25,
      NaN,
      Infinity,
      -Infinity,
    ];
    expect(mismatches(edges)).toEqual([]);
    expect(plainDecimal(1.005, 'vi', 0, 2)).toBe('1,01');
    expect(plainDecimal(-0.04, 'vi', 1, 1)).toBe('-0,0');
    expect(plainDecimal(999.96, 'en', 1, 1)).toBe('1,000.0');
  });

  it('writes what Intl.NumberFormat writes for 20,000 numbers of every size (fixed seed)', () => {
    let seed = 20_261_202;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const xs: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      let x = (random() - 0.3) * 10 ** Math.floor(random() * 17 - 4);
      const kind = random();
      // Money (whole đồng), quantities (three decimals), halves at each precision, and raw doubles.
      if (kind < 0.25) x = Math.round(x);
      else if (kind < 0.5) x = Math.round(x * 1000) / 1000;
      else if (kind < 0.75) x = Math.round(x * 20) / 20;
      xs.push(x);
    }
    expect(mismatches(xs)).toEqual([]);
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
