/** The demo agency: sample files through the import service, generated 2024 and 2026 figures, settings. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { seedDemoIfEmpty, loadDemo } from '../../server/demo/demo.service.ts';
import { generateFigures } from '../../server/demo/demo.generate.ts';
import { dumpTables } from '../fixtures/imports/fixtures.ts';

describe('demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-11-23T03:00:00Z');
  });
  afterAll(() => t.close());

  const yearSums = async (unit: string, year: string) => {
    const rows = await t.deps.db
      .selectFrom('figures as f')
      .innerJoin('units as u', 'u.id', 'f.unit_id')
      .innerJoin('categories as c', 'c.id', 'f.category_id')
      .select(['c.code', 'f.amount', 'f.quantity_milli'])
      .where('u.code', '=', unit)
      .where('f.period', 'like', `${year}-%`)
      .execute();
    const out: Record<string, { amount: number; milli: number; n: number }> = {};
    for (const r of rows) {
      out[r.code] ??= { amount: 0, milli: 0, n: 0 };
      out[r.code].amount += r.amount;
      out[r.code].milli += r.quantity_milli ?? 0;
      out[r.code].n++;
    }
    return out;
  };

  it('loads into an empty database once', async () => {
    expect(await seedDemoIfEmpty(t.deps)).toBe(true);
    expect(await seedDemoIfEmpty(t.deps)).toBe(false);
    const imports = await t.deps.db
      .selectFrom('imports')
      .select(['file_name', 'status', 'created_by'])
      .orderBy('id')
      .execute();
    expect(imports.slice(0, 6).map((i) => [i.file_name, i.status, i.created_by])).toEqual([
      ['units.csv', 'stored', 'demo'],
      ['norms-2020.csv', 'stored', 'demo'],
      ['figures-long-2019-2020.csv', 'stored', 'demo'],
      ['figures-wide-vi-2025.csv', 'stored', 'demo'],
      ['demo-generated-figures.csv', 'stored', 'demo'],
      ['demo-generated-norms.csv', 'stored', 'demo'],
    ]);
  });

  it('keeps the 2020 worked example exact', async () => {
    const y19 = await yearSums('STTTT', '2019');
    const y20 = await yearSums('STTTT', '2020');
    expect([y19.stationery.amount, y20.stationery.amount]).toEqual([48_000_000, 43_200_000]);
    expect([y19.phone.amount, y20.phone.amount]).toEqual([30_000_000, 24_000_000]);
    expect([y19.other.amount, y20.other.amount]).toEqual([120_000_000, 114_000_000]);
    expect(y20.electricity.milli).toBe(51_000_000);
    const norm = await t.deps.db
      .selectFrom('settings as s')
      .innerJoin('categories as c', 'c.id', 's.category_id')
      .select('s.norm_quantity_milli')
      .where('c.code', '=', 'electricity')
      .where('s.year', '=', 2020)
      .executeTakeFirstOrThrow();
    expect(norm.norm_quantity_milli! * 12).toBe(60_000_000);
  });

  it('has every division for every month of 2024, 2025 and 2026 through October, but two late for October', async () => {
    const rows = await t.deps.db
      .selectFrom('figures as f')
      .innerJoin('units as u', 'u.id', 'f.unit_id')
      .select(['u.code', 'f.period'])
      .where('f.period', '>=', '2024-01')
      .execute();
    const months = (code: string) => new Set(rows.filter((r) => r.code === code).map((r) => r.period));
    for (const code of ['STTTT-VP', 'STTTT-BCXB', 'STTTT-TTCNTT']) {
      const m = months(code);
      expect(m.size, code).toBe(12 + 12 + 10);
      expect(m.has('2026-10')).toBe(true);
      expect(m.has('2026-11')).toBe(false);
    }
    for (const code of ['STTTT-BCVT', 'STTTT-TT']) {
      expect(months(code).has('2026-09')).toBe(true);
      expect(months(code).has('2026-10')).toBe(false);
    }
    expect(rows.filter((r) => r.period === '2024-07' && r.code.startsWith('STTTT'))).toHaveLength(5 * 4);
  });

  it('trends down with one overspender on phone, and electricity peaks in summer', async () => {
    const vp24 = await yearSums('STTTT-VP', '2024');
    const vp25 = await yearSums('STTTT-VP', '2025');
    expect(vp24.stationery.amount).toBeGreaterThan(vp25.stationery.amount);
    const tt25 = await yearSums('STTTT-TT', '2025');
    const tt26 = await yearSums('STTTT-TT', '2026');
    // Nine months of 2026 against twelve of 2025, and still more on phone per month.
    expect(tt26.phone.amount / tt26.phone.n).toBeGreaterThan(tt25.phone.amount / tt25.phone.n);
    const gen = generateFigures([{ code: 'STTTT-VP', headcount: 14 }], '2026-10');
    const kwh = (p: string) => gen.find((f) => f.period === p && f.category === 'electricity')!.kwh!;
    expect(kwh('2024-07')).toBeGreaterThan(kwh('2024-01'));
    expect(generateFigures([{ code: 'STTTT-VP', headcount: 14 }], '2026-10')).toEqual(gen);
  });

  it('stores electricity norms per division and targets on the agency for 2024–2026', async () => {
    const rows = await t.deps.db
      .selectFrom('settings as s')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .innerJoin('categories as c', 'c.id', 's.category_id')
      .select(['u.code', 'c.code as cat', 's.year', 's.basis', 's.norm_quantity_milli', 's.target_tenths'])
      .where('s.year', '>=', 2024)
      .execute();
    for (const year of [2024, 2025, 2026]) {
      // Other features' demo steps may add peer agencies with settings of their own.
      const elec = rows.filter((r) => r.year === year && r.cat === 'electricity' && r.code.startsWith('STTTT'));
      expect(elec.map((r) => r.code).sort()).toEqual([
        'STTTT-BCVT',
        'STTTT-BCXB',
        'STTTT-TT',
        'STTTT-TTCNTT',
        'STTTT-VP',
      ]);
      for (const r of elec) expect(r).toMatchObject({ basis: 'norm', target_tenths: 150 });
      expect(rows.find((r) => r.year === year && r.code === 'STTTT' && r.cat === 'phone')).toMatchObject({
        basis: 'previous_year',
        target_tenths: 200,
      });
    }
    const vp = rows.find((r) => r.code === 'STTTT-VP' && r.year === 2025 && r.cat === 'electricity')!;
    expect(vp.norm_quantity_milli! / 1000).toBeGreaterThan(1000);
    expect(vp.norm_quantity_milli! / 1000).toBeLessThan(2500);
  });

  it('takes the last closed month of STTTT-VP and STTTT-TTCNTT from e-invoices, the Department none', async () => {
    const invoices = await t.deps.db
      .selectFrom('invoices as i')
      .innerJoin('units as u', 'u.id', 'i.figure_unit_id')
      .innerJoin('categories as c', 'c.id', 'i.figure_category_id')
      .select(['u.code as unit', 'c.code as cat', 'i.figure_period', 'i.amount', 'i.has_seller_signature'])
      .select(['i.tax_authority_code', 'i.status', 'i.created_by'])
      .execute();
    expect(invoices).toHaveLength(2 * 4);
    for (const unit of ['STTTT-VP', 'STTTT-TTCNTT'])
      expect(
        invoices
          .filter((i) => i.unit === unit)
          .map((i) => i.cat)
          .sort(),
      ).toEqual(['electricity', 'other', 'phone', 'stationery']);
    for (const i of invoices)
      expect(i).toMatchObject({
        figure_period: '2026-10',
        status: 'active',
        has_seller_signature: 1,
        created_by: 'demo',
      });
    expect(invoices.every((i) => i.tax_authority_code)).toBe(true);

    // Each of those figures is the sum of its invoices, and GET /api/figures/invoices lists them.
    const res = await t.request('/api/figures/invoices?unit=STTTT-TTCNTT&period=2026-10&category=electricity');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      figure: { amount: number; quantity: number; source: string };
      total: { amount: number; count: number };
      invoices: { seller: { taxCode: string }; hasSellerSignature: boolean; hasTaxAuthorityCode: boolean }[];
    };
    expect(body.figure.source).toBe('invoices');
    expect(body.total.count).toBe(1);
    expect(body.figure.amount).toBe(body.total.amount);
    expect(body.invoices[0]).toMatchObject({
      seller: { taxCode: '0300942001-012' },
      hasSellerSignature: true,
      hasTaxAuthorityCode: true,
    });
    // About the figure the generator would have made (VAT rounding aside).
    const gen = generateFigures([{ code: 'STTTT-TTCNTT', headcount: 15 }], '2026-10').find(
      (f) => f.period === '2026-10' && f.category === 'electricity',
    )!;
    expect(body.figure.quantity).toBe(gen.kwh);
    expect(Math.abs(body.figure.amount - gen.amount)).toBeLessThan(gen.kwh! * 2);

    // The Department gets no figure for that month: its divisions submit.
    const dept = await t.deps.db
      .selectFrom('figures as f')
      .innerJoin('units as u', 'u.id', 'f.unit_id')
      .select('f.id')
      .where('u.code', '=', 'STTTT')
      .where('f.period', '=', '2026-10')
      .execute();
    expect(dept).toEqual([]);
  });

  it('loading again changes nothing', async () => {
    const before = await dumpTables(t.deps, ['units', 'settings', 'figures', 'figure_history', 'invoices']);
    const reports = await loadDemo(t.deps);
    expect(reports.every((r) => r.inserted === 0 && r.updated === 0)).toBe(true);
    expect(await dumpTables(t.deps, ['units', 'settings', 'figures', 'figure_history', 'invoices'])).toEqual(before);
  });
});
