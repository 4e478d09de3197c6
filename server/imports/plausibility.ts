/**
 * Plausibility warnings for new figures, whatever their source (a spreadsheet, e-invoices): each
 * new figure is compared with its unit's own history (domain/plausibility.ts) — the figures
 * stored before, with the other new figures of the same import laid over them.
 *
 * Reuse: push every new figure into a `FigureCandidates` (compact: a million figures cost ~40 MB),
 * then `await figureWarnings(trx, candidates, lookup, plausibilityContext(env, clock))` inside the
 * import's transaction. It returns every warning (ImportWarning, with row/column/file/invoice as
 * pushed) in the order of the candidates, except for candidates marked unchanged (a figure the file
 * repeats as stored is history, not a new figure). `figureWarningsUpTo` builds only the first
 * `limit` of them (a file of 400,000 implausible figures must not build 400,000 messages) and
 * counts the rest. The confirmation flow is in confirmation.ts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Env } from '../env.ts';
import type { Clock } from '../clock.ts';
import type { ImportWarning } from '../../domain/schemas/import.ts';
import type { IngestLookup } from '../ingest/index.ts';
import { addMonths, lastClosedPeriod, makePeriod } from '../../domain/months.ts';
import { foldKey } from '../../domain/text.ts';
import {
  checkFigure,
  FigureSeries,
  HISTORY_LOOKBACK_MONTHS,
  type PlausibilityFinding,
  type PlausibilityThresholds,
} from '../../domain/plausibility.ts';
import { plausibilityWarning } from '../../domain/plausibility-messages.ts';
import { loadFigureSeriesRows } from './imports.repository.ts';

export interface PlausibilityContext {
  thresholds: PlausibilityThresholds;
  /** The last month that has ended (Asia/Ho_Chi_Minh); later months warn. */
  lastEnded: string;
}

/** The thresholds from settings (PLAUSIBILITY_* variables, docs/domain.md's defaults) and today's last ended month. */
export function plausibilityContext(env: Env, clock: Clock): PlausibilityContext {
  return {
    thresholds: {
      medianRatio: env.PLAUSIBILITY_MEDIAN_RATIO,
      yearChangePct: env.PLAUSIBILITY_YEAR_CHANGE_PCT,
      priceMin: env.PLAUSIBILITY_PRICE_MIN,
      priceMax: env.PLAUSIBILITY_PRICE_MAX,
      historyMonths: env.PLAUSIBILITY_HISTORY_MONTHS,
    },
    lastEnded: lastClosedPeriod(clock.now()),
  };
}

/** One new figure and where it came from. */
export interface FigureCandidate {
  row: number;
  unitId: number;
  categoryId: number;
  period: string;
  amount: number;
  quantityMilli: number | null;
  /** Header of the amount's column (and of the quantity's), as written in the file. */
  amountColumn: string;
  quantityColumn: string | null;
  file?: string;
  invoice?: string;
}

/** New figures in typed columns: a million of them must not cost a million objects. */
export class FigureCandidates {
  private n = 0;
  private cap = 1024;
  private ints = new Int32Array(this.cap * 5); // row, unitId, categoryId, month number, columns
  private nums = new Float64Array(this.cap * 2); // amount, quantity (NaN = none)
  private readonly texts: string[] = [];
  private readonly textIds = new Map<string, number>();
  private readonly extra = new Map<number, { file?: string; invoice?: string }>();
  /** Candidates equal to the figure already stored: part of the history, never warned about. */
  private readonly unchanged = new Set<number>();

  get size(): number {
    return this.n;
  }

