/**
 * Opens the database named by DATABASE_URL: a file path means SQLite (better-sqlite3, WAL,
 * foreign keys, busy timeout); postgres:// means PostgreSQL through a pg pool.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database, Db } from './schema.ts';
import type { DialectName } from './dialect.ts';

// bigint (int8) and numeric come back from pg as strings; our bigints are đồng and counts,
// always within the exact-integer range, so read them as numbers like better-sqlite3 does.
pg.types.setTypeParser(20, (v) => toSafeNumber(v));
pg.types.setTypeParser(1700, (v) => toSafeNumber(v));

function toSafeNumber(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) && Number.isInteger(n)) throw new RangeError(`integer out of exact range: ${v}`);
  return n;
}

export interface DatabaseHandle {
  db: Db;
  dialect: DialectName;
  /** For SQLite only: the raw handle, for the online backup API and hot import loops. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// The raw better-sqlite3 handle behind each Kysely instance opened here, for hot loops (imports)
// that reuse prepared statements; they run on the same connection, so inside Kysely's transaction.
const rawHandles = new WeakMap<object, SQLite.Database>();

/** The better-sqlite3 handle behind a Kysely instance from openDatabase (undefined for PostgreSQL). */
export function rawSqlite(db: object): SQLite.Database | undefined {
  return rawHandles.get(db);
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function openDatabase(
  url: string,
  opts: { poolMax?: number; onIdleError?: (e: Error) => void } = {},
): DatabaseHandle {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolMax ?? 10 });
    // An idle pooled connection that the server ends (restart, failover, pg_terminate_backend)
    // emits 'error' on the pool; unhandled, that would crash the process. The pool drops the
    // connection and opens a new one on the next query, so a warning is all it needs.
    pool.on(
      'error',
      opts.onIdleError ??
        ((e) =>
          process.stderr.write(
            `PostgreSQL: idle connection lost (${(e as { code?: string }).code ?? e.message}); it will be replaced\n`,
          )),
    );
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = url.replace(/^sqlite:(\/\/)?/i, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  rawHandles.set(db, sqlite);
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}

/**
 * Kysely's SQLite driver prepares every query anew; compiling the SQL was ~9 % of a cached API
 * request. This keeps the most recent prepared statements by SQL text (LRU) and reuses one
 * unless it is busy (a streaming iteration still open), when a fresh one is prepared.
 */
function withStatementCache(
  sqlite: SQLite.Database,
  max = 500,
): { close(): void; prepare(sql: string): SQLite.Statement } {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit && !hit.busy) {
        cache.delete(sql); // most recently used last
        cache.set(sql, hit);
        return hit;
      }
      const stmt = sqlite.prepare(sql);
      if (!hit) {
        cache.set(sql, stmt);
        if (cache.size > max) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
  };
}
