/**
 * Operations: /api/ready (database, migrations, draining) on the TEST_DB dialect, and the SQLite
 * online backup (library and CLI), which always uses a SQLite database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { createApp } from '../../server/app.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { backupSqlite, BackupError } from '../../server/ops/backup.ts';
import { tableDigest } from '../../server/ops/checksum.ts';
import { sqliteTables } from '../../server/ops/tables.ts';
import { seedOpsData } from './ops-seed.ts';
import { childEnv } from '../multi/processes.ts';

describe('readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const ready = async () => {
    const res = await t.request('/api/ready');
    return { status: res.status, body: await res.json() };
  };

  it('is ready when the database answers and migrations are current', async () => {
    const r = await ready();
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'ready',
      database: t.tdb.dialect,
      checks: { database: 'ok', migrations: 'ok', draining: false },
      problems: [],
    });
  });

  it('is not ready while a migration is pending, or when a newer version migrated the database', async () => {
    const last = await t.tdb.db
      .selectFrom('kysely_migration' as any)
      .selectAll()
      .orderBy('name', 'desc')
      .executeTakeFirstOrThrow();
    await t.tdb.db
      .deleteFrom('kysely_migration' as any)
      .where('name', '=', last.name)
      .execute();
    try {
      const r = await ready();
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({
        status: 'not_ready',
        checks: { migrations: 'pending' },
        pendingMigrations: [last.name],
      });
      expect(r.body.problems[0]).toContain('db migrate');
    } finally {
      await t.tdb.db
        .insertInto('kysely_migration' as any)
        .values(last)
        .execute();
    }
    await t.tdb.db
      .insertInto('kysely_migration' as any)
      .values({ name: '29991231000000_future', timestamp: '2999-12-31T00:00:00.000Z' })
      .execute();
    try {
      const r = await ready();
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ checks: { migrations: 'unknown' }, unknownMigrations: ['29991231000000_future'] });
    } finally {
      await t.tdb.db
        .deleteFrom('kysely_migration' as any)
        .where('name', '=', '29991231000000_future')
        .execute();
    }
    expect((await ready()).status).toBe(200);
  });

  it('is not ready while draining for shutdown, yet stays alive', async () => {
    t.deps.draining = () => true;
    try {
      const r = await ready();
      expect(r.status).toBe(503);
      expect(r.body.checks.draining).toBe(true);
      expect((await t.request('/api/health')).status).toBe(200);
    } finally {
      t.deps.draining = undefined;
    }
  });

  it('is not ready when the database is unreachable; health does not depend on it', async () => {
    // Nothing listens on port 1: connecting fails at once, on either dialect's test run.
    const handle = openDatabase('postgres://postgres@127.0.0.1:1/none', { poolMax: 1 });
    const app = createApp({ ...t.deps, db: handle.db });
    try {
      const res = await app.request('/api/ready');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'not_ready', checks: { database: 'unreachable' } });
      expect((await app.request('/api/health')).status).toBe(200);
    } finally {
      await handle.close();
    }
  });
});

describe('SQLite online backup', () => {
  let src: TestDb;
  beforeAll(async () => {
    src = await createTestDb({ dialect: 'sqlite' });
    await seedOpsData(src.db);
  });
  afterAll(() => src.close());

  it('copies the live database exactly and passes the integrity check', async () => {
    const file = path.join(src.dir, 'backups', 'b1.sqlite');
    const r = await backupSqlite(src.sqlite!, file);
    expect(r.integrity).toBe('ok');
    expect(r.bytes).toBeGreaterThan(0);
    const copy = openDatabase(file);
    try {
      for (const t of sqliteTables(src.sqlite!)) {
        expect(await tableDigest(copy.db, t), t.name).toEqual(await tableDigest(src.db, t));
      }
    } finally {
      await copy.close();
    }
    const again = await backupSqlite(src.sqlite!, file).catch((e) => e);
    expect(again).toBeInstanceOf(BackupError);
    expect(again.code).toBe('exists');
    expect((await backupSqlite(src.sqlite!, file, { overwrite: true })).integrity).toBe('ok');
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('runs from the CLI while the app holds the database open', () => {
    const file = path.join(src.dir, 'cli-backup.sqlite');
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'db', 'backup', '--to', file], {
        env: childEnv({ DATABASE_URL: src.url }),
        encoding: 'utf8',
      });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('integrity ok');
    const second = run();
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('--force');
  }, 180_000);
});
