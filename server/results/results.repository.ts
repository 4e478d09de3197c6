/** SQL the engine needs: the unit tree, categories, a year's settings and figures, in a few queries. */
import { sql, type Selectable } from 'kysely';
import type { CategoryTable, Db, FigureTable, SettingTable, UnitTable } from '../db/schema.ts';

export type TreeUnitRow = Pick<Selectable<UnitTable>, 'id' | 'code' | 'name' | 'parent_id' | 'headcount'>;
export type EngineCategoryRow = Pick<
  Selectable<CategoryTable>,
  'id' | 'code' | 'name_vi' | 'name_en' | 'quantity_unit' | 'default_basis' | 'default_target_tenths' | 'retired'
>;
export type SettingLiteRow = Pick<
  Selectable<SettingTable>,
  'unit_id' | 'category_id' | 'basis' | 'norm_amount' | 'norm_quantity_milli' | 'norm_per_capita' | 'target_tenths'
>;
export type FigureLiteRow = Pick<
  Selectable<FigureTable>,
  'unit_id' | 'category_id' | 'period' | 'amount' | 'quantity_milli'
>;

export function loadTreeUnits(db: Db): Promise<TreeUnitRow[]> {
  return db.selectFrom('units').select(['id', 'code', 'name', 'parent_id', 'headcount']).orderBy('id').execute();
}

export function loadEngineCategories(db: Db): Promise<EngineCategoryRow[]> {
  return db
    .selectFrom('categories')
    .select(['id', 'code', 'name_vi', 'name_en', 'quantity_unit', 'default_basis', 'default_target_tenths', 'retired'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

export function loadYearSettings(db: Db, year: number): Promise<SettingLiteRow[]> {
  return db
    .selectFrom('settings')
    .select([
      'unit_id',
      'category_id',
      'basis',
      'norm_amount',
      'norm_quantity_milli',
      'norm_per_capita',
      'target_tenths',
    ])
    .where('year', '=', year)
    .execute();
}

// Ids per IN list: far below SQLite's (32,766) and PostgreSQL's (65,535) parameter limits.
const IN_CHUNK = 5000;

/**
 * PostgreSQL: the figures from..to as one row per period, "unit:category:amount:quantity,…"
 * (quantity empty when null), concatenated by PostgreSQL (`string_agg`), so the driver parses one
 * row per month instead of one per figure (the monthly close reads ~2 M of them at 20,000 units).
 * The same form as the SQLite fast path's `group_concat` (results.model.ts scans both).
 */
export async function loadFigureCellsPostgres(
  db: Db,
  from: string,
  to: string,
  unitIds: number[] | null,
): Promise<[string, string][]> {
  const load = async (trx: Db) => {
    // The grouping holds every string of the two years at once (~80 MB at 20,000 units): with the
    // default work_mem (4 MB) it spills to disk, ~1.4 s instead of ~0.9 s (measured). For this
    // statement only: SET LOCAL, then back to the default.
    await sql`set local work_mem = '${sql.raw(PG_CELLS_WORK_MEM)}'`.execute(trx);
    const { rows } = await sql<{ period: string; cells: string }>`
      select period, string_agg(unit_id || ':' || category_id || ':' || amount || ':' || coalesce(quantity_milli::text, ''), ',') as cells
      from figures where period >= ${from} and period <= ${to}${unitIds ? sql` and unit_id = any(${unitIds})` : sql``}
      group by period`.execute(trx);
    await sql`set local work_mem to default`.execute(trx);
    return rows.map((r): [string, string] => [r.period, r.cells]);
  };
  return db.isTransaction ? load(db) : db.transaction().execute(load);
}

/** work_mem of the close's figure load on PostgreSQL (a limit: smaller loads use less). */
const PG_CELLS_WORK_MEM = '128MB';

/** Figures of periods from..to (inclusive), of the given units (null = all), via the covering figures_engine_idx. */
export async function loadFigures(
  db: Db,
  from: string,
  to: string,
  unitIds: number[] | null,
): Promise<FigureLiteRow[]> {
  const base = () =>
    db
      .selectFrom('figures')
      .select(['unit_id', 'category_id', 'period', 'amount', 'quantity_milli'])
      .where('period', '>=', from)
      .where('period', '<=', to);
  if (unitIds == null) return base().execute();
  const out: FigureLiteRow[] = [];
  for (let i = 0; i < unitIds.length; i += IN_CHUNK)
    out.push(
      ...(await base()
        .where('unit_id', 'in', unitIds.slice(i, i + IN_CHUNK))
        .execute()),
    );
  return out;
}

/** Last period from..to with a figure of the given units (null = all), or null. */
export async function lastPeriodWithFigures(
  db: Db,
  from: string,
  to: string,
  unitIds: number[] | null,
): Promise<string | null> {
  const base = () =>
    db
      .selectFrom('figures')
      .select((eb) => eb.fn.max('period').as('p'))
      .where('period', '>=', from)
      .where('period', '<=', to);
  if (unitIds == null) return ((await base().executeTakeFirst())?.p as string | null) ?? null;
  let best: string | null = null;
  for (let i = 0; i < unitIds.length; i += IN_CHUNK) {
    const p =
      ((
        await base()
          .where('unit_id', 'in', unitIds.slice(i, i + IN_CHUNK))
          .executeTakeFirst()
      )?.p as string | null) ?? null;
    if (p && (!best || p > best)) best = p;
  }
  return best;
}
