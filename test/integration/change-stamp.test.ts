/** The change stamp behind the exact caches: it moves on every write, from this connection or another. */
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { changeStamp } from '../../server/db/change-stamp.ts';

describe('changeStamp', () => {
  let t: TestDb; // the leg's database (SQLite or PostgreSQL)
  let lite: TestDb; // always SQLite: the stamp only exists there
  beforeAll(async () => {
    [t, lite] = await Promise.all([createTestDb(), createTestDb({ dialect: 'sqlite' })]);
  });
  afterAll(async () => {
    await t.close();
    await lite.close();
  });

  it('is null on PostgreSQL (callers always revalidate) and stable across reads on SQLite', async () => {
    const a = changeStamp(t.db);
    if (t.dialect === 'postgres') expect(a).toBeNull();
    const b = changeStamp(lite.db);
    expect(b).toMatch(/^\d+:\d+$/);
    await lite.db.selectFrom('units').selectAll().execute();
    expect(changeStamp(lite.db)).toBe(b);
  });

  it('moves when this connection writes, even inside a transaction that rolls back', async () => {
    const a = changeStamp(lite.db);
    const now = new Date().toISOString();
    await lite.db
      .insertInto('units')
      .values({
        code: 'CS1',
        name: 'Một',
        parent_id: null,
        headcount: 1,
        aliases: '[]',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const b = changeStamp(lite.db);
    expect(b).not.toBe(a);
    await lite.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('units').set({ headcount: 2 }).where('code', '=', 'CS1').execute();
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(changeStamp(lite.db)).not.toBe(b);
  });

  it('moves when another connection (another process) commits', async () => {
    const a = changeStamp(lite.db);
    const other = new SQLite(lite.url);
    try {
      other.prepare("update units set headcount = 7 where code = 'CS1'").run();
    } finally {
      other.close();
    }
    expect(changeStamp(lite.db)).not.toBe(a);
  });
});
