/**
 * Results for a unit subtree and a year: per category the monthly series and the year to date,
 * the annual sentence, who has submitted; the children side by side. Works on a transaction
 * handle too (the monthly close and the emails call it inside theirs). Closed, fresh months are
 * read from their snapshots (snapshot.store.ts); anything else is computed from the figures.
 *
 * Submission and coverage (domain/coverage.ts): a unit is expected for a period when it has its own
 * figure (any category) in that period or in any of the twelve months before, or a submission rule
 * says so; every answer carries the coverage of its months and whether it is provisional.
 * "Through" defaults to the last month that has ended (Asia/Ho_Chi_Minh), December of a past year.
 */
import type { Db } from '../db/schema.ts';
import type {
  CategoryResult,
  ComparisonCell,
  ComparisonResponse,
  CoverageGrid,
  ResultsResponse,
  SubmissionStatus,
  UnitRef,
  YtdResult,
} from '../../domain/schemas/results.ts';
import { makePeriod, splitPeriod } from '../../domain/months.ts';
import { reductionTenths, tenthsToPct } from '../../domain/reductions.ts';
import {
  cellStatus,
  coverageMonths,
  defaultThrough,
  isProvisional,
  monthEnded,
  type MonthCoverage,
} from '../../domain/coverage.ts';
import { AppError, notFound } from '../errors.ts';
import { buildYearModel, type YearModel } from './results.model.ts';
import { sentenceOf, toCategoryResult, toValueFields } from './results.map.ts';
import { readSnapshotResults } from './snapshot.store.ts';

export interface ResultsQuery {
  unitCode?: string;
  year: number;
  /** Last month counted; defaults to the last month ended at `now`. */
  through?: string;
  /** The caller's clock (deps.clock.now()); only read when `through` is not given. */
  now?: Date;
}

/** The unit by code, or the root unit (the first top-level unit) when no code is given. */
export async function resolveUnit(
  db: Db,
  code: string | undefined,
): Promise<{ id: number; code: string; name: string }> {
  let q = db.selectFrom('units').select(['id', 'code', 'name']);
  q = code ? q.where('code', '=', code) : q.where('parent_id', 'is', null).orderBy('id').limit(1);
  const u = await q.executeTakeFirst();
  if (!u)
    throw code
      ? notFound(`đơn vị có mã "${code}"`, undefined, { entity: 'unit', key: code })
      : notFound('đơn vị nào (hãy nhập danh sách đơn vị trước)');
  return u;
}

/**
 * The month results of `year` run through: `through` when given (a month not ended yet counts only
 * then), else the last month ended at `now`. A year none of whose months has ended has no results.
 */
export function resolveThrough(year: number, through: string | undefined, now: Date): string {
  if (through !== undefined) {
    if (splitPeriod(through).year !== year)
      throw new AppError(
        400,
        'bad_through',
        `Kỳ "đến tháng" (${through}) phải thuộc năm ${year}.`,
        undefined,
        undefined,
        { through, year },
      );
    return through;
  }
  const d = defaultThrough(year, now);
  if (!d)
    throw new AppError(
      404,
      'year_not_started',
      `Năm ${year} chưa có tháng nào kết thúc nên chưa có số liệu. Hãy chọn năm ${year - 1}, hoặc ghi rõ tháng cần xem (through).`,
      { year },
    );
  return d;
}

const monthIndex = (through: string) => splitPeriod(through).month - 1;

/** Categories shown: every active one, and a retired one only if the subtree has figures for it in the year. */
function shownCategories(model: YearModel, i: number): number[] {
  return model.categories
    .map((_, k) => k)
    .filter(
      (k) =>
        !model.categories[k].retired ||
        Array.from({ length: 12 }, (_, m) => model.rollups[k].submitted(i, m)).some(Boolean),
    );
}

/** Results of model unit i through month t, as the API shape. */
export function categoryResultsOf(model: YearModel, i: number, t: number): CategoryResult[] {
  return shownCategories(model, i).map((k) => {
    const r = model.rollups[k].resultFor(i, t);
    return toCategoryResult(
      model.categories[k],
      model.effective[k][i].basis,
      model.year,
      r,
      model.rollups[k].outlookTotals(i, t, r.measure, r.ytd.actual),
    );
  });
}

function subtreeOf(model: YearModel, i: number): number[] {
  const out: number[] = [];
  const stack = [i];
  while (stack.length) {
    const j = stack.pop()!;
    out.push(j);
    stack.push(...model.children[j]);
  }
  return out;
}

/** Who of unit i's subtree has and has not submitted for month t of the model year. */
export function submissionOf(model: YearModel, i: number, t: number): SubmissionStatus {
  const submitted: UnitRef[] = [];
  const notSubmitted: UnitRef[] = [];
  for (const j of subtreeOf(model, i)) {
    const s = cellStatus(model.ownAny, j, model.year, t, model.rules[j]);
    if (s === 'submitted') submitted.push({ code: model.units[j].code, name: model.units[j].name });
    else if (s === 'missing') notSubmitted.push({ code: model.units[j].code, name: model.units[j].name });
  }
  const byCode = (a: UnitRef, b: UnitRef) => a.code.localeCompare(b.code);
  return {
    period: makePeriod(model.year, t + 1),
    submitted: submitted.sort(byCode),
    notSubmitted: notSubmitted.sort(byCode),
  };
}

