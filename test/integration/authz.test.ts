/**
 * Authorization in practice: a finance officer's file touching a unit outside their subtree is
 * refused whole (403 naming that unit, nothing stored); viewers change nothing; listings show
 * only the caller's units; writes record the caller as actor; tokens act with their owner's scope.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { testEmail } from '../helpers/identities.ts';

import { SAMPLES } from '../fixtures/samples.ts';

function upload(t: TestApp, name: string, content: string | Uint8Array, as: string, kind = 'figures') {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', new File([content as BlobPart], name));
  return t.request('/api/imports', { method: 'POST', body: form, as });
}

const figuresCount = async (t: TestApp) =>
  Number(
    (
      await t.deps.db
        .selectFrom('figures')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('authorization by unit subtree', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const res = await upload(t, 'units.csv', fs.readFileSync(`${SAMPLES}/units.csv`), 'admin', 'units');
    expect(res.status, await res.clone().text()).toBe(200);
  });
  afterAll(() => t.close());

  it("refuses a finance officer's file that touches one unit outside the subtree, naming it, storing nothing", async () => {
    const csv = [
      'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú',
      'STTTT-VP,2026-10,Văn phòng phẩm,1250000,,',
      'STTTT-VP,2026-10,Cước điện thoại,800000,,',
      'STTTT-BCXB,2026-10,Văn phòng phẩm,500000,,',
    ].join('\n');
    const res = await upload(t, 'thang-10.csv', csv, 'officer:STTTT-VP');
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unit_forbidden');
    expect(body.error.message).toContain('STTTT-BCXB');
    expect(await figuresCount(t)).toBe(0);

    const own = await upload(t, 'thang-10.csv', csv.split('\n').slice(0, 3).join('\n'), 'officer:STTTT-VP');
    expect(own.status).toBe(200);
    expect(await figuresCount(t)).toBe(2);
    const stored = await t.deps.db.selectFrom('figures').select('updated_by').execute();
    expect(stored.every((f) => f.updated_by === testEmail('officer:STTTT-VP'))).toBe(true);
  });

  it('lets an officer of the parent write for a child unit', async () => {
    const csv = [
      'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú',
      'STTTT-BCXB,2026-10,Văn phòng phẩm,500000,,',
    ].join('\n');
    expect((await upload(t, 'bcxb.csv', csv, 'officer:STTTT')).status).toBe(200);
  });

  it('refuses every write from a viewer, even on their own unit', async () => {
    const csv = ['Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú', 'STTTT-VP,2026-09,Văn phòng phẩm,1,,'].join(
      '\n',
    );
    const res = await upload(t, 'x.csv', csv, 'viewer:STTTT-VP');
    expect(res.status).toBe(403);
    const put = await t.request('/api/figures', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unitCode: 'STTTT-VP', categoryCode: 'stationery', period: '2026-10', amount: 1 }),
      as: 'viewer:STTTT-VP',
    });
    expect(put.status).toBe(403);
  });

  it('lets an officer correct a figure of their unit (actor recorded) and not of another', async () => {
    const body = (unitCode: string) =>
      JSON.stringify({ unitCode, categoryCode: 'stationery', period: '2026-10', amount: 1_300_000 });
    const ok = await t.request('/api/figures', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: body('STTTT-VP'),
      as: 'officer:STTTT-VP',
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    const no = await t.request('/api/figures', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: body('STTTT-BCXB'),
      as: 'officer:STTTT-VP',
    });
    expect(no.status).toBe(403);
    expect(await no.json()).toMatchObject({ error: { code: 'unit_forbidden', details: { unit: 'STTTT-BCXB' } } });
  });

  it('lists only the units the caller may see', async () => {
    const res = await t.request('/api/units', { as: 'viewer:STTTT-VP' });
    const { units } = (await res.json()) as { units: { code: string }[] };
    expect(units.map((u) => u.code)).toEqual(['STTTT-VP']);
    const all = (await (await t.request('/api/units', { as: 'viewer:STTTT' })).json()) as { units: unknown[] };
    expect(all.units).toHaveLength(6);
  });

  it('refuses results of a unit outside the subtree and of the whole tree, allows its own', async () => {
    expect((await t.request('/api/results?unit=STTTT-BCXB&year=2026', { as: 'viewer:STTTT-VP' })).status).toBe(403);
    expect((await t.request('/api/results?year=2026', { as: 'viewer:STTTT-VP' })).status).toBe(403);
    expect((await t.request('/api/results?unit=STTTT-VP&year=2026', { as: 'viewer:STTTT-VP' })).status).toBe(200);
    expect((await t.request('/api/results?year=2026', { as: 'viewer:STTTT' })).status).toBe(200);
  });

  it("gives an API token exactly its owner's scope", async () => {
    await t.request('/api/auth/me', { as: 'officer:STTTT-TT' }); // creates the identity
    const created = await t.request('/api/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'kế toán tự động', scope: 'write' }),
      as: 'officer:STTTT-TT',
      via: 'session',
    });
    const { token } = (await created.json()) as { token: string };
    const csv = ['Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú', 'STTTT-VP,2026-08,Văn phòng phẩm,1,,'].join(
      '\n',
    );
    const form = new FormData();
    form.set('file', new File([csv], 'a.csv'));
    const res = await t.request('/api/imports', {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(403);
  });

  it('keeps the unit tree and user management to administrators', async () => {
    const res = await upload(t, 'units.csv', fs.readFileSync(`${SAMPLES}/units.csv`), 'officer:STTTT', 'units');
    expect(res.status).toBe(403);
    expect((await t.request('/api/users', { as: 'officer:STTTT' })).status).toBe(403);
    expect((await t.request('/api/audit', { as: 'viewer:STTTT' })).status).toBe(403);
  });
});

describe('import reports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await upload(t, 'units.csv', fs.readFileSync(`${SAMPLES}/units.csv`), 'admin', 'units')).status).toBe(200);
  });
  afterAll(() => t.close());

  it('show a finance officer only their own imports', async () => {
    const csv = (unit: string) =>
      ['Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú', `${unit},2026-10,Văn phòng phẩm,1250000,,`].join('\n');
    const a = (await (await upload(t, 'vp.csv', csv('STTTT-VP'), 'officer:STTTT-VP')).json()) as { id: number };
    const b = (await (await upload(t, 'tt.csv', csv('STTTT-TT'), 'officer:STTTT-TT')).json()) as { id: number };
    const list = (await (await t.request('/api/imports', { as: 'officer:STTTT-VP' })).json()) as {
      imports: { id: number }[];
    };
    expect(list.imports.map((i) => i.id)).toEqual([a.id]);
    expect((await t.request(`/api/imports/${b.id}`, { as: 'officer:STTTT-VP' })).status).toBe(404);
    expect((await t.request(`/api/imports/${b.id}`, { as: 'officer:STTTT-TT' })).status).toBe(200);
    const all = (await (await t.request('/api/imports')).json()) as { imports: unknown[] };
    expect(all.imports.length).toBe(3);
  });
});
