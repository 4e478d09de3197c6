import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { insertWorkedExample, SAMPLES } from './results.fixtures.ts';
import { runMonthlyClose } from '../../jobs/monthly-close.ts';
import { assertPeriodsOpen } from '../../server/locks/locks.service.ts';
import { importFile } from '../../server/imports/imports.service.ts';

const json = (body: unknown, method: string) => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('period locks (khóa sổ)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await insertWorkedExample(t.deps.db);
  });
  afterAll(() => t.close());

  it('only a closed period can be locked', async () => {
    const r = await t.request('/api/locks', json({ period: '2020-12' }, 'POST'));
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ error: { code: 'period_not_closed' } });
  });

  it('locks a closed period and lists it', async () => {
    await runMonthlyClose(t.deps, '2020-12');
    const r = await t.request('/api/locks', json({ period: '2020-12' }, 'POST'));
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject({ period: '2020-12' });
    expect((await t.request('/api/locks', json({ period: '2020-12' }, 'POST'))).status).toBe(409);
    const list = (await (await t.request('/api/locks')).json()) as { locks: { period: string }[] };
    expect(list.locks.map((l) => l.period)).toEqual(['2020-12']);
  });

  it('refuses corrections, imports and settings changes touching a locked period, naming it', async () => {
    await expect(assertPeriodsOpen(t.deps.db, ['2020-11', '2020-12'])).rejects.toMatchObject({
      status: 423,
      code: 'period_locked',
      details: { periods: ['2020-12'] },
    });
    await expect(assertPeriodsOpen(t.deps.db, ['2020-11'])).resolves.toBeUndefined();

    const fix = await t.request(
      '/api/figures',
      json({ unitCode: 'STTTT', categoryCode: 'phone', period: '2020-12', amount: 1 }, 'PUT'),
    );
    expect(fix.status).toBe(423);
    const body = (await fix.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('period_locked');
    expect(body.error.message).toContain('Tháng 12/2020');

    await expect(
      importFile(
        t.deps,
        { path: `${SAMPLES}/figures-long-2019-2020.csv`, fileName: 'figures-long-2019-2020.csv' },
        { kind: 'figures', actor: 't' },
      ),
    ).rejects.toMatchObject({
      status: 423,
      code: 'period_locked',
    });

    const put = await t.request(
      '/api/settings',
      json(
        {
          unitCode: 'STTTT',
          categoryCode: 'phone',
          year: 2020,
          basis: null,
          normAmount: null,
          normQuantity: null,
          normPerCapita: null,
          targetPct: 25,
        },
        'PUT',
      ),
    );
    expect(put.status).toBe(423);
    // an open period of another year is still writable
    const ok = await t.request(
      '/api/figures',
      json({ unitCode: 'STTTT', categoryCode: 'phone', period: '2021-01', amount: 1 }, 'PUT'),
    );
    expect(ok.status).toBe(200);
  });

  it('reopening lets changes through again', async () => {
    expect((await t.request('/api/locks/2020-12', { method: 'DELETE' })).status).toBe(204);
    expect((await t.request('/api/locks/2020-12', { method: 'DELETE' })).status).toBe(404);
    const fix = await t.request(
      '/api/figures',
      json({ unitCode: 'STTTT', categoryCode: 'phone', period: '2020-12', amount: 1 }, 'PUT'),
    );
    expect(fix.status).toBe(200);
    // the correction made the closed month stale: it can not be locked until closed again
    expect((await t.request('/api/locks', json({ period: '2020-12' }, 'POST'))).status).toBe(409);
    await runMonthlyClose(t.deps, '2020-12');
    expect((await t.request('/api/locks', json({ period: '2020-12' }, 'POST'))).status).toBe(201);
  });
});
