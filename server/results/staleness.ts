/**
 * Snapshot staleness. A figure of period P feeds P's month, the year-to-date of every later month
 * of its year, and next year's same-period baselines; so a change to P marks every snapshotted
 * period from P to December of the following year stale and bumps its generation (the monthly
 * close only marks a period fresh if its generation did not move while it computed).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { makePeriod, splitPeriod } from '../../domain/months.ts';
import './results.tables.ts';

/**
 * Called inside the transaction of every import, correction or settings change that changed
 * results: marks the stored result snapshots of those periods (and what depends on them) stale.
 */
export async function markResultsStale(db: Kysely<Database>, periods: string[]): Promise<void> {
  if (periods.length === 0) return;
  const sorted = [...periods].sort();
  const upper = makePeriod(splitPeriod(sorted[sorted.length - 1]).year + 1, 12);
  await db
    .updateTable('result_periods')
    .set((eb) => ({ stale: 1, gen: eb('gen', '+', 1) }))
    .where('period', '>=', sorted[0])
    .where('period', '<=', upper)
    .execute();
}
