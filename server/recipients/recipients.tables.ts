/** Table types for summary recipients (migration 20261123220000), added to Database by augmentation. */
import type { Generated } from 'kysely';
import type { RecipientRole } from '../../domain/schemas/recipient.ts';

export interface RecipientTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  email: string;
  lang: 'vi' | 'en';
  /** 0/1 */
  active: number;
  /** finance (kế toán), head (thủ trưởng), committee (cấp ủy); null = other (summaries only). */
  role: Generated<RecipientRole | null>;
  created_at: string;
  updated_at: string;
}

declare module '../db/schema.ts' {
  interface Database {
    recipients: RecipientTable;
  }
}
