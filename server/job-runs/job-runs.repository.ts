/**
 * Job run records: one row per (job, period), claimed with a lease so that with several app
 * instances on one database only one runs a period, and a crashed holder's lease expires.
 * Claims are single conditional statements (INSERT … ON CONFLICT DO NOTHING, then UPDATE … WHERE),
 * atomic on both SQLite and PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/schema.ts';
import type { JobRunTable } from '../results/results.tables.ts';
import '../results/results.tables.ts';

/**
 * The PID namespace of this process (Linux), so that "same host" means the same process table:
 * two containers may share a hostname, and both may run as PID 1.
 */
function pidNamespace(): string {
  try {
    return /\[(\d+)\]/.exec(fs.readlinkSync('/proc/self/ns/pid'))?.[1] ?? '';
  } catch {
    return '';
  }
}

const HOST = `${os.hostname()}`;
const PID_NS = pidNamespace();

/** This process's identity as a lease holder: host:pid:random:pid-namespace. */
export const PROCESS_OWNER = `${HOST}:${process.pid}:${randomBytes(3).toString('hex')}:${PID_NS}`;

/**
 * True when `owner` is provably dead: it ran in this process table (same host and PID namespace)
 * and its pid no longer runs, or the pid is now ours (a restart in a container is PID 1 again).
 * A holder elsewhere, or one we cannot judge, is never called dead: its lease decides.
 */
export function holderIsDead(owner: string, self: string = PROCESS_OWNER): boolean {
  if (owner === self) return false;
  const [host, pidText, , ns] = owner.split(':');
  if (host !== HOST || ns === undefined || ns !== PID_NS || PID_NS === '') return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export interface ClaimInput {
  job: string;
  period: string;
  owner: string;
  now: string;
  leaseUntil: string;
  /** Also take a run that already succeeded (a forced or stale re-run). */
  rerun: boolean;
  /**
   * With rerun: take the succeeded run only while its attempt count is still the one the caller
   * saw, so that an instance that looked before another one finished (or re-ran) it does not run
   * it again. Unset for a forced re-run.
   */
  seenAttempts?: number;
  /** Take a running run from this holder even though its lease stands: it is provably dead (holderIsDead). */
  takeOverFrom?: string;
}

/** True when this owner now holds the run. */
export async function claimRun(db: Db, c: ClaimInput): Promise<boolean> {
  const ins = await db
    .insertInto('job_runs')
    .values({
      job: c.job,
      period: c.period,
      status: 'running',
      owner: c.owner,
      lease_until: c.leaseUntil,
      attempts: 1,
      started_at: c.now,
      finished_at: null,
      error: null,
      detail: null,
    })
    .onConflict((oc) => oc.columns(['job', 'period']).doNothing())
    .executeTakeFirst();
  if (Number(ins.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  const upd = await db
    .updateTable('job_runs')
    .set((eb) => ({
      status: 'running',
      owner: c.owner,
      lease_until: c.leaseUntil,
      started_at: c.now,
      finished_at: null,
      error: null,
      attempts: eb('attempts', '+', 1),
    }))
    .where('job', '=', c.job)
    .where('period', '=', c.period)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'failed'),
        eb.and([eb('status', '=', 'running'), eb('lease_until', '<', c.now)]),
        ...(c.takeOverFrom ? [eb.and([eb('status', '=', 'running'), eb('owner', '=', c.takeOverFrom)])] : []),
        ...(c.rerun
          ? [
              c.seenAttempts === undefined
                ? eb('status', '=', 'succeeded')
                : eb.and([eb('status', '=', 'succeeded'), eb('attempts', '=', c.seenAttempts)]),
            ]
          : []),
      ]),
    )
    .executeTakeFirst();
  return Number(upd.numUpdatedRows) > 0;
}

export async function finishRun(
  db: Db,
  r: {
    job: string;
    period: string;
    owner: string;
    now: string;
    status: 'succeeded' | 'failed';
    error?: string | null;
    detail?: unknown;
  },
): Promise<boolean> {
  const u = await db
    .updateTable('job_runs')
    .set({
      status: r.status,
      finished_at: r.now,
      lease_until: null,
      error: r.error ?? null,
      detail: r.detail === undefined ? null : JSON.stringify(r.detail),
    })
    .where('job', '=', r.job)
    .where('period', '=', r.period)
    .where('owner', '=', r.owner)
    .executeTakeFirst();
  return Number(u.numUpdatedRows) > 0;
}

export function getRun(
  db: Db,
  job: string,
  period: string,
): Promise<(Omit<JobRunTable, 'id' | 'attempts'> & { id: number; attempts: number }) | undefined> {
  return db.selectFrom('job_runs').selectAll().where('job', '=', job).where('period', '=', period).executeTakeFirst();
}

export interface JobRun {
  job: string;
  period: string;
  status: 'running' | 'succeeded' | 'failed';
  owner: string | null;
  leaseUntil: string | null;
  attempts: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  detail: unknown;
}

/** Most recent runs first (by start time). */
export async function listRuns(db: Db, q: { job?: string; limit?: number }): Promise<JobRun[]> {
  let s = db
    .selectFrom('job_runs')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('period', 'desc')
    .limit(q.limit ?? 50);
  if (q.job) s = s.where('job', '=', q.job);
  return (await s.execute()).map((r) => ({
    job: r.job,
    period: r.period,
    status: r.status,
    owner: r.owner,
    leaseUntil: r.lease_until,
    attempts: r.attempts,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error,
    detail: r.detail == null ? null : (JSON.parse(r.detail) as unknown),
  }));
}
