/**
 * Test data for the email tests, written straight into the tables (no dependency on the
 * importer): the demo agency's units, its 2019–2020 figures from the shared sample file and
 * the 2020 settings, which together give the worked example of docs/domain.md.
 */
import fs from 'node:fs';
import type { AppDeps } from '../../server/deps.ts';

import { SAMPLES } from '../fixtures/samples.ts';
const CATEGORY_BY_NAME: Record<string, string> = {
  'Văn phòng phẩm': 'stationery',
  'Cước điện thoại': 'phone',
  Điện: 'electricity',
  'Chi phí khác': 'other',
};

export async function seedWorkedExample(deps: AppDeps): Promise<Record<string, number>> {
  const now = '2026-11-01T00:00:00.000Z';
  const db = deps.db;
  const unitIds: Record<string, number> = {};
  const unitsCsv = fs.readFileSync(`${SAMPLES}/units.csv`, 'utf8').trim().split('\n').slice(1);
  for (const line of unitsCsv) {
    const [code, name, parent, headcount] = line
      .match(/("[^"]*"|[^,]*)(,|$)/g)!
      .map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    const row = await db
      .insertInto('units')
      .values({
        code,
        name,
        parent_id: parent ? unitIds[parent] : null,
        headcount: Number(headcount || 0),
        aliases: '[]',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    unitIds[code] = row.id;
  }
  const cats = Object.fromEntries(
    (await db.selectFrom('categories').select(['id', 'code']).execute()).map((c) => [c.code, c.id]),
  );
  const figures = fs.readFileSync(`${SAMPLES}/figures-long-2019-2020.csv`, 'utf8').trim().split('\n').slice(1);
  await db
    .insertInto('figures')
    .values(
      figures.map((line) => {
        const [unit, period, cat, amount, qty] = line.split(',');
        return {
          unit_id: unitIds[unit],
          category_id: cats[CATEGORY_BY_NAME[cat]],
          period,
          amount: Number(amount),
          quantity_milli: qty ? Math.round(Number(qty) * 1000) : null,
          note: null,
          import_id: null,
          updated_at: now,
          updated_by: 'test',
        };
      }),
    )
    .execute();
  const targets: Record<string, [string, number | null, number]> = {
    stationery: ['previous_year', null, 100],
    phone: ['previous_year', null, 200],
    other: ['previous_year', null, 50],
    electricity: ['norm', 5_000_000, 150],
  };
  for (const [code, [basis, normMilli, target]] of Object.entries(targets)) {
    await db
      .insertInto('settings')
      .values({
        unit_id: unitIds.STTTT,
        category_id: cats[code],
        year: 2020,
        basis: basis as 'norm' | 'previous_year',
        norm_amount: null,
        norm_quantity_milli: normMilli,
        norm_per_capita: null,
        target_tenths: target,
        updated_at: now,
        updated_by: 'test',
      })
      .execute();
  }
  return unitIds;
}

/** Changes one 2020-12 figure of STTTT (a correction after the summary went out). */
export async function correctFigure(
  deps: AppDeps,
  unitId: number,
  categoryCode: string,
  period: string,
  amount: number,
): Promise<void> {
  const cat = await deps.db
    .selectFrom('categories')
    .select('id')
    .where('code', '=', categoryCode)
    .executeTakeFirstOrThrow();
  await deps.db
    .updateTable('figures')
    .set({ amount })
    .where('unit_id', '=', unitId)
    .where('category_id', '=', cat.id)
    .where('period', '=', period)
    .execute();
}
