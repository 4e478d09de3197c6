/** SQL for summary recipients. */
import type { Db } from '../db/schema.ts';
import type { RecipientRole } from '../../domain/schemas/recipient.ts';
import './recipients.tables.ts';

export interface RecipientRow {
  id: number;
  unit_id: number;
  unit_code: string;
  name: string;
  email: string;
  lang: 'vi' | 'en';
  active: number;
  role: RecipientRole | null;
}

function baseSelect(db: Db) {
  return db
    .selectFrom('recipients as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['r.id', 'r.unit_id', 'u.code as unit_code', 'r.name', 'r.email', 'r.lang', 'r.active', 'r.role']);
}

export function listRecipientRows(
  db: Db,
  filter: { unitId?: number; activeOnly?: boolean } = {},
): Promise<RecipientRow[]> {
  let q = baseSelect(db);
  if (filter.unitId !== undefined) q = q.where('r.unit_id', '=', filter.unitId);
  if (filter.activeOnly) q = q.where('r.active', '=', 1);
  return q.orderBy('u.code').orderBy('r.id').execute();
}

export async function getRecipientRow(db: Db, id: number): Promise<RecipientRow | undefined> {
  return baseSelect(db).where('r.id', '=', id).executeTakeFirst();
}

export async function findUnitIdByCode(
  db: Db,
  code: string,
): Promise<{ id: number; code: string; name: string } | undefined> {
  return db.selectFrom('units').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
}

export async function findRecipientByUnitEmail(
  db: Db,
  unitId: number,
  email: string,
): Promise<{ id: number } | undefined> {
  return db
    .selectFrom('recipients')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('email', '=', email)
    .executeTakeFirst();
}

export async function insertRecipient(
  db: Db,
  v: {
    unit_id: number;
    name: string;
    email: string;
    lang: 'vi' | 'en';
    active: number;
    role?: RecipientRole | null;
    now: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('recipients')
    .values({
      unit_id: v.unit_id,
      name: v.name,
      email: v.email,
      lang: v.lang,
      active: v.active,
      role: v.role ?? null,
      created_at: v.now,
      updated_at: v.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRecipient(
  db: Db,
  id: number,
  v: Partial<{ name: string; email: string; lang: 'vi' | 'en'; active: number; role: RecipientRole | null }> & {
    now: string;
  },
): Promise<void> {
  const { now, ...set } = v;
  await db
    .updateTable('recipients')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteRecipient(db: Db, id: number): Promise<boolean> {
  const r = await db.deleteFrom('recipients').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
