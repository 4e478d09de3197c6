/** Reports and emulation blocs: explanations for missed targets, blocs, members, manual scores. Frozen. */
import type { Kysely } from 'kysely';
import { refColumn, withId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ref = refColumn(db);

  await withId(db, db.schema.createTable('report_explanations'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('category_id', ref, (c) => c.notNull().references('categories.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('report_explanations_key', ['unit_id', 'period_key', 'category_id'])
    .execute();

  await withId(db, db.schema.createTable('blocs'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('share_details', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('blocs_name_year', ['name', 'year'])
    .execute();

  await withId(db, db.schema.createTable('bloc_members'))
    .addColumn('bloc_id', ref, (c) => c.notNull().references('blocs.id').onDelete('cascade'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addUniqueConstraint('bloc_members_key', ['bloc_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('bloc_members_unit_idx').on('bloc_members').column('unit_id').execute();

  await withId(db, db.schema.createTable('bloc_manual_scores'))
    .addColumn('bloc_id', ref, (c) => c.notNull().references('blocs.id').onDelete('cascade'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('criterion_code', 'text', (c) => c.notNull())
    .addColumn('points_tenths', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('bloc_manual_scores_key', ['bloc_id', 'unit_id', 'criterion_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['bloc_manual_scores', 'bloc_members', 'blocs', 'report_explanations'])
    await db.schema.dropTable(t).execute();
}
