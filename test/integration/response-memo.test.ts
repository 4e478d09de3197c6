/**
 * The response memo (server/web/response-memo.ts) repeats a cached results answer without the
 * auth middleware, the validator or the route, so it must give exactly what the full path gives
 * and never outlive what that answer depended on: a write anywhere (a revoked token, changed
 * grants, a corrected figure; by this instance or another connection), the session's expiry,
 * and on the app's clock MEMO_MS (the last-used touch of the token still happens).
 */
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { insertWorkedExample } from './results.fixtures.ts';
import { runMonthlyClose } from '../../jobs/monthly-close.ts';
import { monthRange } from '../../domain/months.ts';
import { withOtherConnection, writeFigureAmount } from '../helpers/other-connection.ts';
import { createUser, updateUser } from '../../server/users/users.service.ts';
import { createApiToken, revokeApiToken } from '../../server/auth/auth.service.ts';
import { MEMO_MS } from '../../server/web/response-memo.ts';
import type { ResultsResponse } from '../../domain/schemas/results.ts';

const by = { actor: 'test', actorKind: 'cli' as const, ip: null };
const URLS = [
  '/api/results?unit=STTTT&year=2020',
  '/api/results/compare?unit=STTTT&year=2020',
  '/api/results/submissions?unit=STTTT&period=2020-12',
];

/** Writes by another connection reach a PostgreSQL instance by NOTIFY, milliseconds after commit. */
const poll = <T>(f: () => Promise<T>) => expect.poll(f, { timeout: 5000, interval: 20 });

