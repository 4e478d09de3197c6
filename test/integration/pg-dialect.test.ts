/**
 * The places where SQLite and PostgreSQL differ (server/db/dialect.ts, connection.ts), checked on
 * whichever TEST_DB runs: big đồng amounts read back as exact numbers, writers of one kind are
 * serialised by lockForWrite (a lost update without it on PostgreSQL), upserts and RETURNING, the
 * close's figure load as one string per month (group_concat / string_agg).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { lockForWrite } from '../../server/db/dialect.ts';
import { seedOpsData } from './ops-seed.ts';
import { loadFigureCells, scanFigureCells } from '../../server/results/results.model.ts';
import { loadFigures } from '../../server/results/results.repository.ts';

describe('dialect differences', () => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb();
    await seedOpsData(tdb.db);
  });
  afterAll(() => tdb.close());

  it('reads bigint đồng up to 2^53−1 back as exact JS numbers', async () => {
    const r = await tdb.db
      .selectFrom('figures')
      .select(['amount'])
      .orderBy('amount', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(typeof r.amount).toBe('number');
    expect(r.amount).toBe(9_007_199_254_740_991 - 1);
    const sum = await tdb.db
      .selectFrom('figures')
      .select((eb) => eb.fn.sum<number>('quantity_milli').as('s'))
      .executeTakeFirstOrThrow();
    expect(Number(sum.s)).toBe(12_500 * (1 + 2 + 3) * 4 + 0);
  });

  it('refuses, rather than rounds, an integer beyond the exact range (PostgreSQL)', async () => {
    if (tdb.dialect !== 'postgres') return;
    await expect(sql`select 9007199254740993::bigint as n`.execute(tdb.db)).rejects.toThrow(/exact range/);
  });

  it('lockForWrite serialises read-modify-write transactions', async () => {
    await tdb.db.updateTable('units').set({ headcount: 0 }).where('code', '=', 'VP').execute();
    const bump = () =>
      tdb.db.transaction().execute(async (trx) => {
        await lockForWrite(trx, 7_299_999);
        const u = await trx.selectFrom('units').select('headcount').where('code', '=', 'VP').executeTakeFirstOrThrow();
        await new Promise((r) => setTimeout(r, 150)); // the other transaction runs meanwhile
        await trx
          .updateTable('units')
          .set({ headcount: u.headcount + 1 })
          .where('code', '=', 'VP')
          .execute();
      });
    await Promise.all([bump(), bump(), bump()]);
    const u = await tdb.db.selectFrom('units').select('headcount').where('code', '=', 'VP').executeTakeFirstOrThrow();
    expect(u.headcount).toBe(3);
  });

  it('upserts through ON CONFLICT and returns ids through RETURNING on both', async () => {
    const unit = await tdb.db.selectFrom('units').select('id').where('code', '=', 'STTTT').executeTakeFirstOrThrow();
    const cat = await tdb.db
      .selectFrom('categories')
      .select('id')
      .where('code', '=', 'phone')
      .executeTakeFirstOrThrow();
    const up = (amount: number) =>
      tdb.db
        .insertInto('figures')
        .values({
          unit_id: unit.id,
          category_id: cat.id,
          period: '2030-01',
          amount,
          quantity_milli: null,
          note: null,
          import_id: null,
          updated_at: 'x',
          updated_by: null,
        })
        .onConflict((oc) => oc.columns(['unit_id', 'category_id', 'period']).doUpdateSet({ amount }))
        .returning(['id', 'amount'])
        .executeTakeFirstOrThrow();
    const a = await up(1);
    const b = await up(2);
    expect(b).toEqual({ id: a.id, amount: 2 });
  });

  it("the close's figure load, one string per month (group_concat / string_agg): the same figures as row by row, exact up to 2^53 − 1, for a subtree too", async () => {
    const asKeys = async (unitIds: number[] | null) => {
      const cells = await loadFigureCells(tdb.db, 2026, unitIds);
      expect(cells).not.toBeNull();
      const got: string[] = [];
      expect(scanFigureCells(cells!, 2026, (u, c, m, a, q) => got.push(`${u}/${c}/${m}/${a}/${q}`))).toBe(true);
      const want = (await loadFigures(tdb.db, '2025-01', '2026-12', unitIds)).map(
        (f) => `${f.unit_id}/${f.category_id}/${11 + Number(f.period.slice(5))}/${f.amount}/${f.quantity_milli ?? NaN}`,
      );
      expect(got.sort()).toEqual(want.sort());
      return got;
    };
    const cats = (await tdb.db.selectFrom('categories').select('id').execute()).length;
    const all = await asKeys(null);
    expect(all).toHaveLength(3 * cats * 4);
    expect(all.some((k) => k.includes('/9007199254740990/'))).toBe(true);
    expect(all.some((k) => k.endsWith('/NaN'))).toBe(true);
    const vp = await tdb.db.selectFrom('units').select('id').where('code', '=', 'VP').executeTakeFirstOrThrow();
    expect(await asKeys([vp.id])).toHaveLength(cats * 4);
  });

  it('scanFigureCells leaves a value it could not read exactly to the row-by-row load', () => {
    const got: number[][] = [];
    const cell = (...v: number[]) => got.push(v);
    expect(scanFigureCells([['2026-03', '1:2:9007199254740991:,3:4:5:1500']], 2026, cell)).toBe(true);
    expect(got).toEqual([
      [1, 2, 14, 9_007_199_254_740_991, NaN],
      [3, 4, 14, 5, 1500],
    ]);
    got.length = 0;
    // Not a plain integer: found before anything is delivered.
    const decimal: [string, string][] = [
      ['2025-01', '1:2:5:'],
      ['2026-03', '1:2:1.5:'],
    ];
    expect(scanFigureCells(decimal, 2026, cell)).toBe(false);
    expect(got).toEqual([]);
    // Past 2^53 − 1, in any field: found during the scan (the caller then loads every figure again).
    expect(scanFigureCells([['2026-03', '1:2:5:,1:2:9007199254740993:']], 2026, cell)).toBe(false);
    expect(scanFigureCells([['2026-03', '1:2:5:9007199254740992']], 2026, cell)).toBe(false);
    expect(scanFigureCells([['2026-03', '99999999999999999999:2:5:']], 2026, cell)).toBe(false);
  });
});
