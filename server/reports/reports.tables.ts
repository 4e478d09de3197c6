/** Table types of the reports feature (module augmentation of the core Database). */
import type { Generated } from 'kysely';

export interface ReportExplanationTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  /** '2020', '2020-H1', '2020-Q3'. */
  period_key: string;
  category_id: number;
  text: string;
  updated_at: string;
  updated_by: string | null;
}

declare module '../db/schema.ts' {
  interface Database {
    report_explanations: ReportExplanationTable;
  }
}
