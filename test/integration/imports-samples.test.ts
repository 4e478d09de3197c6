/** Every sample file imports as samples/README.md says (through importFile, on a real database). */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { dumpTables, fixture, importFixture } from '../fixtures/imports/fixtures.ts';
import { importFile } from '../../server/imports/imports.service.ts';

describe('importing the sample files', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const sumBy = async (year: string) => {
    const rows = await t.deps.db
      .selectFrom('figures as f')
      .innerJoin('categories as c', 'c.id', 'f.category_id')
      .innerJoin('units as u', 'u.id', 'f.unit_id')
      .select(['c.code', 'f.amount', 'f.quantity_milli', 'f.period'])
      .where('u.code', '=', 'STTTT')
      .where('f.period', 'like', `${year}-%`)
      .execute();
    const out: Record<string, { amount: number; milli: number }> = {};
    for (const r of rows) {
      out[r.code] ??= { amount: 0, milli: 0 };
      out[r.code].amount += r.amount;
      out[r.code].milli += r.quantity_milli ?? 0;
    }
    return out;
  };

  it('units.csv builds the tree', async () => {
    const r = await importFixture(t.deps, 'units.csv', 'units');
    expect(r).toMatchObject({ ok: true, status: 'stored', shape: 'units', inserted: 6, updated: 0, unchanged: 0 });
    const body = (await (await t.request('/api/units')).json()) as {
      units: { code: string; parentCode: string | null; headcount: number }[];
    };
    expect(body.units).toHaveLength(6);
    expect(body.units.find((u) => u.code === 'STTTT')).toMatchObject({ parentCode: null, headcount: 48 });
    expect(body.units.find((u) => u.code === 'STTTT-TT')).toMatchObject({ parentCode: 'STTTT', headcount: 5 });
    const again = await importFixture(t.deps, 'units.csv', 'units');
    expect(again).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 6 });
  });

  it('norms-2020.csv stores the 2020 settings', async () => {
    const r = await importFixture(t.deps, 'norms-2020.csv', 'norms');
    expect(r).toMatchObject({ ok: true, status: 'stored', inserted: 4 });
    const elec = await t.deps.db
      .selectFrom('settings as s')
      .innerJoin('categories as c', 'c.id', 's.category_id')
      .select(['s.basis', 's.norm_quantity_milli', 's.target_tenths', 's.year'])
      .where('c.code', '=', 'electricity')
      .executeTakeFirstOrThrow();
    expect(elec).toEqual({ basis: 'norm', norm_quantity_milli: 5_000_000, target_tenths: 150, year: 2020 });
  });

  it('figures-long-2019-2020.csv: 96 rows inserted, the worked example exact', async () => {
    const r = await importFixture(t.deps, 'figures-long-2019-2020.csv');
    expect(r).toMatchObject({
      ok: true,
      status: 'stored',
      shape: 'long',
      rows: 96,
      inserted: 96,
      updated: 0,
      unchanged: 0,
      errors: [],
    });
    const y19 = await sumBy('2019');
    const y20 = await sumBy('2020');
    expect(y19.stationery.amount).toBe(48_000_000);
    expect(y20.stationery.amount).toBe(43_200_000);
    expect(y19.phone.amount).toBe(30_000_000);
    expect(y20.phone.amount).toBe(24_000_000);
    expect(y19.other.amount).toBe(120_000_000);
    expect(y20.other.amount).toBe(114_000_000);
    expect(y20.electricity.milli).toBe(51_000_000);
  });

  it('the same file again changes nothing and writes no history', async () => {
    const before = await dumpTables(t.deps);
    const r = await importFixture(t.deps, 'figures-long-2019-2020.csv');
    expect(r).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 96, changes: [] });
    expect(await dumpTables(t.deps)).toEqual(before);
  });

  it('figures-wide-vi-2025.csv (BOM, semicolons, vi-VN numbers, names, totals row) is stored exactly', async () => {
    const r = await importFixture(t.deps, 'figures-wide-vi-2025.csv');
    expect(r).toMatchObject({ ok: true, status: 'stored', shape: 'wide', rows: 60, inserted: 240 });
    const vp = await t.deps.db
      .selectFrom('figures as f')
      .innerJoin('units as u', 'u.id', 'f.unit_id')
      .innerJoin('categories as c', 'c.id', 'f.category_id')
      .select(['c.code', 'f.period', 'f.amount', 'f.quantity_milli'])
      .where('u.code', '=', 'STTTT-VP')
      .where('f.period', 'in', ['2025-01', '2025-02'])
      .orderBy('f.period')
      .orderBy('c.sort_order')
      .execute();
    expect(vp.find((x) => x.period === '2025-01' && x.code === 'electricity')).toMatchObject({
      amount: 6_342_500,
      quantity_milli: 2_150_000,
    });
    expect(vp.find((x) => x.period === '2025-01' && x.code === 'stationery')).toMatchObject({
      amount: 1_542_000,
      quantity_milli: null,
    });
    expect(vp.find((x) => x.period === '2025-02' && x.code === 'electricity')).toMatchObject({
      amount: 1_773_245,
      quantity_milli: 601_100,
    });
    const total = await t.deps.db
      .selectFrom('figures')
      .select((eb) => eb.fn.sum<number>('amount').as('s'))
      .where('period', 'like', '2025-%')
      .where('category_id', '=', 1)
      .executeTakeFirstOrThrow();
    expect(Number(total.s)).toBe(54_987_000); // the sheet's own totals row for Văn phòng phẩm
  });

  it('figures-wide-2026-01.xlsx (date cell, numeric cells) is stored once its two warnings are confirmed', async () => {
    // Two figures moved more than 80% from January 2025 (the wide 2025 sample): nothing stored unconfirmed.
    const unconfirmed = await importFixture(t.deps, 'figures-wide-2026-01.xlsx');
    expect(unconfirmed).toMatchObject({ ok: false, status: 'unconfirmed', inserted: 20, warningCount: 2 });
    expect(unconfirmed.warnings.map((w) => [w.code, w.params.unit, w.params.category, w.reference])).toEqual([
      ['year_change', 'STTTT-BCVT', 'stationery', '200.000 đ'],
      ['year_change', 'STTTT-TTCNTT', 'phone', '1.773.000 đ'],
    ]);
    const r = await importFixture(t.deps, 'figures-wide-2026-01.xlsx', 'figures', { acceptWarnings: true });
    expect(r).toMatchObject({ ok: true, status: 'stored', shape: 'wide', warningsAcceptedBy: 'test' });
    expect(r.inserted).toBeGreaterThan(0);
    const periods = await t.deps.db
      .selectFrom('figures')
      .select('period')
      .distinct()
      .where('period', 'like', '2026-%')
      .execute();
    expect(periods.map((p) => p.period)).toEqual(['2026-01']);
  });

  it('figures-with-errors.csv: exactly the expected errors, nothing stored', async () => {
    const expected = JSON.parse(fs.readFileSync(fixture('figures-with-errors.expected.json'), 'utf8')) as {
      stored: number;
      errors: { row: number; column: string; problem: string }[];
    };
    const before = await dumpTables(t.deps);
    const r = await importFixture(t.deps, 'figures-with-errors.csv');
    expect(r).toMatchObject({ ok: false, status: 'rejected', inserted: 0, updated: 0, unchanged: 0 });
    expect(r.errors.map((e) => ({ row: e.row, column: e.column }))).toEqual(
      expected.errors.map((e) => ({ row: e.row, column: e.column })),
    );
    const codes: Record<string, string> = {
      'unknown unit': 'unknown_unit',
      'no such month': 'invalid_period',
      'unknown category': 'unknown_category',
      'negative amount': 'negative_amount',
      'not a number': 'not_a_number',
      'same unit, month and category twice in one file': 'duplicate_key',
    };
    expect(r.errors.map((e) => e.code)).toEqual(expected.errors.map((e) => codes[e.problem]));
    for (const e of r.errors) expect(e.message.length).toBeGreaterThan(10);
    expect(await dumpTables(t.deps)).toEqual(before);
    const row = await t.deps.db.selectFrom('imports').selectAll().where('id', '=', r.id!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'rejected', error_count: 7, inserted: 0 });
  });

  it('a changed value is an update with the old value kept in history', async () => {
    const csv =
      'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú\nSTTTT-VP,2025-01,Văn phòng phẩm,1600000,,sửa\nSTTTT-VP,2025-01,Cước điện thoại,384000,,\n';
    const r = await importFileText(t, 'sua.csv', csv, 'sửa-user');
    expect(r).toMatchObject({ ok: true, inserted: 0, updated: 1, unchanged: 1 });
    expect(r.changes).toEqual([
      {
        row: 2,
        key: 'STTTT-VP/stationery/2025-01',
        action: 'update',
        before: { amount: 1_542_000, quantity: null, note: null },
        after: { amount: 1_600_000, quantity: null, note: 'sửa' },
      },
    ]);
    const hist = (await (
      await t.request('/api/figures/history?unit=STTTT-VP&category=stationery&period=2025-01')
    ).json()) as { history: unknown[] };
    expect(hist.history).toEqual([
      {
        amount: 1_542_000,
        quantity: null,
        note: null,
        changedAt: expect.any(String),
        changedBy: 'sửa-user',
        importId: r.id,
        source: 'import',
      },
    ]);
  });

  it('a dry run reports the changes and stores nothing', async () => {
    const before = await dumpTables(t.deps);
    const csv =
      'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú\nSTTTT-VP,2025-01,Văn phòng phẩm,1700000,,\nSTTTT-VP,2030-01,Văn phòng phẩm,5000,,\n';
    const r = await importFile(
      t.deps,
      { fileName: 'thu.csv', bytes: new TextEncoder().encode(csv) },
      { kind: 'figures', dryRun: true, actor: 'test' },
    );
    expect(r).toMatchObject({ ok: true, status: 'dry_run', dryRun: true, inserted: 1, updated: 1, unchanged: 0 });
    expect(r.changes.map((c) => c.action)).toEqual(['update', 'insert']);
    expect(await dumpTables(t.deps)).toEqual(before);
    expect(
      await t.deps.db.selectFrom('imports').select('status').where('id', '=', r.id!).executeTakeFirstOrThrow(),
    ).toEqual({ status: 'dry_run' });
  });
});

async function importFileText(t: TestApp, name: string, text: string, actor: string) {
  return importFile(t.deps, { fileName: name, bytes: new TextEncoder().encode(text) }, { kind: 'figures', actor });
}
