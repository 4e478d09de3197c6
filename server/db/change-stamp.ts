/**
 * A cheap "has anything been written since?" stamp, for caches that must stay exact.
 *
 * SQLite (changeStamp, synchronous): `data_version` moves when another connection (the CLI, a
 * second process) commits, and `total_changes()` counts the rows this connection has inserted,
 * updated or deleted; one prepared statement on the raw handle reads both in microseconds. Two
 * equal stamps mean nothing was written in between; a different stamp means something may have
 * been, and the cache must revalidate.
 *
 * PostgreSQL (readChangeStamp): the one-row table `change_stamp`, which statement-level triggers
 * on every table a cache reads bump once per writing transaction, in that same transaction
 * (migration 20261202020000_change_stamp). A reader sees the bump exactly when it sees the
 * write, whichever instance (or the CLI) made it, so one primary-key read replaces the
 * revalidation queries. The tables: STAMPED_TABLES below; a cache that starts reading another
 * table must add it there (a new migration attaching the trigger).
 */
import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { rawSqlite } from './connection.ts';

/** The tables whose writes move the PostgreSQL stamp: inputs of the results cache and of the callers' identities. */
export const STAMPED_TABLES = [
  'units',
  'categories',
  'figures',
  'result_periods',
  'result_snapshots',
  'job_runs',
  'users',
  'role_grants',
  'sessions',
  'api_tokens',
] as const;

const statements = new WeakMap<SQLite.Database, SQLite.Statement>();

/** The SQLite stamp; null on PostgreSQL (use readChangeStamp there). */
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

/**
 * The stamp on either database: SQLite's without a query, PostgreSQL's change_stamp row (one
 * indexed read). Inside a transaction handle it reads through that transaction.
 */
export async function readChangeStamp(db: Kysely<unknown>): Promise<string | null> {
  const lite = changeStamp(db);
  if (lite !== null) return lite;
  const r = await sql<{ n: string | number }>`select n from change_stamp where id = 1`.execute(db);
  const n = r.rows[0]?.n;
  return n == null ? null : `pg:${String(n)}`;
}
