/**
 * A cheap "has anything been written since?" stamp, for caches that must stay exact.
 *
 * SQLite (changeStamp, synchronous): `data_version` moves when another connection (the CLI, a
 * second process) commits, and `total_changes()` counts the rows this connection has inserted,
 * updated or deleted; prepared statements on the raw handle read them (data_version once per
 * turn of the event loop, see changeStamp). Two
 * equal stamps mean nothing was written in between; a different stamp means something may have
 * been, and the cache must revalidate.
 *
 * PostgreSQL (readChangeStamp): statement-level triggers on every table a cache reads (migration
 * 20261203020000_change_stamp) bump the one-row table `change_stamp` once per writing transaction
 * and NOTIFY tk_change_stamp, which PostgreSQL delivers at commit. Each instance LISTENs on its
 * own connection and counts the notifications: its stamp is that count, read without a query.
 * - A write through this instance's own API moves the stamp at once (bumpChangeStamp, called by
 *   the auth middleware after every unsafe request), so a client never reads its own write stale.
 * - A write by another process (another instance, the CLI) is seen when its notification
 *   arrives: milliseconds after its commit.
 * - While the listening connection is down (start-up, a restart of the server) the stamp is the
 *   `change_stamp` row, read per request (exact: the bump commits with the write); each new
 *   listening connection starts a new generation, so nothing cached before it is trusted.
 * The tables: STAMPED_TABLES below; a cache that starts reading another table must add it there
 * (a new migration attaching the trigger).
 */
import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type PG from 'pg';
import { loadPg, onDatabaseClose, postgresUrlOf, rawSqlite } from './connection.ts';

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

interface SqliteStamp {
  changes: SQLite.Statement;
  version: SQLite.Statement;
  /** data_version as read in the current turn of the event loop; undefined once the turn is over. */
  turnVersion?: number;
}
const statements = new WeakMap<SQLite.Database, SqliteStamp>();

/**
 * The SQLite stamp; null on PostgreSQL (use readChangeStamp there).
 *
 * `total_changes()` (this connection's own writes) is read on every call: a fraction of a
 * microsecond. `data_version` (another connection's commits) costs a read transaction on the WAL
 * index, syscalls included (4–20 µs, 13 % of a memoised results answer under load), so it is read
 * once per turn of the event loop and reused until setImmediate: a commit by another connection
 * or process is seen from the next turn, a fraction of a millisecond later, never later than a
 * request that arrives after it (a new request is a new turn).
 */
export function changeStamp(db: object): string | null {
  const raw = rawSqlite(db);
  if (!raw) return null;
  let s = statements.get(raw);
  if (!s) {
    s = {
      changes: raw.prepare('select total_changes()').pluck(),
      version: raw.prepare('pragma data_version').pluck(),
    };
    statements.set(raw, s);
  }
  const changes = s.changes.get() as number;
  let version = s.turnVersion;
  if (version === undefined) {
    version = s.turnVersion = s.version.get() as number;
    const turn = s;
    setImmediate(() => (turn.turnVersion = undefined));
  }
  return `${version}:${changes}`;
}

interface Listener {
  ready: boolean;
  generation: number;
  count: number;
  client?: PG.Client;
  stopped: boolean;
}
const listeners = new WeakMap<object, Listener>();
export const CHANGE_CHANNEL = 'tk_change_stamp';

function listen(l: Listener, url: string): void {
  const client = new (loadPg().Client)({ connectionString: url });
  l.client = client;
  const fail = () => {
    if (l.client !== client) return;
    l.ready = false;
    l.client = undefined;
    void client.end().catch(() => undefined);
    if (!l.stopped) setTimeout(() => listen(l, url), 1000).unref();
  };
  client.on('error', fail);
  client.on('end', fail);
  client.on('notification', () => l.count++);
  client
    .connect()
    .then(() => client.query(`listen ${CHANGE_CHANNEL}`))
    .then(() => {
      if (l.client !== client) return;
      l.generation++;
      l.ready = true;
    })
    .catch(fail);
}

function listenerOf(db: object): Listener | undefined {
  const url = postgresUrlOf(db);
  if (!url) return undefined;
  let l = listeners.get(db);
  if (!l) {
    const created: Listener = { ready: false, generation: 0, count: 0, stopped: false };
    listeners.set(db, (l = created));
    listen(created, url);
    onDatabaseClose(db, async () => {
      created.stopped = true;
      const c = created.client;
      created.client = undefined;
      created.ready = false;
      await c?.end();
    });
  }
  return l;
}

/** This instance wrote (an unsafe API request has run): its own caches must not trust what they hold. */
export function bumpChangeStamp(db: object): void {
  const l = listeners.get(db);
  if (l) l.count++;
}

/**
 * The stamp on either database: SQLite's without a query, PostgreSQL's change_stamp row (one
 * indexed read). Inside a transaction handle it reads through that transaction.
 */
export async function readChangeStamp(db: Kysely<Database>): Promise<string | null> {
  const lite = changeStamp(db);
  if (lite !== null) return lite;
  const l = listenerOf(db);
  if (l?.ready) return `L${l.generation}:${l.count}`;
  const r = await sql<{ n: string | number }>`select n from change_stamp where id = 1`.execute(db);
  const n = r.rows[0]?.n;
  return n == null ? null : `pg:${String(n)}`;
}

/**
 * Whether what a cache kept at stamp `kept` still holds now that the stamp is `now`: nothing was
 * written in between. A stamp that could not be read (null) never vouches for anything. The one
 * test of the results cache, the response memo, the identity cache and the unit tree.
 */
export function stampHolds(kept: string | null | undefined, now: string | null): boolean {
  return now !== null && kept === now;
}
