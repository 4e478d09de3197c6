/** GET /api/figures, PUT /api/figures (a correction keeps history), GET /api/figures/history. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, seedAgency } from '../fixtures/imports/fixtures.ts';

const json = (body: unknown) => ({
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('figures API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedAgency(t.deps);
    await importFixture(t.deps, 'figures-wide-vi-2025.csv');
    await importFixture(t.deps, 'figures-long-2019-2020.csv');
  });
  afterAll(() => t.close());

  const list = async (q: string) => {
    const res = await t.request(`/api/figures?${q}`);
    expect(res.status).toBe(200);
    return (
      (await res.json()) as {
        figures: { unitCode: string; categoryCode: string; period: string; amount: number; quantity: number | null }[];
      }
    ).figures;
  };

  it('lists one unit, a period range and a category', async () => {
    const f = await list('unit=STTTT-VP&from=2025-01&to=2025-03&category=electricity');
    expect(f.map((x) => [x.period, x.amount, x.quantity])).toEqual([
      ['2025-01', 6_342_500, 2150],
      ['2025-02', 1_773_245, 601.1],
      ['2025-03', 3_412_560, 1156.8],
    ]);
  });

  it('lists a subtree', async () => {
    expect(await list('unit=STTTT&from=2025-01&to=2025-01')).toHaveLength(0);
    const sub = await list('unit=STTTT&subtree=1&from=2025-01&to=2025-01');
    expect(sub).toHaveLength(20);
    expect(new Set(sub.map((x) => x.unitCode)).size).toBe(5);
    expect(await list('unit=STTTT&from=2020-01&to=2020-12&category=phone')).toHaveLength(12);
  });

  it('answers 404 for an unknown unit and 400 for a bad period', async () => {
    expect((await t.request('/api/figures?unit=NOPE')).status).toBe(404);
    expect((await t.request('/api/figures?from=2025-13')).status).toBe(400);
  });

  it('a correction keeps the old value in history; the same value again adds nothing', async () => {
    const body = {
      unitCode: 'STTTT-VP',
      categoryCode: 'electricity',
      period: '2025-01',
      amount: 6_400_000,
      quantity: 2169.5,
      note: 'hóa đơn điều chỉnh',
    };
    const res = await t.request('/api/figures', json(body));
    expect(res.status).toBe(200);
    const out = (await res.json()) as { figure: Record<string, unknown>; history: Record<string, unknown>[] };
    expect(out.figure).toMatchObject({
      unitCode: 'STTTT-VP',
      categoryCode: 'electricity',
      period: '2025-01',
      amount: 6_400_000,
      quantity: 2169.5,
      note: 'hóa đơn điều chỉnh',
    });
    expect(out.history).toEqual([
      {
        amount: 6_342_500,
        quantity: 2150,
        note: null,
        changedAt: '2026-11-06T00:00:00.000Z',
        changedBy: 'admin@test.tietkiem.vn',
        importId: null,
        source: 'manual',
      },
    ]); // t.request signs in as the test admin

    const again = (await (await t.request('/api/figures', json(body))).json()) as { history: unknown[] };
    expect(again.history).toHaveLength(1);

    const second = (await (
      await t.request('/api/figures', json({ ...body, amount: 6_500_000, quantity: undefined }))
    ).json()) as { figure: { quantity: number }; history: { amount: number }[] };
    expect(second.figure.quantity).toBe(2169.5);
    expect(second.history.map((h) => h.amount)).toEqual([6_400_000, 6_342_500]);

    const hist = (await (
      await t.request('/api/figures/history?unit=STTTT-VP&category=electricity&period=2025-01')
    ).json()) as { history: unknown[] };
    expect(hist.history).toHaveLength(2);
  });

  it('a correction of a month without a figure adds it', async () => {
    const res = await t.request(
      '/api/figures',
      json({ unitCode: 'STTTT-TT', categoryCode: 'phone', period: '2026-02', amount: 0 }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ figure: { amount: 0, quantity: null }, history: [] });
  });

  it('refuses bad corrections', async () => {
    expect(
      (
        await t.request(
          '/api/figures',
          json({ unitCode: 'STTTT-VP', categoryCode: 'phone', period: '2025-01', amount: -5 }),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await t.request(
          '/api/figures',
          json({ unitCode: 'STTTT-VP', categoryCode: 'giay', period: '2025-01', amount: 5 }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await t.request(
          '/api/figures',
          json({ unitCode: 'STTTT-VP', categoryCode: 'electricity', period: '2025-01', amount: 5, quantity: 1.2345 }),
        )
      ).status,
    ).toBe(400);
  });
});
