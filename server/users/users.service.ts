/**
 * Users and their grants: create, change, list. Every change is audited in the same
 * transaction; deactivating a user or setting a new password ends their sessions.
 */
import type { AppDeps } from '../deps.ts';
import type { Db } from '../db/schema.ts';
import { isoNow } from '../clock.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import { recordAudit, type AuditActor } from '../audit/audit.repository.ts';
import { hashPassword } from '../auth/passwords.ts';
import { deleteSessionsOfUser } from '../auth/sessions.repository.ts';
import type { Grant, NewUser, User, UserPatch } from '../../domain/schemas/account.ts';
import type { Role } from './users.tables.ts';
import {
  findUserByEmail,
  findUserById,
  grantsOf,
  insertUser,
  listUserRows,
  replaceGrants,
  unitIdsByCode,
  updateUserRow,
  type UserRow,
} from './users.repository.ts';

async function resolveGrants(db: Db, grants: Grant[]): Promise<{ role: Role; unitId: number | null }[]> {
  const codes = [...new Set(grants.map((g) => g.unitCode).filter((c): c is string => c != null))];
  const ids = await unitIdsByCode(db, codes);
  const missing = codes.filter((c) => !ids.has(c));
  if (missing.length)
    throw new AppError(
      422,
      'unknown_unit',
      `Không có đơn vị ${missing.join(', ')}. Hãy nhập cây đơn vị trước hoặc sửa mã.`,
      { units: missing },
    );
  // Administrators act on the whole tree; a unit on an admin grant would suggest otherwise.
  return grants.map((g) => ({
    role: g.role,
    unitId: g.role === 'admin' || g.unitCode == null ? null : ids.get(g.unitCode)!,
  }));
}

function toUser(row: UserRow, grants: { role: Role; unitCode: string | null }[]): User {
  return {
    id: Number(row.id),
    email: row.email,
    name: row.name,
    active: row.active === 1,
    hasPassword: row.password_hash != null,
    grants: grants.map((g) => ({ role: g.role, unitCode: g.unitCode })),
    createdAt: row.created_at,
  };
}

export async function listUsers(deps: AppDeps): Promise<User[]> {
  const rows = await listUserRows(deps.db);
  const grants = await grantsOf(
    deps.db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => toUser(r, grants.get(Number(r.id)) ?? []));
}

export async function getUser(deps: AppDeps, id: number): Promise<User> {
  const row = await findUserById(deps.db, id);
  if (!row) throw notFound(`người dùng ${id}`);
  return toUser(row, (await grantsOf(deps.db, [id])).get(id) ?? []);
}

export async function getUserByEmail(deps: AppDeps, email: string): Promise<User> {
  const row = await findUserByEmail(deps.db, email);
  if (!row) throw notFound(`người dùng ${email}`);
  return getUser(deps, Number(row.id));
}

/** Creates a user; without a password the account can only act through API tokens. */
export async function createUser(deps: AppDeps, input: NewUser, by: AuditActor): Promise<User> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const at = isoNow(deps.clock);
  const id = await deps.db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, email)) throw conflict('user_exists', `Đã có người dùng ${email}.`);
    const grants = await resolveGrants(trx, input.grants);
    const id = await insertUser(trx, { email, name: input.name, password_hash: passwordHash, at });
    await replaceGrants(trx, id, grants, at);
    await recordAudit(trx, {
      ...by,
      at,
      action: 'user.create',
      entityType: 'user',
      entityKey: email,
      after: { email, name: input.name, grants: input.grants, password: input.password ? 'set' : 'none' },
    });
    return id;
  });
  return getUser(deps, id);
}

export async function updateUser(deps: AppDeps, id: number, patch: UserPatch, by: AuditActor): Promise<User> {
  const before = await getUser(deps, id);
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, id, {
      at,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      ...(passwordHash ? { password_hash: passwordHash } : {}),
    });
    if (patch.grants) await replaceGrants(trx, id, await resolveGrants(trx, patch.grants), at);
    // A new password or a deactivation must not leave an old session (maybe an attacker's) alive.
    if (passwordHash || patch.active === false) await deleteSessionsOfUser(trx, id);
    const after = { ...patch, ...(patch.password ? { password: 'changed' } : {}) };
    await recordAudit(trx, {
      ...by,
      at,
      action: 'user.update',
      entityType: 'user',
      entityKey: before.email,
      before: { name: before.name, active: before.active, grants: before.grants },
      after,
    });
  });
  return getUser(deps, id);
}
