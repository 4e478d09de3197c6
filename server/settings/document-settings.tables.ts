/** Table types of the agency document settings (module augmentation of the core Database). */
import type { Generated } from 'kysely';

export interface AgencyDocumentSettingsTable {
  id: Generated<number>;
  unit_id: number;
  /** "" = the agency has no superior body; null = inherit. */
  superior_body: string | null;
  issuer_name: string | null;
  issuer_code: string | null;
  place: string | null;
  /** "" = the head signs in their own name; null = inherit. */
  signer_authority: string | null;
  signer_title: string | null;
  signer_name: string | null;
  /** JSON array of "Nơi nhận" lines; null = inherit. */
  recipients: string | null;
  number_pattern: string | null;
  updated_at: string;
  updated_by: string | null;
}

declare module '../db/schema.ts' {
  interface Database {
    agency_document_settings: AgencyDocumentSettingsTable;
  }
}
