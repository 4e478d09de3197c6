/**
 * The dashboard's pure parts for deciding: level zeros on two axes, the progress bar's scale,
 * the trends ranges (URL, requests, month ranges across years, one point per year), drill links
 * and the CSV/XLSX files of a chart's numbers.
 */
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { alignedAxes, niceStep } from '../../web/src/components/chart/chart-scales.ts';
import { progressMax } from '../../web/src/components/progress-bar/progress-scale.ts';
import {
  monthRangeSeries,
  parseRange,
  rangeParams,
  rangeRequests,
  yearSeries,
  yearsSeries,
} from '../../web/src/views/trends/trends-series.ts';
import { drillHref } from '../../web/src/views/drill.ts';
import { COLORS, INCOMPLETE_GROUND, trendsChartConfig } from '../../web/src/views/trends/trends-chart.ts';
import { slug, tableCsv, type ExportTable } from '../../web/src/export/table-export.ts';
import { tableXlsx } from '../../web/src/export/xlsx.ts';
import { monthsOfYear } from '../../domain/months.ts';
import type { CategoryResult, ResultsResponse } from '../../domain/schemas/results.ts';

describe('two axes with level zeros', () => {
  const zeroAt = (a: { min: number; max: number }) => -a.min / (a.max - a.min);

  it('rounds steps up to 1, 2, 2.5 or 5 × 10^k', () => {
    expect([0.7, 1, 1.2, 2.2, 3.2, 7, 1_300_000].map(niceStep)).toEqual([1, 1, 2, 2.5, 5, 10, 2_000_000]);
  });

  it('puts zero at the same height on both axes when the percent goes negative', () => {
    const [y, y1] = alignedAxes([0, 3_600_000, 4_200_000], [-3.1, 12, 10]);
    expect(zeroAt(y)).toBeCloseTo(zeroAt(y1), 10);
    expect(y.min).toBeLessThan(0);
    expect(y.max).toBeGreaterThanOrEqual(4_200_000);
    expect(y1.min).toBeLessThanOrEqual(-3.1);
    expect(y1.max).toBeGreaterThanOrEqual(12);
    // Same number of steps: the grid lines coincide.
    expect((y.max - y.min) / y.stepSize).toBeCloseTo((y1.max - y1.min) / y1.stepSize, 10);
  });

  it('starts both at zero when nothing is negative, and gives an empty axis a height', () => {
    const [y, y1] = alignedAxes([5000, 4000], [10, 15, 20.8]);
    expect(y.min).toBe(0);
    expect(y1.min).toBe(0);
    expect(y1.max).toBeGreaterThanOrEqual(20.8);
    const [e, e1] = alignedAxes([null, null], []);
    expect(e.max).toBeGreaterThan(0);
    expect(e1.max).toBeGreaterThan(0);
  });

  it('keeps zeros level when the amount axis is the one that goes negative', () => {
    const [y, y1] = alignedAxes([-2_000_000, 8_000_000], [0, 15]);
    expect(zeroAt(y)).toBeCloseTo(zeroAt(y1), 10);
  });
});

describe('progress bar scale', () => {
  it('runs half as far again as the target, so the target marker sits inside', () => {
    expect(progressMax(8, 10)).toBe(15);
    expect(progressMax(20, 20)).toBe(30);
    expect(progressMax(20.8, 15)).toBe(25);
    expect(progressMax(6.6, 5)).toBe(10);
    expect(progressMax(40, 10)).toBe(40);
    expect(progressMax(-3, 10)).toBe(15);
    expect(progressMax(null, null)).toBe(10);
  });
});

const month = (period: string, actual: number | null, baseline: number | null, amounts?: [number, number]) => {
  const reduction = actual != null && baseline ? Math.round(((baseline - actual) / baseline) * 1000) / 10 : null;
  return {
    period,
    status: actual == null ? ('not_submitted' as const) : ('submitted' as const),
    actual,
    baseline,
    saved: actual != null && baseline != null ? baseline - actual : null,
    reduction,
    met: null,
    actualAmount: amounts ? amounts[0] : actual,
    baselineAmount: amounts ? amounts[1] : baseline,
  };
};

