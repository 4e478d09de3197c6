/**
 * SQL for the email outbox. Claiming is one conditional UPDATE per row (portable to SQLite and
 * PostgreSQL): whoever's UPDATE changes the row owns it until lease_until, so several app
 * instances can run the sender at once without sending a row twice in parallel.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/schema.ts';
import type { EmailOutboxTable, OutboxKind, OutboxStatus } from './emails.tables.ts';

export type OutboxRow = Selectable<EmailOutboxTable> & { unit_code: string };

function withUnit(db: Db) {
  return db
    .selectFrom('email_outbox as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .selectAll('o')
    .select('u.code as unit_code');
}

export function getMessage(db: Db, id: number): Promise<OutboxRow | undefined> {
  return withUnit(db).where('o.id', '=', id).executeTakeFirst();
}

export function listMessages(
  db: Db,
  f: { status?: OutboxStatus; period?: string; unitId?: number; limit?: number } = {},
): Promise<OutboxRow[]> {
  let q = withUnit(db);
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.period) q = q.where('o.period', '=', f.period);
  if (f.unitId !== undefined) q = q.where('o.unit_id', '=', f.unitId);
  return q
    .orderBy('o.id', 'desc')
    .limit(f.limit ?? 500)
    .execute();
}

/** The newest summary or correction for (recipient, unit, period) that was not cancelled. */
export function latestSummaryMessage(
  db: Db,
  recipientId: number,
  unitId: number,
  period: string,
): Promise<OutboxRow | undefined> {
  return withUnit(db)
    .where('o.recipient_id', '=', recipientId)
    .where('o.unit_id', '=', unitId)
    .where('o.period', '=', period)
    .where('o.kind', 'in', ['summary', 'correction'])
    .where('o.status', '!=', 'cancelled')
    .orderBy('o.id', 'desc')
    .executeTakeFirst();
}

/** Kinds that make up the monthly summaries (reminders are another matter). */
const SUMMARY_KINDS: OutboxKind[] = ['summary', 'correction', 'resend'];

/** True once any summary was ever queued (a reminder alone does not make an install "not new"). */
export async function anyMessage(db: Db): Promise<boolean> {
  return !!(await db
    .selectFrom('email_outbox')
    .select('id')
    .where('kind', 'in', SUMMARY_KINDS)
    .limit(1)
    .executeTakeFirst());
}

export async function hasMessagesFor(db: Db, unitId: number, period: string): Promise<boolean> {
  return !!(await db
    .selectFrom('email_outbox')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('period', '=', period)
    .where('kind', 'in', SUMMARY_KINDS)
    .limit(1)
    .executeTakeFirst());
}

export type ReminderRow = OutboxRow & { unit_name: string; role: string | null };

/** Reminder and escalation messages of some units in periods from..to (inclusive), oldest first. */
export function listReminderRows(db: Db, f: { unitIds: number[]; from: string; to: string }): Promise<ReminderRow[]> {
  if (!f.unitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('email_outbox as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .leftJoin('recipients as r', 'r.id', 'o.recipient_id')
    .selectAll('o')
    .select(['u.code as unit_code', 'u.name as unit_name', 'r.role as role'])
    .where('o.kind', 'in', ['reminder', 'escalation'])
    .where('o.unit_id', 'in', f.unitIds)
    .where('o.period', '>=', f.from)
    .where('o.period', '<=', f.to)
    .orderBy('o.period')
    .orderBy('u.code')
    .orderBy('o.id')
    .execute();
}

export async function maxVersion(
  db: Db,
  recipientId: number,
  unitId: number,
  period: string,
  kind: OutboxKind,
): Promise<number> {
  const r = await db
    .selectFrom('email_outbox')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('recipient_id', '=', recipientId)
    .where('unit_id', '=', unitId)
    .where('period', '=', period)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

/** Inserts unless the (recipient, unit, period, kind, version) key exists; returns the new id or null. */
export async function insertMessage(db: Db, row: Insertable<EmailOutboxTable>): Promise<number | null> {
  const r = await db
    .insertInto('email_outbox')
    .values(row)
    .onConflict((oc) => oc.columns(['recipient_id', 'unit_id', 'period', 'kind', 'version']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/** Replaces the content of a message nobody has claimed yet; false when it is already being sent. */
export async function updatePendingContent(
  db: Db,
  id: number,
  v: { subject: string; html: string; text_body: string; content_hash: string; now: string },
): Promise<boolean> {
  const r = await db
    .updateTable('email_outbox')
    .set({ subject: v.subject, html: v.html, text_body: v.text_body, content_hash: v.content_hash, updated_at: v.now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function cancelPendingForRecipient(db: Db, recipientId: number, now: string): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({ status: 'cancelled', updated_at: now })
    .where('recipient_id', '=', recipientId)
    .where('status', '=', 'pending')
    .execute();
}

/** Ids that are due: pending and past next_attempt_at, or "sending" with an expired lease (the sender died). */
export async function dueIds(db: Db, now: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('email_outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Takes the row if it is still due; true when this caller now owns it until leaseUntil. */
export async function claim(db: Db, id: number, now: string, leaseUntil: string, owner: string): Promise<boolean> {
  const r = await db
    .updateTable('email_outbox')
    .set((eb) => ({
      status: 'sending',
      lease_until: leaseUntil,
      lease_owner: owner,
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markSent(db: Db, id: number, now: string): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({ status: 'sent', sent_at: now, lease_until: null, last_error: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** After a failed try: back to pending at nextAttemptAt, or failed for good when nextAttemptAt is null. */
export async function markAttemptFailed(
  db: Db,
  id: number,
  owner: string,
  error: string,
  now: string,
  nextAttemptAt: string | null,
): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set(
      nextAttemptAt
        ? { status: 'pending', next_attempt_at: nextAttemptAt, lease_until: null, last_error: error, updated_at: now }
        : { status: 'failed', lease_until: null, last_error: error, updated_at: now },
    )
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('lease_owner', '=', owner)
    .execute();
}

export async function statusCounts(db: Db, period: string): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom('email_outbox')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .where('period', '=', period)
    .groupBy('status')
    .execute();
  const out: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, cancelled: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}
