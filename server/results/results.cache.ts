/**
 * Response cache of the results endpoints, per app instance, for closed months only.
 *
 * A body is reused only while a version read from the database on every request is unchanged,
 * so any instance's writes are seen (several instances may share one PostgreSQL database). The
 * version covers every input of the results of year Y through the last month with figures L:
 * - the months Y-01..L must all be closed and fresh (result_periods rows, stale = 0); their
 *   generation and computed_at move on every change to a figure or setting that feeds them
 *   (markResultsStale: a change in month P marks P..December of the next year, so baselines from
 *   Y-1 are covered), and the close's run record (its attempts) moves on every re-close;
 * - L itself (a figure in a later month moves it), so nothing after L can have changed unseen;
 * - the units (count, latest updated_at, parents, headcounts) and the categories (every column).
 * Anything else (a month open or stale, no figures) is computed every time, as before.
 * A change stamp (db/change-stamp.ts: SQLite's data_version and total_changes; on PostgreSQL a
 * row that triggers bump in every transaction writing these inputs) skips the version queries
 * while nothing has been written since the entry was last validated.
 * Every answer gets a strong ETag of its body; If-None-Match gives 304 without the body.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/schema.ts';
import { makePeriod, splitPeriod } from '../../domain/months.ts';
import { lastPeriodWithFigures } from './results.repository.ts';
import { readChangeStamp, stampHolds } from '../db/change-stamp.ts';
import { MONTHLY_CLOSE_JOB } from '../locks/locks.service.ts';
import './results.tables.ts';

export interface CachedBody {
  /** The JSON as UTF-8 bytes, encoded once (a string would be encoded again on every send). */
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** The version of year `year`'s results, or null when some month they read is not closed and fresh. */
export async function resultsVersion(db: Db, year: number, through?: string): Promise<string | null> {
  const from = makePeriod(year, 1);
  const lastWithFigures = await lastPeriodWithFigures(db, from, makePeriod(year, 12), null);
  const upto = [lastWithFigures, through]
    .filter((p): p is string => p != null && p.startsWith(`${year}-`))
    .sort()
    .pop();
  if (!upto) return null;
  const periods = await db
    .selectFrom('result_periods')
    .leftJoin('job_runs', (j) =>
      j.onRef('job_runs.period', '=', 'result_periods.period').on('job_runs.job', '=', MONTHLY_CLOSE_JOB),
    )
    .select([
      'result_periods.period',
      'result_periods.gen',
      'result_periods.stale',
      'result_periods.computed_at',
      'job_runs.attempts',
      'job_runs.status',
    ])
    .where('result_periods.period', '>=', from)
    .where('result_periods.period', '<=', upto)
    .orderBy('result_periods.period')
    .execute();
  if (periods.length !== splitPeriod(upto).month || periods.some((p) => Number(p.stale) !== 0)) return null;
  const [units, categories] = await Promise.all([
    db
      .selectFrom('units')
      .select((eb) => [
        eb.fn.countAll().as('n'),
        eb.fn.max('updated_at').as('u'),
        eb.fn.sum('headcount').as('h'),
        eb.fn.sum('parent_id').as('p'),
      ])
      .executeTakeFirst(),
    db.selectFrom('categories').selectAll().orderBy('id').execute(),
  ]);
  return JSON.stringify([
    lastWithFigures,
    upto,
    periods.map((p) => [
      p.period,
      Number(p.gen),
      p.computed_at,
      p.attempts == null ? null : Number(p.attempts),
      p.status,
    ]),
    units,
    categories,
  ]);
}

const utf8 = new TextEncoder();

export function createResultsCache(maxEntries = 200) {
  const entries = new Map<string, CachedBody & { version: string; stamp: string | null }>();
  const touch = (key: string, entry: CachedBody & { version: string; stamp: string | null }) => {
    entries.delete(key); // most recently used last
    entries.set(key, entry);
    return entry;
  };
  return {
    /**
     * The JSON body for `key` (the endpoint and its query), reused while resultsVersion(year,
     * through) is unchanged; computed by `compute` otherwise.
     */
    async json(
      db: Db,
      key: string,
      year: number,
      through: string | undefined,
      compute: () => Promise<unknown>,
      /** The request's stamp when already read (before this call, so at worst older): not read again. */
      requestStamp?: string | null,
    ): Promise<CachedBody> {
      // Read before the version: a write after this point leaves the entry with an older stamp.
      const stamp = requestStamp === undefined ? await readChangeStamp(db) : requestStamp;
      const cached = entries.get(key);
      // Nothing written to the database since the entry was last validated (db/change-stamp.ts).
      if (cached && stampHolds(cached.stamp, stamp)) return touch(key, cached);
      const version = await resultsVersion(db, year, through);
      if (version && cached && cached.version === version) {
        cached.stamp = stamp;
        return touch(key, cached);
      }
      const body = utf8.encode(JSON.stringify(await compute()));
      const out = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
      if (version) {
        entries.delete(key);
        entries.set(key, { ...out, version, stamp });
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      }
      return out;
    },
  };
}

export type ResultsCache = ReturnType<typeof createResultsCache>;
