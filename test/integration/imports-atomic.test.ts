/**
 * All or nothing: a failure late in a large import (a bad row, or an error thrown by a store
 * step after earlier batches were written) leaves every table exactly as it was. Each case runs
 * with the file read in this thread and on a worker thread (what files of 1 MiB and more get).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { dumpTables, importFixture, seedAgency } from '../fixtures/imports/fixtures.ts';
import { importFile } from '../../server/imports/imports.service.ts';
import { addMonths } from '../../domain/months.ts';
import { AppError } from '../../server/errors.ts';
import { insertLock } from '../../server/locks/locks.repository.ts';
import { unlockPeriod } from '../../server/locks/locks.service.ts';
import { SYSTEM_CALLER } from '../../server/auth/caller.ts';
import { readWorkersRunning } from '../../server/ingest/figures.threaded.ts';

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

describe.each([
  ['in this thread', false],
  ['on a worker thread', true],
])('a failing import leaves the database exactly as before (read %s)', (_how, readInWorker) => {
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
      { kind: 'figures', actor: 'test', readInWorker },
    );
    expect(r).toMatchObject({ ok: false, status: 'rejected', rows: 20_000, errorCount: 1 });
    expect(r.errors).toEqual([
      expect.objectContaining({ row: 19_992, column: 'Số tiền (đồng)', value: 'không rõ', code: 'not_a_number' }),
    ]);
    expect(await dumpTables(t.deps)).toEqual(before);
  }, 60_000);

  it('an error thrown by a store step after earlier batches were written', async () => {
    // The last month of the file is locked: the refusal comes from the last batch's write, after
    // ~19,980 rows were written in the same transaction.
    await insertLock(t.deps.db, { period: '2083-04', locked_at: '2026-11-01T00:00:00Z', locked_by: 'test' });
    const before = await dumpTables(t.deps);
    const err = await importFile(
      t.deps,
      { fileName: 'lon.csv', bytes: bigFile() },
      { kind: 'figures', actor: 'test', acceptWarnings: true, readInWorker },
    ).catch((e: unknown) => e);
    await unlockPeriod(t.deps.db, t.deps.clock, '2083-04', SYSTEM_CALLER);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 423, code: 'period_locked' });
    expect((err as AppError).message).toContain('Tháng 4/2083');
    // The reader was closed mid-file (and its thread stopped).
    expect(readWorkersRunning()).toBe(0);
    expect(await dumpTables(t.deps)).toEqual(before);
    // The refusal is in the import history all the same.
    const last = await t.deps.db.selectFrom('imports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ file_name: 'lon.csv', status: 'refused', http_status: 423 });
  }, 60_000);

  it('the same large file then imports, and again is unchanged', async () => {
    // Random amounts over 83 years (most months not ended yet) warn: confirmed.
    const first = await importFile(
      t.deps,
      { fileName: 'lon.csv', bytes: bigFile() },
      { kind: 'figures', actor: 'test', acceptWarnings: true, readInWorker },
    );
    expect(first.warningCount).toBeGreaterThan(0);
    // The wide 2025 sample's 240 figures are in the file's range: those are updates.
    expect(first).toMatchObject({ ok: true, inserted: 19_760, updated: 240 });
    expect(first.changes).toHaveLength(500);
    const again = await importFile(
      t.deps,
      { fileName: 'lon.csv', bytes: bigFile() },
      { kind: 'figures', actor: 'test', acceptWarnings: true, readInWorker },
    );
    expect(again).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 20_000 });
    const history = await t.deps.db
      .selectFrom('figure_history')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(history.n)).toBe(240);
  }, 60_000);
});
