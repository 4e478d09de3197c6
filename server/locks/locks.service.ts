/**
 * Period locks (khóa sổ): an administrator locks a closed period; imports, corrections and
 * settings changes touching it are refused with an error naming the period until it is reopened.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { formatPeriodVi } from '../../domain/months.ts';
import { isoNow, type Clock } from '../clock.ts';
import { AppError, conflict } from '../errors.ts';
import { recordAudit, type AuditActor } from '../audit/audit.repository.ts';
import { deleteLock, insertLock, listLockRows, lockedAmong } from './locks.repository.ts';
import '../results/results.tables.ts';

export const MONTHLY_CLOSE_JOB = 'monthly-close';

/**
 * Throws AppError(423, 'period_locked', message naming the period) when any of `periods` is
 * locked. Imports and corrections call it inside their transaction before writing.
 */
export async function assertPeriodsOpen(db: Kysely<Database>, periods: string[]): Promise<void> {
  const unique = [...new Set(periods)];
  const locked: string[] = [];
  for (let i = 0; i < unique.length; i += 500)
    locked.push(...(await lockedAmong(db, unique.slice(i, i + 500))).map((r) => r.period));
  if (locked.length === 0) return;
  locked.sort();
  const names = locked.map(formatPeriodVi).join(', ');
  throw new AppError(
    423,
    'period_locked',
    `${names} đã khóa sổ; không thể thay đổi số liệu hay định mức của kỳ này. Đề nghị quản trị viên mở khóa kỳ trước khi sửa.`,
    { periods: locked },
    undefined,
    { periods: locked.join(', ') },
  );
}

export interface PeriodLock {
  period: string;
  lockedAt: string;
  lockedBy: string | null;
}

export async function listLocks(db: Kysely<Database>, period?: string): Promise<PeriodLock[]> {
  return (await listLockRows(db, period)).map((r) => ({
    period: r.period,
    lockedAt: r.locked_at,
    lockedBy: r.locked_by,
  }));
}

/**
 * Locks a period whose monthly close has succeeded and whose snapshots are fresh; the audit row
 * ('period.lock') in the same transaction.
 */
export async function lockPeriod(
  db: Kysely<Database>,
  clock: Clock,
  period: string,
  by: AuditActor,
): Promise<PeriodLock> {
  return db.transaction().execute(async (trx) => {
    const run = await trx
      .selectFrom('job_runs')
      .select('status')
      .where('job', '=', MONTHLY_CLOSE_JOB)
      .where('period', '=', period)
      .executeTakeFirst();
    const fresh = await trx
      .selectFrom('result_periods')
      .select('stale')
      .where('period', '=', period)
      .executeTakeFirst();
    if (run?.status !== 'succeeded' || !fresh || fresh.stale) {
      throw conflict(
        'period_not_closed',
        `${formatPeriodVi(period)} chưa được khóa sổ vì kết quả tháng chưa được chốt (hoặc đã có số liệu sửa sau khi chốt). Hãy chạy chốt tháng trước: jobs run monthly --period ${period}.`,
        { period },
      );
    }
    const row = { period, locked_at: isoNow(clock), locked_by: by.actor };
    if (!(await insertLock(trx, row)))
      throw conflict('already_locked', `${formatPeriodVi(period)} đã được khóa sổ từ trước.`, { period });
    const lock = { period, lockedAt: row.locked_at, lockedBy: by.actor };
    await recordAudit(trx, {
      ...by,
      at: row.locked_at,
      action: 'period.lock',
      entityType: 'period',
      entityKey: period,
      before: { locked: false },
      after: { locked: true, ...lock },
    });
    return lock;
  });
}

/** Reopens a period; the audit row ('period.unlock') in the same transaction. */
export async function unlockPeriod(db: Kysely<Database>, clock: Clock, period: string, by: AuditActor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await deleteLock(trx, period)))
      throw new AppError(404, 'not_locked', `${formatPeriodVi(period)} chưa bị khóa sổ.`, { period });
    await recordAudit(trx, {
      ...by,
      at: isoNow(clock),
      action: 'period.unlock',
      entityType: 'period',
      entityKey: period,
      before: { locked: true },
      after: { locked: false },
    });
  });
}
