/** Rules on the unit tree: leaves (divisions), lookup by code. Subtrees: domain/unit-tree.ts. */
import type { Db } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { listUnitRows, type UnitRow } from './units.repository.ts';

/** Units without children (the divisions that submit figures), in id order. */
export function leafRows(rows: UnitRow[]): UnitRow[] {
  const parents = new Set(rows.map((r) => r.parent_id).filter((p) => p != null));
  return rows.filter((r) => !parents.has(r.id));
}

/** The unit with this code, or 404 unit not found. */
export async function requireUnit(db: Db, code: string): Promise<{ row: UnitRow; all: UnitRow[] }> {
  const all = await listUnitRows(db);
  const row = all.find((r) => r.code === code);
  if (!row) throw notFound(`đơn vị mã ${code}`, { unit: code }, { entity: 'unit', key: code });
  return { row, all };
}
