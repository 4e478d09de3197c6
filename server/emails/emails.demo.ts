/**
 * Demo recipients: the department's party committee, director and chief accountant and an adviser
 * (monthly summaries), and for every division its head (thủ trưởng) and finance officer (kế toán),
 * who also get the reminders when the division is late (addresses @example.gov.vn).
 * Idempotent: an address already on a unit is left as it is.
 */
import type { AppDeps } from '../deps.ts';
import { isoNow } from '../clock.ts';
import type { RecipientRole } from '../../domain/schemas/recipient.ts';
import { findRecipientByUnitEmail, findUnitIdByCode, insertRecipient } from '../recipients/recipients.repository.ts';

export interface DemoRecipient {
  unit: string;
  name: string;
  email: string;
  lang: 'vi' | 'en';
  role: RecipientRole | null;
}

/** The divisions of the demo department: [code, e-mail key, how its head is called]. */
const DIVISIONS: [string, string, string][] = [
  ['STTTT-VP', 'vp', 'Chánh Văn phòng Sở'],
  ['STTTT-BCXB', 'bcxb', 'Trưởng phòng Báo chí - Xuất bản'],
  ['STTTT-BCVT', 'bcvt', 'Trưởng phòng Bưu chính - Viễn thông và CNTT'],
  ['STTTT-TT', 'tt', 'Chánh Thanh tra Sở'],
  ['STTTT-TTCNTT', 'ttcntt', 'Giám đốc Trung tâm CNTT&TT'],
];

export const DEMO_RECIPIENTS: DemoRecipient[] = [
  {
    unit: 'STTTT',
    name: 'Đồng chí Bí thư Đảng ủy Sở',
    email: 'dangu.stttt@example.gov.vn',
    lang: 'vi',
    role: 'committee',
  },
  { unit: 'STTTT', name: 'Giám đốc Sở', email: 'giamdoc.stttt@example.gov.vn', lang: 'vi', role: 'head' },
  { unit: 'STTTT', name: 'Kế toán trưởng', email: 'ketoan.stttt@example.gov.vn', lang: 'vi', role: 'finance' },
  { unit: 'STTTT', name: 'Technical adviser', email: 'adviser.stttt@example.gov.vn', lang: 'en', role: null },
  ...DIVISIONS.flatMap(([unit, key, head]): DemoRecipient[] => [
    { unit, name: head, email: `thutruong.${key}.stttt@example.gov.vn`, lang: 'vi', role: 'head' },
    {
      unit,
      name: `Kế toán ${unit.slice('STTTT-'.length)}`,
      email: `ketoan.${key}.stttt@example.gov.vn`,
      lang: 'vi',
      role: 'finance',
    },
  ]),
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
      role: r.role,
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
