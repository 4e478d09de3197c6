/**
 * A lock that serialises one-off start-up work across app instances on one PostgreSQL database
 * (loading the demo agency into an empty database: two instances starting together would both
 * see it empty). A session-level advisory lock on its own connection, outside the app's pool so
 * that the work itself can use the whole pool; a crashed holder's lock goes with its connection.
 * SQLite: one process serves a file, so the work just runs.
 */
import { isPostgresUrl, loadPg } from '../db/connection.ts';

export async function withStartupLock<T>(databaseUrl: string, key: number, fn: () => Promise<T>): Promise<T> {
  if (!isPostgresUrl(databaseUrl)) return fn();
  const client = new (loadPg().Client)({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [key]);
    return await fn();
  } finally {
    // Ending the session releases the lock, also when fn threw.
    await client.end().catch(() => undefined);
  }
}
