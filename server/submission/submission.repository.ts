/** SQL for submission rules: which units are expected (or exempt) from a month on, whatever their history. */
import type { Selectable } from 'kysely';
import type { Db } from '../db/schema.ts';
import type { SubmissionRuleTable } from './submission.tables.ts';
import './submission.tables.ts';

export type SubmissionRuleRow = Selectable<SubmissionRuleTable> & { unit_code: string };

export function listSubmissionRules(db: Db): Promise<SubmissionRuleRow[]> {
  return db
    .selectFrom('submission_rules as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .selectAll('s')
    .select('u.code as unit_code')
    .orderBy('u.code')
    .execute();
}

export function getSubmissionRule(db: Db, unitId: number): Promise<Selectable<SubmissionRuleTable> | undefined> {
  return db.selectFrom('submission_rules').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
}

export async function upsertSubmissionRule(
  db: Db,
  v: { unitId: number; mode: 'expected' | 'exempt'; from: string; now: string; by: string | null },
): Promise<void> {
  await db
    .insertInto('submission_rules')
    .values({ unit_id: v.unitId, mode: v.mode, from_period: v.from, updated_at: v.now, updated_by: v.by })
    .onConflict((oc) =>
      oc.column('unit_id').doUpdateSet({ mode: v.mode, from_period: v.from, updated_at: v.now, updated_by: v.by }),
    )
    .execute();
}

export async function deleteSubmissionRule(db: Db, unitId: number): Promise<boolean> {
  const r = await db.deleteFrom('submission_rules').where('unit_id', '=', unitId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The months (from..to) in which each of these units has an own figure in any category. */
export function submittedMonths(
  db: Db,
  unitIds: number[],
  from: string,
  to: string,
): Promise<{ unit_id: number; period: string }[]> {
  if (!unitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('figures')
    .select(['unit_id', 'period'])
    .distinct()
    .where('unit_id', 'in', unitIds)
    .where('period', '>=', from)
    .where('period', '<=', to)
    .execute();
}
