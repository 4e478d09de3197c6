/** SQL for categories. */
import type { Db } from '../db/schema.ts';
import type { Category } from '../../domain/schemas/category.ts';

export interface CategoryRow {
  id: number;
  code: string;
  name_vi: string;
  name_en: string;
  quantity_unit: string | null;
  default_basis: 'norm' | 'previous_year';
  default_target_tenths: number | null;
  aliases: string;
  retired: number;
  sort_order: number;
}

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
