/**
 * The email outbox: queueing the monthly summaries (called by the monthly close inside its
 * transaction, and by `emails send`), previews, resends and the administrators' view.
 *
 * Exactly once: one summary per (recipient, unit, period) is guaranteed by a unique key, so
 * queueing twice queues nothing new. A re-run after a correction compares the content hash of
 * the numbers with the newest message: unchanged → nothing; changed and still pending → the
 * pending message is rewritten in place; changed and already (being) sent → one CORRECTION.
 */
import { recordAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AppDeps } from '../deps.ts';
import { isoNow } from '../clock.ts';
import { AppError, notFound } from '../errors.ts';
import { addMonths, splitPeriod } from '../../domain/months.ts';
import { lastDuePeriod } from '../../domain/close-schedule.ts';
import type { ResultsResponse } from '../../domain/schemas/results.ts';
import type { Lang } from '../../domain/schemas/recipient.ts';
import type { OutboxMessage } from '../../domain/schemas/email.ts';
import { computeResults } from '../results/results.service.ts';
import { listRecipientRows, findUnitIdByCode, type RecipientRow } from '../recipients/recipients.repository.ts';
import { renderSummary, summaryContent, type RenderedEmail } from './render.ts';
import { contentHash, mailDomain, messageIdFor } from './message-id.ts';
import * as repo from './outbox.repository.ts';
import type { OutboxStatus } from './emails.tables.ts';

/** The unit's results for the month of `period` (year to date through it). */
export function loadSummary(db: Kysely<Database>, unitCode: string, period: string): Promise<ResultsResponse> {
  return computeResults(db, { unitCode, year: splitPeriod(period).year, through: period });
}

export function renderFor(
  deps: AppDeps,
  results: ResultsResponse,
  period: string,
  lang: Lang,
  kind: 'summary' | 'correction',
  recipientName?: string,
): RenderedEmail {
  return renderSummary({ results, period, lang, kind, baseUrl: deps.env.BASE_URL, recipientName });
}

/**
 * A first summary is only queued for the last ended month and the one before it (a close that
 * ran late), and on a new install (empty outbox) only for the last ended month: when the close
 * catches up years of history nobody wants 80 old summaries. Corrections of older months still
 * go to whoever received them. `emails send` has no limit.
 */
export const NEW_SUMMARY_WINDOW_MONTHS = 2;

async function firstSummaryFrom(trx: Kysely<Database>, deps: AppDeps): Promise<string> {
  const window = (await repo.anyMessage(trx)) ? NEW_SUMMARY_WINDOW_MONTHS : 1;
  return addMonths(lastDuePeriod(deps.clock.now(), deps.env.CLOSE_SCHEDULE), 1 - window);
}

/**
 * Called by the monthly close inside its transaction, after the period's result snapshots are
 * written: queues one summary per active recipient and unit for `period` (idempotent). Returns
 * how many messages were newly queued (summaries plus corrections).
 * `corrections: false` (used by `emails send`) only fills in missing summaries; `anyAge: true`
 * (also `emails send`) lifts NEW_SUMMARY_WINDOW_MONTHS.
 */
export async function queueMonthlyEmails(
  trx: Kysely<Database>,
  deps: AppDeps,
  period: string,
  opts: { corrections?: boolean; anyAge?: boolean } = {},
): Promise<number> {
  const corrections = opts.corrections ?? true;
  const now = isoNow(deps.clock);
  const recent = opts.anyAge || period >= (await firstSummaryFrom(trx, deps));
  const domain = mailDomain(deps.env.MAIL_FROM);
  const byUnit = new Map<number, RecipientRow[]>();
  for (const r of await listRecipientRows(trx, { activeOnly: true }))
    byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);

  let queued = 0;
  for (const [unitId, recipients] of byUnit) {
    const unitCode = recipients[0].unit_code;
    if (!recent && !(await repo.hasMessagesFor(trx, unitId, period))) continue; // old month never summarised
    const results = await loadSummary(trx, unitCode, period);
    const hash = contentHash(summaryContent(results, period));
    for (const r of recipients) {
      const latest = await repo.latestSummaryMessage(trx, r.id, unitId, period);
      if (latest ? latest.content_hash === hash || !corrections : !recent) continue;
      if (latest && latest.status === 'pending') {
        const m = renderFor(
          deps,
          results,
          period,
          r.lang,
          latest.kind === 'correction' ? 'correction' : 'summary',
          r.name,
        );
        if (
          await repo.updatePendingContent(trx, latest.id, {
            subject: m.subject,
            html: m.html,
            text_body: m.text,
            content_hash: hash,
            now,
          })
        )
          continue;
      }
      const kind = latest ? 'correction' : 'summary';
      const version = latest ? (await repo.maxVersion(trx, r.id, unitId, period, 'correction')) + 1 : 1;
      const m = renderFor(deps, results, period, r.lang, kind, r.name);
      const id = await repo.insertMessage(trx, {
        recipient_id: r.id,
        unit_id: unitId,
        period,
        kind,
        version,
        to_address: r.email,
        to_name: r.name,
        lang: r.lang,
        subject: m.subject,
        html: m.html,
        text_body: m.text,
        content_hash: hash,
        message_id: messageIdFor({ recipientId: r.id, unitCode, period, kind, version }, domain),
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      });
      if (id !== null) queued++;
    }
  }
  if (queued) deps.logger.info({ period, queued }, 'summary emails queued');
  return queued;
}

