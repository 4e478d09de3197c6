/**
 * Writes the way the CLI or a second instance makes them: on a connection of its own to the test
 * database, so this instance learns of them only through the change stamp (by NOTIFY on PostgreSQL).
 */
import type { Kysely } from 'kysely';
import { openDatabase } from '../../server/db/connection.ts';
import { markResultsStale } from '../../server/results/staleness.ts';
import type { Database } from '../../server/db/schema.ts';

/** Runs `f` on a new connection to the database at `url`, closed afterwards whatever happens. */
export async function withOtherConnection<T>(url: string, f: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const other = openDatabase(url);
  try {
    return await f(other.db);
  } finally {
    await other.close();
  }
}

/**
 * Sets the amount of a category's figures of one month (every unit) in one transaction and marks
 * the month's results stale, as a correction through the app does.
 */
export async function writeFigureAmount(
  db: Kysely<Database>,
  w: { period: string; categoryId: number; amount: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('figures')
      .set({ amount: w.amount })
      .where('period', '=', w.period)
      .where('category_id', '=', w.categoryId)
      .execute();
    await markResultsStale(trx, [w.period]);
  });
}