  private textId(s: string | null): number {
    if (s == null) return 0xffff;
    let id = this.textIds.get(s);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(s);
      this.textIds.set(s, id);
    }
    return id;
  }

  push(c: FigureCandidate): void {
    if (this.n === this.cap) {
      this.cap *= 2;
      const ints = new Int32Array(this.cap * 5);
      ints.set(this.ints);
      this.ints = ints;
      const nums = new Float64Array(this.cap * 2);
      nums.set(this.nums);
      this.nums = nums;
    }
    const i = this.n++;
    const month = Number(c.period.slice(0, 4)) * 12 + Number(c.period.slice(5, 7)) - 1;
    // Element by element: ints.set([…]) built an array per figure.
    const b = i * 5;
    this.ints[b] = c.row;
    this.ints[b + 1] = c.unitId;
    this.ints[b + 2] = c.categoryId;
    this.ints[b + 3] = month;
    this.ints[b + 4] = (this.textId(c.amountColumn) << 16) | this.textId(c.quantityColumn);
    this.nums[i * 2] = c.amount;
    this.nums[i * 2 + 1] = c.quantityMilli ?? NaN;
    if (c.file != null || c.invoice != null) this.extra.set(i, { file: c.file, invoice: c.invoice });
  }

  get(i: number): FigureCandidate {
    const b = i * 5;
    const month = this.ints[b + 3];
    const cols = this.ints[b + 4];
    const q = this.nums[i * 2 + 1];
    const qc = cols & 0xffff;
    return {
      row: this.ints[b],
      unitId: this.ints[b + 1],
      categoryId: this.ints[b + 2],
      period: makePeriod(Math.floor(month / 12), (month % 12) + 1),
      amount: this.nums[i * 2],
      quantityMilli: Number.isNaN(q) ? null : q,
      amountColumn: this.texts[cols >>> 16] ?? '',
      quantityColumn: qc === 0xffff ? null : this.texts[qc],
      ...this.extra.get(i),
    };
  }

  /** The import found candidate i equal to what is stored: nothing changes, so nothing to confirm. */
  markUnchanged(i: number): void {
    this.unchanged.add(i);
  }

  isUnchanged(i: number): boolean {
    return this.unchanged.has(i);
  }

  unitIdOf(i: number): number {
    return this.ints[i * 5 + 1];
  }
}

/**
 * Units whose history is loaded at once, and the candidates of one pass (a pass takes whole
 * units, at least one): bounds memory on a million-row file, and on a wide file of 200 months
 * per unit (200 units at once held 160,000 candidates and their history: +200 MB).
 */
const UNITS_PER_PASS = 200;
const CANDIDATES_PER_PASS = 4_000;

/** Every warning for the candidates, in their order (figureWarningsUpTo without a limit). */
export async function figureWarnings(
  db: Kysely<Database>,
  candidates: FigureCandidates,
  lookup: IngestLookup,
  ctx: PlausibilityContext,
  /** The import that already wrote the candidates in this transaction: its figures are not read back. */
  writtenBy?: number,
): Promise<ImportWarning[]> {
  return (await figureWarningsUpTo(db, candidates, lookup, ctx, { writtenBy })).warnings;
}

/**
 * The first `limit` warnings for the candidates, in their order, and how many there are in all
 * (`count`). Reads the stored figures of the units and
 * categories concerned (the lookback before the earliest new month, through the latest) within
 * `db` (the import's transaction), and lays the candidates over them.
 */
