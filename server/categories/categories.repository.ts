/** SQL for categories. */
import type { Selectable } from 'kysely';
import type { CategoryTable, Db } from '../db/schema.ts';
import type { Category } from '../../domain/schemas/category.ts';

export type CategoryRow = Selectable<CategoryTable>;

export function listCategoryRows(db: Db): Promise<CategoryRow[]> {
  return db.selectFrom('categories').selectAll().orderBy('sort_order').orderBy('id').execute();
}

export function toCategory(r: CategoryRow): Category {
  return {
    code: r.code,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    quantityUnit: r.quantity_unit,
    defaultBasis: r.default_basis,
    defaultTargetPct: r.default_target_tenths == null ? null : r.default_target_tenths / 10,
    aliases: JSON.parse(r.aliases) as string[],
    retired: r.retired === 1,
    sortOrder: r.sort_order,
  };
}
