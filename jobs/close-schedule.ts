/**
 * When a month's close is due: not when the month ends but when the close schedule
 * (CLOSE_SCHEDULE, default 02:00 on the 6th in Asia/Ho_Chi_Minh, because figures are due by the
 * 5th) has fired since. A start-up catch-up on the 2nd must not close last month, nor send its
 * summary, while finance officers still have until the 5th to submit.
 */
import cron from 'node-cron';
import { addMonths, lastClosedPeriod, periodOf, splitPeriod, type Period } from '../domain/months.ts';

export const SCHEDULE_TIMEZONE = 'Asia/Ho_Chi_Minh';
export const DEFAULT_CLOSE_SCHEDULE = '0 2 6 * *';

/** UTC instant of 00:00 on the first of `p` in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
function monthStartUtc(p: Period): number {
  const { year, month } = splitPeriod(p);
  return Date.UTC(year, month - 1, 1) - 7 * 3_600_000;
}

/**
 * The newest period whose close is due at `now`: the last ended month once the schedule has
 * fired in the current month, otherwise the month before it.
 */
export function lastDuePeriod(now: Date, schedule: string = DEFAULT_CLOSE_SCHEDULE): Period {
  const ended = lastClosedPeriod(now);
  const task = cron.createTask(schedule, () => {}, { timezone: SCHEDULE_TIMEZONE });
  try {
    // Minute by minute from the first of this month to now; a monthly schedule matches within
    // its first days, so this stops after a few thousand cheap checks.
    const end = now.getTime();
    for (let t = monthStartUtc(periodOf(now)); t <= end; t += 60_000) {
      if (task.match(new Date(t))) return ended;
    }
    return addMonths(ended, -1);
  } finally {
    void task.destroy();
  }
}
