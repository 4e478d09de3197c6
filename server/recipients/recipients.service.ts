/**
 * Recipients of the monthly summary: rules (unit must exist, one address once per unit) and the
 * row → API shape mapping. A recipient of a parent unit receives the parent's rolled-up summary.
 */
import type { AppDeps } from '../deps.ts';
import { isoNow } from '../clock.ts';
import { conflict, notFound } from '../errors.ts';
import type { Recipient, RecipientCreate, RecipientPatch } from '../../domain/schemas/recipient.ts';
import { cancelPendingForRecipient } from '../emails/outbox.repository.ts';
import * as repo from './recipients.repository.ts';

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

export async function addRecipient(deps: AppDeps, input: RecipientCreate): Promise<Recipient> {
  const unit = await unitOrThrow(deps, input.unitCode);
  if (await repo.findRecipientByUnitEmail(deps.db, unit.id, input.email)) throw duplicate(input.email, unit.code);
  const id = await repo.insertRecipient(deps.db, {
    unit_id: unit.id,
    name: input.name?.trim() || input.email,
    email: input.email,
    lang: input.lang,
    active: input.active ? 1 : 0,
    role: input.role,
    now: isoNow(deps.clock),
  });
  return getRecipient(deps, id);
}

export async function patchRecipient(deps: AppDeps, id: number, patch: RecipientPatch): Promise<Recipient> {
  const current = await getRecipient(deps, id);
  if (patch.email && patch.email !== current.email) {
    const unit = await unitOrThrow(deps, current.unitCode);
    if (await repo.findRecipientByUnitEmail(deps.db, unit.id, patch.email)) throw duplicate(patch.email, unit.code);
  }
  await repo.updateRecipient(deps.db, id, {
    ...(patch.email !== undefined ? { email: patch.email } : {}),
    ...(patch.name !== undefined ? { name: patch.name.trim() || (patch.email ?? current.email) } : {}),
    ...(patch.lang !== undefined ? { lang: patch.lang } : {}),
    ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    now: isoNow(deps.clock),
  });
  return getRecipient(deps, id);
}

/** Deletes the recipient; messages still waiting for them are cancelled, sent ones stay on record. */
export async function removeRecipient(deps: AppDeps, id: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteRecipient(trx, id))) throw notFound(`người nhận #${id}`);
    await cancelPendingForRecipient(trx, id, isoNow(deps.clock));
  });
}
