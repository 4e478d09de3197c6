/** SQL for settings (norms, targets, basis) per unit, category and year. */
import type { SettingTable, Db } from '../db/schema.ts';

export type SettingRow = Omit<SettingTable, 'id'> & { id: number };

export function settingsOfUnitsForYear(db: Db, unitIds: number[], year: number): Promise<SettingRow[]> {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('settings').selectAll().where('year', '=', year).where('unit_id', 'in', unitIds).execute();
}

export async function upsertSetting(db: Db, row: Omit<SettingTable, 'id'>): Promise<void> {
  await db
    .insertInto('settings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['unit_id', 'category_id', 'year']).doUpdateSet({
        basis: row.basis,
        norm_amount: row.norm_amount,
        norm_quantity_milli: row.norm_quantity_milli,
        norm_per_capita: row.norm_per_capita,
        target_tenths: row.target_tenths,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}

export async function deleteSetting(db: Db, unitId: number, categoryId: number, year: number): Promise<number> {
  const r = await db
    .deleteFrom('settings')
    .where('unit_id', '=', unitId)
    .where('category_id', '=', categoryId)
    .where('year', '=', year)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
