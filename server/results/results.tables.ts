/** Table types of the results engine: snapshots, their freshness, job runs, period locks. */
import type { Generated } from 'kysely';

export interface ResultSnapshotTable {
  id: Generated<number>;
  period: string;
  unit_id: number;
  category_id: number;
  basis: 'norm' | 'previous_year';
  measure: 'amount' | 'quantity';
  target_tenths: number | null;
  m_submitted: number;
  m_actual: number | null;
  m_baseline: number | null;
  m_actual_amount: number | null;
  m_baseline_amount: number | null;
  y_months_submitted: number;
  y_actual: number | null;
  y_baseline: number | null;
  y_actual_amount: number | null;
  y_baseline_amount: number | null;
  /** Year-end outlook after this period: whole-year baseline and projected whole-year actual (measure base). */
  y_baseline_year: number | null;
  y_projected_year: number | null;
  own_submitted: number;
  own_expected: number;
  /** Coverage of the unit's subtree for the period (null on snapshots written before migration 2026120113). */
  sub_expected: number | null;
  sub_submitted: number | null;
}

export interface ResultPeriodTable {
  period: string;
  gen: Generated<number>;
  stale: Generated<number>;
  computed_at: string;
}

export interface JobRunTable {
  id: Generated<number>;
  job: string;
  period: string;
  status: 'running' | 'succeeded' | 'failed';
  owner: string | null;
  lease_until: string | null;
  attempts: Generated<number>;
  started_at: string;
  finished_at: string | null;
  error: string | null;
  /** JSON: counts of the run (units, snapshots, emails queued, ms). */
  detail: string | null;
}

export interface PeriodLockTable {
  id: Generated<number>;
  period: string;
  locked_at: string;
  locked_by: string | null;
}

declare module '../db/schema.ts' {
  interface Database {
    result_snapshots: ResultSnapshotTable;
    result_periods: ResultPeriodTable;
    job_runs: JobRunTable;
    period_locks: PeriodLockTable;
  }
}
