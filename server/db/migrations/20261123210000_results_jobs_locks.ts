/** Result snapshots of closed months, their freshness, job runs with leases, period locks. Frozen. */
import type { Kysely } from 'kysely';
import { refColumn, withId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ref = refColumn(db);

  // One row per closed period, unit (its whole subtree) and category: the month and the year to date
  // through that period. Values are integers in the measure's base: đồng, or quantity thousandths.
  await withId(db, db.schema.createTable('result_snapshots'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('category_id', ref, (c) => c.notNull().references('categories.id'))
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('target_tenths', 'integer')
    .addColumn('m_submitted', 'integer', (c) => c.notNull())
    .addColumn('m_actual', 'bigint')
    .addColumn('m_baseline', 'bigint')
    .addColumn('m_actual_amount', 'bigint')
    .addColumn('m_baseline_amount', 'bigint')
    .addColumn('y_months_submitted', 'integer', (c) => c.notNull())
    .addColumn('y_actual', 'bigint')
    .addColumn('y_baseline', 'bigint')
    .addColumn('y_actual_amount', 'bigint')
    .addColumn('y_baseline_amount', 'bigint')
    // The unit's own submission for the period (same on each category row): submitted, expected.
    .addColumn('own_submitted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('own_expected', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('result_snapshots_key', ['period', 'unit_id', 'category_id'])
    .execute();
  await db.schema
    .createIndex('result_snapshots_unit_idx')
    .on('result_snapshots')
    .columns(['unit_id', 'period'])
    .execute();

  // A period whose snapshots exist. gen counts changes to its inputs: a close only marks the period
  // fresh if gen did not move while it computed.
  await db.schema
    .createTable('result_periods')
    .addColumn('period', 'text', (c) => c.primaryKey())
    .addColumn('gen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stale', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('job_runs'))
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('error', 'text')
    .addColumn('detail', 'text')
    .addUniqueConstraint('job_runs_key', ['job', 'period'])
    .execute();

  await withId(db, db.schema.createTable('period_locks'))
    .addColumn('period', 'text', (c) => c.notNull().unique())
    .addColumn('locked_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['period_locks', 'job_runs', 'result_periods', 'result_snapshots'])
    await db.schema.dropTable(t).execute();
}
