/**
 * Recipients of the monthly summary: rules (unit must exist, one address once per unit) and the
 * row → API shape mapping. A recipient of a parent unit receives the parent's rolled-up summary.
 */
import type { AppDeps } from '../deps.ts';
import { isoNow } from '../clock.ts';
import { conflict, notFound } from '../errors.ts';
import type { Recipient, RecipientCreate, RecipientPatch } from '../../domain/schemas/recipient.ts';
import { cancelPendingForRecipient } from '../emails/outbox.repository.ts';
import { recordAudit, type AuditActor } from '../audit/audit.repository.ts';
import * as repo from './recipients.repository.ts';

/** Who receives the monthly summaries is an audited change: one row, in the change's transaction. */
function audit(deps: AppDeps, by: AuditActor, action: string, id: number, before: unknown, after: unknown) {
  return recordAudit(deps.db, {
    ...by,
    at: isoNow(deps.clock),
    action,
    entityType: 'recipient',
    entityKey: String(id),
    before,
    after,
  });
}

/** Runs `fn` with deps whose db is one transaction. */
const inTransaction = <T>(deps: AppDeps, fn: (d: AppDeps) => Promise<T>): Promise<T> =>
  deps.db.transaction().execute((trx) => fn({ ...deps, db: trx }));

export function toRecipient(r: repo.RecipientRow): Recipient {
  return {
    id: r.id,
    unitCode: r.unit_code,
    name: r.name,
    email: r.email,
    lang: r.lang,
    active: r.active === 1,
    role: r.role ?? null,
  };
}

async function unitOrThrow(deps: AppDeps, code: string) {
  const unit = await repo.findUnitIdByCode(deps.db, code);
  if (!unit) throw notFound(`đơn vị có mã ${code}`, { unitCode: code }, { entity: 'unit', key: code });
  return unit;
}

export async function listRecipients(deps: AppDeps, unitCode?: string): Promise<Recipient[]> {
  const unitId = unitCode ? (await unitOrThrow(deps, unitCode)).id : undefined;
  return (await repo.listRecipientRows(deps.db, { unitId })).map(toRecipient);
}

export async function getRecipient(deps: AppDeps, id: number): Promise<Recipient> {
  const row = await repo.getRecipientRow(deps.db, id);
  if (!row) throw notFound(`người nhận #${id}`);
  return toRecipient(row);
}

const duplicate = (email: string, unitCode: string) =>
  conflict('recipient_exists', `Địa chỉ ${email} đã là người nhận của đơn vị ${unitCode}.`, { email, unitCode });

export async function addRecipient(deps: AppDeps, input: RecipientCreate, by: AuditActor): Promise<Recipient> {
  return inTransaction(deps, async (d) => {
    const unit = await unitOrThrow(d, input.unitCode);
    if (await repo.findRecipientByUnitEmail(d.db, unit.id, input.email)) throw duplicate(input.email, unit.code);
    const id = await repo.insertRecipient(d.db, {
      unit_id: unit.id,
      name: input.name?.trim() || input.email,
      email: input.email,
      lang: input.lang,
      active: input.active ? 1 : 0,
      role: input.role,
      now: isoNow(d.clock),
    });
    const recipient = await getRecipient(d, id);
    await audit(d, by, 'recipient.create', id, null, recipient);
    return recipient;
  });
}

export async function patchRecipient(
  deps: AppDeps,
  id: number,
  patch: RecipientPatch,
  by: AuditActor,
): Promise<Recipient> {
  return inTransaction(deps, async (d) => {
    const current = await getRecipient(d, id);
    if (patch.email && patch.email !== current.email) {
      const unit = await unitOrThrow(d, current.unitCode);
      if (await repo.findRecipientByUnitEmail(d.db, unit.id, patch.email)) throw duplicate(patch.email, unit.code);
    }
    await repo.updateRecipient(d.db, id, {
      ...(patch.email !== undefined ? { email: patch.email } : {}),
      ...(patch.name !== undefined ? { name: patch.name.trim() || (patch.email ?? current.email) } : {}),
      ...(patch.lang !== undefined ? { lang: patch.lang } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      now: isoNow(d.clock),
    });
    const recipient = await getRecipient(d, id);
    await audit(d, by, 'recipient.update', id, null, {
      ...patch,
      email: recipient.email,
      unitCode: recipient.unitCode,
    });
    return recipient;
  });
}

/** Deletes the recipient; messages still waiting for them are cancelled, sent ones stay on record. */
export async function removeRecipient(deps: AppDeps, id: number, by: AuditActor): Promise<void> {
  await inTransaction(deps, async (d) => {
    if (!(await repo.deleteRecipient(d.db, id))) throw notFound(`người nhận #${id}`);
    await cancelPendingForRecipient(d.db, id, isoNow(d.clock));
    await audit(d, by, 'recipient.delete', id, { id }, null);
  });
}
