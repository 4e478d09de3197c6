/**
 * The reminder job: when REMINDER_SCHEDULE (08:00 on the 3rd) has fired this month, the finance
 * officers of units that have not submitted last month are reminded; when ESCALATION_SCHEDULE
 * (08:00 on the 5th, the due day) has, the heads of units still missing are told. The scheduler
 * calls remindersDue on each firing and once at start-up, so a stage missed while no instance ran
 * is caught up within the month; the outbox's unique key makes every call after the first a no-op
 * (server/emails/reminders.service.ts), across restarts and instances alike.
 */
import type { AppDeps } from '../server/deps.ts';
import { lastClosedPeriod } from '../domain/months.ts';
import type { ReminderStage } from '../domain/schemas/email.ts';
import { queueReminders, type QueueRemindersResult } from '../server/emails/reminders.service.ts';
import { firedThisMonth } from '../domain/close-schedule.ts';

export const REMINDER_STAGES: ReminderStage[] = ['reminder', 'escalation'];

export function stageSchedule(deps: Pick<AppDeps, 'env'>, stage: ReminderStage): string {
  return stage === 'reminder' ? deps.env.REMINDER_SCHEDULE : deps.env.ESCALATION_SCHEDULE;
}

/** Queues every stage that is due now (for last month); returns what each due stage did. */
export async function remindersDue(deps: AppDeps, now: Date = deps.clock.now()): Promise<QueueRemindersResult[]> {
  const period = lastClosedPeriod(now);
  const out: QueueRemindersResult[] = [];
  for (const stage of REMINDER_STAGES) {
    if (!firedThisMonth(stageSchedule(deps, stage), now)) continue;
    out.push(await queueReminders(deps, stage, period));
  }
  return out;
}
