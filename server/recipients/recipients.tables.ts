/** Table types for summary recipients (migration 20261123220000), added to Database by augmentation. */
import type { Generated } from 'kysely';

export interface RecipientTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  email: string;
  lang: 'vi' | 'en';
  /** 0/1 */
  active: number;
  created_at: string;
  updated_at: string;
}

declare module '../db/schema.ts' {
  interface Database {
    recipients: RecipientTable;
  }
}
