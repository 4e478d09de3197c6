/**
 * The results endpoints' response cache (server/results/results.cache.ts) never serves an answer
 * older than the database: after a correction through the API, or a write by another connection
 * (the CLI, a second instance), the next answer has the new numbers. ETag and If-None-Match → 304.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { insertWorkedExample } from './results.fixtures.ts';
import { runMonthlyClose } from '../../jobs/monthly-close.ts';
import { monthRange } from '../../domain/months.ts';
import { withOtherConnection, writeFigureAmount } from '../helpers/other-connection.ts';
import type { ResultsResponse } from '../../domain/schemas/results.ts';
import { createApp } from '../../server/app.ts';
import { createApiToken } from '../../server/auth/auth.service.ts';
import { createUser } from '../../server/users/users.service.ts';

const URL = '/api/results?unit=STTTT&year=2020';

describe('results response cache', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof insertWorkedExample>>;
  const stationery = async () => {
    const res = await t.request(URL);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ResultsResponse;
    return { etag: res.headers.get('etag'), ytd: body.categories.find((c) => c.code === 'stationery')!.ytd };
  };

  beforeAll(async () => {
    t = await createTestApp();
    ids = await insertWorkedExample(t.deps.db);
    for (const p of monthRange('2019-01', '2020-12')) expect((await runMonthlyClose(t.deps, p)).status).toBe('closed');
  });
  afterAll(() => t.close());

  it('answers a closed year with a strong ETag, and 304 without a body when the client has it', async () => {
    const a = await stationery();
    expect(a.etag).toMatch(/^"[\w-]+"$/);
    expect(a.ytd.actual).toBe(43_200_000);
    expect((await stationery()).etag).toBe(a.etag);
    const again = await t.request(URL, { headers: { 'if-none-match': a.etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await t.request(URL, { headers: { 'if-none-match': '"something-else"' } })).status).toBe(200);
  });

  it('shows a correction made through the API at once', async () => {
    const before = await stationery();
    const put = await t.request('/api/figures', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unitCode: 'STTTT', categoryCode: 'stationery', period: '2020-05', amount: 0 }),
    });
    expect(put.status).toBe(200);
    const after = await stationery();
    expect(after.ytd.actual).toBeLessThan(before.ytd.actual!);
    expect(after.etag).not.toBe(before.etag);
  });

  it('shows a write by another connection (the CLI, another instance) at once', async () => {
    for (const p of monthRange('2020-01', '2020-12')) await runMonthlyClose(t.deps, p); // closed and fresh again
    const before = await stationery();
    expect((await stationery()).etag).toBe(before.etag); // served from the cache
    await withOtherConnection(t.tdb.url, (db) =>
      writeFigureAmount(db, { period: '2020-06', categoryId: ids.cats.get('stationery')!, amount: 1_000_000 }),
    );
    // On PostgreSQL this instance learns of the other connection's commit by NOTIFY (milliseconds).
    await expect
      .poll(async () => (await stationery()).ytd.actual, { timeout: 5000, interval: 20 })
      .not.toBe(before.ytd.actual);
    expect((await stationery()).etag).not.toBe(before.etag);
  });

  it('sees a renamed unit even when every month stays closed and fresh', async () => {
    const before = (await (await t.request(URL)).json()) as ResultsResponse;
    await withOtherConnection(t.tdb.url, (db) =>
      db
        .updateTable('units')
        .set({ name: 'Sở TT&TT (đổi tên)', updated_at: new Date().toISOString() })
        .where('code', '=', 'STTTT')
        .execute(),
    );
    expect(before.unit.name).not.toBe('Sở TT&TT (đổi tên)');
    await expect
      .poll(async () => ((await (await t.request(URL)).json()) as ResultsResponse).unit.name, {
        timeout: 5000,
        interval: 20,
      })
      .toBe('Sở TT&TT (đổi tên)');
  });

  it('a second instance on the same database serves its cache until a write through the first, then the new numbers', async () => {
    for (const p of monthRange('2020-01', '2020-12')) await runMonthlyClose(t.deps, p);
    const by = { actor: 'test', actorKind: 'cli' as const, ip: null };
    await createUser(
      t.deps,
      { email: 'two@test.tietkiem.vn', name: 'Two', grants: [{ role: 'admin', unitCode: null }] },
      by,
    );
    const { token } = await createApiToken(t.deps, 'two@test.tietkiem.vn', 'two', by, 'write');
    await withOtherConnection(t.tdb.url, async (db) => {
      const b = createApp({ ...t.deps, db });
      const ytdOnB = async () => {
        const res = await b.request(URL, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status).toBe(200);
        const body = (await res.json()) as ResultsResponse;
        return { etag: res.headers.get('etag'), ytd: body.categories.find((c) => c.code === 'stationery')!.ytd.actual };
      };
      const first = await ytdOnB();
      expect(await ytdOnB()).toEqual(first); // cached on B
      const put = await t.request('/api/figures', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ unitCode: 'STTTT', categoryCode: 'stationery', period: '2020-07', amount: 123_000 }),
      });
      expect(put.status).toBe(200);
      // B learns of A's write by NOTIFY on PostgreSQL (milliseconds); A saw it at once (its own write).
      await expect.poll(async () => (await ytdOnB()).ytd, { timeout: 5000, interval: 20 }).not.toBe(first.ytd);
      const after = await ytdOnB();
      expect(after.etag).not.toBe(first.etag);
      const onA = await stationery(); // both instances agree
      expect(after).toEqual({ etag: onA.etag, ytd: onA.ytd.actual });
    });
  });
});
