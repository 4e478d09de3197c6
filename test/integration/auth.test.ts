/** Sign-in, sessions (idle and absolute expiry, logout, logout everywhere), API tokens. Lockout: lockout.test.ts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser } from '../../server/users/users.service.ts';

const SYSTEM = { actor: null, actorKind: 'system' as const, ip: null };
const ORIGIN = 'http://localhost';
const PASSWORD = 'mật khẩu đủ dài 123';

async function login(t: TestApp, email: string, password: string, headers: Record<string, string> = {}) {
  return t.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
    as: 'anonymous',
  });
}
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0];
const withCookie = (cookie: string, init: RequestInit = {}) => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), cookie, origin: ORIGIN },
});

describe('sign-in and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: '1' });
    await createUser(
      t.deps,
      {
        email: 'Lan.Nguyen@stttt.gov.vn',
        name: 'Nguyễn Thị Lan',
        password: PASSWORD,
        grants: [{ role: 'admin', unitCode: null }],
      },
      SYSTEM,
    );
    await createUser(
      t.deps,
      {
        email: 'binh@stttt.gov.vn',
        name: 'Trần Bình',
        password: PASSWORD,
        grants: [{ role: 'admin', unitCode: null }],
      },
      SYSTEM,
    );
  });
  afterAll(() => t.close());

  it('answers 401 JSON to an anonymous API call', async () => {
    const res = await t.request('/api/auth/me', { as: 'anonymous' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('signs in (email case-insensitive) with an httpOnly SameSite=Lax cookie, not Secure over http', async () => {
    const res = await login(t, 'lan.nguyen@STTTT.gov.vn', PASSWORD);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      email: 'lan.nguyen@stttt.gov.vn',
      via: 'session',
      isAdmin: true,
      readableUnits: null,
    });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^tk_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    const me = await t.request('/api/auth/me', withCookie(cookieOf(res)));
    expect(me.status).toBe(200);
    // The cookie value itself is nowhere in the database.
    const rows = await t.deps.db.selectFrom('sessions').select('id_hash').execute();
    expect(rows.map((r) => r.id_hash)).not.toContain(cookieOf(res).split('=')[1]);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const a = await login(t, 'nobody@stttt.gov.vn', PASSWORD, { 'x-forwarded-for': '10.0.0.2' });
    const b = await login(t, 'binh@stttt.gov.vn', 'wrong password!', { 'x-forwarded-for': '10.0.0.2' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(await a.json()).toEqual(await b.json());
  });

  it('ends a session after the idle time and after the absolute time', async () => {
    t.clock.set('2026-11-06T00:00:00Z');
    const cookie = cookieOf(await login(t, 'binh@stttt.gov.vn', PASSWORD));
    t.clock.set('2026-11-06T00:59:00Z');
    expect((await t.request('/api/auth/me', withCookie(cookie))).status).toBe(200);
    t.clock.set('2026-11-06T02:00:00Z'); // 61 min idle
    const idle = await t.request('/api/auth/me', withCookie(cookie));
    expect(idle.status).toBe(401);

    t.clock.set('2026-11-07T00:00:00Z');
    const c2 = cookieOf(await login(t, 'binh@stttt.gov.vn', PASSWORD));
    for (let h = 0.5; h < 12; h += 0.5) {
      t.clock.set(new Date(Date.parse('2026-11-07T00:00:00Z') + h * 3_600_000));
      expect((await t.request('/api/auth/me', withCookie(c2))).status).toBe(200);
    }
    t.clock.set('2026-11-07T12:00:01Z'); // active all along, but 12 h after sign-in
    expect((await t.request('/api/auth/me', withCookie(c2))).status).toBe(401);
    t.clock.set('2026-11-06T00:00:00Z');
  });

  it('logs out one session, and everywhere', async () => {
    const c1 = cookieOf(await login(t, 'binh@stttt.gov.vn', PASSWORD));
    const c2 = cookieOf(await login(t, 'binh@stttt.gov.vn', PASSWORD));
    const c3 = cookieOf(await login(t, 'binh@stttt.gov.vn', PASSWORD));
    expect((await t.request('/api/auth/logout', withCookie(c1, { method: 'POST' }))).status).toBe(204);
    expect((await t.request('/api/auth/me', withCookie(c1))).status).toBe(401);
    expect((await t.request('/api/auth/me', withCookie(c2))).status).toBe(200);
    const all = await t.request('/api/auth/logout-all', withCookie(c2, { method: 'POST' }));
    expect(await all.json()).toEqual({ sessionsEnded: 2 });
    expect((await t.request('/api/auth/me', withCookie(c3))).status).toBe(401);
  });

  it('changing the password ends the other sessions', async () => {
    const c1 = cookieOf(await login(t, 'binh@stttt.gov.vn', PASSWORD));
    const c2 = cookieOf(await login(t, 'binh@stttt.gov.vn', PASSWORD));
    const wrong = await t.request(
      '/api/auth/password',
      withCookie(c1, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ current: 'nope nope nope', password: 'một mật khẩu mới 456' }),
      }),
    );
    expect(wrong.status).toBe(403);
    const res = await t.request(
      '/api/auth/password',
      withCookie(c1, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ current: PASSWORD, password: 'một mật khẩu mới 456' }),
      }),
    );
    expect(res.status).toBe(204);
    expect((await t.request('/api/auth/me', withCookie(c1))).status).toBe(200);
    expect((await t.request('/api/auth/me', withCookie(c2))).status).toBe(401);
    expect((await login(t, 'binh@stttt.gov.vn', 'một mật khẩu mới 456')).status).toBe(200);
  });

  it('API tokens: shown once, stored hashed, act as their owner, revocable', async () => {
    const created = await t.request('/api/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'kế toán MISA' }),
      via: 'session',
    });
    expect(created.status).toBe(201);
    const { token, info } = (await created.json()) as { token: string; info: { id: number; prefix: string } };
    expect(token).toMatch(/^tk_/);
    const stored = await t.deps.db
      .selectFrom('api_tokens')
      .select(['token_hash'])
      .where('id', '=', info.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const me = await t.request('/api/auth/me', { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ via: 'token', email: 'admin@test.tietkiem.vn' });
    expect((await t.request(`/api/tokens/${info.id}`, { method: 'DELETE', via: 'session' })).status).toBe(204);
    const after = await t.request('/api/auth/me', { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: 'invalid_token' } });
  });

  // The sign-in lockout (per account and address, per account, per address, known browsers) is
  // tested in lockout.test.ts.
});

describe('over HTTPS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BASE_URL: 'https://tietkiem.stttt.gov.vn' });
    await createUser(
      t.deps,
      { email: 'a@b.vn', name: 'A', password: PASSWORD, grants: [{ role: 'viewer', unitCode: null }] },
      SYSTEM,
    );
  });
  afterAll(() => t.close());

  it('marks the session cookie Secure and sends HSTS', async () => {
    const res = await login(t, 'a@b.vn', PASSWORD);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });
});
