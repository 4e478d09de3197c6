/** Table type of the submission rules (migration 20261201130000), added to Database by augmentation. */
import type { Generated } from 'kysely';

export interface SubmissionRuleTable {
  id: Generated<number>;
  /** One rule per unit. */
  unit_id: number;
  /** expected: expected from from_period whatever its history; exempt: not expected unless it submits. */
  mode: 'expected' | 'exempt';
  from_period: string;
  updated_at: string;
  updated_by: string | null;
}

declare module '../db/schema.ts' {
  interface Database {
    submission_rules: SubmissionRuleTable;
  }
}
