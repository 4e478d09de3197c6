/**
 * The monthly close: an idempotent function of (db, period). It computes the results snapshot of
 * the period for every unit and category (month + year to date) and queues the monthly emails,
 * in ONE transaction with its run record, so a crash leaves no half snapshot. A period is closed
 * once: a second run, a restart or an overlapping tick does nothing unless the period went stale
 * (a correction) or the run is forced. closeDue() is the scheduler's tick.
 */
import type { Kysely } from 'kysely';
import type { AppDeps } from '../server/deps.ts';
import type { Database } from '../server/db/schema.ts';
import { lockForWrite } from '../server/db/dialect.ts';
import { recordAudit, type AuditActor } from '../server/audit/audit.repository.ts';
import { LOCK_KEYS } from '../server/db/lock-keys.ts';
import { rawSqlite } from '../server/db/connection.ts';
import { MONTHLY_CLOSE_JOB } from '../server/locks/locks.service.ts';
import { buildYearModel } from '../server/results/results.model.ts';
import { writeSnapshots } from '../server/results/snapshot.store.ts';
import { queueMonthlyEmails } from '../server/emails/outbox.service.ts';
import { isPeriod, splitPeriod } from '../domain/months.ts';
import { claimRun, finishRun, getRun, holderIsDead, PROCESS_OWNER } from '../server/job-runs/job-runs.repository.ts';
import { DEFAULT_CLOSE_SCHEDULE, lastDuePeriod } from '../domain/close-schedule.ts';
import '../server/results/results.tables.ts';

export { MONTHLY_CLOSE_JOB };
// The lease is env.CLOSE_LEASE_SECONDS (default 15 minutes): how long a dead holder blocks the run.

export interface CloseOptions {
  /** Recompute even when the period is closed and fresh. */
  force?: boolean;
  /** Lease holder identity (tests simulate other instances). */
  owner?: string;
  /**
   * Who asked for this close by hand (the CLI's `jobs run` and `jobs due`): its audit row
   * ('period.close') is written in the close's transaction. The scheduled close passes none: its
   * job run record is its trail.
   */
  by?: AuditActor;
  /** Test hook: runs inside the transaction after the snapshots are written (throw to simulate a crash). */
  afterSnapshots?: (trx: Kysely<Database>) => Promise<void>;
}

export interface CloseOutcome {
  period: string;
  status: 'closed' | 'skipped' | 'busy' | 'failed';
  /** skipped: why (already_closed); busy: another holder runs it; failed: the error. */
  reason?: string;
  /** busy: who holds the run and until when its lease stands. */
  holder?: string | null;
  leaseUntil?: string | null;
  /** closed: this run took the period over from a holder that died mid-run. */
  tookOver?: { from: string; why: 'holder_dead' | 'lease_expired' };
  units?: number;
  snapshots?: number;
  emailsQueued?: number;
  ms?: number;
  /** True when the inputs changed while it ran: the period stays stale for the next run. */
  staleAgain?: boolean;
}

/** Closed and fresh: the run succeeded and no input changed since. */
export async function isClosedFresh(db: Kysely<Database>, period: string): Promise<boolean> {
  const run = await getRun(db, MONTHLY_CLOSE_JOB, period);
  if (run?.status !== 'succeeded') return false;
  const p = await db.selectFrom('result_periods').select('stale').where('period', '=', period).executeTakeFirst();
  return p != null && p.stale === 0;
}

