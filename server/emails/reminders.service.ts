/**
 * Reminders through the outbox (domain.md "Completeness"): for a month that has ended, each active
 * finance-officer recipient of a unit that has not submitted it gets one reminder (stage
 * 'reminder'), and each unit-head recipient of a unit still missing one notice (stage
 * 'escalation'). When to run a stage is the scheduler's business (jobs/reminders.ts); this
 * module only queues, idempotently.
 *
 * Exactly once per (recipient, unit, period, stage): the row is inserted with version 1 under the
 * outbox's unique key (recipient, unit, period, kind, version) with ON CONFLICT DO NOTHING, so a
 * second run, a restart or a second instance queues nothing new; the sender's claims do the rest.
 */
import type { AppDeps } from '../deps.ts';
import { isoNow } from '../clock.ts';
import { notFound } from '../errors.ts';
import type { Lang, RecipientRole } from '../../domain/schemas/recipient.ts';
import type { ReminderEntry, ReminderStage } from '../../domain/schemas/email.ts';
import { makePeriod, type Period } from '../../domain/months.ts';
import { contentHash, mailDomain, messageIdFor } from './message-id.ts';
import { renderReminder } from './render.reminder.ts';
import type { RenderedEmail } from './render.ts';
import * as repo from './outbox.repository.ts';
import { findUnitIdByCode, listRecipientRows } from '../recipients/recipients.repository.ts';
import { missingUnits } from '../submission/submission.service.ts';
import { listUnitRows } from '../units/units.repository.ts';
import { subtreeIds } from '../../domain/unit-tree.ts';

/** Who gets each stage. */
export const STAGE_ROLE: Record<ReminderStage, RecipientRole> = { reminder: 'finance', escalation: 'head' };

export interface QueueRemindersResult {
  stage: ReminderStage;
  period: Period;
  /** Codes of the units that are missing and have a recipient of the stage's role. */
  missing: string[];
  /** Messages newly queued by this call (0 when they were queued before). */
  queued: number;
}

/** Queues the stage's messages for `period` (idempotent). */
export async function queueReminders(
  deps: AppDeps,
  stage: ReminderStage,
  period: Period,
): Promise<QueueRemindersResult> {
  const role = STAGE_ROLE[stage];
  const recipients = (await listRecipientRows(deps.db, { activeOnly: true })).filter((r) => r.role === role);
  const missing = await missingUnits(
    deps.db,
    recipients.map((r) => r.unit_id),
    period,
  );
  const units = new Map((await listUnitRows(deps.db)).map((u) => [u.id, u]));
  const domain = mailDomain(deps.env.MAIL_FROM);
  const now = isoNow(deps.clock);
  let queued = 0;
  for (const r of recipients) {
    const unit = units.get(r.unit_id);
    if (!unit || !missing.has(r.unit_id)) continue;
    const m = renderReminder({
      stage,
      unit: { code: unit.code, name: unit.name },
      period,
      lang: r.lang,
      baseUrl: deps.env.BASE_URL,
      recipientName: r.name || undefined,
    });
    const id = await repo.insertMessage(deps.db, {
      recipient_id: r.id,
      unit_id: r.unit_id,
      period,
      kind: stage,
      version: 1,
      to_address: r.email,
      to_name: r.name,
      lang: r.lang,
      subject: m.subject,
      html: m.html,
      text_body: m.text,
      content_hash: contentHash({ unit: unit.code, period, stage }),
      message_id: messageIdFor({ recipientId: r.id, unitCode: unit.code, period, kind: stage, version: 1 }, domain),
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
      updated_at: now,
    });
    if (id !== null) queued++;
  }
  const missingCodes = [...missing].map((id) => units.get(id)?.code ?? String(id)).sort();
  if (queued) deps.logger.info({ stage, period, queued, missing: missingCodes }, 'reminders queued');
  return { stage, period, missing: missingCodes, queued };
}

/** The message of a stage for one unit and period, rendered now (nothing is stored). */
export async function previewReminder(
  deps: AppDeps,
  stage: ReminderStage,
  unitCode: string,
  period: Period,
  lang: Lang,
): Promise<RenderedEmail> {
  const unit = await findUnitIdByCode(deps.db, unitCode);
  if (!unit) throw notFound(`đơn vị có mã ${unitCode}`, { unitCode });
  return renderReminder({ stage, unit, period, lang, baseUrl: deps.env.BASE_URL });
}

/** Who of a unit's subtree was reminded (or told) about which month of `year`, and when. */
export async function listReminders(deps: AppDeps, q: { unitCode: string; year: number }): Promise<ReminderEntry[]> {
  const all = await listUnitRows(deps.db);
  const root = all.find((u) => u.code === q.unitCode);
  if (!root) throw notFound(`đơn vị có mã ${q.unitCode}`, { unitCode: q.unitCode });
  const rows = await repo.listReminderRows(deps.db, {
    unitIds: subtreeIds(all, root.id),
    from: makePeriod(q.year, 1),
    to: makePeriod(q.year, 12),
  });
  return rows.map((r) => ({
    id: r.id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    period: r.period,
    stage: r.kind as ReminderStage,
    recipientName: r.to_name,
    role: (r.role as RecipientRole | null) ?? null,
    status: r.status,
    queuedAt: r.created_at,
    sentAt: r.sent_at,
  }));
}
