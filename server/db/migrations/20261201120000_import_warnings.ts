/**
 * imports: plausibility warnings and who confirmed them; the HTTP status of an upload refused or
 * failed before it could be read (413, 415, 5xx), so every upload has a row. Frozen.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema
    .alterTable('imports')
    .addColumn('warnings', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('imports')
    .addColumn('warning_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('imports').addColumn('warnings_accepted_by', 'text').execute();
  await db.schema.alterTable('imports').addColumn('warnings_accepted_at', 'text').execute();
  await db.schema.alterTable('imports').addColumn('http_status', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['http_status', 'warnings_accepted_at', 'warnings_accepted_by', 'warning_count', 'warnings'])
    await db.schema.alterTable('imports').dropColumn(c).execute();
}
