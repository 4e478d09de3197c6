/**
 * The one place where SQLite and PostgreSQL differ. Everything else writes portable SQL
 * through Kysely (ON CONFLICT upserts, RETURNING, integer booleans, ISO text times).
 */
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Adds an auto-increment integer primary key `id` (INTEGER AUTOINCREMENT / BIGSERIAL). */
export function withId<T extends string>(
  db: Kysely<any>,
  table: CreateTableBuilder<T, any>,
): CreateTableBuilder<T, any> {
  return dialectOf(db) === 'postgres'
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Foreign key column to another table's id, with the right integer width on each side. */
export function refColumn(db: Kysely<any>): 'bigint' | 'integer' {
  return dialectOf(db) === 'postgres' ? 'bigint' : 'integer';
}

export type ColumnBuilder = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/**
 * Takes a transaction-scoped lock that serialises writers of one kind (imports, closes).
 * SQLite: writers are already serialised by the database file lock, so nothing to do.
 * PostgreSQL: pg_advisory_xact_lock, released at commit or rollback.
 */
export async function lockForWrite(trx: Kysely<any>, key: number): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}
