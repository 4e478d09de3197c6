/** The change stamp behind the exact caches: it moves on every write, from this connection or another. */
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { changeStamp, readChangeStamp, STAMPED_TABLES } from '../../server/db/change-stamp.ts';
import { withOtherConnection } from '../helpers/other-connection.ts';

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

  it('moves when another connection (another process) commits, from the next turn of the event loop', async () => {
    const a = changeStamp(lite.db);
    const other = new SQLite(lite.url);
    try {
      other.prepare("update units set headcount = 7 where code = 'CS1'").run();
    } finally {
      other.close();
    }
    // data_version is read once per turn (server/db/change-stamp.ts): any request arriving after
    // the commit is handled in a later turn.
    await new Promise((r) => setImmediate(r));
    expect(changeStamp(lite.db)).not.toBe(a);
  });

  it("readChangeStamp: SQLite's stamp there; on PostgreSQL it moves once per committed transaction that writes a cached table, for every instance", async () => {
    expect(await readChangeStamp(lite.db)).toBe(changeStamp(lite.db));
    const row = async () =>
      Number((await sql<{ n: string | number }>`select n from change_stamp where id = 1`.execute(t.db)).rows[0].n);
    const a = await readChangeStamp(t.db);
    expect(a).not.toBeNull();
    await t.db.selectFrom('units').selectAll().execute();
    expect(await readChangeStamp(t.db)).toBe(a);
    const now = new Date().toISOString();
    const unit = (code: string) => ({
      code,
      name: code,
      parent_id: null,
      headcount: 1,
      aliases: '[]',
      created_at: now,
      updated_at: now,
    });
    const n0 = await row();
    // A rolled-back write leaves the stamp row where it was (and sends no notification).
    await t.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('units').values(unit('RB1')).execute();
        throw new Error('roll back');
      })
      .catch(() => undefined);
    if (t.dialect === 'postgres') expect(await row()).toBe(n0);
    // Another connection (another instance, the CLI) commits: this instance's stamp moves.
    await withOtherConnection(t.url, async (db) => {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('units').values(unit('ST1')).execute();
        await trx.updateTable('units').set({ headcount: 3 }).where('code', '=', 'ST1').execute();
      });
      // PostgreSQL: by NOTIFY, delivered at the commit (milliseconds later).
      await expect.poll(() => readChangeStamp(t.db), { timeout: 5000, interval: 20 }).not.toBe(a);
    });
    if (t.dialect === 'postgres') {
      expect((await row()) - n0).toBe(1); // once per transaction
      // Every cached table carries the trigger.
      const r = await sql<{
        table: string;
      }>`select distinct event_object_table as table from information_schema.triggers where trigger_name like '%_change_stamp'`.execute(
        t.db,
      );
      expect(r.rows.map((x) => x.table).sort()).toEqual([...STAMPED_TABLES].sort());
    }
  });
});
