/**
 * Sign-in, sessions and API tokens. A session is a random cookie value whose sha256 is the
 * row key; it ends after SESSION_IDLE_MINUTES without a request or SESSION_ABSOLUTE_HOURS after
 * sign-in, whichever comes first. Tokens are random too, stored hashed, revocable, and act
 * with their owner's grants.
 */
import type { AppDeps } from '../deps.ts';
import { databaseFault } from '../db/errors.ts';
import { readChangeStamp, stampHolds } from '../db/change-stamp.ts';
import { isoNow } from '../clock.ts';
import { AppError, notFound } from '../errors.ts';
import { recordAudit, type AuditActor } from '../audit/audit.repository.ts';
import { findUserByEmail } from '../users/users.repository.ts';
import { hashPassword, newSecret, sha256Hex, verifyPassword } from './passwords.ts';
import { buildPrincipal, type Principal } from './principal.ts';
import { clearAfterSuccess, loginRetryAfter, recordLoginFailure, type LoginAttempt } from './throttle.ts';
import { knownDeviceOf, rememberDevice } from './devices.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  findSession,
  findToken,
  insertSession,
  insertToken,
  listTokenRows,
  revokeTokenRow,
  touchSession,
  touchToken,
} from './sessions.repository.ts';
import type { ApiToken, TokenScope } from '../../domain/schemas/account.ts';

// Writing last_seen_at on every request would make every read a write; a minute is precise enough.
const TOUCH_EVERY_MS = 60_000;

/** One message for unknown email, wrong password and inactive account: no enumeration. */
export const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Email hoặc mật khẩu không đúng.');

export class TooManyAttempts extends AppError {
  constructor(readonly retryAfter: number) {
    super(
      429,
      'too_many_attempts',
      `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(retryAfter / 60)} phút.`,
      { retryAfter },
    );
  }
}

export interface LoginResult {
  /** The cookie value: shown once, never stored. */
  sessionToken: string;
  expiresAt: string;
  userId: number;
  email: string;
  /** A new device cookie to set (this browser is now known for this account), or null to keep the one sent. */
  device: { value: string; expiresAt: string } | null;
}

export async function login(
  deps: AppDeps,
  input: {
    email: string;
    password: string;
    ip: string;
    userAgent: string | null;
    /** The session cookie this browser still holds, if any: a new sign-in ends that session. */
    previousSession?: string;
    /** The browser's device cookie, if any (./devices.ts). */
    device?: string;
  },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const attempt: LoginAttempt = { email, ip: input.ip, knownDevice: await knownDeviceOf(deps, input.device, email) };
  const wait = await loginRetryAfter(deps, attempt);
  if (wait !== null) throw new TooManyAttempts(wait);
  const user = await findUserByEmail(deps.db, email);
  const ok = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !ok || user.active !== 1) {
    await recordLoginFailure(deps, attempt);
    throw invalidCredentials();
  }
  await clearAfterSuccess(deps, attempt);
  const device = await rememberDevice(deps, Number(user.id), input.device, attempt.knownDevice);
  const now = deps.clock.now();
  const at = now.toISOString();
  await deleteExpiredSessions(
    deps.db,
    at,
    new Date(now.getTime() - deps.env.SESSION_IDLE_MINUTES * 60_000).toISOString(),
  );
  // One browser, one session: signing in again (as anyone) ends the session this browser had.
  if (input.previousSession) await deleteSession(deps.db, sha256Hex(input.previousSession));
  const sessionToken = newSecret();
  const expiresAt = new Date(now.getTime() + deps.env.SESSION_ABSOLUTE_HOURS * 3_600_000).toISOString();
  await insertSession(deps.db, {
    id_hash: sha256Hex(sessionToken),
    user_id: Number(user.id),
    created_at: at,
    last_seen_at: at,
    expires_at: expiresAt,
    ip: input.ip,
    user_agent: input.userAgent?.slice(0, 300) ?? null,
  });
  await recordAudit(deps.db, {
    actor: email,
    actorKind: 'user',
    ip: input.ip,
    at,
    action: 'auth.login',
    entityType: 'user',
    entityKey: email,
  });
  return { sessionToken, expiresAt, userId: Number(user.id), email, device };
}

/**
 * "Last seen" is bookkeeping: a database that cannot take the write now (locked by another
 * process, disk full, connection lost) must not turn a read into a 503. The next request tries
 * again, as the stamp was not moved.
 */
async function bestEffortTouch(deps: AppDeps, touch: () => Promise<unknown>): Promise<void> {
  try {
    await touch();
  } catch (e) {
    if (!databaseFault(e)) throw e;
    deps.logger.debug({ err: e }, 'auth: last-seen stamp not written');
  }
}

