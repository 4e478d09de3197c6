/**
 * The year-end outlook through the results API, the snapshots of closed months and the CLI: the
 * domain example (stationery, same period, rolled up from a division to the department) and a
 * kWh norm whose allowance per month rounds down to thousandths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { runCli } from '../helpers/cli.ts';
import { categoryIds, insertUnits } from './results.fixtures.ts';
import { runMonthlyClose } from '../../jobs/monthly-close.ts';
import { computeResults } from '../../server/results/results.service.ts';
import type { ResultsResponse } from '../../domain/schemas/results.ts';

const NOW = '2026-01-01T00:00:00.000Z';

describe('year-end outlook in results', () => {
  let t: TestApp;
  let units: Map<string, number>;
  beforeAll(async () => {
    t = await createTestApp();
    units = await insertUnits(t.deps.db);
    const cats = await categoryIds(t.deps.db);
    const fig = (unit: string, cat: string, period: string, amount: number, kwh: number | null = null) => ({
      unit_id: units.get(unit)!,
      category_id: cats.get(cat)!,
      period,
      amount,
      quantity_milli: kwh == null ? null : kwh * 1000,
      note: null,
      import_id: null,
      updated_at: NOW,
      updated_by: 'test',
    });
    const rows = [];
    for (let m = 1; m <= 12; m++) {
      const p = (y: number) => `${y}-${String(m).padStart(2, '0')}`;
      rows.push(fig('STTTT-VP', 'stationery', p(2025), 4_000_000));
      if (m <= 6) rows.push(fig('STTTT-VP', 'stationery', p(2026), 3_500_000));
      rows.push(fig('STTTT-TT', 'electricity', p(2025), 9_000_000, 4_500));
      if (m <= 3) rows.push(fig('STTTT-TT', 'electricity', p(2026), 8_000_000, 4_000));
    }
    await t.deps.db.insertInto('figures').values(rows).execute();
    await t.deps.db
      .insertInto('settings')
      .values({
        unit_id: units.get('STTTT-TT')!,
        category_id: cats.get('electricity')!,
        year: 2026,
        basis: 'norm',
        norm_amount: null,
        norm_quantity_milli: 5_000_000,
        norm_per_capita: null,
        target_tenths: 150,
        updated_at: NOW,
        updated_by: 'test',
      })
      .execute();
  });
  afterAll(() => t.close());

  const get = async (q: string) => {
    const r = await t.request(`/api/results?${q}`);
    expect(r.status).toBe(200);
    return (await r.json()) as ResultsResponse;
  };

  it('gives the domain example on the department (rolled up from its division)', async () => {
    const r = await get('unit=STTTT&year=2026&through=2026-06');
    const st = r.categories.find((c) => c.code === 'stationery')!;
    expect(st.outlook).toEqual({
      allowance: 22_200_000,
      perMonth: 3_700_000,
      projected: 12.5,
      baselineYear: 48_000_000,
      projectedYear: 42_000_000,
      remainingMonths: 6,
      from: '2026-07',
    });
  });

  it('a kWh norm: twelve monthly norms, allowance per month rounded down to thousandths', async () => {
    const r = await get('unit=STTTT-TT&year=2026&through=2026-03');
    const el = r.categories.find((c) => c.code === 'electricity')!;
    expect(el.measure).toBe('quantity');
    expect(el.outlook).toEqual({
      allowance: 39_000,
      perMonth: 4_333.333,
      projected: 20,
      baselineYear: 60_000,
      projectedYear: 48_000,
      remainingMonths: 9,
      from: '2026-04',
    });
  });

  it('after December there is no allowance; a category without a target has no outlook', async () => {
    await t.deps.db
      .updateTable('categories')
      .set({ default_target_tenths: null })
      .where('code', '=', 'phone')
      .execute();
    const r = await get('unit=STTTT&year=2025&through=2025-12');
    const st = r.categories.find((c) => c.code === 'stationery')!;
    // 2025 has no 2024 to compare with: no baseline, so nothing is known.
    expect(st.outlook).toMatchObject({
      allowance: null,
      perMonth: null,
      projected: null,
      remainingMonths: 0,
      from: null,
    });
    expect(r.categories.find((c) => c.code === 'phone')!.outlook).toBeNull();
  });

  it('closed months give the same outlook from their snapshots', async () => {
    const live = await computeResults(t.deps.db, { unitCode: 'STTTT', year: 2026, through: '2026-06' });
    for (let m = 1; m <= 6; m++) await runMonthlyClose(t.deps, `2026-0${m}`);
    const snap = await computeResults(t.deps.db, { unitCode: 'STTTT', year: 2026, through: '2026-06' });
    expect(snap).toEqual(live);
    // The snapshot is what was read: its stored projection shows through.
    await t.deps.db
      .updateTable('result_snapshots')
      .set({ y_projected_year: 43_200_000 })
      .where('period', '=', '2026-06')
      .where('unit_id', '=', units.get('STTTT')!)
      .execute();
    const doctored = await computeResults(t.deps.db, { unitCode: 'STTTT', year: 2026, through: '2026-06' });
    expect(doctored.categories.find((c) => c.code === 'stationery')!.outlook!.projected).toBe(10);
  });

  it('the CLI gives the outlook per category in --json and in words', async () => {
    const json = await runCli(t.tdb.url, [
      'results',
      '--year',
      '2026',
      '--unit',
      'STTTT-VP',
      '--through',
      '2026-06',
      '--json',
    ]);
    expect(json.code, json.stderr).toBe(0);
    const st = JSON.parse(json.stdout).categories.find((c: { code: string }) => c.code === 'stationery');
    expect(st.outlook).toEqual({ allowance: 22_200_000, perMonth: 3_700_000, projected: 12.5 });
    const text = await runCli(t.tdb.url, ['results', '--year', '2026', '--unit', 'STTTT-VP', '--through', '2026-06']);
    expect(text.stdout).toContain(
      'Để đạt chỉ tiêu 10%, từ tháng 7 đến hết năm chi tối đa 22.200.000 đ (3.700.000 đ/tháng); theo đà hiện tại cả năm giảm 12,5%',
    );
  }, 180_000);
});
