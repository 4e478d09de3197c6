/**
 * Result snapshots of closed months: written by the monthly close for every unit and category
 * (the month and the year to date through it), read back for dashboards of closed, fresh months
 * so that reading history never recomputes it. Values are stored in the measure's integer base.
 */
import { subtreeIds } from '../../domain/unit-tree.ts';
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../db/schema.ts';
import { dialectOf } from '../db/dialect.ts';
import type { CategoryResult, MonthResult, ResultsResponse, UnitRef } from '../../domain/schemas/results.ts';
import { evaluate } from '../../domain/reductions.ts';
import { makePeriod, splitPeriod } from '../../domain/months.ts';
import { cellStatus, isProvisional, monthCoverage, type MonthCoverage } from '../../domain/coverage.ts';
import type { ValueResult } from '../../domain/rollup.ts';
import type { YearModel } from './results.model.ts';
import type { ResultSnapshotTable } from './results.tables.ts';
import { sentenceOf, toOutlook, toValueFields } from './results.map.ts';
import { loadEngineCategories, loadTreeUnits } from './results.repository.ts';
import './results.tables.ts';

type SnapshotRow = Omit<ResultSnapshotTable, 'id'>;

/**
 * The snapshot columns in the order every writer takes a row, each with its PostgreSQL type (for
 * the arrays of the unnest insert).
 */
const SNAPSHOT_PG_TYPES = {
  period: 'text',
  unit_id: 'bigint',
  category_id: 'bigint',
  basis: 'text',
  measure: 'text',
  target_tenths: 'integer',
  m_submitted: 'integer',
  m_actual: 'bigint',
  m_baseline: 'bigint',
  m_actual_amount: 'bigint',
  m_baseline_amount: 'bigint',
  y_months_submitted: 'integer',
  y_actual: 'bigint',
  y_baseline: 'bigint',
  y_actual_amount: 'bigint',
  y_baseline_amount: 'bigint',
  y_baseline_year: 'bigint',
  y_projected_year: 'bigint',
  own_submitted: 'integer',
  own_expected: 'integer',
  sub_expected: 'integer',
  sub_submitted: 'integer',
} as const satisfies Record<keyof SnapshotRow, 'text' | 'integer' | 'bigint'>;
const SNAPSHOT_COLUMNS = Object.keys(SNAPSHOT_PG_TYPES) as (keyof SnapshotRow)[];

/** One way of writing snapshot rows, each given as values in SNAPSHOT_COLUMNS' order. */
interface SnapshotWriter {
  /** Takes one row; true when a flush is due. */
  add(values: unknown[]): boolean;
  /** Writes the rows added since the last flush; resolves with how many. */
  flush(): Promise<number>;
}

/** SQLite: the raw better-sqlite3 handle, ROWS_PER_INSERT rows per prepared statement execution. */
const ROWS_PER_INSERT = 64;
function sqliteWriter(raw: SQLite.Database): SnapshotWriter {
  const row = `(${SNAPSHOT_COLUMNS.map(() => '?').join(', ')})`;
  const sqlFor = (n: number) =>
    `insert into result_snapshots (${SNAPSHOT_COLUMNS.join(', ')}) values ${Array.from({ length: n }, () => row).join(', ')}`;
  const ins = raw.prepare(sqlFor(ROWS_PER_INSERT));
  let params: unknown[] = [];
  return {
    add(values) {
      for (const v of values) params.push(v);
      return params.length >= ROWS_PER_INSERT * SNAPSHOT_COLUMNS.length;
    },
    async flush() {
      const n = params.length / SNAPSHOT_COLUMNS.length;
      if (n) (n === ROWS_PER_INSERT ? ins : raw.prepare(sqlFor(n))).run(params);
      params = [];
      return n;
    },
  };
}

/** PostgreSQL: rows per `insert … select from unnest(arrays)` (22 array parameters, each one string). */
const PG_ROWS_PER_INSERT = 10_000;

/** A PostgreSQL array literal of integers and nulls; anything else is a bug, refused. */
function integerArrayLiteral(values: unknown[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) out += ',';
    if (v == null) out += 'NULL';
    else if (typeof v === 'number' && Number.isSafeInteger(v)) out += v;
    else throw new TypeError(`result snapshot: ${String(v)} is not an integer`);
  }
  return out + '}';
}

/**
 * PostgreSQL: the rows as one array per column, inserted through `unnest`: one statement per
 * PG_ROWS_PER_INSERT rows with 22 parameters, instead of a multi-row VALUES of 22,000 parameters
 * per 1,000 rows that Kysely compiles and the driver serializes one by one (~1.3 s of a 20,000-unit
 * close, docs/scale.md).
 */
