/** SQL for units. */
import type { Selectable } from 'kysely';
import type { Db, UnitTable } from '../db/schema.ts';
import type { Unit } from '../../domain/schemas/unit.ts';

export type UnitRow = Pick<Selectable<UnitTable>, 'id' | 'code' | 'name' | 'parent_id' | 'headcount' | 'aliases'>;

export function listUnitRows(db: Db): Promise<UnitRow[]> {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'parent_id', 'headcount', 'aliases'])
    .orderBy('id')
    .execute();
}

/** Rows to API shapes (parent id → parent code). */
export function toUnits(rows: UnitRow[]): Unit[] {
  const codeById = new Map(rows.map((r) => [r.id, r.code]));
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    parentCode: r.parent_id == null ? null : (codeById.get(r.parent_id) ?? null),
    headcount: r.headcount,
    aliases: JSON.parse(r.aliases) as string[],
  }));
}

/** Insert or update units by code (name, headcount, aliases); parents are set separately. */
export async function upsertUnitRows(
  db: Db,
  rows: { code: string; name: string; headcount: number; aliases: string[] }[],
  now: string,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('units')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          code: r.code,
          name: r.name,
          headcount: r.headcount,
          aliases: JSON.stringify(r.aliases),
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          headcount: eb.ref('excluded.headcount'),
          aliases: eb.ref('excluded.aliases'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export async function setUnitParent(db: Db, id: number, parentId: number | null, now: string): Promise<void> {
  await db.updateTable('units').set({ parent_id: parentId, updated_at: now }).where('id', '=', id).execute();
}
