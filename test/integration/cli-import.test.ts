/** The import commands through the real CLI process (npx tsx server/cli.ts ...), on a createTestDb() database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { runCli } from '../helpers/cli.ts';
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
});
