/** Agency document settings (Nghị định 30 header, "Nơi nhận", signature) per unit. Frozen. */
import type { Kysely } from 'kysely';
import { refColumn, withId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('agency_document_settings'))
    .addColumn('unit_id', refColumn(db), (c) => c.notNull().unique().references('units.id'))
    .addColumn('superior_body', 'text')
    .addColumn('issuer_name', 'text')
    .addColumn('issuer_code', 'text')
    .addColumn('place', 'text')
    .addColumn('signer_authority', 'text')
    .addColumn('signer_title', 'text')
    .addColumn('signer_name', 'text')
    // JSON array of lines; null = inherit.
    .addColumn('recipients', 'text')
    .addColumn('number_pattern', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agency_document_settings').execute();
}
