/**
 * Opens the database named by DATABASE_URL: a file path means SQLite (better-sqlite3, WAL,
 * foreign keys, busy timeout); postgres:// means PostgreSQL through a pg pool.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type PG from 'pg';
import { Kysely, PostgresDialect, PostgresDriver, type DatabaseConnection, type Driver } from 'kysely';
import { AppSqliteDialect, SQLITE_SYNC_WAIT_MS } from './sqlite-driver.ts';
import type { Database, Db } from './schema.ts';
import type { DialectName } from './dialect.ts';

let pgModule: typeof PG | undefined;

/**
 * The pg driver, loaded on first use: a SQLite instance or CLI run never pays for it. pg is
 * CommonJS, so require() loads it synchronously and openDatabase stays synchronous.
 */
export function loadPg(): typeof PG {
  if (pgModule) return pgModule;
  const pg = createRequire(import.meta.url)('pg') as typeof PG;
  // bigint (int8) and numeric come back from pg as strings; our bigints are đồng and counts,
  // always within the exact-integer range, so read them as numbers like better-sqlite3 does.
  pg.types.setTypeParser(20, (v) => toSafeNumber(v));
  pg.types.setTypeParser(1700, (v) => toSafeNumber(v));
  return (pgModule = pg);
}

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

const pgUrls = new WeakMap<object, string>();
const closeHooks = new WeakMap<object, (() => Promise<void>)[]>();

/** The PostgreSQL URL a Kysely instance from openDatabase was opened with (undefined otherwise, and for transactions). */
export function postgresUrlOf(db: object): string | undefined {
  return pgUrls.get(db);
}

/** Runs `hook` when the handle opened here is closed (before its pool ends). */
export function onDatabaseClose(db: object, hook: () => Promise<void>): void {
  closeHooks.set(db, [...(closeHooks.get(db) ?? []), hook]);
}

export interface OpenOptions {
  poolMax?: number;
  /** A pooled PostgreSQL connection was lost (idle or in use); the default writes one line to stderr. */
  onConnectionError?: (e: Error) => void;
  /** SQLite: longest wait for another process's write lock, off the event loop (default 5 s). */
  busyWaitMs?: number;
}

export function openDatabase(url: string, opts: OpenOptions = {}): DatabaseHandle {
  if (isPostgresUrl(url)) {
    const pool = new (loadPg().Pool)({ connectionString: url, max: opts.poolMax ?? 10 });
    const lost =
      opts.onConnectionError ??
      ((e: Error) =>
        process.stderr.write(
          `PostgreSQL: connection lost (${(e as { code?: string }).code ?? e.message}); it will be replaced\n`,
        ));
    // A connection the server ends (restart, failover, pg_terminate_backend) emits 'error'. pg-pool
    // listens only while the client is idle; a client checked out by a running request has no
    // listener, and the unhandled 'error' event would end the process. Each client gets its own
    // listener for its whole life: the running query fails (503, transaction rolled back by the
    // server), pg-pool drops the dead client on release, and the next request gets a new one.
    pool.on('error', lost);
    pool.on('connect', (client) => client.on('error', lost));
    const db = new Kysely<Database>({ dialect: new AppPostgresDialect({ pool }) });
    pgUrls.set(db, url);
    return {
      db,
      dialect: 'postgres',
      close: async () => {
        for (const hook of closeHooks.get(db) ?? []) await hook().catch(() => undefined);
        await db.destroy();
      },
    };
  }
  const file = url.replace(/^sqlite:(\/\/)?/i, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // SQLite's own busy handler waits synchronously (the whole server stalls): keep it short and let
  // the driver wait for longer off the event loop (server/db/sqlite-driver.ts).
  sqlite.pragma(`busy_timeout = ${SQLITE_SYNC_WAIT_MS}`);
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({
    dialect: new AppSqliteDialect({
      sqlite,
      statements: withStatementCache(sqlite),
      busyWaitMs: opts.busyWaitMs ?? 5000,
    }),
  });
  rawHandles.set(db, sqlite);
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}

/**
 * Kysely's SQLite driver prepares every query anew; compiling the SQL was ~9 % of a cached API
 * request. This keeps the most recent prepared statements by SQL text (LRU) and reuses one
 * unless it is busy (a streaming iteration still open), when a fresh one is prepared.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): { prepare(sql: string): SQLite.Statement } {
  const cache = new Map<string, SQLite.Statement>();
  return {
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

/**
 * Kysely's PostgreSQL driver, except that a failed ROLLBACK does not replace the error that caused
 * it: on a connection the server has ended, the rollback fails too ("Client was closed"), and the
 * person should read "connection lost" (503), not that. The server has rolled back already.
 */
class AppPostgresDriver extends PostgresDriver {
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch {
      // the caller rethrows the original error
    }
  }
}

class AppPostgresDialect extends PostgresDialect {
  readonly #config: ConstructorParameters<typeof PostgresDialect>[0];
  constructor(config: ConstructorParameters<typeof PostgresDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new AppPostgresDriver(this.#config);
  }
}
