import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { insertWorkedExample } from './results.fixtures.ts';
import { computeResults } from '../../server/results/results.service.ts';
import type { ComparisonResponse, ResultsResponse, SubmissionStatus } from '../../domain/schemas/results.ts';

describe('results API on the worked example', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof insertWorkedExample>>;
  beforeAll(async () => {
    t = await createTestApp();
    ids = await insertWorkedExample(t.deps.db);
  });
  afterAll(() => t.close());

  it('gives stationery 10, phone 20, other 5, electricity 15 (kWh vs norm)', async () => {
    const res = await t.request('/api/results?unit=STTTT&year=2020');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ResultsResponse;
    expect(body.through).toBe('2020-12');
    const by = Object.fromEntries(body.categories.map((c) => [c.code, c]));
    expect(by.stationery.ytd).toMatchObject({
      baseline: 48_000_000,
      actual: 43_200_000,
      saved: 4_800_000,
      reduction: 10,
      met: true,
      monthsSubmitted: 12,
    });
    expect(by.phone.ytd).toMatchObject({ baseline: 30_000_000, actual: 24_000_000, reduction: 20, met: true });
    expect(by.other.ytd).toMatchObject({ baseline: 120_000_000, actual: 114_000_000, reduction: 5, met: true });
    expect(by.electricity).toMatchObject({ basis: 'norm', measure: 'quantity', quantityUnit: 'kWh', target: 15 });
    expect(by.electricity.ytd).toMatchObject({
      baseline: 60_000,
      actual: 51_000,
      saved: 9_000,
      reduction: 15,
      met: true,
      baselineAmount: null,
    });
    expect(by.electricity.ytd.actualAmount).toBeGreaterThan(0);
    expect(body.sentence.vi).toBe(
      'Năm 2020: văn phòng phẩm giảm 10%; cước điện thoại giảm 20%; các khoản chi phí khác giảm 5%; tiết kiệm điện đạt 15% so với định mức.',
    );
    expect(body.submission).toEqual({
      period: '2020-12',
      submitted: [{ code: 'STTTT', name: 'Sở Thông tin và Truyền thông' }],
      notSubmitted: [],
    });
    expect(by.stationery.months).toHaveLength(12);
  });

  it('defaults unit to the root and honours through', async () => {
    const body = (await (await t.request('/api/results?year=2020&through=2020-03')).json()) as ResultsResponse;
    expect(body.unit.code).toBe('STTTT');
    expect(body.through).toBe('2020-03');
    expect(body.categories[0].months).toHaveLength(3);
    expect(body.categories[0].ytd.monthsInRange).toBe(3);
  });

  it('a child without figures shows not-submitted months and unknown reductions', async () => {
    const body = (await (
      await t.request('/api/results?unit=STTTT-VP&year=2020&through=2020-12')
    ).json()) as ResultsResponse;
    const st = body.categories.find((c) => c.code === 'stationery')!;
    expect(st.months.every((m) => m.status === 'not_submitted' && m.actual === null)).toBe(true);
    expect(st.ytd).toMatchObject({ actual: null, baseline: null, reduction: null, met: null, monthsSubmitted: 0 });
    // the norm is inherited from STTTT; target too
    const el = body.categories.find((c) => c.code === 'electricity')!;
    expect(el).toMatchObject({ basis: 'norm', target: 15 });
  });

  it('rejects a bad query and an unknown unit', async () => {
    expect((await t.request('/api/results?year=abc')).status).toBe(400);
    expect((await t.request('/api/results?year=2020&through=2021-01')).status).toBe(400);
    const r = await t.request('/api/results?unit=NOPE&year=2020');
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('submission status: a child that submitted before and not now is listed as missing', async () => {
    const now = '2026-01-01T00:00:00.000Z';
    const vp = ids.units.get('STTTT-VP')!;
    await t.deps.db
      .insertInto('figures')
      .values({
        unit_id: vp,
        category_id: ids.cats.get('stationery')!,
        period: '2020-10',
        amount: 0,
        quantity_milli: null,
        note: null,
        import_id: null,
        updated_at: now,
        updated_by: 't',
      })
      .execute();
    const s = (await (
      await t.request('/api/results/submissions?unit=STTTT&period=2020-11')
    ).json()) as SubmissionStatus;
    expect(s.submitted.map((u) => u.code)).toEqual(['STTTT']);
    expect(s.notSubmitted.map((u) => u.code)).toEqual(['STTTT-VP']);
    const oct = (await (
      await t.request('/api/results/submissions?unit=STTTT&period=2020-10')
    ).json()) as SubmissionStatus;
    expect(oct.submitted.map((u) => u.code)).toEqual(['STTTT', 'STTTT-VP']);
    // the zero is a real zero in the parent's sums
    const r = await computeResults(t.deps.db, { unitCode: 'STTTT-VP', year: 2020, through: '2020-10' });
    expect(r.categories[0].months[9]).toMatchObject({
      status: 'submitted',
      actual: 0,
      baseline: null,
      reduction: null,
    });
    await t.deps.db.deleteFrom('figures').where('unit_id', '=', vp).execute();
  });

  it('compares children ranked by overall reduction in đồng', async () => {
    const now = '2026-01-01T00:00:00.000Z';
    const fig = (code: string, period: string, amount: number) => ({
      unit_id: ids.units.get(code)!,
      category_id: ids.cats.get('phone')!,
      period,
      amount,
      quantity_milli: null,
      note: null,
      import_id: null,
      updated_at: now,
      updated_by: 't',
    });
    await t.deps.db
      .insertInto('figures')
      .values([
        fig('STTTT-TT', '2019-01', 1000),
        fig('STTTT-TT', '2020-01', 900),
        fig('STTTT-BCXB', '2019-01', 1000),
        fig('STTTT-BCXB', '2020-01', 800),
        fig('STTTT-VP', '2020-01', 5),
      ])
      .execute();
    const body = (await (
      await t.request('/api/results/compare?unit=STTTT&year=2020&through=2020-01')
    ).json()) as ComparisonResponse;
    expect(body.rows.map((r) => [r.unit.code, r.overall, r.rank])).toEqual([
      ['STTTT-BCXB', 20, 1],
      ['STTTT-TT', 10, 2],
      ['STTTT-BCVT', null, null],
      ['STTTT-TTCNTT', null, null],
      ['STTTT-VP', null, null],
    ]);
    expect(body.rows[0].categories.phone).toMatchObject({ actual: 800, baseline: 1000, reduction: 20 });
  });
});
