/**
 * The year-end outlook in the result snapshots: each row keeps the whole-year baseline and the
 * projected whole-year actual after its period (in the measure's base), so a closed month's
 * outlook is read back like its results. Rows written before have neither: every snapshotted
 * period is marked stale (gen moves), so reads compute from the figures until the next close
 * re-snapshots them. Frozen.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('result_snapshots').addColumn('y_baseline_year', 'bigint').execute();
  await db.schema.alterTable('result_snapshots').addColumn('y_projected_year', 'bigint').execute();
  await db
    .updateTable('result_periods')
    .set((eb) => ({ stale: 1, gen: eb('gen', '+', 1) }))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('result_snapshots').dropColumn('y_projected_year').execute();
  await db.schema.alterTable('result_snapshots').dropColumn('y_baseline_year').execute();
}
