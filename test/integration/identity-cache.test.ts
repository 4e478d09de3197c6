/**
 * The callers' identities are cached per instance (server/auth/auth.service.ts, under the change
 * stamp of server/db/change-stamp.ts), and a change made anywhere is seen: by this instance and
 * by a second instance on the same database (another process; on PostgreSQL through the NOTIFY
 * of the change_stamp triggers, within milliseconds). Revoked tokens, ended sessions, deactivated users and
 * changed grants take effect on the next request, and session time limits still apply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { insertUnits } from './results.fixtures.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/connection.ts';
import { createApp } from '../../server/app.ts';
import type { AppDeps } from '../../server/deps.ts';
import { createUser, updateUser } from '../../server/users/users.service.ts';
import { createApiToken, logoutEverywhere, revokeApiToken } from '../../server/auth/auth.service.ts';
import { identitySession, testEmail } from '../helpers/identities.ts';
import { findUserByEmail } from '../../server/users/users.repository.ts';

const by = { actor: 'test', actorKind: 'cli' as const, ip: null };

/**
 * These writes go through the services, not this instance's API: on PostgreSQL an instance learns
 * of them from the NOTIFY its listening connection receives at their commit, milliseconds later.
 */
const seen = (request: () => Response | Promise<Response>, status: number) =>
  expect.poll(async () => (await request()).status, { timeout: 5000, interval: 20 }).toBe(status);

describe('identity cache, one and two instances', () => {
  let t: TestApp;
  let other: DatabaseHandle;
  let b: ReturnType<typeof createApp>; // the second instance: its own app and database handle
  let userId: number;
  let token: string;
  let tokenId: number;
  const onB = (path: string, headers: Record<string, string>) => b.request(path, { headers });
  const bearer = () => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    await insertUnits(t.deps.db);
    const u = await createUser(
      t.deps,
      { email: 'cache@test.tietkiem.vn', name: 'Cache', grants: [{ role: 'viewer', unitCode: 'STTTT-VP' }] },
      by,
    );
    userId = u.id;
    const made = await createApiToken(t.deps, 'cache@test.tietkiem.vn', 'cache', by, 'write');
    token = made.token;
    tokenId = made.info.id;
    other = openDatabase(t.tdb.url);
    const deps: AppDeps = { ...t.deps, db: other.db };
    b = createApp(deps);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('sees changed grants at once, on this instance and on another', async () => {
    const vp = '/api/results/coverage?unit=STTTT-VP&year=2026';
    const bcxb = '/api/results/coverage?unit=STTTT-BCXB&year=2026';
    for (let i = 0; i < 2; i++) {
      expect((await onB(vp, bearer())).status).toBe(200);
      expect((await onB(bcxb, bearer())).status).toBe(403);
      expect((await t.app.request(bcxb, { headers: bearer() })).status).toBe(403);
    }
    await updateUser(t.deps, userId, { grants: [{ role: 'viewer', unitCode: 'STTTT' }] }, by);
    await seen(() => onB(bcxb, bearer()), 200);
    await seen(() => t.app.request(bcxb, { headers: bearer() }), 200);
  });

  it('refuses a token revoked on the other instance at the next request', async () => {
    const me = '/api/auth/me';
    expect((await onB(me, bearer())).status).toBe(200);
    expect((await onB(me, bearer())).status).toBe(200);
    await revokeApiToken(t.deps, tokenId, by);
    await seen(() => onB(me, bearer()), 401);
    await seen(() => t.app.request(me, { headers: bearer() }), 401);
  });

  it('refuses a session ended elsewhere, and a deactivated user', async () => {
    const cookie = (await identitySession(t.deps, 'viewer:STTTT', new Map()))!;
    const me = '/api/auth/me';
    expect((await onB(me, { cookie })).status).toBe(200);
    expect((await onB(me, { cookie })).status).toBe(200);
    const user = (await findUserByEmail(t.deps.db, testEmail('viewer:STTTT')))!;
    await logoutEverywhere(t.deps, Number(user.id), user.email, by);
    await seen(() => onB(me, { cookie }), 401);
    await seen(() => t.app.request(me, { headers: { cookie } }), 401);

    const again = (await identitySession(t.deps, 'viewer:STTTT', new Map()))!;
    await seen(() => onB(me, { cookie: again }), 200);
    await updateUser(t.deps, Number(user.id), { active: false }, by);
    await seen(() => onB(me, { cookie: again }), 401);
  });

  it('still ends a cached session at its idle limit', async () => {
    const cookie = (await identitySession(t.deps, 'viewer:STTTT-TT', new Map()))!;
    const me = '/api/auth/me';
    expect((await t.app.request(me, { headers: { cookie } })).status).toBe(200);
    expect((await t.app.request(me, { headers: { cookie } })).status).toBe(200); // cached now
    const now = t.clock.now();
    t.clock.set(new Date(now.getTime() + (t.deps.env.SESSION_IDLE_MINUTES + 1) * 60_000));
    try {
      expect((await t.app.request(me, { headers: { cookie } })).status).toBe(401);
    } finally {
      t.clock.set(now);
    }
  });

  it("keeps a session that is active on the other instance past the idle time of this one's cached row", async () => {
    const cookie = (await identitySession(t.deps, 'viewer:STTTT-VP', new Map()))!;
    const me = '/api/auth/me';
    const start = t.clock.now();
    const minutes = (m: number) => new Date(start.getTime() + m * 60_000);
    try {
      expect((await t.app.request(me, { headers: { cookie } })).status).toBe(200); // cached on this instance
      // The person works on the other instance only, every half of the idle time.
      const half = t.deps.env.SESSION_IDLE_MINUTES / 2;
      for (let m = half; m <= 3 * half; m += half) {
        t.clock.set(minutes(m));
        expect((await onB(me, { cookie })).status).toBe(200);
      }
      // Back on this instance: its cached row is older than the idle time, the session is not.
      t.clock.set(minutes(3 * half + 1));
      expect((await t.app.request(me, { headers: { cookie } })).status).toBe(200);
    } finally {
      t.clock.set(start);
    }
  });
});
