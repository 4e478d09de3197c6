/** Test data for the results/close/locks tests: the demo agency of samples/ inserted directly. */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.ts';

const NOW = '2026-01-01T00:00:00.000Z';
import { SAMPLES } from '../fixtures/samples.ts';
export { SAMPLES };

export const UNITS: Array<[string, string, string | null, number]> = [
  ['STTTT', 'Sở Thông tin và Truyền thông', null, 48],
  ['STTTT-VP', 'Văn phòng Sở', 'STTTT', 14],
  ['STTTT-BCXB', 'Phòng Báo chí - Xuất bản', 'STTTT', 6],
  ['STTTT-BCVT', 'Phòng Bưu chính - Viễn thông và Công nghệ thông tin', 'STTTT', 8],
  ['STTTT-TT', 'Thanh tra Sở', 'STTTT', 5],
  ['STTTT-TTCNTT', 'Trung tâm Công nghệ thông tin và Truyền thông', 'STTTT', 15],
];

export async function insertUnits(db: Kysely<Database>, units = UNITS): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const [code, name, parent, headcount] of units) {
    const r = await db
      .insertInto('units')
      .values({
        code,
        name,
        parent_id: parent ? ids.get(parent)! : null,
        headcount,
        aliases: '[]',
        created_at: NOW,
        updated_at: NOW,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(code, Number(r.id));
  }
  return ids;
}

export async function categoryIds(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('categories').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, Number(r.id)]));
}

const CAT_BY_NAME: Record<string, string> = {
  'Văn phòng phẩm': 'stationery',
  'Cước điện thoại': 'phone',
  Điện: 'electricity',
  'Chi phí khác': 'other',
};

/** The samples' 2019–2020 figures and 2020 norms of STTTT (what the importer would store). */
export async function insertWorkedExample(
  db: Kysely<Database>,
): Promise<{ units: Map<string, number>; cats: Map<string, number> }> {
  const units = await insertUnits(db);
  const cats = await categoryIds(db);
  const lines = fs.readFileSync(`${SAMPLES}/figures-long-2019-2020.csv`, 'utf8').trim().split(/\r?\n/).slice(1);
  const rows = lines.map((l) => {
    const [unit, period, cat, amount, qty] = l.split(',');
    return {
      unit_id: units.get(unit)!,
      category_id: cats.get(CAT_BY_NAME[cat])!,
      period,
      amount: Number(amount),
      quantity_milli: qty ? Math.round(Number(qty.replace(',', '.')) * 1000) : null,
      note: null,
      import_id: null,
      updated_at: NOW,
      updated_by: 'test',
    };
  });
  await db.insertInto('figures').values(rows).execute();
  const s = (
    code: string,
    v: { basis: 'norm' | 'previous_year'; norm_quantity_milli?: number; target_tenths: number },
  ) => ({
    unit_id: units.get('STTTT')!,
    category_id: cats.get(code)!,
    year: 2020,
    basis: v.basis,
    norm_amount: null,
    norm_quantity_milli: v.norm_quantity_milli ?? null,
    norm_per_capita: null,
    target_tenths: v.target_tenths,
    updated_at: NOW,
    updated_by: 'test',
  });
  await db
    .insertInto('settings')
    .values([
      s('stationery', { basis: 'previous_year', target_tenths: 100 }),
      s('phone', { basis: 'previous_year', target_tenths: 200 }),
      s('other', { basis: 'previous_year', target_tenths: 50 }),
      s('electricity', { basis: 'norm', norm_quantity_milli: 5_000_000, target_tenths: 150 }),
    ])
    .execute();
  return { units, cats };
}
