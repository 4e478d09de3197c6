/**
 * The PostgreSQL change stamp (server/db/change-stamp.ts): a one-row table whose counter moves
 * once per transaction that writes any table a cache reads, bumped by a statement-level BEFORE
 * trigger in that same transaction, so it becomes visible exactly when the write does, to every
 * instance; the trigger also NOTIFYs tk_change_stamp, which every instance LISTENs to. BEFORE STATEMENT: the stamp row is locked before any row of the transaction's first
 * stamped write, so two writers never wait on each other in opposite orders. Writers of these
 * tables are serialised from their first write to commit (they mostly were: imports and closes
 * take their own advisory locks first). SQLite needs none of this (data_version, total_changes)
 * but gets the table too, so the schema is the same on both. Frozen.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

// The list as it was when this migration was written (server/db/change-stamp.ts has the live
// STAMPED_TABLES): a migration never imports code that later changes.
const TABLES = [
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
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('change_stamp')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addColumn('xid', 'text')
    .execute();
  await db.insertInto('change_stamp').values({ id: 1, n: 0, xid: null }).execute();
  if (dialectOf(db) !== 'postgres') return;
  // One bump per transaction: a later statement of the same transaction finds its own xid.
  await sql`
    create function tk_bump_change_stamp() returns trigger language plpgsql as $$
    begin
      update change_stamp set n = n + 1, xid = txid_current()::text
        where id = 1 and xid is distinct from txid_current()::text;
      -- Delivered at commit (folded into one per transaction), never for a rollback.
      perform pg_notify('tk_change_stamp', '');
      return null;
    end $$`.execute(db);
  for (const t of TABLES)
    await sql`create trigger ${sql.id(`${t}_change_stamp`)} before insert or update or delete or truncate on ${sql.table(t)}
      for each statement execute function tk_bump_change_stamp()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    for (const t of TABLES)
      await sql`drop trigger if exists ${sql.id(`${t}_change_stamp`)} on ${sql.table(t)}`.execute(db);
    await sql`drop function if exists tk_bump_change_stamp()`.execute(db);
  }
  await db.schema.dropTable('change_stamp').execute();
}
