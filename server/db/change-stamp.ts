/**
 * A cheap "has anything been written since?" stamp, for caches that must stay exact.
 *
 * SQLite: `data_version` moves when another connection (the CLI, a second process) commits, and
 * `total_changes()` counts the rows this connection has inserted, updated or deleted; one
 * prepared statement on the raw handle reads both in microseconds. Two equal stamps mean nothing
 * was written in between; a different stamp means something may have been, and the cache must
 * revalidate. PostgreSQL has no such cheap read: null (always revalidate).
 */
import type SQLite from 'better-sqlite3';
import { rawSqlite } from './connection.ts';

const statements = new WeakMap<SQLite.Database, SQLite.Statement>();

export function changeStamp(db: object): string | null {
  const raw = rawSqlite(db);
  if (!raw) return null;
  let stmt = statements.get(raw);
  if (!stmt) {
    stmt = raw.prepare('select total_changes(), (select data_version from pragma_data_version)').raw();
    statements.set(raw, stmt);
  }
  const [changes, version] = stmt.get() as [number, number];
  return `${version}:${changes}`;
}
