/**
 * The worked example of docs/domain.md from the shared sample files: through the importer, or by direct inserts
 * (units.csv, norms-2020.csv, figures-long-2019-2020.csv: plain UTF-8, commas, no quoting in
 * figure rows), so report and bloc tests do not depend on the importer.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../server/db/schema.ts';
import type { AppDeps } from '../../server/deps.ts';
import { importFile } from '../../server/imports/imports.service.ts';

import { SAMPLES } from '../fixtures/samples.ts';
export { SAMPLES };
const NOW = '2021-01-04T03:00:00.000Z';

const CATEGORY_BY_NAME: Record<string, string> = {
  'Văn phòng phẩm': 'stationery',
  'Cước điện thoại': 'phone',
  Điện: 'electricity',
  'Chi phí khác': 'other',
};

function csvRows(file: string): string[][] {
  return fs
    .readFileSync(path.join(SAMPLES, file), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => {
      const out: string[] = [];
      for (const m of l.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)) {
        out.push(m[2] ?? m[1]);
        if (m[3] === '') break;
      }
      return out;
    });
}

export async function categoryIds(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('categories').select(['id', 'code']).execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

export async function insertUnit(
  db: Db,
  code: string,
  name: string,
  parentCode: string | null,
  headcount = 10,
): Promise<number> {
  const parent = parentCode
    ? await db.selectFrom('units').select('id').where('code', '=', parentCode).executeTakeFirstOrThrow()
    : null;
  const row = await db
    .insertInto('units')
    .values({ code, name, parent_id: parent?.id ?? null, headcount, aliases: '[]', created_at: NOW, updated_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The STTTT tree, its 2020 settings and its 2019–2020 figures, exactly as in the samples. */
export async function seedWorkedExample(db: Db, opts: { updatedAt?: (period: string) => string } = {}): Promise<void> {
  for (const [code, name, parent, head] of csvRows('units.csv'))
    await insertUnit(db, code, name, parent || null, Number(head));
  const cats = await categoryIds(db);
  const units = Object.fromEntries(
    (await db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
  );
  for (const [unit, year, cat, basis, normAmount, normQty, target] of csvRows('norms-2020.csv')) {
    await db
      .insertInto('settings')
      .values({
        unit_id: units[unit],
        category_id: cats[CATEGORY_BY_NAME[cat]],
        year: Number(year),
        basis: basis === 'định mức' ? 'norm' : 'previous_year',
        norm_amount: normAmount ? Number(normAmount) : null,
        norm_quantity_milli: normQty ? Number(normQty) * 1000 : null,
        norm_per_capita: null,
        target_tenths: target ? Math.round(Number(target) * 10) : null,
        updated_at: NOW,
        updated_by: null,
      })
      .execute();
  }
  const rows = csvRows('figures-long-2019-2020.csv').map(([unit, period, cat, amount, qty]) => ({
    unit_id: units[unit],
    category_id: cats[CATEGORY_BY_NAME[cat]],
    period,
    amount: Number(amount),
    quantity_milli: qty ? Math.round(Number(qty) * 1000) : null,
    note: null,
    import_id: null,
    updated_at: opts.updatedAt ? opts.updatedAt(period) : NOW,
    updated_by: null,
  }));
  await db.insertInto('figures').values(rows).execute();
}

/** The worked example stored the way an officer would: the three sample files through the importer. */
export async function importWorkedExample(deps: AppDeps): Promise<void> {
  for (const [kind, file] of [
    ['units', 'units.csv'],
    ['norms', 'norms-2020.csv'],
    ['figures', 'figures-long-2019-2020.csv'],
  ] as const) {
    const r = await importFile(
      deps,
      { fileName: file, bytes: fs.readFileSync(path.join(SAMPLES, file)) },
      { kind, actor: 'test' },
    );
    if (!r.ok) throw new Error(`${file} rejected: ${JSON.stringify(r.errors.slice(0, 3))}`);
  }
}
