/** The import commands through the real CLI process (npx tsx server/cli.ts ...), on a createTestDb() database. */
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../domain/months.ts';
import { WORKER_READ_MIN_BYTES } from '../../server/imports/imports.service.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { fixture } from '../fixtures/imports/fixtures.ts';

const cli = (db: TestDb, args: string[]) => runCli(db.url, args);

describe('CLI imports', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(() => db.close());

  it('units import and norms import store the files', async () => {
    const u = await cli(db, ['units', 'import', fixture('units.csv')]);
    expect(u.code, u.stderr).toBe(0);
    expect(u.stdout).toContain('thêm mới 6');
    const n = await cli(db, ['norms', 'import', fixture('norms-2020.csv'), '--json']);
    expect(n.code, n.stderr).toBe(0);
    expect(JSON.parse(n.stdout)).toEqual({
      ok: true,
      status: 'stored',
      inserted: 4,
      updated: 0,
      unchanged: 0,
      errors: [],
      warnings: [],
    });
  }, 120_000);

  it('figures import --json prints exactly one object; exit 0 stored, then unchanged', async () => {
    const r = await cli(db, ['figures', 'import', fixture('figures-long-2019-2020.csv'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: true,
      status: 'stored',
      inserted: 96,
      updated: 0,
      unchanged: 0,
      errors: [],
      warnings: [],
    });
    const again = await cli(db, ['figures', 'import', fixture('figures-long-2019-2020.csv'), '--json']);
    expect(JSON.parse(again.stdout)).toEqual({
      ok: true,
      status: 'stored',
      inserted: 0,
      updated: 0,
      unchanged: 96,
      errors: [],
      warnings: [],
    });
    const rows = await db.db
      .selectFrom('imports')
      .select(['created_by', 'status'])
      .where('kind', '=', 'figures')
      .execute();
    expect(rows).toEqual([
      { created_by: 'cli', status: 'stored' },
      { created_by: 'cli', status: 'stored' },
    ]);
  }, 120_000);

  it('a rejected file: exit 1 and every error', async () => {
    const r = await cli(db, ['figures', 'import', fixture('figures-with-errors.csv'), '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      ok: boolean;
      errors: { row: number; column: string; value: string; message: string; code: string }[];
    };
    expect(out.ok).toBe(false);
    expect(out.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7, 8, 10]);
    expect(Object.keys(out.errors[0]).sort()).toEqual(['code', 'column', 'message', 'row', 'value']);
    const human = await cli(db, ['figures', 'import', fixture('figures-with-errors.csv')]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('7 lỗi, không có dòng nào được lưu');
    expect(human.stdout).toContain('STTTT-XX');
  }, 120_000);

  it('--dry-run stores nothing', async () => {
    const r = await cli(db, ['figures', 'import', fixture('figures-wide-vi-2025.csv'), '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, inserted: 240 });
    const n = await db.db
      .selectFrom('figures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(96);
  }, 120_000);

  it('usage errors exit 2', async () => {
    expect((await cli(db, ['figures', 'import'])).code).toBe(2);
    expect((await cli(db, ['figures', 'import', '/nonexistent/file.csv', '--json'])).code).toBe(2);
  }, 120_000);

  it('a figures file of more than 1 MiB through the compiled CLI (node build/server/cli.js, as npm run cli runs it): read on a worker thread, stored exactly', async () => {
    // npm test builds first; a bare `npx vitest` finds build/ fresh or rebuilds the stale part.
    const built = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale', 'server'], { cwd: ROOT });
    expect(built.status, String(built.stderr)).toBe(0);
    const units = ['STTTT', 'STTTT-VP', 'STTTT-BCXB', 'STTTT-BCVT', 'STTTT-TT', 'STTTT-TTCNTT'];
    const cats = ['Văn phòng phẩm', 'Cước điện thoại', 'Điện', 'Chi phí khác'];
    const lines = ['Mã đơn vị;Kỳ;Khoản chi;Số tiền (đồng);Số lượng;Ghi chú'];
    let sum = 0;
    for (let m = 0; m < 1_200; m++)
      for (const [u, unit] of units.entries())
        for (const [c, cat] of cats.entries()) {
          const amount = 100_000 * (u + 1) + 1_000 * c + (m % 7);
          sum += amount;
          lines.push(
            `${unit};${addMonths('2000-01', m)};${cat};${amount.toLocaleString('vi-VN')};${c === 2 ? '1.234,5' : ''};${m === 5 ? 'ghi chú' : ''}`,
          );
        }
    const file = path.join(db.dir, 'lon.csv');
    writeFileSync(file, lines.join('\r\n') + '\r\n');
    expect(statSync(file).size).toBeGreaterThan(WORKER_READ_MIN_BYTES);
    const r = await runCli(db.url, ['figures', 'import', file, '--accept-warnings', '--json'], { compiled: true });
    expect(r.code, r.stderr + r.stdout.slice(0, 2000)).toBe(0);
    // The 96 figures of the earlier import (2019–2020) are in the file's range: updated.
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: true,
      status: 'stored',
      inserted: 28_704,
      updated: 96,
      errors: [],
    });
    const stored = await db.db
      .selectFrom('figures')
      .where('period', '>=', '2000-01')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('amount').as('amount'),
        eb.fn.sum<number>('quantity_milli').as('milli'),
        eb.fn.count<number>('note').as('notes'),
      ])
      .executeTakeFirstOrThrow();
    expect({
      ...stored,
      n: Number(stored.n),
      amount: Number(stored.amount),
      milli: Number(stored.milli),
      notes: Number(stored.notes),
    }).toEqual({
      n: 28_800,
      amount: sum,
      milli: 1_200 * 6 * 1_234_500,
      notes: 24,
    });
  }, 180_000);
});
