/** SQL for reports: the unit and category lookups it needs and the explanations of missed targets. */
import type { Db } from '../db/schema.ts';
import './reports.tables.ts';

export function findUnit(db: Db, code: string) {
  return db.selectFrom('units').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
}

export function findCategory(db: Db, code: string) {
  return db.selectFrom('categories').select(['id', 'code', 'name_vi']).where('code', '=', code).executeTakeFirst();
}

export interface ExplanationRow {
  period_key: string;
  category_code: string;
  text: string;
  updated_at: string;
  updated_by: string | null;
}

/** The unit's explanations stored under any of `periodKeys` (a report's sections). */
export function listExplanations(db: Db, unitId: number, periodKeys: readonly string[]): Promise<ExplanationRow[]> {
  return db
    .selectFrom('report_explanations as e')
    .innerJoin('categories as c', 'c.id', 'e.category_id')
    .select(['e.period_key', 'c.code as category_code', 'e.text', 'e.updated_at', 'e.updated_by'])
    .where('e.unit_id', '=', unitId)
    .where('e.period_key', 'in', [...periodKeys])
    .execute();
}

export async function upsertExplanation(
  db: Db,
  v: {
    unitId: number;
    year: number;
    periodKey: string;
    categoryId: number;
    text: string;
    updatedAt: string;
    updatedBy: string | null;
  },
): Promise<void> {
  await db
    .insertInto('report_explanations')
    .values({
      unit_id: v.unitId,
      year: v.year,
      period_key: v.periodKey,
      category_id: v.categoryId,
      text: v.text,
      updated_at: v.updatedAt,
      updated_by: v.updatedBy,
    })
    .onConflict((oc) =>
      oc
        .columns(['unit_id', 'period_key', 'category_id'])
        .doUpdateSet({ text: v.text, updated_at: v.updatedAt, updated_by: v.updatedBy }),
    )
    .execute();
}
