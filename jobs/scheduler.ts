/**
 * Wires node-cron to the jobs. The monthly close ticks on env.CLOSE_SCHEDULE in Asia/Ho_Chi_Minh
 * (default 02:00 on the 6th: figures are due by the 5th) with noOverlap; at start-up it catches
 * up once. noOverlap only works inside one process, so the real guarantee across instances and
 * restarts is the (job, period) run record with its lease (jobs/job-runs.ts).
 */
import cron from 'node-cron';
import type { AppDeps } from '../server/deps.ts';
import { closeDue, closeRetryDelay } from './monthly-close.ts';
import { startSenderLoop } from '../server/emails/sender.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

export { SCHEDULE_TIMEZONE } from './close-schedule.ts';
import { SCHEDULE_TIMEZONE } from './close-schedule.ts';

export async function startScheduler(deps: AppDeps): Promise<Scheduler> {
  if (!cron.validate(deps.env.CLOSE_SCHEDULE))
    throw new Error(`CLOSE_SCHEDULE is not a cron expression: ${deps.env.CLOSE_SCHEDULE}`);
  let running: Promise<unknown> = Promise.resolve();
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  // A close that failed, or that a holder which may have died still holds, is looked at again
  // after CLOSE_RETRY_SECONDS (or just after the holder's lease ends), not at the next firing.
  const retryAfter = (ms: number | null) => {
    if (ms === null || stopped) return;
    if (retry) clearTimeout(retry);
    retry = setTimeout(() => void running.then(() => tick('retry')), ms);
    retry.unref();
  };
  const tick = (why: string) => {
    running = closeDue(deps)
      .then((r) => {
        if (r.length) deps.logger.info({ why, closes: r.map((x) => `${x.period}:${x.status}`) }, 'monthly close tick');
        retryAfter(closeRetryDelay(r, deps.clock.now(), deps.env.CLOSE_RETRY_SECONDS));
      })
      .catch((err) => {
        deps.logger.error({ err, why }, 'monthly close tick failed');
        retryAfter(deps.env.CLOSE_RETRY_SECONDS * 1000);
      });
    return running;
  };
  // Catch up missed closes in the background: start-up is not held by a long catch-up.
  void tick('startup');
  const task = cron.schedule(deps.env.CLOSE_SCHEDULE, () => running.then(() => tick('schedule')), {
    timezone: SCHEDULE_TIMEZONE,
    noOverlap: true,
    name: 'monthly-close',
  });
  // Emails: delivers the outbox every EMAIL_SEND_INTERVAL_SECONDS (claims keep instances apart).
  const sender = startSenderLoop(deps);
  return {
    stop: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      await sender.stop();
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