/** The message one unit's recipients get for a period, rendered now (nothing is stored). */
export async function previewSummary(
  deps: AppDeps,
  unitCode: string,
  period: string,
  lang: Lang,
): Promise<RenderedEmail> {
  if (!(await findUnitIdByCode(deps.db, unitCode)))
    throw notFound(`đơn vị có mã ${unitCode}`, { unitCode }, { entity: 'unit', key: unitCode });
  return renderFor(deps, await loadSummary(deps.db, unitCode, period), period, lang, 'summary');
}

/** Sends one message again on purpose, as a new outbox row (kind resend) with its own Message-ID. */
/**
 * The operator's `emails send --period P`: queues the summaries of any age that P still owes (no
 * corrections), with its audit row ('email.queue', keyed by the period) in the same transaction.
 * Returns how many were queued; sending them is the sender's job (runSender).
 */
export async function queueByHand(deps: AppDeps, period: string, by: AuditActor): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const queued = await queueMonthlyEmails(trx, deps, period, { corrections: false, anyAge: true });
    await recordAudit(trx, {
      ...by,
      at: isoNow(deps.clock),
      action: 'email.queue',
      entityType: 'period',
      entityKey: period,
      after: { queued },
    });
    return queued;
  });
}

/** Queues a copy of message `id`; the audit row ('email.resend': every deliberate resend) in the same transaction. */
export async function resendMessage(deps: AppDeps, id: number, by: AuditActor): Promise<OutboxMessage> {
  const now = isoNow(deps.clock);
  const newId = await deps.db.transaction().execute(async (trx) => {
    const orig = await repo.getMessage(trx, id);
    if (!orig) throw notFound(`thư #${id}`);
    if (orig.status === 'cancelled')
      throw new AppError(409, 'message_cancelled', 'Thư này đã bị hủy (người nhận đã bị xóa); không thể gửi lại.');
    const version = (await repo.maxVersion(trx, orig.recipient_id, orig.unit_id, orig.period, 'resend')) + 1;
    const inserted = await repo.insertMessage(trx, {
      recipient_id: orig.recipient_id,
      unit_id: orig.unit_id,
      period: orig.period,
      kind: 'resend',
      version,
      to_address: orig.to_address,
      to_name: orig.to_name,
      lang: orig.lang,
      subject: orig.subject,
      html: orig.html,
      text_body: orig.text_body,
      content_hash: orig.content_hash,
      message_id: messageIdFor(
        { recipientId: orig.recipient_id, unitCode: orig.unit_code, period: orig.period, kind: 'resend', version },
        mailDomain(deps.env.MAIL_FROM),
      ),
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      resend_of: orig.id,
      created_by: by.actor,
      created_at: now,
      updated_at: now,
    });
    if (inserted === null)
      throw new AppError(409, 'resend_conflict', 'Một yêu cầu gửi lại khác vừa được ghi; vui lòng thử lại.');
    await recordAudit(trx, {
      ...by,
      at: now,
      action: 'email.resend',
      entityType: 'email',
      entityKey: String(id),
      unitCode: orig.unit_code,
      after: {
        newMessageId: inserted,
        to: orig.to_address,
        period: orig.period,
        kind: 'resend',
        subject: orig.subject,
      },
    });
    return inserted;
  });
  deps.logger.info({ id, resendId: newId, by: by.actor }, 'email resend queued');
  return toOutboxMessage((await repo.getMessage(deps.db, newId))!);
}

export function toOutboxMessage(r: repo.OutboxRow): OutboxMessage {
  return {
    id: r.id,
    recipientId: r.recipient_id,
    unitCode: r.unit_code,
    period: r.period,
    kind: r.kind,
    version: r.version,
    to: r.to_address,
    toName: r.to_name,
    lang: r.lang,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    messageId: r.message_id,
    sentAt: r.sent_at,
    resendOf: r.resend_of,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export async function listOutbox(
  deps: AppDeps,
  f: { status?: OutboxStatus; period?: string; unitCode?: string; limit?: number },
): Promise<OutboxMessage[]> {
  let unitId: number | undefined;
  if (f.unitCode) {
    const u = await findUnitIdByCode(deps.db, f.unitCode);
    if (!u) throw notFound(`đơn vị có mã ${f.unitCode}`, undefined, { entity: 'unit', key: f.unitCode });
    unitId = u.id;
  }
  return (await repo.listMessages(deps.db, { status: f.status, period: f.period, unitId, limit: f.limit })).map(
    toOutboxMessage,
  );
}
