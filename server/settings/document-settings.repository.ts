/** SQL for agency document settings: one row per unit that sets any field of its own. */
import type { Db } from '../db/schema.ts';
import type { AgencyDocumentFields } from '../../domain/schemas/agency-document.ts';
import type { AgencyDocumentSettingsTable } from './document-settings.tables.ts';
import './document-settings.tables.ts';

type Row = Omit<AgencyDocumentSettingsTable, 'id'>;

export function toFields(r: Row): AgencyDocumentFields {
  return {
    superiorBody: r.superior_body,
    issuerName: r.issuer_name,
    issuerCode: r.issuer_code,
    place: r.place,
    signerAuthority: r.signer_authority,
    signerTitle: r.signer_title,
    signerName: r.signer_name,
    recipients: r.recipients == null ? null : (JSON.parse(r.recipients) as string[]),
    numberPattern: r.number_pattern,
  };
}

export function documentSettingsOfUnits(db: Db, unitIds: number[]): Promise<Row[]> {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('agency_document_settings')
    .select([
      'unit_id',
      'superior_body',
      'issuer_name',
      'issuer_code',
      'place',
      'signer_authority',
      'signer_title',
      'signer_name',
      'recipients',
      'number_pattern',
      'updated_at',
      'updated_by',
    ])
    .where('unit_id', 'in', unitIds)
    .execute();
}

export async function upsertDocumentSettings(
  db: Db,
  unitId: number,
  f: AgencyDocumentFields,
  updatedAt: string,
  updatedBy: string | null,
): Promise<void> {
  const values = {
    superior_body: f.superiorBody,
    issuer_name: f.issuerName,
    issuer_code: f.issuerCode,
    place: f.place,
    signer_authority: f.signerAuthority,
    signer_title: f.signerTitle,
    signer_name: f.signerName,
    recipients: f.recipients == null ? null : JSON.stringify(f.recipients),
    number_pattern: f.numberPattern,
    updated_at: updatedAt,
    updated_by: updatedBy,
  };
  await db
    .insertInto('agency_document_settings')
    .values({ unit_id: unitId, ...values })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet(values))
    .execute();
}

export async function deleteDocumentSettings(db: Db, unitId: number): Promise<number> {
  const r = await db.deleteFrom('agency_document_settings').where('unit_id', '=', unitId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
