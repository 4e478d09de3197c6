/**
 * Which of some units are missing for a month (expected by the completeness rule of
 * domain/coverage.ts and without a figure), read for just those units: the reminders ask this
 * for the units that have a finance officer or head, not for the whole tree.
 */
import type { Db } from '../db/schema.ts';
import { cellStatus, type SubmissionRule } from '../../domain/coverage.ts';
import { makePeriod, splitPeriod, type Period } from '../../domain/months.ts';
import { getSubmissionRule, submittedMonths } from './submission.repository.ts';

/** The ids among `unitIds` whose status for `period` is "missing". */
export async function missingUnits(db: Db, unitIds: number[], period: Period): Promise<Set<number>> {
  const ids = [...new Set(unitIds)];
  const { year, month } = splitPeriod(period);
  // cellStatus reads own-figure flags of January last year .. this month: index k 0..11 the year
  // before, 12..23 the year itself.
  const rows = await submittedMonths(db, ids, makePeriod(year - 1, 1), period);
  const pos = new Map(ids.map((id, i) => [id, i]));
  const own = new Uint8Array(ids.length * 24);
  for (const r of rows) {
    const { year: y, month: m } = splitPeriod(r.period);
    own[pos.get(r.unit_id)! * 24 + (y === year ? 12 : 0) + m - 1] = 1;
  }
  const out = new Set<number>();
  for (const [id, i] of pos) {
    const row = await getSubmissionRule(db, id);
    const rule: SubmissionRule | null = row ? { mode: row.mode, from: row.from_period } : null;
    if (cellStatus(own, i, year, month - 1, rule) === 'missing') out.add(id);
  }
  return out;
}
