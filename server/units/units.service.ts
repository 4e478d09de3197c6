/** Rules on the unit tree: subtrees, leaves (divisions), lookup by code. */
import type { Db } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { listUnitRows, type UnitRow } from './units.repository.ts';

/** Ids of `root` and every unit below it. */
export function subtreeIds(rows: UnitRow[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const r of rows)
    if (r.parent_id != null) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r.id]);
  const out: number[] = [];
  const seen = new Set<number>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

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
