/**
 * Two instances started at the same moment on a fresh, empty PostgreSQL database (a first
 * deployment, a rolling restart after an upgrade): the migrations run once, the demo agency is
 * loaded once, and both instances become ready.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { killAll, startApp } from './processes.ts';
import { migrationStatus } from '../../server/db/migrator.ts';

describe('two instances starting together on an empty database', () => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb({ dialect: 'postgres', migrate: false });
  });
  afterAll(async () => {
    await killAll();
    await tdb?.close();
  });

  it('migrate once, seed the demo once, and are both ready', async () => {
    const env = { DATABASE_URL: tdb.url, PG_POOL_MAX: '3', JOBS_ENABLED: '0', SEED_DEMO: '1' };
    const [a, b] = await Promise.all([
      startApp('A', env, { timeoutMs: 120_000 }),
      startApp('B', env, { timeoutMs: 120_000 }),
    ]);
    for (const x of [a, b]) {
      const r = await fetch(`${x.url}/api/ready`);
      expect(r.status, x.output()).toBe(200);
    }
    const s = await migrationStatus(tdb.db);
    expect(s.pending).toEqual([]);
    const names = await tdb.db
      .selectFrom('kysely_migration' as any)
      .select('name')
      .execute();
    expect(new Set(names.map((n) => n.name)).size).toBe(names.length);
    // The demo once: one import record per demo file, not two.
    const imports = await tdb.db
      .selectFrom('imports')
      .select(['file_name', 'inserted'])
      .where('created_by', '=', 'demo')
      .execute();
    const byFile = new Map<string, number>();
    for (const i of imports) byFile.set(i.file_name, (byFile.get(i.file_name) ?? 0) + 1);
    expect(
      [...byFile.values()].every((n) => n === 1),
      JSON.stringify([...byFile]),
    ).toBe(true);
    expect(imports.length).toBeGreaterThan(3);
    expect(a.alive() && b.alive()).toBe(true);
  }, 180_000);
});
