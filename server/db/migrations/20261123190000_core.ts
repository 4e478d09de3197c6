/** Core tables: units, categories (seeded), settings, figures and their history, imports. Frozen. */
import type { Kysely } from 'kysely';
import { refColumn, withId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ref = refColumn(db);

  await withId(db, db.schema.createTable('units'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', ref, (c) => c.references('units.id'))
    .addColumn('headcount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('units_parent_idx').on('units').column('parent_id').execute();

  await withId(db, db.schema.createTable('categories'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('quantity_unit', 'text')
    .addColumn('default_basis', 'text', (c) => c.notNull())
    .addColumn('default_target_tenths', 'integer')
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(db, db.schema.createTable('settings'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('category_id', ref, (c) => c.notNull().references('categories.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('basis', 'text')
    .addColumn('norm_amount', 'bigint')
    .addColumn('norm_quantity_milli', 'bigint')
    .addColumn('norm_per_capita', 'bigint')
    .addColumn('target_tenths', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('settings_key', ['unit_id', 'category_id', 'year'])
    .execute();

  await withId(db, db.schema.createTable('imports'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('shape', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('imports_sha_idx').on('imports').column('sha256').execute();

  await withId(db, db.schema.createTable('figures'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('category_id', ref, (c) => c.notNull().references('categories.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('quantity_milli', 'bigint')
    .addColumn('note', 'text')
    .addColumn('import_id', ref, (c) => c.references('imports.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('figures_key', ['unit_id', 'category_id', 'period'])
    .execute();
  await db.schema.createIndex('figures_period_idx').on('figures').columns(['period', 'category_id']).execute();

  await withId(db, db.schema.createTable('figure_history'))
    .addColumn('figure_id', ref, (c) => c.notNull().references('figures.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('quantity_milli', 'bigint')
    .addColumn('note', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text')
    .addColumn('import_id', ref, (c) => c.references('imports.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('figure_history_figure_idx').on('figure_history').column('figure_id').execute();

  // The seeded default categories of docs/domain.md; an administrator adds, renames and retires more.
  await db
    .insertInto('categories')
    .values([
      {
        code: 'stationery',
        name_vi: 'Văn phòng phẩm',
        name_en: 'Stationery',
        quantity_unit: null,
        default_basis: 'previous_year',
        default_target_tenths: 100,
        aliases: JSON.stringify(['VPP', 'van phong pham', 'Văn phòng phẩm (đồng)']),
        retired: 0,
        sort_order: 1,
      },
      {
        code: 'phone',
        name_vi: 'Cước điện thoại',
        name_en: 'Phone charges',
        quantity_unit: null,
        default_basis: 'previous_year',
        default_target_tenths: 200,
        aliases: JSON.stringify(['Điện thoại', 'Cước ĐT', 'Cuoc dien thoai', 'Cước điện thoại (đồng)']),
        retired: 0,
        sort_order: 2,
      },
      {
        code: 'electricity',
        name_vi: 'Điện',
        name_en: 'Electricity',
        quantity_unit: 'kWh',
        default_basis: 'norm',
        default_target_tenths: 150,
        aliases: JSON.stringify(['Tiền điện', 'Điện năng', 'Dien']),
        retired: 0,
        sort_order: 3,
      },
      {
        code: 'other',
        name_vi: 'Chi phí khác',
        name_en: 'Other costs',
        quantity_unit: null,
        default_basis: 'previous_year',
        default_target_tenths: 50,
        aliases: JSON.stringify(['Khác', 'Chi khác', 'Các khoản chi phí khác', 'Chi phí khác (đồng)']),
        retired: 0,
        sort_order: 4,
      },
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['figure_history', 'figures', 'imports', 'settings', 'categories', 'units']) {
    await db.schema.dropTable(t).execute();
  }
}
