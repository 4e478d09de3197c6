/** imports.headers: the uploaded file's header row (JSON list), so the error file can be rebuilt later. Frozen. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('imports').addColumn('headers', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('imports').dropColumn('headers').execute();
}