type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;
type TokenRow = NonNullable<Awaited<ReturnType<typeof findToken>>>;

/**
 * The callers identified recently, per database handle: the session or token row and the
 * principal built from it (grants, scope, unit tree), reused while the change stamp
 * (db/change-stamp.ts) is unchanged, i.e. while nothing was written to the sessions, tokens,
 * users, grants or units (on SQLite: to anything), by this instance or another. The time checks
 * (expiry, idle limit, last-seen touch) still run on every request; a touch is a write, so the
 * next request reads the row again. Measured: the token lookup, the grants and the principal
 * were ~11 % of a cached results request.
 */
const identities = (() => {
  const MAX = 1000;
  type Entry = { stamp: string; row: unknown; principal: Principal };
  const byDb = new WeakMap<object, Map<string, Entry>>();
  return {
    get(db: object, key: string, stamp: string | null) {
      const e = byDb.get(db)?.get(key);
      return e && stampHolds(e.stamp, stamp) ? e : undefined;
    },
    set(db: object, key: string, stamp: string | null, row: unknown, principal: Principal) {
      if (stamp === null) return;
      let m = byDb.get(db);
      if (!m) byDb.set(db, (m = new Map<string, Entry>()));
      m.delete(key);
      m.set(key, { stamp, row, principal });
      if (m.size > MAX) m.delete(m.keys().next().value!);
    },
  };
})();

/**
 * sha256 of a presented token or session cookie, remembered for the last few hundred secrets seen:
 * hashing was ~3 % of a cached results request. Only the hash ever reaches the database.
 */
const secretHashes = new Map<string, string>();
function hashOfSecret(secret: string): string {
  let h = secretHashes.get(secret);
  if (h === undefined) {
    h = sha256Hex(secret);
    if (secretHashes.size >= 500) secretHashes.delete(secretHashes.keys().next().value!);
    secretHashes.set(secret, h);
  }
  return h;
}

/** The caller behind a session cookie value, or null when unknown, expired or the user is inactive. */
export async function identifySession(
  deps: AppDeps,
  sessionToken: string,
  stamp?: string | null,
): Promise<Principal | null> {
  const idHash = hashOfSecret(sessionToken);
  if (stamp === undefined) stamp = await readChangeStamp(deps.db);
  let hit = identities.get(deps.db, `s:${idHash}`, stamp);
  let s = hit ? (hit.row as SessionRow) : await findSession(deps.db, idHash);
  if (!s) return null;
  const now = deps.clock.now();
  const ended = (r: SessionRow) =>
    r.active !== 1 ||
    now.getTime() >= Date.parse(r.expires_at) ||
    now.getTime() >= Date.parse(r.last_seen_at) + deps.env.SESSION_IDLE_MINUTES * 60_000;
  // A cached row may hold an older last-seen stamp than the database (the stamp of a touch reaches
  // this instance's cache a little later, or a touch failed): read the row before ending a session.
  if (hit && ended(s)) {
    hit = undefined;
    s = await findSession(deps.db, idHash);
    if (!s) return null;
  }
  if (ended(s)) {
    await deleteSession(deps.db, idHash);
    return null;
  }
  if (now.getTime() - Date.parse(s.last_seen_at) >= TOUCH_EVERY_MS) {
    const at = now.toISOString();
    await bestEffortTouch(deps, async () => {
      await touchSession(deps.db, idHash, at);
      s.last_seen_at = at; // the cached row follows (it is the same object)
    });
  }
  if (hit) return hit.principal;
  const principal = await buildPrincipal(deps, {
    userId: Number(s.user_id),
    email: s.email,
    name: s.name,
    via: 'session',
    sessionHash: idHash,
    expiresAt: s.expires_at,
  });
  identities.set(deps.db, `s:${idHash}`, stamp, s, principal);
  return principal;
}

/** The caller behind a bearer token, or null when unknown, revoked or the owner is inactive. */
export async function identifyToken(deps: AppDeps, token: string, stamp?: string | null): Promise<Principal | null> {
  const hash = hashOfSecret(token);
  if (stamp === undefined) stamp = await readChangeStamp(deps.db);
  const hit = identities.get(deps.db, `t:${hash}`, stamp);
  const t = hit ? (hit.row as TokenRow) : await findToken(deps.db, hash);
  if (!t || t.revoked_at != null || t.active !== 1) return null;
  const now = deps.clock.now();
  if (!t.last_used_at || now.getTime() - Date.parse(t.last_used_at) >= TOUCH_EVERY_MS)
    await bestEffortTouch(deps, () => touchToken(deps.db, Number(t.id), now.toISOString()));
  if (hit) return hit.principal;
  const principal = await buildPrincipal(deps, {
    userId: Number(t.user_id),
    email: t.email,
    name: t.name,
    via: 'token',
    tokenId: Number(t.id),
    tokenScope: t.scope,
    expiresAt: null,
  });
  identities.set(deps.db, `t:${hash}`, stamp, t, principal);
  return principal;
}

