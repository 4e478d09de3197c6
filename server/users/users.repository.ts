/** SQL for users and their role grants. */
import type { Db } from '../db/schema.ts';
import type { Role } from './users.tables.ts';
import type { GrantRef } from '../auth/scope.ts';
import './users.tables.ts';

export interface UserRow {
  id: number;
  email: string;
  name: string;
  password_hash: string | null;
  active: number;
  created_at: string;
}

const USER_COLUMNS = ['id', 'email', 'name', 'password_hash', 'active', 'created_at'] as const;

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function listUserRows(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').select(USER_COLUMNS).orderBy('email').execute();
}

export async function insertUser(
  db: Db,
  row: { email: string; name: string; password_hash: string | null; at: string },
): Promise<number> {
  const r = await db
    .insertInto('users')
    .values({
      email: row.email,
      name: row.name,
      password_hash: row.password_hash,
      active: 1,
      created_at: row.at,
      updated_at: row.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateUserRow(
  db: Db,
  id: number,
  patch: { name?: string; active?: number; password_hash?: string | null; at: string },
): Promise<void> {
  const { at, ...rest } = patch;
  await db
    .updateTable('users')
    .set({ ...rest, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Grants of the given users, with the unit code of each grant's root. */
export async function grantsOf(db: Db, userIds: number[]): Promise<Map<number, GrantRef[]>> {
  const out = new Map<number, GrantRef[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('role_grants as g')
    .leftJoin('units as u', 'u.id', 'g.unit_id')
    .select(['g.user_id', 'g.role', 'g.unit_id', 'u.code as unit_code'])
    .where('g.user_id', 'in', userIds)
    .orderBy('g.id')
    .execute();
  for (const r of rows) {
    const list = out.get(Number(r.user_id)) ?? [];
    list.push({
      role: r.role,
      unitId: r.unit_id == null ? null : Number(r.unit_id),
      unitCode: r.unit_code ?? null,
    });
    out.set(Number(r.user_id), list);
  }
  return out;
}

export async function replaceGrants(
  db: Db,
  userId: number,
  grants: { role: Role; unitId: number | null }[],
  at: string,
): Promise<void> {
  await db.deleteFrom('role_grants').where('user_id', '=', userId).execute();
  if (grants.length === 0) return;
  await db
    .insertInto('role_grants')
    .values(grants.map((g) => ({ user_id: userId, role: g.role, unit_id: g.unitId, created_at: at })))
    .execute();
}

export async function unitIdsByCode(db: Db, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'code']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, Number(r.id)]));
}
