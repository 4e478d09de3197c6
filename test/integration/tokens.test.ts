/**
 * API tokens are for automation, not for managing access (issue 18, finding 4): token management
 * and session routes need a signed-in browser session; a token carries a scope (read, or read and
 * write within its owner's grants) and can never mint another token. A new sign-in in the same
 * browser ends the session that browser had.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser } from '../../server/users/users.service.ts';

const SYSTEM = { actor: null, actorKind: 'system' as const, ip: null };
const PASSWORD = 'mật khẩu đủ dài 123';
const JSON_HEADERS = { 'content-type': 'application/json' };
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0];

async function signIn(t: TestApp, email: string, cookie?: string): Promise<string> {
  const res = await t.request('/api/auth/login', {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...(cookie ? { cookie, origin: 'http://localhost' } : {}) },
    body: JSON.stringify({ email, password: PASSWORD }),
    as: 'anonymous',
  });
  expect(res.status).toBe(200);
  return cookieOf(res);
}

/** A token made the supported way: by a signed-in person, in the browser. */
async function newToken(
  t: TestApp,
  cookie: string,
  body: Record<string, unknown>,
): Promise<{ token: string; id: number }> {
  const res = await t.request('/api/tokens', {
    method: 'POST',
    headers: { ...JSON_HEADERS, cookie, origin: 'http://localhost' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  const { token, info } = (await res.json()) as { token: string; info: { id: number } };
  return { token, id: info.id };
}

const bearer = (token: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
});

describe('API tokens and sessions', () => {
  let t: TestApp;
  let adminCookie: string;
  let officerCookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    const at = '2026-11-01T00:00:00Z';
    const root = await t.deps.db
      .insertInto('units')
      .values({
        code: 'STTTT',
        name: 'Sở',
        parent_id: null,
        headcount: 9,
        aliases: '[]',
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const code of ['STTTT-VP', 'STTTT-TT'])
      await t.deps.db
        .insertInto('units')
        .values({
          code,
          name: code,
          parent_id: Number(root.id),
          headcount: 3,
          aliases: '[]',
          created_at: at,
          updated_at: at,
        })
        .execute();
    await createUser(
      t.deps,
      { email: 'admin@stttt.gov.vn', name: 'Admin', password: PASSWORD, grants: [{ role: 'admin', unitCode: null }] },
      SYSTEM,
    );
    await createUser(
      t.deps,
      {
        email: 'ketoan@stttt.gov.vn',
        name: 'Kế toán',
        password: PASSWORD,
        grants: [{ role: 'officer', unitCode: 'STTTT-VP' }],
      },
      SYSTEM,
    );
    adminCookie = await signIn(t, 'admin@stttt.gov.vn');
    officerCookie = await signIn(t, 'ketoan@stttt.gov.vn');
  });
  afterAll(() => t.close());

  it('refuses token management and session routes to a bearer token (403 session_required)', async () => {
    const { token, id } = await newToken(t, adminCookie, { name: 'tự động', scope: 'write' });
    const attempts: [string, RequestInit][] = [
      ['/api/tokens', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ name: 'con' }) }],
      ['/api/tokens', {}],
      [`/api/tokens/${id}`, { method: 'DELETE' }],
      ['/api/auth/logout-all', { method: 'POST' }],
      ['/api/auth/logout', { method: 'POST' }],
      [
        '/api/auth/password',
        {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({ current: PASSWORD, password: 'x'.repeat(12) }),
        },
      ],
    ];
    for (const [path, init] of attempts) {
      const res = await t.request(path, bearer(token, init));
      expect(res.status, `${init.method ?? 'GET'} ${path}`).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'session_required' } });
    }
    // No child token was made, no session ended, the token itself still works.
    const names = await t.deps.db.selectFrom('api_tokens').select('name').execute();
    expect(names.map((n) => n.name)).not.toContain('con');
    expect((await t.request('/api/auth/me', { headers: { cookie: adminCookie } })).status).toBe(200);
    expect((await t.request('/api/auth/me', bearer(token))).status).toBe(200);
  });

  it('gives a read token reads only, whatever its owner may do (403 insufficient_scope)', async () => {
    const { token } = await newToken(t, adminCookie, { name: 'chỉ đọc', scope: 'read' });
    expect((await t.request('/api/results?year=2026', bearer(token))).status).toBe(200);
    expect((await t.request('/api/users', bearer(token))).status).toBe(200);
    const lock = await t.request(
      '/api/locks',
      bearer(token, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ period: '2026-09' }) }),
    );
    expect(lock.status).toBe(403);
    expect(await lock.json()).toMatchObject({ error: { code: 'insufficient_scope' } });
    expect(await t.deps.db.selectFrom('period_locks').selectAll().execute()).toEqual([]);
    const me = (await (await t.request('/api/auth/me', bearer(token))).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ via: 'token', tokenScope: 'read', writableUnits: [] });
  });

  it('makes a read token unless the person asks for write, and lists the scope', async () => {
    const { id } = await newToken(t, officerCookie, { name: 'mặc định' });
    const list = await t.request('/api/tokens', { headers: { cookie: officerCookie } });
    const { tokens } = (await list.json()) as { tokens: { id: number; scope: string }[] };
    expect(tokens.find((x) => x.id === id)?.scope).toBe('read');
  });

  it("lets a write token write within its owner's grants, and no further", async () => {
    const { token } = await newToken(t, officerCookie, { name: 'MISA', scope: 'write' });
    const figure = (unitCode: string) =>
      bearer(token, {
        method: 'PUT',
        headers: JSON_HEADERS,
        body: JSON.stringify({ unitCode, categoryCode: 'stationery', period: '2026-10', amount: 1_000 }),
      });
    expect((await t.request('/api/figures', figure('STTTT-VP'))).status).toBe(200);
    const other = await t.request('/api/figures', figure('STTTT-TT'));
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ error: { code: 'unit_forbidden' } });
  });

  it('ends the earlier session when the same browser signs in again', async () => {
    const first = await signIn(t, 'ketoan@stttt.gov.vn');
    expect((await t.request('/api/auth/me', { headers: { cookie: first } })).status).toBe(200);
    // The browser still holds the first cookie when it signs in again (as someone else, here).
    const second = await signIn(t, 'admin@stttt.gov.vn', first);
    expect(second).not.toBe(first);
    expect((await t.request('/api/auth/me', { headers: { cookie: first } })).status).toBe(401);
    expect((await t.request('/api/auth/me', { headers: { cookie: second } })).status).toBe(200);
    // Sessions of other browsers are untouched.
    expect((await t.request('/api/auth/me', { headers: { cookie: officerCookie } })).status).toBe(200);
  });
});