export async function runMonthlyClose(deps: AppDeps, period: string, opts: CloseOptions = {}): Promise<CloseOutcome> {
  if (!isPeriod(period)) throw new RangeError(`not a period: ${String(period)}`);
  const { db, clock } = deps;
  const owner = opts.owner ?? PROCESS_OWNER;
  // Read before deciding: a succeeded run may be re-run (stale) only as this instance saw it, or
  // two instances whose ticks both looked before one of them finished would close the month twice.
  const seen = await getRun(db, MONTHLY_CLOSE_JOB, period);
  const fresh = await isClosedFresh(db, period);
  if (fresh && !opts.force) return { period, status: 'skipped', reason: 'already_closed' };

  const now = clock.now();
  // A holder that provably died on this host (kill -9, OOM, a restart) gives up its lease at once;
  // one elsewhere keeps it until it expires (the scheduler retries then, see closeRetryDelay).
  const running = seen?.status === 'running' && seen.owner != null && seen.owner !== owner ? seen : undefined;
  const deadHolder = running && holderIsDead(running.owner!) ? running.owner! : undefined;
  const claimed = await claimRun(db, {
    job: MONTHLY_CLOSE_JOB,
    period,
    owner,
    now: now.toISOString(),
    leaseUntil: new Date(now.getTime() + deps.env.CLOSE_LEASE_SECONDS * 1000).toISOString(),
    rerun: opts.force === true || seen?.status === 'succeeded',
    seenAttempts: opts.force ? undefined : seen?.attempts,
    takeOverFrom: deadHolder,
  });
  if (!claimed) {
    const held = await getRun(db, MONTHLY_CLOSE_JOB, period);
    return {
      period,
      status: 'busy',
      reason: 'held_by_another_run',
      holder: held?.owner ?? null,
      leaseUntil: held?.lease_until ?? null,
    };
  }
  const tookOver: CloseOutcome['tookOver'] = running
    ? { from: running.owner!, why: deadHolder ? 'holder_dead' : 'lease_expired' }
    : undefined;
  if (tookOver) deps.logger.warn({ period, ...tookOver }, 'monthly close taken over from a holder that did not finish');

  // The period row exists (stale) before computing, so any change from now on bumps its generation.
  await db
    .insertInto('result_periods')
    .values({ period, stale: 1, gen: 0, computed_at: now.toISOString() })
    .onConflict((oc) => oc.column('period').doNothing())
    .execute();
  const gen0 = (
    await db.selectFrom('result_periods').select('gen').where('period', '=', period).executeTakeFirstOrThrow()
  ).gen;

  const t0 = performance.now();
  try {
    // Computed before the write transaction so readers are not held (SQLite has one connection per
    // process); a change after gen0 was read moves gen, and then the period stays stale (below).
    const model = await buildYearModel(db, splitPeriod(period).year, null);
    const outcome = await db.transaction().execute(async (trx) => {
      await lockForWrite(trx, LOCK_KEYS.monthlyClose);
      const snapshots = await writeSnapshots(trx, model, period, rawSqlite(db));
      if (opts.afterSnapshots) await opts.afterSnapshots(trx);
      const fresh = await trx
        .updateTable('result_periods')
        .set({ stale: 0, computed_at: clock.now().toISOString() })
        .where('period', '=', period)
        .where('gen', '=', gen0)
        .executeTakeFirst();
      const emailsQueued = await queueMonthlyEmails(trx, deps, period);
      // Test-only (CLOSE_TEST_DELAY_MS): hold the transaction open so a test can kill this process mid-run.
      if (deps.env.CLOSE_TEST_DELAY_MS > 0) await new Promise((r) => setTimeout(r, deps.env.CLOSE_TEST_DELAY_MS));
      const result: CloseOutcome = {
        period,
        status: 'closed',
        units: model.units.length,
        snapshots,
        emailsQueued,
        ms: Math.round(performance.now() - t0),
        staleAgain: Number(fresh.numUpdatedRows) === 0,
        ...(tookOver ? { tookOver } : {}),
      };
      const { period: _p, status: _s, ...detail } = result;
      if (opts.by)
        await recordAudit(trx, {
          ...opts.by,
          at: clock.now().toISOString(),
          action: 'period.close',
          entityType: 'period',
          entityKey: period,
          after: { force: opts.force ?? false, ...detail },
        });
      await finishRun(trx, {
        job: MONTHLY_CLOSE_JOB,
        period,
        owner,
        now: clock.now().toISOString(),
        status: 'succeeded',
        detail,
      });
      return result;
    });
    deps.logger.info(outcome, 'monthly close done');
    return outcome;
  } catch (e) {
    await finishRun(db, {
      job: MONTHLY_CLOSE_JOB,
      period,
      owner,
      now: clock.now().toISOString(),
      status: 'failed',
      error: (e as Error).message,
    }).catch(() => false);
    deps.logger.error({ err: e, period }, 'monthly close failed');
    throw e;
  }
}

/**
 * Periods the close owes at `now`: the newest month whose close time has come (the last ended
 * month once `schedule` has fired since it ended, see close-schedule.ts), every earlier month with
 * figures that was never closed (or whose run failed), and every closed month that went stale.
 */
export async function duePeriods(
  db: Kysely<Database>,
  now: Date,
  schedule: string = DEFAULT_CLOSE_SCHEDULE,
): Promise<string[]> {
  const last = lastDuePeriod(now, schedule);
  const withFigures = (
    await db.selectFrom('figures').select('period').distinct().where('period', '<=', last).execute()
  ).map((r) => r.period);
  const done = await db
    .selectFrom('job_runs')
    .innerJoin('result_periods', 'result_periods.period', 'job_runs.period')
    .select('job_runs.period')
    .where('job_runs.job', '=', MONTHLY_CLOSE_JOB)
    .where('job_runs.status', '=', 'succeeded')
    .where('result_periods.stale', '=', 0)
    .execute();
  const closed = new Set(done.map((r) => r.period));
  const stale = (
    await db.selectFrom('result_periods').select('period').where('stale', '=', 1).where('period', '<=', last).execute()
  ).map((r) => r.period);
  return [...new Set([...withFigures, ...stale, last])].filter((p) => !closed.has(p)).sort();
}

/** The scheduler's tick (and the start-up catch-up): closes every due period, oldest first. */
export async function closeDue(deps: AppDeps, opts: Pick<CloseOptions, 'owner' | 'by'> = {}): Promise<CloseOutcome[]> {
  const out: CloseOutcome[] = [];
  for (const p of await duePeriods(deps.db, deps.clock.now(), deps.env.CLOSE_SCHEDULE)) {
    try {
      out.push(await runMonthlyClose(deps, p, opts));
    } catch (e) {
      // Recorded as failed on its run; later periods still close, and the scheduler retries (closeRetryDelay).
      out.push({ period: p, status: 'failed', reason: (e as Error).message });
    }
  }
  return out;
}

/**
 * How long until the scheduler should look again after a tick, or null when nothing is owed: a
 * failed close after `retrySeconds`; a close held by another holder just after its lease ends (it
 * may have died elsewhere), at most `retrySeconds` away. Without this, an unfinished close would
 * wait for the next firing of the schedule: a month.
 */
export function closeRetryDelay(outcomes: CloseOutcome[], now: Date, retrySeconds: number): number | null {
  let ms: number | null = null;
  const consider = (d: number) => (ms = ms === null ? d : Math.min(ms, d));
  for (const o of outcomes) {
    if (o.status === 'failed' || (o.status === 'closed' && o.staleAgain)) consider(retrySeconds * 1000);
    if (o.status === 'busy') {
      const until = o.leaseUntil ? new Date(o.leaseUntil).getTime() - now.getTime() + 1000 : retrySeconds * 1000;
      consider(Math.max(1000, Math.min(until, retrySeconds * 1000)));
    }
  }
  return ms;
}
