/**
 * `db copy`: a seeded SQLite database copied into a fresh PostgreSQL database compares equal
 * table by table; sequences continue after the largest id; a non-empty target is refused.
 * Always SQLite → PostgreSQL, whatever TEST_DB says.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { copySqliteToPostgres, CopyError } from '../../server/ops/copy.ts';
import { sqliteTables } from '../../server/ops/tables.ts';
import { seedOpsData } from './ops-seed.ts';
import { childEnv } from '../multi/processes.ts';
import { loadDemo } from '../../server/demo/demo.service.ts';
import { parseEnv } from '../../server/env.ts';
import { createLogger } from '../../server/logger.ts';
import { systemClock } from '../../server/clock.ts';

async function allRows(db: Kysely<any>, table: string, key: string[]) {
  let q = db.selectFrom(table).selectAll();
  for (const k of key) q = q.orderBy(k);
  return q.execute();
}

// Needs a PostgreSQL server even in the SQLite leg; run.sh sets PG_UNAVAILABLE=1 only outside CI.
describe.skipIf(process.env.PG_UNAVAILABLE === '1')('db copy SQLite → PostgreSQL', () => {
  let src: TestDb;
  let dst: TestDb;
  beforeAll(async () => {
    src = await createTestDb({ dialect: 'sqlite' });
    dst = await createTestDb({ dialect: 'postgres' });
    await seedOpsData(src.db);
    // A table a later feature might add, with a text key (ordered in JS, not by collation).
    for (const db of [src.db, dst.db]) {
      await db.schema
        .createTable('ops_extra')
        .addColumn('token', 'text', (c) => c.primaryKey())
        .addColumn('data', 'text')
        .addColumn('n', 'bigint')
        .execute();
    }
    await src.db
      .insertInto('ops_extra' as any)
      .values([
        { token: 'b-Đà', data: 'x', n: 1 },
        { token: 'a-Ấp', data: null, n: 2 },
        { token: 'B', data: 'ÿ', n: 3 },
      ])
      .execute();
  });
  afterAll(async () => {
    await src?.close();
    await dst?.close();
  });

  it('copies every table exactly, verifies and resets sequences', async () => {
    const report = await copySqliteToPostgres({ db: src.db, sqlite: src.sqlite! }, dst.db, { batchSize: 7 });
    expect(report.ok).toBe(true);
    const tables = sqliteTables(src.sqlite!);
    expect(report.tables.map((t) => t.table).sort()).toEqual(tables.map((t) => t.name).sort());
    expect(report.tables.find((t) => t.table === 'figures')!.target.rows).toBe(48);

    for (const t of tables) {
      const key = t.primaryKey.length ? t.primaryKey : t.columns;
      const a = await allRows(src.db, t.name, key);
      const b = await allRows(dst.db, t.name, key);
      if (t.intKey) expect(b, t.name).toEqual(a);
      else expect(new Set(b.map((r) => JSON.stringify(r)))).toEqual(new Set(a.map((r) => JSON.stringify(r))));
    }

    // The next generated id follows the copied ones.
    const maxId = (
      await dst.db
        .selectFrom('units')
        .select(sql<number>`max(id)`.as('m'))
        .executeTakeFirstOrThrow()
    ).m;
    const ins = await dst.db
      .insertInto('units')
      .values({
        code: 'NEW',
        name: 'Mới',
        parent_id: null,
        headcount: 0,
        aliases: '[]',
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(ins.id).toBe(maxId + 1);
  });

  it('refuses a target that already has rows and leaves it unchanged', async () => {
    const before = await dst.db
      .selectFrom('figures')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const err = await copySqliteToPostgres({ db: src.db, sqlite: src.sqlite! }, dst.db).catch((e) => e);
    expect(err).toBeInstanceOf(CopyError);
    expect(err.code).toBe('target_not_empty');
    expect(err.message).toMatch(/units \(\d+ dòng\)/);
    const after = await dst.db
      .selectFrom('figures')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('runs from the CLI: prints the verification table, then refuses a second copy', async () => {
    const fresh = await createTestDb({ dialect: 'postgres' });
    try {
      await fresh.db.schema
        .createTable('ops_extra')
        .addColumn('token', 'text', (c) => c.primaryKey())
        .addColumn('data', 'text')
        .addColumn('n', 'bigint')
        .execute();
      const env = childEnv({ DATABASE_URL: src.url });
      const run = () =>
        spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'db', 'copy', '--to', fresh.url], {
          env,
          encoding: 'utf8',
        });
      const first = run();
      expect(first.stderr + first.stdout).toContain('verified');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/^figures\s+48\s+48\s+\w{16}\s+\w{16}\s+ok$/m);
      const second = run();
      expect(second.status).toBe(1);
      expect(second.stderr).toContain('target_not_empty');
    } finally {
      await fresh.close();
    }
  }, 180_000);

  it('round-trips the demo agency exactly (every table, history and audit included)', async () => {
    const demoSrc = await createTestDb({ dialect: 'sqlite' });
    const demoDst = await createTestDb({ dialect: 'postgres' });
    try {
      const env = parseEnv({
        NODE_ENV: 'test',
        DATABASE_URL: demoSrc.url,
        SEED_DEMO: '0',
        JOBS_ENABLED: '0',
        BASE_URL: 'http://localhost:3000',
      });
      await loadDemo({ db: demoSrc.db, dialect: 'sqlite', env, logger: createLogger('silent'), clock: systemClock });
      const report = await copySqliteToPostgres({ db: demoSrc.db, sqlite: demoSrc.sqlite! }, demoDst.db);
      expect(report.ok).toBe(true);
      expect(report.tables.find((t) => t.table === 'figures')!.source.rows).toBeGreaterThan(1000);
      for (const t of sqliteTables(demoSrc.sqlite!)) {
        const key = t.primaryKey.length ? t.primaryKey : t.columns;
        const a = await allRows(demoSrc.db, t.name, key);
        const b = await allRows(demoDst.db, t.name, key);
        if (t.intKey) expect(b, t.name).toEqual(a);
        else expect(new Set(b.map((r) => JSON.stringify(r))), t.name).toEqual(new Set(a.map((r) => JSON.stringify(r))));
      }
    } finally {
      await demoSrc.close();
      await demoDst.close();
    }
  }, 180_000);
});
