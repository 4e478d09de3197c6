/** SQL for period locks (khóa sổ). */
import type { Db } from '../db/schema.ts';
import '../results/results.tables.ts';

export function lockedAmong(db: Db, periods: string[]): Promise<{ period: string }[]> {
  if (periods.length === 0) return Promise.resolve([]);
  return db.selectFrom('period_locks').select('period').where('period', 'in', periods).orderBy('period').execute();
}

export function listLockRows(db: Db, period?: string) {
  let q = db.selectFrom('period_locks').select(['period', 'locked_at', 'locked_by']).orderBy('period', 'desc');
  if (period) q = q.where('period', '=', period);
  return q.execute();
}

/** Inserts the lock; false when the period was already locked. */
export async function insertLock(
  db: Db,
  row: { period: string; locked_at: string; locked_by: string | null },
): Promise<boolean> {
  const r = await db
    .insertInto('period_locks')
    .values(row)
    .onConflict((oc) => oc.column('period').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteLock(db: Db, period: string): Promise<boolean> {
  const r = await db.deleteFrom('period_locks').where('period', '=', period).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
