/**
 * A SQLite file locked by another process (a second connection holding BEGIN IMMEDIATE, as the CLI
 * or a backup would): the server keeps answering while an upload waits for the lock, the upload is
 * stored once the lock goes, and one that cannot get it in time is refused with 503 database_busy
 * and Retry-After, nothing stored. SQLite only: PostgreSQL has row locks and no file lock.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { seedAgency } from '../fixtures/imports/fixtures.ts';

const CSV = 'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú\nSTTTT-VP,2026-10,Văn phòng phẩm,1.250.000,,\n';

function upload(t: TestApp) {
  const form = new FormData();
  form.set('file', new File([CSV], 'khoa.csv'));
  form.set('kind', 'figures');
  return t.request('/api/imports', { method: 'POST', body: form });
}

async function figureCount(t: TestApp): Promise<number> {
  const r = await t.deps.db
    .selectFrom('figures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The newest import row with `status`, once it is there (failure records are written when the database can take them). */
async function waitForHistory(t: TestApp, status: 'failed' | 'refused') {
  for (let i = 0; i < 100; i++) {
    const row = await t.deps.db
      .selectFrom('imports')
      .selectAll()
      .where('status', '=', status)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (row) return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no import row with status ${status}`);
}

describe('a SQLite file locked by another process', () => {
  let t: TestApp;
  let other: Database.Database;
  beforeAll(async () => {
    t = await createTestApp({ DB_BUSY_WAIT_SECONDS: '2' });
    await seedAgency(t.deps);
    other = new Database(t.tdb.url);
    // Signs the test administrator in (its account and token are written on first use) before any lock.
    expect((await t.request('/api/units')).status).toBe(200);
  });
  afterAll(async () => {
    other.close();
    await t.close();
  });

  it('keeps the server answering while an upload waits, then stores the upload once the lock goes', async () => {
    other.exec('BEGIN IMMEDIATE');
    let settled = false;
    const pending = upload(t).finally(() => (settled = true));
    try {
      await new Promise((r) => setTimeout(r, 300));
      // The event loop is free: requests that need no write lock answer while the upload still
      // waits for the lock (before, better-sqlite3's busy wait froze the loop until it gave up).
      expect((await t.request('/api/health')).status).toBe(200);
      expect((await t.request('/api/units')).status).toBe(200);
      expect(settled).toBe(false);
    } finally {
      other.exec('COMMIT');
    }
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, inserted: 1 });
    expect(await figureCount(t)).toBe(1);
  });

  it('refuses an upload that cannot get the lock in time: 503 database_busy, Retry-After, nothing stored', async () => {
    const before = await figureCount(t);
    other.exec('BEGIN IMMEDIATE');
    try {
      const t0 = performance.now();
      const res = await upload(t);
      const waited = performance.now() - t0;
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('database_busy');
      expect(body.error.message).toMatch(/đang bận/);
      // It waited for the lock (DB_BUSY_WAIT_SECONDS = 2) before giving up, without blocking the loop.
      expect(waited).toBeGreaterThan(1_900);
    } finally {
      other.exec('ROLLBACK');
    }
    expect(await figureCount(t)).toBe(before);
    // The failed upload has its row in the import history, written once the lock was gone.
    const row = await waitForHistory(t, 'failed');
    expect(row).toMatchObject({ file_name: 'khoa.csv', status: 'failed', http_status: 503 });
    expect(JSON.parse(row.errors)[0]).toMatchObject({ code: 'database_busy' });
  });
});