export async function logout(deps: AppDeps, p: Principal, ip: string): Promise<void> {
  if (p.sessionHash) await deleteSession(deps.db, p.sessionHash);
  await recordAudit(deps.db, {
    actor: p.email,
    actorKind: 'user',
    ip,
    at: isoNow(deps.clock),
    action: 'auth.logout',
    entityType: 'user',
    entityKey: p.email,
  });
}

/** Ends every session of the user (all browsers, all devices). Returns how many ended. */
export async function logoutEverywhere(deps: AppDeps, userId: number, email: string, by: AuditActor): Promise<number> {
  const n = await deleteSessionsOfUser(deps.db, userId);
  await recordAudit(deps.db, {
    ...by,
    at: isoNow(deps.clock),
    action: 'auth.logout_all',
    entityType: 'user',
    entityKey: email,
    after: { sessionsEnded: n },
  });
  return n;
}

export async function changeOwnPassword(
  deps: AppDeps,
  p: Principal,
  current: string,
  next: string,
  ip: string,
): Promise<void> {
  const user = await findUserByEmail(deps.db, p.email);
  if (!user || !(await verifyPassword(user.password_hash, current)))
    throw new AppError(403, 'wrong_password', 'Mật khẩu hiện tại không đúng.');
  const hash = await hashPassword(next);
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, updated_at: at }).where('id', '=', p.userId).execute();
    // Other sessions (perhaps the reason for the change) end; this one stays.
    let q = trx.deleteFrom('sessions').where('user_id', '=', p.userId);
    if (p.sessionHash) q = q.where('id_hash', '!=', p.sessionHash);
    await q.execute();
    await recordAudit(trx, {
      actor: p.email,
      actorKind: 'user',
      ip,
      at,
      action: 'user.password',
      entityType: 'user',
      entityKey: p.email,
    });
  });
}

/**
 * Creates an API token for the user with this email; the token is returned once and only its hash
 * kept. `scope` 'read' (the default) lets it read only; 'write' read and write, within the owner's
 * grants. Over HTTP only a signed-in session may call this (policy.ts: a token never mints a token).
 */
export async function createApiToken(
  deps: AppDeps,
  email: string,
  name: string,
  by: AuditActor,
  scope: TokenScope = 'read',
): Promise<{ token: string; info: ApiToken }> {
  const user = await findUserByEmail(deps.db, email);
  if (!user) throw notFound(`người dùng ${email}`);
  const token = newSecret('tk_');
  const at = isoNow(deps.clock);
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await insertToken(trx, {
      user_id: Number(user.id),
      name,
      token_hash: sha256Hex(token),
      prefix: token.slice(0, 8),
      created_at: at,
      created_by: by.actor ?? null,
      last_used_at: null,
      revoked_at: null,
      scope,
    });
    await recordAudit(trx, {
      ...by,
      at,
      action: 'token.create',
      entityType: 'api_token',
      entityKey: String(id),
      after: { owner: user.email, name, prefix: token.slice(0, 8), scope },
    });
    return id;
  });
  return {
    token,
    info: {
      id,
      name,
      email: user.email,
      prefix: token.slice(0, 8),
      createdAt: at,
      lastUsedAt: null,
      revokedAt: null,
      scope,
    },
  };
}

export async function listApiTokens(deps: AppDeps, userId?: number): Promise<ApiToken[]> {
  const rows = await listTokenRows(deps.db, userId);
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    email: r.email,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    scope: r.scope,
  }));
}

/** Revokes a token; `ownerId` restricts to one user's tokens (non-admins revoke only their own). */
export async function revokeApiToken(deps: AppDeps, id: number, by: AuditActor, ownerId?: number): Promise<void> {
  const token = (await listTokenRows(deps.db, ownerId)).find((t) => Number(t.id) === id);
  if (!token) throw notFound(`token ${id}`);
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await revokeTokenRow(trx, id, at))) return;
    await recordAudit(trx, {
      ...by,
      at,
      action: 'token.revoke',
      entityType: 'api_token',
      entityKey: String(id),
      before: { owner: token.email, name: token.name, prefix: token.prefix },
    });
  });
}
