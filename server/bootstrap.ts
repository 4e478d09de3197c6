/**
 * Opening the database for the server, the CLI and the tests alike: open, migrate, and
 * (server only) seed the demo agency into an empty database.
 */
import type { Env } from './env.ts';
import { openDatabase, type DatabaseHandle } from './db/connection.ts';
import { migrateToLatest } from './db/migrator.ts';

export async function openMigrated(
  env: Pick<Env, 'DATABASE_URL' | 'PG_POOL_MAX'> & Partial<Pick<Env, 'DB_BUSY_WAIT_SECONDS'>>,
): Promise<DatabaseHandle> {
  const handle = openDatabase(env.DATABASE_URL, {
    poolMax: env.PG_POOL_MAX,
    busyWaitMs: (env.DB_BUSY_WAIT_SECONDS ?? 5) * 1000,
  });
  try {
    await migrateToLatest(handle.db);
  } catch (e) {
    await handle.close();
    throw e;
  }
  return handle;
}
