/**
 * Completeness and reminders (issue 13). Frozen.
 * - result_snapshots.sub_expected / sub_submitted: the coverage of the unit's subtree for the
 *   period (expected and submitted units), so a closed month answers "3/5 đơn vị" without a scan.
 *   Null on snapshots written before: those months are read from the figures until re-closed.
 * - recipients.role: kế toán (finance), thủ trưởng (head), cấp ủy (committee); null = other.
 * - submission_rules: a unit expected to submit from a month whatever its history (a new division),
 *   or exempt from a month (a dissolved one).
 */
import type { Kysely } from 'kysely';
import { refColumn, withId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('result_snapshots').addColumn('sub_expected', 'integer').execute();
  await db.schema.alterTable('result_snapshots').addColumn('sub_submitted', 'integer').execute();
  await db.schema.alterTable('recipients').addColumn('role', 'text').execute();

  await withId(db, db.schema.createTable('submission_rules'))
    .addColumn('unit_id', refColumn(db), (c) => c.notNull().unique().references('units.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('from_period', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  // Reminders on the dashboard: the outbox rows of a period and kind.
  await db.schema
    .createIndex('email_outbox_kind_idx')
    .on('email_outbox')
    .columns(['period', 'kind', 'unit_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('email_outbox_kind_idx').execute();
  await db.schema.dropTable('submission_rules').execute();
  await db.schema.alterTable('recipients').dropColumn('role').execute();
  await db.schema.alterTable('result_snapshots').dropColumn('sub_submitted').execute();
  await db.schema.alterTable('result_snapshots').dropColumn('sub_expected').execute();
}