function pgColumnWriter(trx: Db): SnapshotWriter {
  const columns = SNAPSHOT_COLUMNS.map(() => [] as unknown[]);
  let rows = 0;
  return {
    add(values) {
      for (let j = 0; j < values.length; j++) columns[j].push(values[j]);
      return ++rows >= PG_ROWS_PER_INSERT;
    },
    async flush() {
      if (!rows) return 0;
      const n = rows;
      // Integer columns as array literals written here ('{1,NULL,3}'): the driver would quote and
      // escape each element (~0.5 s of a 20,000-unit close). Text columns go through the driver.
      const arrays = SNAPSHOT_COLUMNS.map((c, j) => {
        const type = SNAPSHOT_PG_TYPES[c];
        return sql`${type === 'text' ? columns[j] : integerArrayLiteral(columns[j])}::${sql.raw(type)}[]`;
      });
      await sql`insert into result_snapshots (${sql.join(SNAPSHOT_COLUMNS.map((c) => sql.ref(c)))})
        select * from unnest(${sql.join(arrays)})`.execute(trx);
      for (const a of columns) a.length = 0;
      rows = 0;
      return n;
    },
  };
}

/** Any other handle (a SQLite transaction without its raw handle): Kysely's multi-row insert. */
function kyselyWriter(trx: Db): SnapshotWriter {
  let batch: SnapshotRow[] = [];
  return {
    add(values) {
      batch.push(Object.fromEntries(SNAPSHOT_COLUMNS.map((c, j) => [c, values[j]])) as SnapshotRow);
      // 22 columns: 1,000 rows stay under both SQLite's and PostgreSQL's bound-parameter limits.
      return batch.length >= 1000;
    },
    async flush() {
      const n = batch.length;
      if (n) await trx.insertInto('result_snapshots').values(batch).execute();
      batch = [];
      return n;
    },
  };
}

/**
 * Replace the snapshots of `period` with the model's results for every unit and category. Returns
 * rows written. `raw` (SQLite only: the better-sqlite3 handle under `trx`, same connection, so
 * inside its transaction) inserts with one prepared statement instead of multi-row SQL.
 */
export async function writeSnapshots(
  trx: Db,
  model: YearModel,
  period: string,
  raw?: SQLite.Database | null,
): Promise<number> {
  const t = splitPeriod(period).month - 1;
  await trx.deleteFrom('result_snapshots').where('period', '=', period).execute();
  const writer = raw ? sqliteWriter(raw) : dialectOf(trx) === 'postgres' ? pgColumnWriter(trx) : kyselyWriter(trx);
  let written = 0;
  for (let i = 0; i < model.units.length; i++) {
    const own = cellStatus(model.ownAny, i, model.year, t, model.rules[i]);
    const ownSubmitted = own === 'submitted' ? 1 : 0;
    const ownExpected = own === 'not_expected' ? 0 : 1;
    const subExpected = model.coverage.expected[i * 12 + t];
    const subSubmitted = model.coverage.submitted[i * 12 + t];
    for (let k = 0; k < model.categories.length; k++) {
      const r = model.rollups[k].snapshotFor(i, t);
      const m = r.month;
      const o = model.rollups[k].outlookTotals(i, t, r.measure, r.ytd.actual);
      // In SNAPSHOT_COLUMNS' order.
      const full = writer.add([
        period,
        model.units[i].id,
        model.categories[k].id,
        model.effective[k][i].basis,
        r.measure,
        r.targetTenths,
        m.submitted ? 1 : 0,
        m.actual,
        m.baseline,
        m.actualAmount,
        m.baselineAmount,
        r.ytd.monthsSubmitted,
        r.ytd.actual,
        r.ytd.baseline,
        r.ytd.actualAmount,
        r.ytd.baselineAmount,
        o.baselineYear,
        o.projectedYear,
        ownSubmitted,
        ownExpected,
        subExpected,
        subSubmitted,
      ]);
      if (full) written += await writer.flush();
    }
  }
  return written + (await writer.flush());
}

const valueOf = (
  actual: number | null,
  baseline: number | null,
  actualAmount: number | null,
  baselineAmount: number | null,
  target: number | null,
): ValueResult => ({
  ...evaluate(baseline, actual, target),
  actualAmount,
  baselineAmount,
});

/** True when every month Jan..through of the year has fresh snapshots. */
async function periodsFresh(db: Db, year: number, through: string): Promise<boolean> {
  const want = splitPeriod(through).month;
  const fresh = await db
    .selectFrom('result_periods')
    .select('period')
    .where('period', '>=', makePeriod(year, 1))
    .where('period', '<=', through)
    .where('stale', '=', 0)
    .execute();
  return fresh.length === want;
}

