import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { insertUnits } from './results.fixtures.ts';
import type { EffectiveSetting } from '../../domain/schemas/setting.ts';

type SettingsBody = { unit: { code: string }; year: number; settings: EffectiveSetting[] };
const json = (body: unknown, method = 'PUT') => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const setting = (v: Record<string, unknown>) => ({
  year: 2021,
  basis: null,
  normAmount: null,
  normQuantity: null,
  normPerCapita: null,
  targetPct: null,
  ...v,
});

describe('settings API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await insertUnits(t.deps.db);
  });
  afterAll(() => t.close());

  it('without rows every value comes from the category defaults', async () => {
    const res = await t.request('/api/settings?unit=STTTT-VP&year=2021');
    expect(res.status).toBe(200);
    const body = (await res.json()) as SettingsBody;
    expect(body.settings.map((s) => s.categoryCode)).toEqual(['stationery', 'phone', 'electricity', 'other']);
    expect(body.settings[2]).toMatchObject({
      basis: 'norm',
      basisSource: { kind: 'category_default' },
      targetPct: 15,
      normSource: null,
      own: null,
    });
  });

  it('a parent setting is inherited by its subtree; a per-capita norm uses each unit headcount', async () => {
    const put = await t.request(
      '/api/settings',
      json(
        setting({
          unitCode: 'STTTT',
          categoryCode: 'stationery',
          basis: 'norm',
          normPerCapita: 100_000,
          targetPct: 12.5,
        }),
      ),
    );
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({
      normAmountEffective: 4_800_000,
      targetPct: 12.5,
      own: { unitCode: 'STTTT', targetPct: 12.5 },
    });
    const vp = ((await (await t.request('/api/settings?unit=STTTT-VP&year=2021')).json()) as SettingsBody).settings[0];
    expect(vp).toMatchObject({
      basis: 'norm',
      basisSource: { kind: 'unit', unitCode: 'STTTT', year: 2021 },
      normPerCapita: 100_000,
      normAmountEffective: 1_400_000,
      targetPct: 12.5,
      own: null,
    });
    // other years are not affected
    const y2022 = ((await (await t.request('/api/settings?unit=STTTT-VP&year=2022')).json()) as SettingsBody)
      .settings[0];
    expect(y2022).toMatchObject({ basis: 'previous_year', targetPct: 10 });
  });

  it('a descendant overrides one field and inherits the rest; DELETE returns to inheriting', async () => {
    await t.request('/api/settings', json(setting({ unitCode: 'STTTT-VP', categoryCode: 'stationery', targetPct: 3 })));
    let vp = ((await (await t.request('/api/settings?unit=STTTT-VP&year=2021')).json()) as SettingsBody).settings[0];
    expect(vp).toMatchObject({
      targetPct: 3,
      targetSource: { kind: 'unit', unitCode: 'STTTT-VP' },
      basisSource: { unitCode: 'STTTT' },
    });
    const del = await t.request('/api/settings?unit=STTTT-VP&category=stationery&year=2021', { method: 'DELETE' });
    expect(del.status).toBe(204);
    vp = ((await (await t.request('/api/settings?unit=STTTT-VP&year=2021')).json()) as SettingsBody).settings[0];
    expect(vp).toMatchObject({ targetPct: 12.5, own: null });
  });

  it('stores quantities exactly (kWh in thousandths)', async () => {
    const res = await t.request(
      '/api/settings',
      json(setting({ unitCode: 'STTTT-TT', categoryCode: 'electricity', normQuantity: 1234.567 })),
    );
    expect(await res.json()).toMatchObject({ normQuantity: 1234.567 });
    const row = await t.deps.db
      .selectFrom('settings')
      .select('norm_quantity_milli')
      .where('norm_quantity_milli', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(row.norm_quantity_milli).toBe(1_234_567);
  });

  it('validates the body and names unknown units and categories', async () => {
    expect(
      (await t.request('/api/settings', json(setting({ unitCode: 'STTTT', categoryCode: 'phone', targetPct: 10.25 }))))
        .status,
    ).toBe(400);
    expect(
      (await t.request('/api/settings', json(setting({ unitCode: 'STTTT', categoryCode: 'phone', basis: 'weekly' }))))
        .status,
    ).toBe(400);
    const r = await t.request('/api/settings', json(setting({ unitCode: 'STTTT', categoryCode: 'water' })));
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { message: string } }).error.message).toContain('water');
    expect((await t.request('/api/settings?unit=NOPE&year=2021')).status).toBe(404);
  });
});
