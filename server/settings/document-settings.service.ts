/**
 * Agency document settings: the effective values of a unit (each field from the nearest unit up
 * the tree that sets it, with where it comes from), and an administrator setting or clearing a
 * unit's own row. They only change what the filed report prints around its numbers, so unlike
 * norms and targets they are not bound to a year and locked months do not freeze them. Each
 * change and its audit row commit together.
 */
import type { Db } from '../db/schema.ts';
import {
  AGENCY_DOCUMENT_FIELDS,
  normaliseNumberPattern,
  type AgencyDocumentFields,
  type AgencyDocumentInput,
  type EffectiveAgencyDocument,
} from '../../domain/schemas/agency-document.ts';
import { resolveAgencyDocument } from '../../domain/agency-document.ts';
import { recordAudit, type AuditActor } from '../audit/audit.repository.ts';
import { isoNow, type Clock } from '../clock.ts';
import { unitChain } from './settings.service.ts';
import {
  deleteDocumentSettings,
  documentSettingsOfUnits,
  toFields,
  upsertDocumentSettings,
} from './document-settings.repository.ts';

export async function getDocumentSettings(db: Db, unitCode: string): Promise<EffectiveAgencyDocument> {
  const chain = await unitChain(db, unitCode);
  const rows = await documentSettingsOfUnits(
    db,
    chain.map((u) => u.id),
  );
  const byUnit = new Map(rows.map((r) => [r.unit_id, toFields(r)]));
  const resolved = resolveAgencyDocument(chain.map((u) => ({ unitId: u.id, unitCode: u.code, row: byUnit.get(u.id) })));
  const unit = chain[0];
  return { unit: { code: unit.code, name: unit.name }, own: byUnit.get(unit.id) ?? null, ...resolved };
}

const fieldsOf = (i: AgencyDocumentInput): AgencyDocumentFields => ({
  superiorBody: i.superiorBody,
  issuerName: i.issuerName,
  issuerCode: i.issuerCode,
  place: i.place,
  signerAuthority: i.signerAuthority,
  signerTitle: i.signerTitle,
  signerName: i.signerName,
  recipients: i.recipients,
  numberPattern: i.numberPattern == null ? null : normaliseNumberPattern(i.numberPattern),
});

/** Replace a unit's own row (every field; null = inherit). A row of nulls only is removed. */
export async function putDocumentSettings(
  db: Db,
  clock: Clock,
  input: AgencyDocumentInput,
  actor: AuditActor,
): Promise<EffectiveAgencyDocument> {
  const unit = (await unitChain(db, input.unitCode))[0];
  const after = fieldsOf(input);
  const empty = AGENCY_DOCUMENT_FIELDS.every((k) => after[k] == null);
  await db.transaction().execute(async (trx) => {
    const before = (await documentSettingsOfUnits(trx, [unit.id])).map(toFields)[0] ?? null;
    const at = isoNow(clock);
    if (empty) await deleteDocumentSettings(trx, unit.id);
    else await upsertDocumentSettings(trx, unit.id, after, at, actor.actor);
    if (JSON.stringify(before) !== JSON.stringify(empty ? null : after))
      await recordAudit(trx, {
        ...actor,
        at,
        action: 'document_settings.update',
        entityType: 'document_settings',
        entityKey: unit.code,
        unitCode: unit.code,
        before,
        after: empty ? null : after,
      });
  });
  return getDocumentSettings(db, unit.code);
}

/** Remove a unit's own row: every field inherits again. Returns false when it had none. */
export async function clearDocumentSettings(
  db: Db,
  clock: Clock,
  unitCode: string,
  actor: AuditActor,
): Promise<boolean> {
  const unit = (await unitChain(db, unitCode))[0];
  return db.transaction().execute(async (trx) => {
    const before = (await documentSettingsOfUnits(trx, [unit.id])).map(toFields)[0] ?? null;
    if (!before) return false;
    await deleteDocumentSettings(trx, unit.id);
    await recordAudit(trx, {
      ...actor,
      at: isoNow(clock),
      action: 'document_settings.clear',
      entityType: 'document_settings',
      entityKey: unit.code,
      unitCode: unit.code,
      before,
      after: null,
    });
    return true;
  });
}
