/**
 * Test identities for t.request(path, { as }): 'admin' (default), 'officer:UNIT', 'viewer:UNIT',
 * 'officer' / 'viewer' (whole tree), 'anonymous'. Each is a real user with a real grant and an
 * API token, created on first use in the test's database; the unit must exist by then.
 */
import type { AppDeps } from '../../server/deps.ts';
import { createUser } from '../../server/users/users.service.ts';
import { createApiToken } from '../../server/auth/auth.service.ts';
import { findUserByEmail } from '../../server/users/users.repository.ts';
import type { Role } from '../../domain/schemas/account.ts';

export const testEmail = (as: string): string => `${as.replace(':', '.').toLowerCase()}@test.tietkiem.vn`;

/** The bearer token of a test identity, or null for 'anonymous'. */
export async function identityToken(deps: AppDeps, as: string, cache: Map<string, string>): Promise<string | null> {
  if (as === 'anonymous') return null;
  const hit = cache.get(as);
  if (hit) return hit;
  const [role, unitCode] = as.split(':') as [Role, string | undefined];
  if (!['admin', 'officer', 'viewer'].includes(role)) throw new Error(`unknown test identity '${as}'`);
  const email = testEmail(as);
  const system = { actor: null, actorKind: 'system' as const, ip: null };
  if (!(await findUserByEmail(deps.db, email))) {
    await createUser(deps, { email, name: `Test ${as}`, grants: [{ role, unitCode: unitCode ?? null }] }, system);
  }
  const { token } = await createApiToken(deps, email, 'test', system, 'write');
  cache.set(as, token);
  return token;
}

/**
 * A session cookie ('tk_session=…') of a test identity, as if it had signed in in a browser: for
 * the routes only a session may call (tokens, sign-out, password; server/auth/policy.ts).
 */
export async function identitySession(deps: AppDeps, as: string, cache: Map<string, string>): Promise<string | null> {
  if (as === 'anonymous') return null;
  const hit = cache.get(as);
  if (hit) return hit;
  await identityToken(deps, as, new Map()); // creates the user on first use
  const user = await findUserByEmail(deps.db, testEmail(as));
  const { insertSession } = await import('../../server/auth/sessions.repository.ts');
  const { newSecret, sha256Hex } = await import('../../server/auth/passwords.ts');
  const value = newSecret();
  const now = deps.clock.now();
  await insertSession(deps.db, {
    id_hash: sha256Hex(value),
    user_id: Number(user!.id),
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + deps.env.SESSION_ABSOLUTE_HOURS * 3_600_000).toISOString(),
    ip: null,
    user_agent: 'test',
  });
  const cookie = `tk_session=${value}`;
  cache.set(as, cookie);
  return cookie;
}

/**
 * A bearer token of a fresh administrator, written straight into a database: for tests that talk
 * to a server process (fetch) rather than through t.request. Send it as `authorization: Bearer …`.
 * @example const auth = { authorization: `Bearer ${await adminBearer(tdb.db)}` };
 */
export async function adminBearer(db: AppDeps['db'], email = 'admin.process@test.tietkiem.vn'): Promise<string> {
  const { insertUser, replaceGrants } = await import('../../server/users/users.repository.ts');
  const { insertToken } = await import('../../server/auth/sessions.repository.ts');
  const { newSecret, sha256Hex } = await import('../../server/auth/passwords.ts');
  const at = new Date().toISOString();
  const existing = await findUserByEmail(db, email);
  const userId = existing
    ? Number(existing.id)
    : await insertUser(db, { email, name: 'Test admin (process)', password_hash: null, at });
  if (!existing) await replaceGrants(db, userId, [{ role: 'admin', unitId: null }], at);
  const token = newSecret('tk_');
  await insertToken(db, {
    user_id: userId,
    name: 'test',
    token_hash: sha256Hex(token),
    prefix: token.slice(0, 8),
    created_at: at,
    created_by: null,
    last_used_at: null,
    revoked_at: null,
  });
  return token;
}
