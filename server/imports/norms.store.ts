/**
 * Stores a norms file: one settings row per (unit, category, year), the same table the settings
 * API edits. A row of the file replaces the whole setting (an empty cell clears that value).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ImportError } from '../../domain/schemas/import.ts';
import type { NormRecord } from '../ingest/index.ts';
import { monthsOfYear } from '../../domain/months.ts';
import { importError, pushChange, unitForbidden, type ImportStore, type StoreContext } from './store.ts';

const CHUNK = 500;

function view(r: {
  basis: string | null;
  normAmount: number | null;
  normQuantityMilli: number | null;
  normPerCapita: number | null;
  targetTenths: number | null;
}) {
  return {
    basis: r.basis,
    normAmount: r.normAmount,
    normQuantity: r.normQuantityMilli == null ? null : r.normQuantityMilli / 1000,
    normPerCapita: r.normPerCapita,
    targetPct: r.targetTenths == null ? null : r.targetTenths / 10,
  };
}

async function selectExisting(db: Kysely<Database>, recs: NormRecord[]) {
  const out = new Map<
    string,
    {
      basis: string | null;
      normAmount: number | null;
      normQuantityMilli: number | null;
      normPerCapita: number | null;
      targetTenths: number | null;
    }
  >();
  for (let i = 0; i < recs.length; i += CHUNK) {
    const rows = await db
      .selectFrom('settings')
      .select([
        'unit_id',
        'category_id',
        'year',
        'basis',
        'norm_amount',
        'norm_quantity_milli',
        'norm_per_capita',
        'target_tenths',
      ])
      .where((eb) =>
        eb(
          eb.refTuple('unit_id', 'category_id', 'year'),
          'in',
          recs.slice(i, i + CHUNK).map((r) => eb.tuple(r.unitId, r.categoryId, r.year)),
        ),
      )
      .execute();
    for (const s of rows) {
      out.set(`${s.unit_id}:${s.category_id}:${s.year}`, {
        basis: s.basis,
        normAmount: s.norm_amount,
        normQuantityMilli: s.norm_quantity_milli,
        normPerCapita: s.norm_per_capita,
        targetTenths: s.target_tenths,
      });
    }
  }
  return out;
}

export function createNormStore(ctx: StoreContext): ImportStore<NormRecord> {
  const firstRow = new Map<string, number>();
  const unitCode = new Map(ctx.lookup.units.map((u) => [u.id, u.code]));
  const catCode = new Map(ctx.lookup.categories.map((c) => [c.id, c.code]));
  const store: ImportStore<NormRecord> = {
    counts: { inserted: 0, updated: 0, unchanged: 0 },
    changes: [],
    changedPeriods: new Set(),

    check(batch) {
      const errors: ImportError[] = [];
      for (const r of batch) {
        if (ctx.allowedUnitIds && !ctx.allowedUnitIds.has(r.unitId)) {
          const code = unitCode.get(r.unitId) ?? String(r.unitId);
          errors.push(unitForbidden(r.row, 'Mã đơn vị', code, code));
          continue;
        }
        const k = `${r.unitId}:${r.categoryId}:${r.year}`;
        const first = firstRow.get(k);
        if (first !== undefined) {
          errors.push(
            importError(
              r.row,
              'Khoản chi',
              catCode.get(r.categoryId) ?? '',
              'duplicate_row',
              `Trùng đơn vị, năm và khoản chi với dòng ${first}; hãy xóa một dòng.`,
            ),
          );
        } else firstRow.set(k, r.row);
      }
      return errors;
    },

    async write(batch) {
      const existing = await selectExisting(ctx.trx, batch);
      const writes: NormRecord[] = [];
      for (const r of batch) {
        const old = existing.get(`${r.unitId}:${r.categoryId}:${r.year}`);
        const key = `${unitCode.get(r.unitId)}/${catCode.get(r.categoryId)}/${r.year}`;
        if (!old) {
          store.counts.inserted++;
          pushChange(store.changes, { row: r.row, key, action: 'insert', before: null, after: view(r) });
        } else if (
          old.basis !== r.basis ||
          old.normAmount !== r.normAmount ||
          old.normQuantityMilli !== r.normQuantityMilli ||
          old.normPerCapita !== r.normPerCapita ||
          old.targetTenths !== r.targetTenths
        ) {
          store.counts.updated++;
          pushChange(store.changes, { row: r.row, key, action: 'update', before: view(old), after: view(r) });
        } else {
          store.counts.unchanged++;
          continue;
        }
        writes.push(r);
        for (const p of monthsOfYear(r.year)) store.changedPeriods.add(p);
      }
      for (let i = 0; i < writes.length; i += CHUNK) {
        await ctx.trx
          .insertInto('settings')
          .values(
            writes.slice(i, i + CHUNK).map((r) => ({
              unit_id: r.unitId,
              category_id: r.categoryId,
              year: r.year,
              basis: r.basis,
              norm_amount: r.normAmount,
              norm_quantity_milli: r.normQuantityMilli,
              norm_per_capita: r.normPerCapita,
              target_tenths: r.targetTenths,
              updated_at: ctx.now,
              updated_by: ctx.actor,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['unit_id', 'category_id', 'year']).doUpdateSet((eb) => ({
              basis: eb.ref('excluded.basis'),
              norm_amount: eb.ref('excluded.norm_amount'),
              norm_quantity_milli: eb.ref('excluded.norm_quantity_milli'),
              norm_per_capita: eb.ref('excluded.norm_per_capita'),
              target_tenths: eb.ref('excluded.target_tenths'),
              updated_at: eb.ref('excluded.updated_at'),
              updated_by: eb.ref('excluded.updated_by'),
            })),
          )
          .execute();
      }
    },

    async finish() {
      return [];
    },
  };
  return store;
}