export async function computeResults(db: Db, q: ResultsQuery): Promise<ResultsResponse> {
  const unit = await resolveUnit(db, q.unitCode);
  const through = resolveThrough(q.year, q.through, q.now ?? new Date());
  // Closed, fresh months come from their snapshots.
  const fromSnapshots = await readSnapshotResults(db, unit, q.year, through);
  if (fromSnapshots) return fromSnapshots;
  const model = await buildYearModel(db, q.year, unit.id);
  const t = monthIndex(through);
  const categories = categoryResultsOf(model, 0, t);
  const months = coverageMonths(model.coverage, 0, q.year, t);
  return {
    unit: { code: unit.code, name: unit.name },
    year: q.year,
    through,
    months,
    provisional: isProvisional(months),
    categories,
    sentence: sentenceOf(q.year, through, categories, months),
    submission: submissionOf(model, 0, t),
  };
}

/**
 * The figures view of a parent: every unit of the subtree (parents first, children by code) with
 * its status in each month of the year: submitted, missing (expected, not there), not expected.
 */
export async function coverageGrid(db: Db, q: { unitCode?: string; year: number; now: Date }): Promise<CoverageGrid> {
  const unit = await resolveUnit(db, q.unitCode);
  const model = await buildYearModel(db, q.year, unit.id);
  const rows: CoverageGrid['units'] = [];
  const walk = (i: number, depth: number) => {
    const u = model.units[i];
    rows.push({
      code: u.code,
      name: u.name,
      parentCode: model.parent[i] >= 0 ? model.units[model.parent[i]].code : null,
      depth,
      months: Array.from({ length: 12 }, (_, m) => cellStatus(model.ownAny, i, q.year, m, model.rules[i])),
    });
    const kids = [...model.children[i]].sort((a, b) => model.units[a].code.localeCompare(model.units[b].code));
    for (const c of kids) walk(c, depth + 1);
  };
  if (model.units.length) walk(0, 0);
  return {
    unit: { code: unit.code, name: unit.name },
    year: q.year,
    months: coverageMonths(model.coverage, 0, q.year, 11).map((m) => ({ ...m, ended: monthEnded(m.period, q.now) })),
    units: rows,
  };
}

/** Overall reduction in đồng over the categories whose year to date has both đồng sums. */
export function overallTenths(ytds: YtdResult[]): number | null {
  let b = 0;
  let a = 0;
  let any = false;
  for (const y of ytds) {
    if (y.baselineAmount == null || y.actualAmount == null || y.baseline == null) continue;
    b += y.baselineAmount;
    a += y.actualAmount;
    any = true;
  }
  return any ? reductionTenths(b, a) : null;
}

/** The unit's children side by side, ranked by overall reduction (ties share a rank; unknown last, unranked). */
export async function computeComparison(db: Db, q: ResultsQuery): Promise<ComparisonResponse> {
  const unit = await resolveUnit(db, q.unitCode);
  const through = resolveThrough(q.year, q.through, q.now ?? new Date());
  const model = await buildYearModel(db, q.year, unit.id);
  const t = monthIndex(through);
  const months: MonthCoverage[] = coverageMonths(model.coverage, 0, q.year, t);
  const rows = model.children[0].map((c) => {
    const categories: Record<string, ComparisonCell> = {};
    const ytds: YtdResult[] = [];
    for (const k of shownCategories(model, 0)) {
      const r = model.rollups[k].resultFor(c, t);
      const y: YtdResult = {
        monthsSubmitted: r.ytd.monthsSubmitted,
        monthsInRange: r.ytd.monthsInRange,
        ...toValueFields(r.ytd, r.measure),
      };
      categories[model.categories[k].code] = { ...y, target: tenthsToPct(r.targetTenths) };
      ytds.push(y);
    }
    const o = overallTenths(ytds);
    const childMonths = coverageMonths(model.coverage, c, q.year, t);
    return {
      unit: { code: model.units[c].code, name: model.units[c].name },
      categories,
      overall: tenthsToPct(o),
      o,
      rank: null as number | null,
      months: childMonths,
      provisional: isProvisional(childMonths),
    };
  });
  rows.sort(
    (x, y) =>
      (x.o == null ? 1 : 0) - (y.o == null ? 1 : 0) ||
      (y.o ?? 0) - (x.o ?? 0) ||
      x.unit.code.localeCompare(y.unit.code),
  );
  rows.forEach((r, k) => {
    if (r.o == null) return;
    r.rank = k > 0 && rows[k - 1].o === r.o ? rows[k - 1].rank : k + 1;
  });
  return {
    unit: { code: unit.code, name: unit.name },
    year: q.year,
    through,
    months,
    provisional: isProvisional(months),
    rows: rows.map(({ o: _o, ...r }) => r),
  };
}

export async function submissionStatus(db: Db, q: { unitCode?: string; period: string }): Promise<SubmissionStatus> {
  const unit = await resolveUnit(db, q.unitCode);
  const { year, month } = splitPeriod(q.period);
  const model = await buildYearModel(db, year, unit.id);
  return submissionOf(model, 0, month - 1);
}