describe('response memo of the results routes', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof insertWorkedExample>>;
  let userId: number;
  let token: string;
  let tokenId: number;
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.request(url, { headers: { authorization: `Bearer ${token}`, ...headers } });
  const whole = async (res: Response) => ({
    status: res.status,
    headers: Object.fromEntries(res.headers),
    body: Buffer.from(await res.arrayBuffer()).toString('base64'),
  });

  beforeAll(async () => {
    t = await createTestApp();
    ids = await insertWorkedExample(t.deps.db);
    for (const p of monthRange('2019-01', '2020-12')) expect((await runMonthlyClose(t.deps, p)).status).toBe('closed');
    const u = await createUser(
      t.deps,
      { email: 'memo@test.tietkiem.vn', name: 'Memo', grants: [{ role: 'viewer', unitCode: 'STTTT' }] },
      by,
    );
    userId = u.id;
    const made = await createApiToken(t.deps, 'memo@test.tietkiem.vn', 'memo', by, 'read');
    token = made.token;
    tokenId = made.info.id;
  });
  afterAll(() => t.close());

  it('repeats the full answer exactly: status, every header, the body bytes', async () => {
    for (const url of URLS) {
      const first = await whole(await get(url));
      expect(first.status).toBe(200);
      expect(first.headers['content-security-policy']).toBeTruthy();
      expect(first.headers.etag).toBeTruthy();
      for (let i = 0; i < 3; i++) expect(await whole(await get(url))).toEqual(first);
      // If-None-Match still answers 304 (the full path); a compressed answer (over 1 KB) is its own.
      expect((await get(url, { 'if-none-match': first.headers.etag })).status).toBe(304);
      const br = await whole(await get(url, { 'accept-encoding': 'br' }));
      if (Buffer.from(first.body, 'base64').length >= 1024) expect(br.headers['content-encoding']).toBe('br');
      expect(await whole(await get(url, { 'accept-encoding': 'br' }))).toEqual(br);
      if (br.headers['content-encoding'] === 'br')
        expect(brotliDecompressSync(Buffer.from(br.body, 'base64')).toString('base64')).toBe(first.body);
      expect(await whole(await get(url))).toEqual(first);
    }
  });

  it('shows a figure written by another connection, and one through the API at once', async () => {
    const url = URLS[0];
    const ytd = async () =>
      ((await (await get(url)).json()) as ResultsResponse).categories.find((c) => c.code === 'stationery')!.ytd.actual;
    const before = await ytd();
    expect(await ytd()).toBe(before);
    await withOtherConnection(t.tdb.url, (db) =>
      writeFigureAmount(db, { period: '2020-06', categoryId: ids.cats.get('stationery')!, amount: 2_000_000 }),
    );
    await poll(ytd).not.toBe(before);
    const second = await ytd();
    const put = await t.request('/api/figures', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unitCode: 'STTTT', categoryCode: 'stationery', period: '2020-05', amount: 0 }),
    });
    expect(put.status).toBe(200);
    expect(await ytd()).not.toBe(second);
    for (const p of monthRange('2020-01', '2020-12')) await runMonthlyClose(t.deps, p); // closed again
  });

  it('refuses at the next request after the grants change, then after the token is revoked', async () => {
    for (const url of URLS) for (let i = 0; i < 2; i++) expect((await get(url)).status).toBe(200);
    await updateUser(t.deps, userId, { grants: [{ role: 'viewer', unitCode: 'STTTT-VP' }] }, by);
    for (const url of URLS) await poll(async () => (await get(url)).status).toBe(403);
    await updateUser(t.deps, userId, { grants: [{ role: 'viewer', unitCode: 'STTTT' }] }, by);
    for (const url of URLS) for (let i = 0; i < 2; i++) await poll(async () => (await get(url)).status).toBe(200);
    await revokeApiToken(t.deps, tokenId, by);
    for (const url of URLS) await poll(async () => (await get(url)).status).toBe(401);
  });

  it("runs the full path again after MEMO_MS on the app's clock (the token's last-used touch), and not past a session's expiry", async () => {
    const fresh = await createApiToken(t.deps, 'memo@test.tietkiem.vn', 'memo 2', by, 'read');
    const lastUsed = async () =>
      (
        await t.deps.db
          .selectFrom('api_tokens')
          .select('last_used_at')
          .where('id', '=', fresh.info.id)
          .executeTakeFirstOrThrow()
      ).last_used_at;
    const headers = { authorization: `Bearer ${fresh.token}` };
    expect((await t.app.request(URLS[0], { headers })).status).toBe(200);
    const first = await lastUsed();
    expect(first).toBe(t.clock.now().toISOString());
    t.clock.set(new Date(t.clock.now().getTime() + Math.max(MEMO_MS, 120_000)));
    expect((await t.app.request(URLS[0], { headers })).status).toBe(200);
    expect(await lastUsed()).toBe(t.clock.now().toISOString());

    const url = URLS[1];
    expect((await t.request(url, { via: 'session' })).status).toBe(200);
    expect((await t.request(url, { via: 'session' })).status).toBe(200);
    t.clock.set(new Date(t.clock.now().getTime() + 400 * 24 * 3600_000)); // past any session's expiry
    expect((await t.request(url, { via: 'session' })).status).toBe(401);
  });

  it('does not repeat an answer once the clock is set back (the default "through" follows the clock)', async () => {
    const fresh = await createApiToken(t.deps, 'memo@test.tietkiem.vn', 'memo 3', by, 'read');
    const headers = { authorization: `Bearer ${fresh.token}` };
    const url = '/api/results?unit=STTTT&year=2026';
    const through = async () => ((await (await t.app.request(url, { headers })).json()) as { through: string }).through;
    const now = t.clock.now();
    try {
      t.clock.set('2026-08-01T05:00:00Z');
      expect(await through()).toBe('2026-07');
      t.clock.set('2026-08-01T04:59:59.500Z'); // half a second back, still August: the same answer
      expect(await through()).toBe('2026-07');
      t.clock.set('2026-07-31T05:00:00Z'); // a day back: July has not ended
      expect(await through()).toBe('2026-06');
    } finally {
      t.clock.set(now);
    }
  });
});
