/**
 * Kysely's SQLite driver, with three changes that keep one locked or full database file from
 * freezing or misleading the whole server:
 * - Waiting for another process's write lock happens OFF the event loop. better-sqlite3 is
 *   synchronous, so SQLite's own busy handler (busy_timeout) would stall every request for as long
 *   as it waits. SQLite's busy timeout is kept short (SQLITE_SYNC_WAIT_MS); past it, the statement
 *   or the transaction's BEGIN is retried after a timer, with the connection released meanwhile so
 *   that reads (WAL readers never wait for a writer) and /api/health go on. Past `busyWaitMs` the
 *   caller gets a DatabaseBusyError (503 `database_busy` with Retry-After, see server/db/errors.ts).
 * - Write transactions start with BEGIN IMMEDIATE: the lock is taken (and waited for) up front, never
 *   halfway through a transaction that already did work.
 * - A rollback after SQLite already rolled back on its own (SQLITE_FULL, SQLITE_IOERR, …) is skipped:
 *   Kysely would otherwise replace the real error with "cannot rollback - no transaction is active".
 *   After a SQLITE_FULL or a rollback the next successful commit checkpoints the WAL (once space is back).
 */
import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { DatabaseBusyError, isSqliteBusy } from './errors.ts';

/** How long SQLite itself may wait for a lock, synchronously, inside one statement. */
export const SQLITE_SYNC_WAIT_MS = 20;

interface StatementSource {
  prepare(sql: string): SQLite.Statement;
}

export interface AppSqliteDialectConfig {
  /** The raw handle (for transaction state and pragmas). */
  sqlite: SQLite.Database;
  /** Where statements come from (a prepared-statement cache in front of `sqlite`). */
  statements: StatementSource;
  /** Longest total wait for another process's lock before DatabaseBusyError. */
  busyWaitMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits of 5, 10, 20, … 200 ms with jitter, until `deadline`. */
function nextDelay(attempt: number, deadline: number): number {
  const base = Math.min(200, 5 * 2 ** attempt);
  return Math.max(0, Math.min(base * (0.5 + Math.random()), deadline - Date.now()));
}

class Mutex {
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;
  async lock(): Promise<void> {
    while (this.#held) await this.#held;
    this.#held = new Promise((r) => (this.#release = r));
  }
  unlock(): void {
    const r = this.#release;
    this.#held = undefined;
    this.#release = undefined;
    r?.();
  }
}

class AppSqliteConnection implements DatabaseConnection {
  constructor(
    private readonly cfg: AppSqliteDialectConfig,
    private readonly mutex: Mutex,
    private readonly state: { checkpointDue: boolean },
  ) {}

  /** One attempt; SQLITE_BUSY outside a transaction is retried with the connection released meanwhile. */
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const deadline = Date.now() + this.cfg.busyWaitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = this.run<R>(compiled);
        if (this.state.checkpointDue && !this.cfg.sqlite.inTransaction)
          checkpointAfterFull(this.cfg.sqlite, this.state);
        return result;
      } catch (e) {
        noteFull(e, this.state);
        // Inside a transaction the statement cannot be retried alone (BEGIN IMMEDIATE makes this rare).
        if (!isSqliteBusy(e) || this.cfg.sqlite.inTransaction) throw e;
        if (Date.now() >= deadline) throw new DatabaseBusyError(e);
        this.mutex.unlock();
        try {
          await sleep(nextDelay(attempt, deadline));
        } finally {
          await this.mutex.lock();
        }
      }
    }
  }

  private run<R>(compiled: CompiledQuery): QueryResult<R> {
    const stmt = this.cfg.statements.prepare(compiled.sql);
    const params = compiled.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(params) as R[] };
    const { changes, lastInsertRowid } = stmt.run(params);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('Sqlite driver only supports streaming of select queries');
    const stmt = this.cfg.statements.prepare(compiled.sql);
    for (const row of stmt.iterate(compiled.parameters)) yield { rows: [row as R] };
  }
}

function noteFull(e: unknown, state: { checkpointDue: boolean }): void {
  if ((e as { code?: string }).code === 'SQLITE_FULL') state.checkpointDue = true;
}

/** Once space is back, fold the WAL into the database file and truncate it (tried after each write until it works). */
function checkpointAfterFull(sqlite: SQLite.Database, state: { checkpointDue: boolean }): void {
  try {
    const [r] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (r?.busy === 0) state.checkpointDue = false;
  } catch {
    // still no space, or a reader in the way: the next write tries again
  }
}

class AppSqliteDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #state = { checkpointDue: false };
  readonly #connection: AppSqliteConnection;

  constructor(private readonly cfg: AppSqliteDialectConfig) {
    this.#connection = new AppSqliteConnection(cfg, this.#mutex, this.#state);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  /** BEGIN IMMEDIATE, waiting for another process's write lock off the event loop. */
  async beginTransaction(): Promise<void> {
    const deadline = Date.now() + this.cfg.busyWaitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        this.cfg.sqlite.prepare('begin immediate').run();
        return;
      } catch (e) {
        noteFull(e, this.#state);
        if (!isSqliteBusy(e)) throw e;
        if (Date.now() >= deadline) throw new DatabaseBusyError(e);
        // The connection is ours (acquired), but no transaction is open: let others use it meanwhile.
        this.#mutex.unlock();
        try {
          await sleep(nextDelay(attempt, deadline));
        } finally {
          await this.#mutex.lock();
        }
      }
    }
  }

  async commitTransaction(): Promise<void> {
    try {
      this.cfg.sqlite.prepare('commit').run();
    } catch (e) {
      noteFull(e, this.#state);
      throw e;
    }
    if (this.#state.checkpointDue) checkpointAfterFull(this.cfg.sqlite, this.#state);
  }

  async rollbackTransaction(): Promise<void> {
    // SQLite rolls back by itself on SQLITE_FULL and some I/O errors; then there is nothing to undo,
    // and the error worth reporting is the one that made the caller roll back.
    if (this.cfg.sqlite.inTransaction) this.cfg.sqlite.prepare('rollback').run();
    // A rolled-back transaction may have grown the WAL with frames nobody will read (a disk that
    // filled up halfway through an import, whose SQLITE_FULL came from the import's own prepared
    // statements and never passed through this driver): fold the WAL back and truncate it at the
    // next commit that works. Cheap when the WAL is small; rollbacks are rare (rejected files).
    this.#state.checkpointDue = true;
  }

  async savepoint(c: DatabaseConnection, name: string): Promise<void> {
    await c.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(c: DatabaseConnection, name: string): Promise<void> {
    await c.executeQuery(CompiledQuery.raw(`rollback to "${name}"`));
  }

  async releaseSavepoint(c: DatabaseConnection, name: string): Promise<void> {
    await c.executeQuery(CompiledQuery.raw(`release "${name}"`));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.cfg.sqlite.close();
  }
}

export class AppSqliteDialect implements Dialect {
  constructor(private readonly cfg: AppSqliteDialectConfig) {}
  createDriver(): Driver {
    return new AppSqliteDriver(this.cfg);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}
