/**
 * The "before" and "after" of an audited change: a figure's value, a unit's own setting row. The
 * feature's service reads them inside its transaction, around the change, and passes them to
 * recordAudit there.
 */
import type { Db } from '../db/schema.ts';

export interface FigureSnapshot {
  amount: number;
  quantity: number | null;
  note: string | null;
}

/** The stored figure of a unit, category and period, or null when there is none. */
export async function figureSnapshot(
  db: Db,
  unitCode: string,
  categoryCode: string,
  period: string,
): Promise<FigureSnapshot | null> {
  const r = await db
    .selectFrom('figures as f')
    .innerJoin('units as u', 'u.id', 'f.unit_id')
    .innerJoin('categories as c', 'c.id', 'f.category_id')
    .select(['f.amount', 'f.quantity_milli', 'f.note'])
    .where('u.code', '=', unitCode)
    .where('c.code', '=', categoryCode)
    .where('f.period', '=', period)
    .executeTakeFirst();
  return r
    ? {
        amount: Number(r.amount),
        quantity: r.quantity_milli == null ? null : Number(r.quantity_milli) / 1000,
        note: r.note,
      }
    : null;
}

export interface SettingSnapshot {
  basis: string | null;
  normAmount: number | null;
  normQuantity: number | null;
  normPerCapita: number | null;
  targetPct: number | null;
}

/** A unit's own setting row for a category and year, or null when it inherits. */
export async function settingSnapshot(
  db: Db,
  unitCode: string,
  categoryCode: string,
  year: number,
): Promise<SettingSnapshot | null> {
  const r = await db
    .selectFrom('settings as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .innerJoin('categories as c', 'c.id', 's.category_id')
    .select(['s.basis', 's.norm_amount', 's.norm_quantity_milli', 's.norm_per_capita', 's.target_tenths'])
    .where('u.code', '=', unitCode)
    .where('c.code', '=', categoryCode)
    .where('s.year', '=', year)
    .executeTakeFirst();
  if (!r) return null;
  const n = (v: number | null) => (v == null ? null : Number(v));
  return {
    basis: r.basis,
    normAmount: n(r.norm_amount),
    normQuantity: r.norm_quantity_milli == null ? null : Number(r.norm_quantity_milli) / 1000,
    normPerCapita: n(r.norm_per_capita),
    targetPct: r.target_tenths == null ? null : Number(r.target_tenths) / 10,
  };
}

/** True when two snapshots differ (a correction to the same value is not a change). */
export const changed = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b);