function category(
  code: string,
  year: number,
  months: ReturnType<typeof month>[],
  over: Partial<CategoryResult> = {},
): CategoryResult {
  const a = months.reduce((s, m) => s + (m.actual ?? 0), 0);
  const b = months.reduce((s, m) => s + (m.actual != null && m.baseline != null ? m.baseline : 0), 0);
  return {
    code,
    nameVi: code,
    nameEn: code,
    basis: 'previous_year',
    measure: 'amount',
    quantityUnit: null,
    target: 10,
    months,
    ytd: {
      monthsSubmitted: months.filter((m) => m.actual != null).length,
      monthsInRange: months.length,
      actual: a,
      baseline: b,
      saved: b - a,
      reduction: b ? Math.round(((b - a) / b) * 1000) / 10 : null,
      met: null,
      actualAmount: a,
      baselineAmount: b,
    },
    outlook: null,
    ...over,
  };
}

function results(year: number, categories: CategoryResult[], through = `${year}-12`): ResultsResponse {
  return {
    unit: { code: 'U', name: 'Đơn vị' },
    year,
    through,
    months: [],
    provisional: false,
    categories,
    sentence: { vi: '', en: '' },
    submission: { period: through, submitted: [], notSubmitted: [] },
  };
}

describe('trends ranges', () => {
  it('reads the range from the URL, cutting one that is too long', () => {
    expect(parseRange(new URLSearchParams(''), 2020)).toEqual({ kind: 'year', year: 2020 });
    expect(parseRange(new URLSearchParams('range=months&from=2026-06&to=2025-07'), 2020)).toEqual({
      kind: 'months',
      from: '2025-07',
      to: '2026-06',
    });
    expect(parseRange(new URLSearchParams('range=months&from=2015-01&to=2026-06'), 2020)).toEqual({
      kind: 'months',
      from: '2023-07',
      to: '2026-06',
    });
    expect(parseRange(new URLSearchParams('range=years&from=2019&to=2026'), 2020)).toEqual({
      kind: 'years',
      from: 2019,
      to: 2026,
    });
    expect(parseRange(new URLSearchParams('range=months&from=2025-13&to=2026-01'), 2020)).toEqual({
      kind: 'year',
      year: 2020,
    });
    expect(rangeParams({ kind: 'year', year: 2020 })).toEqual({ range: null, from: null, to: null, year: 2020 });
  });

  it('asks one results answer per year, cutting the last one at `to`', () => {
    expect(rangeRequests({ kind: 'months', from: '2025-07', to: '2026-03' }, '2026-06')).toEqual([
      { year: 2025 },
      { year: 2026, through: '2026-03' },
    ]);
    expect(rangeRequests({ kind: 'months', from: '2025-07', to: '2026-09' }, '2026-06')).toEqual([
      { year: 2025 },
      { year: 2026 },
    ]);
    expect(rangeRequests({ kind: 'years', from: 2024, to: 2026 }, '2026-06')).toEqual([
      { year: 2024 },
      { year: 2025 },
      { year: 2026 },
    ]);
  });

  it('joins months across years, restarting the cumulative line at the start of the range', () => {
    const y25 = results(2025, [
      category(
        's',
        2025,
        monthsOfYear(2025).map((p) => month(p, 90, 100)),
      ),
    ]);
    const y26 = results(
      2026,
      [
        category(
          's',
          2026,
          monthsOfYear(2026, '2026-03').map((p, i) => month(p, i === 1 ? null : 80, 100)),
          { target: 15 },
        ),
      ],
      '2026-03',
    );
    const [s] = monthRangeSeries([y26, y25], '2025-11', '2026-03');
    expect(s.points.map((p) => p.key)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    expect(s.points.map((p) => p.cumulative)).toEqual([10, 10, 13.3, null, 15]);
    expect(s.points.map((p) => p.target)).toEqual([10, 10, 15, 15, 15]);
    expect(s.target).toBeNull();
    expect(s.hasTarget).toBe(true);
    expect(s.points[3].missing).toBe(true);
  });

  it('draws a category in đồng when its measure changes inside the range', () => {
    const kwhYear = results(2026, [
      category('electricity', 2026, [month('2026-01', 900, 1000, [2_700_000, 3_000_000])], {
        measure: 'quantity',
        quantityUnit: 'kWh',
        basis: 'norm',
      }),
    ]);
    const amountYear = results(2025, [
      category('electricity', 2025, [month('2025-12', 3_000_000, null)], { basis: 'norm' }),
    ]);
    const [s] = monthRangeSeries([amountYear, kwhYear], '2025-12', '2026-01');
    expect(s.measure).toBe('amount');
    expect(s.converted).toBe(true);
    expect(s.points.map((p) => p.actual)).toEqual([3_000_000, 2_700_000]);
    expect(s.points[1].reduction).toBe(10);
  });

  it('gives one point per year, marking a year that has not ended', () => {
    const series = yearsSeries([
      results(2026, [category('s', 2026, [month('2026-01', 80, 100)])], '2026-06'),
      results(2025, [category('s', 2025, [month('2025-01', 90, 100)])]),
      results(2024, [category('s', 2024, [month('2024-01', null, null)])]),
    ]);
    expect(series[0].points.map((p) => [p.key, p.reduction, p.through, p.missing])).toEqual([
      ['2024', null, null, true],
      ['2025', 10, null, false],
      ['2026', 20, '2026-06', false],
    ]);
  });

  it('says a year with no figures is empty, and shows last year beside a norm', () => {
    const empty = yearSeries(
      results(2022, [
        category(
          's',
          2022,
          monthsOfYear(2022).map((p) => month(p, null, null)),
        ),
      ]),
      null,
    );
    expect(empty[0].empty).toBe(true);
    const norm = { basis: 'norm' as const };
    const cur = results(2020, [category('e', 2020, [month('2020-01', 90, 100)], norm)]);
    const prev = results(2019, [category('e', 2019, [month('2019-01', 120, null)], norm)]);
    const [s] = yearSeries(cur, prev);
    expect(s.hasLastYear).toBe(true);
    expect(s.points[0].lastYear).toBe(120);
  });
});

describe('trends: incomplete months', () => {
  it('marks a month point, and a year point, whose months are incomplete with their coverage', () => {
    const cov = (period: string, expected: number, submitted: number) => ({
      period,
      expected,
      submitted,
      complete: submitted >= expected,
    });
    const y26 = {
      ...results(
        2026,
        [
          category(
            's',
            2026,
            monthsOfYear(2026, '2026-11').map((p) => month(p, 80, 100)),
          ),
        ],
        '2026-11',
      ),
      months: monthsOfYear(2026, '2026-11').map((p) => (p === '2026-11' ? cov(p, 5, 3) : cov(p, 5, 5))),
      provisional: true,
    };
    const [s] = yearSeries(y26, null);
    expect(s.points.filter((p) => p.incomplete.length).map((p) => [p.key, p.incomplete])).toEqual([
      ['2026-11', [{ period: '2026-11', expected: 5, submitted: 3, complete: false }]],
    ]);
    const [r] = monthRangeSeries([y26], '2026-10', '2026-11');
    expect(r.points.map((p) => p.incomplete.length)).toEqual([0, 1]);
    const [y] = yearsSeries([y26]);
    expect(y.points[0].incomplete.map((m) => m.period)).toEqual(['2026-11']);

    // The chart: only the incomplete month's bar is hatched and bordered, only its reduction point
    // hollow, and only the segment to it dashed.
    const range = { kind: 'year', year: 2026 } as const;
    const [bars, , reduction] = trendsChartConfig(s, range, () => undefined).data.datasets as {
      backgroundColor?: unknown;
      borderWidth?: unknown;
      pointBackgroundColor?: unknown;
      segment?: { borderDash: (ctx: { p1DataIndex: number }) => unknown };
    }[];
    const at = s.points.findIndex((p) => p.key === '2026-11');
    expect((bars.backgroundColor as unknown[])[at]).toBe(INCOMPLETE_GROUND);
    expect((bars.backgroundColor as unknown[])[at - 1]).toBe(COLORS.actual);
    expect((bars.borderWidth as number[]).filter((w) => w > 0)).toHaveLength(1);
    expect((reduction.pointBackgroundColor as string[])[at]).toBe('#ffffff');
    expect(reduction.segment?.borderDash({ p1DataIndex: at })).toEqual([4, 3]);
    expect(reduction.segment?.borderDash({ p1DataIndex: at - 1 })).toBeUndefined();

    // A year without an incomplete month: plain values, which Chart.js resolves once per dataset.
    const complete = { ...y26, months: y26.months.map((m) => ({ ...m, submitted: 5, complete: true })) };
    const [c] = yearSeries(complete, null);
    const [cBars, , cReduction] = trendsChartConfig(c, range, () => undefined).data.datasets as {
      backgroundColor?: unknown;
      borderWidth?: unknown;
      pointBackgroundColor?: unknown;
      segment?: unknown;
    }[];
    expect([cBars.backgroundColor, cBars.borderWidth, cReduction.pointBackgroundColor]).toEqual([
      COLORS.actual,
      0,
      COLORS.reduction,
    ]);
    expect(cReduction.segment).toBeUndefined();
  });
});

describe('drill links', () => {
  it('carries unit, year and the next level in the query', () => {
    expect(drillHref('/figures', { unit: 'STTTT', year: 2020, period: '2020-03', category: 'phone', x: null })).toBe(
      '/figures?unit=STTTT&year=2020&period=2020-03&category=phone',
    );
  });
});

describe('chart and table files', () => {
  const table: ExportTable = {
    title: 'Văn phòng phẩm',
    fileName: `dien-bien-${slug('Sở TT&TT')}-2020`,
    columns: [
      { label: 'Tháng', kind: 'text' },
      { label: 'Thực chi 2020 (đ)', kind: 'money' },
      { label: 'Điện (kWh)', kind: 'quantity' },
      { label: 'Chỉ tiêu (%)', kind: 'percent' },
      { label: 'Ghi chú', kind: 'text' },
    ],
    rows: [
      ['Tháng 1/2020', 3_600_000, 4601.5, 10, '=SUM(A1)'],
      ['Tháng 2/2020', null, null, 10, 'a; b'],
    ],
  };

  it('writes CSV with Vietnamese headings and vi-VN numbers, formula-safe', () => {
    expect(table.fileName).toBe('dien-bien-So-TT-TT-2020');
    expect(tableCsv(table, 'vi')).toBe(
      '\ufeffTháng;Thực chi 2020 (đ);Điện (kWh);Chỉ tiêu (%);Ghi chú\r\n' +
        "Tháng 1/2020;3.600.000;4.601,5;10,0;'=SUM(A1)\r\n" +
        'Tháng 2/2020;;;10,0;"a; b"\r\n',
    );
    expect(tableCsv(table, 'en').split('\r\n')[1]).toBe('Tháng 1/2020,"3,600,000","4,601.5",10.0,\'=SUM(A1)');
  });

  it('writes XLSX with numeric cells and the headings in bold', () => {
    const files = unzipSync(tableXlsx(table));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<c r="B1" t="inlineStr" s="1"><is><t xml:space="preserve">Thực chi 2020 (đ)</t></is></c>');
    expect(sheet).toContain('<c r="B2" s="2"><v>3600000</v></c>');
    expect(sheet).toContain('<c r="C2" s="3"><v>4601.5</v></c>');
    expect(sheet).toContain('<c r="D2" s="4"><v>10</v></c>');
    expect(sheet).toContain('<t xml:space="preserve">\'=SUM(A1)</t>');
    expect(strFromU8(files['xl/workbook.xml'])).toContain('name="Văn phòng phẩm"');
  });
});
