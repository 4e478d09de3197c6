/**
 * The audit trail: one row per change with who, when, from where, before/after; administrators
 * read it with filters; nobody (not even our own code) can rewrite it.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { testEmail } from '../helpers/identities.ts';
import type { AuditEntry } from '../../domain/schemas/audit.ts';
import { runMonthlyClose } from '../../jobs/monthly-close.ts';
import { SAMPLES } from '../fixtures/samples.ts';

const JSON_HEADERS = { 'content-type': 'application/json' };
const ADMIN = testEmail('admin');

async function audit(t: TestApp, q: Record<string, string> = {}): Promise<AuditEntry[]> {
  const res = await t.request(`/api/audit?${new URLSearchParams(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: AuditEntry[] }).entries;
}

describe('audit trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: '1' });
    const form = new FormData();
    form.set('kind', 'units');
    form.set('file', new File([fs.readFileSync(`${SAMPLES}/units.csv`)], 'units.csv'));
    expect((await t.request('/api/imports', { method: 'POST', body: form })).status).toBe(200);
  });
  afterAll(() => t.close());

  it('records user changes with actor, address, before and after', async () => {
    const created = await t.request('/api/users', {
      method: 'POST',
      headers: { ...JSON_HEADERS, 'x-forwarded-for': '192.0.2.10' },
      body: JSON.stringify({
        email: 'hoa@stttt.gov.vn',
        name: 'Lê Hoa',
        password: 'mật khẩu đủ dài 123',
        grants: [{ role: 'officer', unitCode: 'STTTT-VP' }],
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    await t.request(`/api/users/${id}`, {
      method: 'PATCH',
      headers: JSON_HEADERS,
      body: JSON.stringify({ grants: [{ role: 'viewer', unitCode: 'STTTT' }], active: false }),
    });

    const [update, create] = await audit(t, { action: 'user', entityKey: 'hoa@stttt.gov.vn' });
    expect(create).toMatchObject({
      action: 'user.create',
      actor: ADMIN,
      actorKind: 'token',
      ip: '192.0.2.10',
      entityType: 'user',
      after: { email: 'hoa@stttt.gov.vn', password: 'set' },
    });
    expect(JSON.stringify(create)).not.toContain('mật khẩu đủ dài');
    expect(update).toMatchObject({
      action: 'user.update',
      before: { active: true, grants: [{ role: 'officer', unitCode: 'STTTT-VP' }] },
      after: { active: false, grants: [{ role: 'viewer', unitCode: 'STTTT' }] },
    });
  });

  it('records token creation, each write made with a token, and revocation', async () => {
    const res = await t.request('/api/tokens', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ name: 'MISA', scope: 'write' }),
      as: 'officer:STTTT-VP',
      via: 'session',
    });
    const { token, info } = (await res.json()) as { token: string; info: { id: number } };
    const figure = { unitCode: 'STTTT-VP', categoryCode: 'stationery', period: '2026-09', amount: 5_000 };
    const write = await t.request('/api/figures', {
      method: 'PUT',
      headers: { ...JSON_HEADERS, authorization: `Bearer ${token}` },
      body: JSON.stringify(figure),
    });
    expect(write.status).toBe(200);
    await t.request(`/api/tokens/${info.id}`, { method: 'DELETE', via: 'session' });
    const rows = await audit(t, { action: 'token', actor: testEmail('officer:STTTT-VP') });
    const actions = rows.map((r) => r.action);
    expect(actions).toContain('token.create');
    expect(rows.find((r) => r.action === 'token.use' && r.entityKey === String(info.id))).toMatchObject({
      actorKind: 'token',
      after: { method: 'PUT', route: '/api/figures', status: 200 },
    });
    expect((await audit(t, { action: 'token.revoke', entityKey: String(info.id) }))[0]).toMatchObject({
      actor: ADMIN,
      before: { name: 'MISA' },
    });
  });

  it('records an import with its file and counts', async () => {
    const rows = await audit(t, { action: 'units.import' });
    expect(rows[0]).toMatchObject({
      actor: ADMIN,
      entityType: 'import',
      after: { fileName: 'units.csv', inserted: 6 },
    });
  });

  it('records a correction with the value before and after', async () => {
    const put = (amount: number) =>
      t.request('/api/figures', {
        method: 'PUT',
        headers: JSON_HEADERS,
        body: JSON.stringify({ unitCode: 'STTTT-VP', categoryCode: 'stationery', period: '2026-10', amount }),
        as: 'officer:STTTT-VP',
      });
    expect((await put(1_250_000)).status).toBe(200);
    expect((await put(1_300_000)).status).toBe(200);
    const [second, first] = await audit(t, { action: 'figure.correct', entityKey: 'STTTT-VP/stationery/2026-10' });
    expect(first).toMatchObject({
      actor: testEmail('officer:STTTT-VP'),
      unitCode: 'STTTT-VP',
      before: null,
      after: { amount: 1_250_000 },
    });
    expect(second).toMatchObject({ before: { amount: 1_250_000 }, after: { amount: 1_300_000 } });
  });

  it('records setting changes', async () => {
    const res = await t.request('/api/settings', {
      method: 'PUT',
      headers: JSON_HEADERS,
      body: JSON.stringify({
        unitCode: 'STTTT-VP',
        categoryCode: 'phone',
        year: 2026,
        basis: null,
        normAmount: null,
        normQuantity: null,
        normPerCapita: null,
        targetPct: 25,
      }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await t.request('/api/settings?unit=STTTT-VP&category=phone&year=2026', { method: 'DELETE' })).status).toBe(
      204,
    );
    const rows = await audit(t, { action: 'setting', entityKey: 'STTTT-VP/phone/2026' });
    expect(rows.map((r) => r.action)).toEqual(['setting.clear', 'setting.update']);
    expect(rows[1]).toMatchObject({ after: { targetPct: 25 } });
  });

  it('records locks, reopenings and email resends', async () => {
    await t.request('/api/recipients', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ unitCode: 'STTTT', email: 'giamdoc@stttt.gov.vn', name: 'Giám đốc' }),
    });
    await runMonthlyClose(t.deps, '2026-10');
    expect(
      (
        await t.request('/api/locks', {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({ period: '2026-10' }),
        })
      ).status,
    ).toBe(201);
    expect((await t.request('/api/locks/2026-10', { method: 'DELETE' })).status).toBe(204);
    expect((await audit(t, { action: 'recipient.create' }))[0]).toMatchObject({
      actor: ADMIN,
      after: { email: 'giamdoc@stttt.gov.vn', unitCode: 'STTTT' },
    });
    const locks = await audit(t, { action: 'period', entityKey: '2026-10' });
    expect(locks.map((r) => [r.action, r.actor])).toEqual([
      ['period.unlock', ADMIN],
      ['period.lock', ADMIN],
    ]);

    const outbox = await t.deps.db.selectFrom('email_outbox').select('id').orderBy('id').execute();
    expect(outbox.length).toBeGreaterThan(0);
    const res = await t.request(`/api/emails/${outbox[0].id}/resend`, { method: 'POST' });
    expect(res.status, await res.clone().text()).toBe(202);
    const [resend] = await audit(t, { action: 'email.resend' });
    expect(resend).toMatchObject({
      actor: ADMIN,
      entityType: 'email',
      entityKey: String(outbox[0].id),
      unitCode: 'STTTT',
      after: { to: 'giamdoc@stttt.gov.vn', period: '2026-10' },
    });
  });

  it('records sign-in and sign-out', async () => {
    await t.request('/api/users', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({
        email: 'an@stttt.gov.vn',
        name: 'An',
        password: 'mật khẩu đủ dài 123',
        grants: [{ role: 'viewer', unitCode: null }],
      }),
    });
    const login = await t.request('/api/auth/login', {
      method: 'POST',
      headers: { ...JSON_HEADERS, 'x-forwarded-for': '198.51.100.4' },
      body: JSON.stringify({ email: 'an@stttt.gov.vn', password: 'mật khẩu đủ dài 123' }),
      as: 'anonymous',
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    await t.request('/api/auth/logout', { method: 'POST', headers: { cookie, origin: 'http://localhost' } });
    const rows = await audit(t, { action: 'auth', actor: 'an@stttt.gov.vn' });
    expect(rows.map((r) => r.action)).toEqual(['auth.logout', 'auth.login']);
    expect(rows[1].ip).toBe('198.51.100.4');
  });

  it('filters by time and pages backwards', async () => {
    const all = await audit(t, { limit: '500' });
    expect(all.length).toBeGreaterThan(5);
    const page1 = await t.request('/api/audit?limit=3');
    const body = (await page1.json()) as { entries: AuditEntry[]; nextBefore: number };
    expect(body.entries.map((e) => e.id)).toEqual(all.slice(0, 3).map((e) => e.id));
    const page2 = await audit(t, { limit: '3', before: String(body.nextBefore) });
    expect(page2.map((e) => e.id)).toEqual(all.slice(3, 6).map((e) => e.id));
    expect(await audit(t, { to: '2000-01-01' })).toEqual([]);
    expect((await audit(t, { from: '2026-11-06', to: '2026-11-06' })).length).toBe(all.length);
  });

  it('takes the action filter literally: % and _ are not wildcards', async () => {
    expect((await audit(t, { action: 'user' })).length).toBeGreaterThan(0);
    expect(await audit(t, { action: '%' })).toEqual([]);
    expect(await audit(t, { action: '%.' })).toEqual([]);
    expect(await audit(t, { action: 'use_' })).toEqual([]);
    expect(await audit(t, { action: 'user.%' })).toEqual([]);
    expect(await audit(t, { action: '_' })).toEqual([]);
  });

  it('is append-only: the database refuses UPDATE and DELETE', async () => {
    await expect(sql`update audit_log set actor = 'someone else'`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    expect((await audit(t, { limit: '500' })).every((r) => r.actor !== 'someone else')).toBe(true);
  });
});