export async function figureWarningsUpTo(
  db: Kysely<Database>,
  candidates: FigureCandidates,
  lookup: IngestLookup,
  ctx: PlausibilityContext,
  opts: {
    /** The import that already wrote the candidates in this transaction: its figures are not read back. */
    writtenBy?: number;
    /** Warnings built and returned (the rest are only counted); all when omitted. */
    limit?: number;
  } = {},
): Promise<{ warnings: ImportWarning[]; count: number }> {
  const { writtenBy, limit = Infinity } = opts;
  if (candidates.size === 0 || limit <= 0) return { warnings: [], count: 0 };
  const units = new Map(lookup.units.map((u) => [u.id, u.code]));
  const cats = new Map(lookup.categories.map((c) => [c.id, c]));
  // Candidates grouped by unit, so each pass loads the history of a few units only.
  const byUnit = new Map<number, number[]>();
  for (let i = 0; i < candidates.size; i++) {
    const u = candidates.unitIdOf(i);
    let list = byUnit.get(u);
    if (!list) byUnit.set(u, (list = []));
    list.push(i);
  }
  // Passes go unit by unit, not in candidate order: the warnings built are kept as long as they
  // may be among the first `limit`. Past 2 × limit they are sorted and cut to the first `limit`,
  // and a candidate after the last one kept is only counted from then on.
  // The findings are kept, not the warnings: messages are worded only for those listed at the end
  // (wording each one as found left hundreds of MB of garbage on a file full of warnings).
  const found: { index: number; c: FigureCandidate; findings: PlausibilityFinding[] }[] = [];
  let count = 0;
  let held = 0;
  let cutoff = Infinity;
  const trim = () => {
    found.sort((a, b) => a.index - b.index);
    let k = 0;
    held = 0;
    while (k < found.length && held < limit) held += found[k++].findings.length;
    found.length = k;
    if (held >= limit) cutoff = found[k - 1].index;
  };
  const unitIds = [...byUnit.keys()];
  for (let k = 0; k < unitIds.length;) {
    const passUnits: number[] = [];
    let held = 0;
    while (k < unitIds.length && passUnits.length < UNITS_PER_PASS) {
      const n = byUnit.get(unitIds[k])!.length;
      if (passUnits.length && held + n > CANDIDATES_PER_PASS) break;
      passUnits.push(unitIds[k++]);
      held += n;
    }
    const items = passUnits.flatMap((u) => byUnit.get(u)!.map((i) => ({ i, c: candidates.get(i) })));
    let from = items[0].c.period;
    let to = from;
    for (const { c } of items) {
      if (c.period < from) from = c.period;
      if (c.period > to) to = c.period;
    }
    const catIds = [...new Set(items.map((x) => x.c.categoryId))];
    const series = new Map<string, FigureSeries>();
    const seriesOf = (unitId: number, categoryId: number) => {
      const key = `${unitId}:${categoryId}`;
      let s = series.get(key);
      if (!s) series.set(key, (s = new FigureSeries()));
      return s;
    };
    const stored = await loadFigureSeriesRows(
      db,
      passUnits,
      catIds,
      addMonths(from, -HISTORY_LOOKBACK_MONTHS),
      to,
      writtenBy,
    );
    for (const r of stored) seriesOf(r.unitId, r.categoryId).set(r);
    for (const { c } of items) seriesOf(c.unitId, c.categoryId).set(c);
    for (const { i, c } of items) {
      if (candidates.isUnchanged(i)) continue;
      const cat = cats.get(c.categoryId);
      const priced = cat?.quantityUnit != null && foldKey(cat.quantityUnit) === 'kwh';
      const findings = checkFigure(c, seriesOf(c.unitId, c.categoryId), {
        lastEnded: ctx.lastEnded,
        priced,
        thresholds: ctx.thresholds,
      });
      if (!findings.length) continue;
      count += findings.length;
      if (i > cutoff) continue;
      found.push({ index: i, c, findings });
      held += findings.length;
      if (held >= 2 * limit) trim();
    }
  }
  found.sort((a, b) => a.index - b.index);
  const warnings: ImportWarning[] = [];
  for (const { c, findings } of found) {
    if (warnings.length >= limit) break;
    const cat = cats.get(c.categoryId);
    warnings.push(
      ...findings.map((f) =>
        plausibilityWarning(f, {
          row: c.row,
          column: f.field === 'quantity' ? (c.quantityColumn ?? c.amountColumn) : c.amountColumn,
          unitCode: units.get(c.unitId) ?? String(c.unitId),
          categoryCode: cat?.code ?? String(c.categoryId),
          categoryName: cat?.nameVi ?? '',
          quantityUnit: cat?.quantityUnit ?? null,
          period: c.period,
          file: c.file,
          invoice: c.invoice,
        }),
      ),
    );
  }
  if (warnings.length > limit) warnings.length = limit;
  return { warnings, count };
}
