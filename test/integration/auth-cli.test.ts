/** The first administrator and API tokens through the real CLI process, then used through the app. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { runCli } from '../helpers/cli.ts';

const cli = (t: TestApp, args: string[], stdin?: string) => runCli(t.tdb.url, args, { stdin });

describe('accounts CLI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates the first administrator with the password from stdin, who can then sign in', async () => {
    const r = await cli(
      t,
      ['users', 'add', '--role', 'admin', '--email', 'Lan@STTTT.gov.vn', '--name', 'Nguyễn Thị Lan'],
      'mật khẩu thật dài 2026\n',
    );
    expect(r.code, r.stderr).toBe(0);
    const login = await t.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'lan@stttt.gov.vn', password: 'mật khẩu thật dài 2026' }),
      as: 'anonymous',
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ isAdmin: true, name: 'Nguyễn Thị Lan' });
    const short = await cli(t, ['users', 'add', '--role', 'viewer', '--email', 'x@y.vn'], 'ngắn\n');
    expect(short.code).toBe(2);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor', 'actor_kind'])
      .where('action', '=', 'user.create')
      .where('entity_key', '=', 'lan@stttt.gov.vn')
      .executeTakeFirstOrThrow();
    expect(audit.actor_kind).toBe('cli');
    expect(audit.actor).toMatch(/^cli:/);
  }, 120_000);

  it('prints a token once, which works until revoked', async () => {
    const r = await cli(t, ['tokens', 'create', '--email', 'lan@stttt.gov.vn', '--name', 'MISA', '--scope', 'write']);
    expect(r.code, r.stderr).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^tk_[\w-]{40,}$/);
    const me = await t.request('/api/auth/me', { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ via: 'token', tokenScope: 'write' });
    const list = await cli(t, ['tokens', 'list', '--json']);
    const { tokens } = JSON.parse(list.stdout) as { tokens: { id: number; name: string; scope: string }[] };
    const id = tokens.find((x) => x.name === 'MISA')!.id;
    expect(tokens.find((x) => x.name === 'MISA')!.scope).toBe('write');
    expect(
      (await cli(t, ['tokens', 'create', '--email', 'lan@stttt.gov.vn', '--name', 'x', '--scope', 'all'])).code,
    ).toBe(2);
    expect(list.stdout).not.toContain(token);
    expect((await cli(t, ['tokens', 'revoke', '--id', String(id)])).code).toBe(0);
    expect((await t.request('/api/auth/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  }, 120_000);
});
