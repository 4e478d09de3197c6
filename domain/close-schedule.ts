/**
 * When a month's close is due: not when the month ends but when the close schedule
 * (CLOSE_SCHEDULE, default 02:00 on the 6th in Asia/Ho_Chi_Minh, because figures are due by the
 * 5th) has fired since. A start-up catch-up on the 2nd must not close last month, nor send its
 * summary, while finance officers still have until the 5th to submit.
 */
import cron from 'node-cron';
import { addMonths, lastClosedPeriod, periodOf, splitPeriod, type Period } from './months.ts';

export const SCHEDULE_TIMEZONE = 'Asia/Ho_Chi_Minh';
export const DEFAULT_CLOSE_SCHEDULE = '0 2 6 * *';

/** UTC instant of 00:00 on the first of `p` in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
function monthStartUtc(p: Period): number {
  const { year, month } = splitPeriod(p);
  return Date.UTC(year, month - 1, 1) - 7 * 3_600_000;
}

/**
 * Per schedule and month: the first firing found so far (UTC ms), or how far the minute-by-minute
 * search has looked without one. Kept so that every close and every summary queued during a
 * catch-up does not scan the month again: each minute of a month is matched at most once.
 */
const scans = new Map<string, { firedAt: number | null; scannedTo: number }>();

/** The first firing of `schedule` from the start of `month` up to `until`, or null. */
function firstFiring(schedule: string, month: Period, until: number): number | null {
  const key = `${schedule}|${month}`;
  let scan = scans.get(key);
  if (!scan) {
    if (scans.size > 100) scans.clear();
    scan = { firedAt: null, scannedTo: monthStartUtc(month) };
    scans.set(key, scan);
  }
  if (scan.firedAt === null && scan.scannedTo <= until) {
    const task = cron.createTask(schedule, () => {}, { timezone: SCHEDULE_TIMEZONE });
    try {
      let t = scan.scannedTo;
      for (; t <= until; t += 60_000) {
        if (task.match(new Date(t))) {
          scan.firedAt = t;
          break;
        }
      }
      scan.scannedTo = t;
    } finally {
      void task.destroy();
    }
  }
  return scan.firedAt !== null && scan.firedAt <= until ? scan.firedAt : null;
}

/**
 * The newest period whose close is due at `now`: the last ended month once the schedule has
 * fired in the current month, otherwise the month before it.
 */
export function lastDuePeriod(now: Date, schedule: string = DEFAULT_CLOSE_SCHEDULE): Period {
  const ended = lastClosedPeriod(now);
  return firstFiring(schedule, periodOf(now), now.getTime()) !== null ? ended : addMonths(ended, -1);
}

/**
 * True when `schedule` has fired in the current month (Asia/Ho_Chi_Minh) at or before `now`: the
 * reminder stages are due for last month from their firing until the month ends.
 * @example firedThisMonth('0 8 3 * *', new Date('2026-12-03T02:00:00Z')) // true (09:00 in Hà Nội)
 */
export function firedThisMonth(schedule: string, now: Date): boolean {
  return firstFiring(schedule, periodOf(now), now.getTime()) !== null;
}
