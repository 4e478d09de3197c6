/**
 * Demo recipients of the monthly summary: the department's party committee, director and
 * finance officer, and the heads and officers of two divisions (addresses @example.gov.vn).
 * Idempotent: an address already on a unit is left as it is.
 */
import type { AppDeps } from '../deps.ts';
import { isoNow } from '../clock.ts';
import { findRecipientByUnitEmail, findUnitIdByCode, insertRecipient } from '../recipients/recipients.repository.ts';

export const DEMO_RECIPIENTS: { unit: string; name: string; email: string; lang: 'vi' | 'en' }[] = [
  { unit: 'STTTT', name: 'Đồng chí Bí thư Đảng ủy Sở', email: 'dangu.stttt@example.gov.vn', lang: 'vi' },
  { unit: 'STTTT', name: 'Giám đốc Sở', email: 'giamdoc.stttt@example.gov.vn', lang: 'vi' },
  { unit: 'STTTT', name: 'Kế toán trưởng', email: 'ketoan.stttt@example.gov.vn', lang: 'vi' },
  { unit: 'STTTT', name: 'Technical adviser', email: 'adviser.stttt@example.gov.vn', lang: 'en' },
  { unit: 'STTTT-VP', name: 'Chánh Văn phòng Sở', email: 'chanhvp.stttt@example.gov.vn', lang: 'vi' },
  { unit: 'STTTT-VP', name: 'Kế toán Văn phòng', email: 'ketoan.vp.stttt@example.gov.vn', lang: 'vi' },
  { unit: 'STTTT-TTCNTT', name: 'Giám đốc Trung tâm CNTT&TT', email: 'giamdoc.ttcntt@example.gov.vn', lang: 'vi' },
  { unit: 'STTTT-TTCNTT', name: 'Kế toán Trung tâm CNTT&TT', email: 'ketoan.ttcntt@example.gov.vn', lang: 'vi' },
];

export async function seedDemoRecipients(deps: AppDeps): Promise<number> {
  let added = 0;
  for (const r of DEMO_RECIPIENTS) {
    const unit = await findUnitIdByCode(deps.db, r.unit);
    if (!unit || (await findRecipientByUnitEmail(deps.db, unit.id, r.email))) continue;
    await insertRecipient(deps.db, {
      unit_id: unit.id,
      name: r.name,
      email: r.email,
      lang: r.lang,
      active: 1,
      now: isoNow(deps.clock),
    });
    added++;
  }
  return added;
}

export const recipientsDemoStep = {
  name: 'recipients',
  run: async (deps: AppDeps) => void (await seedDemoRecipients(deps)),
};
