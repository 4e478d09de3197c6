/**
 * A freshly migrated real database for one test file: a SQLite file in a temp folder, or, when
 * TEST_DB=postgres, a new PostgreSQL database on PG_TEST_URL (dropped again by close()).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../server/db/connection.ts';
import { migrateToLatest } from '../../server/db/migrator.ts';

export const PG_TEST_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const testDialect = (): 'sqlite' | 'postgres' => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite');

export interface TestDb extends DatabaseHandle {
  /** The DATABASE_URL of this database, for child processes (CLI tests, second app instance). */
  url: string;
  /** A temp folder owned by this test database (outbox, files). */
  dir: string;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

/** `dialect` overrides TEST_DB for tests that need one of each (db copy, several instances). */
export async function createTestDb(
  opts: { migrate?: boolean; dialect?: 'sqlite' | 'postgres'; busyWaitMs?: number } = {},
): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tietkiem-test-'));
  let url: string;
  let drop = async () => {};
  if ((opts.dialect ?? testDialect()) === 'postgres') {
    const name = `tk_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: PG_TEST_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    url = withDatabase(PG_TEST_URL, name);
    drop = async () => {
      const c = new pg.Client({ connectionString: PG_TEST_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    url = path.join(dir, 'test.sqlite');
  }
  const handle = openDatabase(url, { poolMax: 5, busyWaitMs: opts.busyWaitMs });
  if (opts.migrate !== false) await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    dir,
    close: async () => {
      await handle.close();
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
