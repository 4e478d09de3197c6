/**
 * All or nothing: a failure late in a large import (a bad row, or an error thrown by a store
 * step after earlier batches were written) leaves every table exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { dumpTables, importFixture, seedAgency } from '../fixtures/imports/fixtures.ts';
import { importFile } from '../../server/imports/imports.service.ts';
import { addMonths } from '../../domain/months.ts';
import { AppError } from '../../server/errors.ts';

const DIVISIONS = ['STTTT-VP', 'STTTT-BCXB', 'STTTT-BCVT', 'STTTT-TT', 'STTTT-TTCNTT'];
const CATEGORIES = ['Văn phòng phẩm', 'Cước điện thoại', 'Điện', 'Chi phí khác'];

/** 5 divisions × 4 categories × 1000 months = 20,000 rows; `bad` replaces the amount on that data row. */
function bigFile(bad?: { index: number; amount: string }): Uint8Array {
  const lines = ['Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú'];
  let i = 0;
  for (let m = 0; m < 1000; m++) {
    const period = addMonths('2000-01', m);
    for (const u of DIVISIONS) {
      for (const c of CATEGORIES) {
        const amount = bad && bad.index === i ? bad.amount : String(100_000 + ((i * 7919) % 900_000));
        lines.push(`${u},${period},${c},${amount},${c === 'Điện' ? (i % 5000) + 1 : ''},`);
        i++;
      }
    }
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

describe('a failing import leaves the database exactly as before', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedAgency(t.deps);
    await importFixture(t.deps, 'figures-wide-vi-2025.csv');
    await importFixture(t.deps, 'figures-long-2019-2020.csv');
  });
  afterAll(() => t.close());

  it('a bad row near the end of a 20,000-row file', async () => {
    const before = await dumpTables(t.deps);
    const r = await importFile(
      t.deps,
      { fileName: 'lon.csv', bytes: bigFile({ index: 19_990, amount: 'không rõ' }) },
      { kind: 'figures', actor: 'test' },
    );
    expect(r).toMatchObject({ ok: false, status: 'rejected', rows: 20_000, errorCount: 1 });
    expect(r.errors).toEqual([
      expect.objectContaining({ row: 19_992, column: 'Số tiền (đồng)', value: 'không rõ', code: 'not_a_number' }),
    ]);
    expect(await dumpTables(t.deps)).toEqual(before);
  }, 60_000);

  it('an error thrown by a store step after earlier batches were written', async () => {
    const before = await dumpTables(t.deps);
    const units = await t.deps.db.selectFrom('units').select(['id', 'code']).execute();
    // Every unit but the Thanh tra may be written: its rows appear in every month, so earlier batches get stored first.
    const allowed = new Set(units.filter((u) => u.code !== 'STTTT-TT').map((u) => Number(u.id)));
    const file = bigFile();
    const text = new TextDecoder().decode(file).split('\n');
    // Keep STTTT-TT only in the last month, so the refusal comes after ~19,990 rows were written.
    const lines = text.filter((l, i) => i === 0 || !l.startsWith('STTTT-TT,') || l.includes(',2083-04,'));
    const err = await importFile(
      t.deps,
      { fileName: 'lon.csv', bytes: new TextEncoder().encode(lines.join('\n')) },
      { kind: 'figures', actor: 'test', allowedUnitIds: allowed },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 403, code: 'unit_forbidden' });
    expect((err as AppError).message).toContain('STTTT-TT');
    expect(await dumpTables(t.deps)).toEqual(before);
  }, 60_000);

  it('the same large file then imports, and again is unchanged', async () => {
    const first = await importFile(
      t.deps,
      { fileName: 'lon.csv', bytes: bigFile() },
      { kind: 'figures', actor: 'test' },
    );
    // The wide 2025 sample's 240 figures are in the file's range: those are updates.
    expect(first).toMatchObject({ ok: true, inserted: 19_760, updated: 240 });
    expect(first.changes).toHaveLength(500);
    const again = await importFile(
      t.deps,
      { fileName: 'lon.csv', bytes: bigFile() },
      { kind: 'figures', actor: 'test' },
    );
    expect(again).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 20_000 });
    const history = await t.deps.db
      .selectFrom('figure_history')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(history.n)).toBe(240);
  }, 60_000);
});