/**
 * The results of a unit from snapshots, or null when some month is not closed or is stale (or
 * the measure changed within the year): the caller then computes them from the figures.
 */
export async function readSnapshotResults(
  db: Db,
  unit: { id: number; code: string; name: string },
  year: number,
  through: string,
): Promise<ResultsResponse | null> {
  if (!(await periodsFresh(db, year, through))) return null;
  const rows = await db
    .selectFrom('result_snapshots')
    .selectAll()
    .where('unit_id', '=', unit.id)
    .where('period', '>=', makePeriod(year, 1))
    .where('period', '<=', through)
    .execute();
  const categories = await loadEngineCategories(db);
  const t = splitPeriod(through).month - 1;
  // Coverage from the subtree counts (the same on every category row of a period); snapshots
  // written before those counts existed are not used.
  const coverage = new Map<string, MonthCoverage>();
  for (const r of rows) {
    if (r.sub_expected == null || r.sub_submitted == null) return null;
    coverage.set(r.period, monthCoverage(r.period, Number(r.sub_expected), Number(r.sub_submitted)));
  }
  const months = Array.from({ length: t + 1 }, (_, m) => coverage.get(makePeriod(year, m + 1)));
  if (months.some((m) => m === undefined)) return null;
  const monthsCov = months as MonthCoverage[];
  const out: CategoryResult[] = [];
  for (const c of categories) {
    const mine = rows.filter((r) => r.category_id === c.id).sort((a, b) => a.period.localeCompare(b.period));
    if (mine.length !== t + 1) return null;
    const last = mine[t];
    if (mine.some((r) => r.measure !== last.measure)) return null;
    if (c.retired && !mine.some((r) => r.m_submitted)) continue;
    const months: MonthResult[] = mine.map((r) => ({
      period: r.period,
      status: r.m_submitted ? 'submitted' : 'not_submitted',
      ...toValueFields(
        valueOf(r.m_actual, r.m_baseline, r.m_actual_amount, r.m_baseline_amount, last.target_tenths),
        last.measure,
      ),
    }));
    const ytd = toValueFields(
      valueOf(last.y_actual, last.y_baseline, last.y_actual_amount, last.y_baseline_amount, last.target_tenths),
      last.measure,
    );
    out.push({
      code: c.code,
      nameVi: c.name_vi,
      nameEn: c.name_en,
      basis: last.basis,
      measure: last.measure,
      quantityUnit: c.quantity_unit,
      target: last.target_tenths == null ? null : last.target_tenths / 10,
      months,
      ytd: { monthsSubmitted: last.y_months_submitted, monthsInRange: t + 1, ...ytd },
      outlook: toOutlook(
        year,
        {
          month: t + 1,
          targetTenths: last.target_tenths,
          baselineYear: last.y_baseline_year,
          actualYtd: last.y_actual,
          projectedYear: last.y_projected_year,
        },
        last.measure,
      ),
    });
  }
  return {
    unit: { code: unit.code, name: unit.name },
    year,
    through,
    months: monthsCov,
    provisional: isProvisional(monthsCov),
    categories: out,
    sentence: sentenceOf(year, through, out, monthsCov),
    submission: await snapshotSubmission(db, unit.id, through),
  };
}

/** Submission of a subtree for a closed period, from the snapshot rows (one category's rows carry it). */
async function snapshotSubmission(db: Db, unitId: number, period: string): Promise<ResultsResponse['submission']> {
  const units = await loadTreeUnits(db);
  const inTree = new Set(subtreeIds(units, unitId));
  const firstCat = await db
    .selectFrom('result_snapshots')
    .select((eb) => eb.fn.min('category_id').as('c'))
    .where('period', '=', period)
    .executeTakeFirst();
  const flags = await db
    .selectFrom('result_snapshots')
    .select(['unit_id', 'own_submitted', 'own_expected'])
    .where('period', '=', period)
    .where('category_id', '=', Number(firstCat?.c ?? 0))
    .execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  const submitted: UnitRef[] = [];
  const notSubmitted: UnitRef[] = [];
  for (const f of flags) {
    if (!inTree.has(f.unit_id)) continue;
    const u = byId.get(f.unit_id)!;
    if (f.own_submitted) submitted.push({ code: u.code, name: u.name });
    else if (f.own_expected) notSubmitted.push({ code: u.code, name: u.name });
  }
  const byCode = (a: UnitRef, b: UnitRef) => a.code.localeCompare(b.code);
  return { period, submitted: submitted.sort(byCode), notSubmitted: notSubmitted.sort(byCode) };
}
