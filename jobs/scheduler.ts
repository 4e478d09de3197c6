/**
 * Wires node-cron to the jobs. The monthly close ticks on env.CLOSE_SCHEDULE in Asia/Ho_Chi_Minh
 * (default 02:00 on the 6th: figures are due by the 5th) with noOverlap; at start-up it catches
 * up once. noOverlap only works inside one process, so the real guarantee across instances and
 * restarts is the (job, period) run record with its lease (server/job-runs/job-runs.repository.ts). The reminders tick
 * on REMINDER_SCHEDULE and ESCALATION_SCHEDULE and once at start-up (jobs/reminders.ts); theirs
 * is the outbox's unique key.
 */
import cron from 'node-cron';
import type { AppDeps } from '../server/deps.ts';
import { closeDue, closeRetryDelay } from './monthly-close.ts';
import { startSenderLoop } from '../server/emails/sender.ts';
import { remindersDue, REMINDER_STAGES, stageSchedule } from './reminders.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

export { SCHEDULE_TIMEZONE } from '../domain/close-schedule.ts';
import { SCHEDULE_TIMEZONE } from '../domain/close-schedule.ts';

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
  // Reminders: one tick at a time in this process; a failed tick is retried at the next firing
  // or start-up (every tick re-queues only what is missing).
  let reminding: Promise<unknown> = Promise.resolve();
  const remind = (why: string) => {
    reminding = reminding
      .then(() => remindersDue(deps))
      .then((r) => {
        const queued = r.reduce((n, x) => n + x.queued, 0);
        if (queued) deps.logger.info({ why, stages: r }, 'reminders tick');
      })
      .catch((err) => deps.logger.error({ err, why }, 'reminders tick failed'));
    return reminding;
  };
  void remind('startup');
  const reminderTasks = REMINDER_STAGES.map((stage) =>
    cron.schedule(stageSchedule(deps, stage), () => remind(stage), {
      timezone: SCHEDULE_TIMEZONE,
      noOverlap: true,
      name: `reminders-${stage}`,
    }),
  );
  // Emails: delivers the outbox every EMAIL_SEND_INTERVAL_SECONDS (claims keep instances apart).
  const sender = startSenderLoop(deps);
  return {
    stop: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      await sender.stop();
      await task.stop();
      await task.destroy();
      for (const t of reminderTasks) {
        await t.stop();
        await t.destroy();
      }
      await running;
      await reminding;
    },
  };
}
