/**
 * Demo step: the agency document settings of the demo agency (Sở Thông tin và Truyền thông, Trà
 * Vinh), so its filed report prints complete header, "Nơi nhận" and signature blocks; its
 * divisions inherit every field. The six departments of the demo bloc have none (their reports
 * show the dotted blanks and the warnings). Idempotent: leaves a unit that has its own row alone.
 */
import type { AppDeps } from '../deps.ts';
import { isoNow } from '../clock.ts';
import type { AgencyDocumentFields } from '../../domain/schemas/agency-document.ts';
import { documentSettingsOfUnits, upsertDocumentSettings } from './document-settings.repository.ts';

export const DEMO_AGENCY_DOCUMENT: { unitCode: string; fields: AgencyDocumentFields } = {
  unitCode: 'STTTT',
  fields: {
    superiorBody: 'UBND tỉnh Trà Vinh',
    issuerName: 'Sở Thông tin và Truyền thông',
    issuerCode: 'STTTT',
    place: 'Trà Vinh',
    signerAuthority: 'KT. Giám đốc',
    signerTitle: 'Phó Giám đốc',
    signerName: 'Nguyễn Văn An',
    recipients: ['UBND tỉnh (b/c);', 'Sở Tài chính;', 'Ban Giám đốc Sở;', 'Lưu: VT, VP.'],
    numberPattern: null,
  },
};

export const documentSettingsDemoStep = {
  name: 'agency document settings',
  async run(deps: AppDeps): Promise<void> {
    const unit = await deps.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', DEMO_AGENCY_DOCUMENT.unitCode)
      .executeTakeFirst();
    if (!unit || (await documentSettingsOfUnits(deps.db, [unit.id])).length > 0) return;
    await upsertDocumentSettings(deps.db, unit.id, DEMO_AGENCY_DOCUMENT.fields, isoNow(deps.clock), 'demo');
  },
};
