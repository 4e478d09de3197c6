/** SQL for server-side sessions, API tokens, login failures and known sign-in browsers. */
import type { Insertable } from 'kysely';
import type { Database, Db } from '../db/schema.ts';
import type { ApiTokenTable } from './auth.tables.ts';

export async function insertSession(db: Db, row: Database['sessions']): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The session with its (active) user, or undefined. */
export function findSession(db: Db, idHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id_hash', 's.user_id', 's.last_seen_at', 's.expires_at', 'u.email', 'u.name', 'u.active'])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: number): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db, now: string, idleBefore: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
    .execute();
}

export async function insertToken(db: Db, row: Insertable<ApiTokenTable>): Promise<number> {
  const r = await db.insertInto('api_tokens').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** The (unrevoked) token with its (active) user, or undefined. */
export function findToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.user_id',
      't.name as token_name',
      't.last_used_at',
      't.revoked_at',
      't.scope',
      'u.email',
      'u.name',
      'u.active',
    ])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchToken(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export function listTokenRows(db: Db, userId?: number) {
  let q = db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.name',
      'u.email',
      't.prefix',
      't.created_at',
      't.last_used_at',
      't.revoked_at',
      't.user_id',
      't.scope',
    ]);
  if (userId !== undefined) q = q.where('t.user_id', '=', userId);
  return q.orderBy('t.id').execute();
}

export async function revokeTokenRow(db: Db, id: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function addLoginFailure(db: Db, keys: string[], at: string, account: string): Promise<void> {
  await db
    .insertInto('login_failures')
    .values(keys.map((key) => ({ key, at, account })))
    .execute();
}

/** Distinct accounts named by the failures under `key` since `since`, and the last failure's time. */
export async function countLoginFailureAccounts(
  db: Db,
  key: string,
  since: string,
): Promise<{ count: number; last: string | null }> {
  const r = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.count<number>('account').distinct().as('n'), eb.fn.max('at').as('last')])
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirst();
  return { count: Number(r?.n ?? 0), last: (r?.last as string | null) ?? null };
}

export async function insertLoginDevice(db: Db, row: Database['login_devices']): Promise<void> {
  await db.insertInto('login_devices').values(row).execute();
}

/** The known browser with this cookie hash and the email of the account it signed in to. */
export function findLoginDevice(db: Db, idHash: string) {
  return db
    .selectFrom('login_devices as d')
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .select(['d.id_hash', 'd.user_id', 'd.expires_at', 'u.email'])
    .where('d.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function touchLoginDevice(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('login_devices').set({ last_used_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteLoginDevice(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('login_devices').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredLoginDevices(db: Db, now: string): Promise<void> {
  await db.deleteFrom('login_devices').where('expires_at', '<=', now).execute();
}

export async function countLoginFailures(
  db: Db,
  key: string,
  since: string,
): Promise<{ count: number; last: string | null }> {
  const r = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirst();
  return { count: Number(r?.n ?? 0), last: (r?.last as string | null) ?? null };
}

export async function clearLoginFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}

export async function pruneLoginFailures(db: Db, before: string): Promise<void> {
  await db.deleteFrom('login_failures').where('at', '<', before).execute();
}
