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
import { lastClosedPeriod, monthNumber, monthPeriod } from '../../domain/months.ts';
import { foldKey } from '../../domain/text.ts';
import {
  checkFigureAt,
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

const CHUNK_BITS = 15;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

/** New figures in typed columns: a million of them must not cost a million objects. */
export class FigureCandidates {
  private n = 0;
  // Fixed-size chunks, never copied to grow (doubling one array held the old and the new: +50 %).
  private readonly intChunks: Int32Array[] = []; // row, unitId, categoryId, month number, columns
  private readonly numChunks: Float64Array[] = []; // amount, quantity (NaN = none)
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
    this.add(c.row, c.unitId, c.categoryId, c.period, c.amount, c.quantityMilli, c.amountColumn, c.quantityColumn);
    if (c.file != null || c.invoice != null) this.extra.set(this.n - 1, { file: c.file, invoice: c.invoice });
  }

  /** push without a FigureCandidate object (an import adds one per figure). */
  add(
    row: number,
    unitId: number,
    categoryId: number,
    period: string,
    amount: number,
    quantityMilli: number | null,
    amountColumn: string,
    quantityColumn: string | null,
  ): void {
    const i = this.n++;
    const k = i & CHUNK_MASK;
    if (k === 0) {
      this.intChunks.push(new Int32Array(CHUNK_SIZE * 5));
      this.numChunks.push(new Float64Array(CHUNK_SIZE * 2));
    }
    const ints = this.intChunks[i >>> CHUNK_BITS];
    const nums = this.numChunks[i >>> CHUNK_BITS];
    // Element by element: ints.set([…]) built an array per figure.
    const b = k * 5;
    ints[b] = row;
    ints[b + 1] = unitId;
    ints[b + 2] = categoryId;
    ints[b + 3] = monthNumber(period);
    ints[b + 4] = (this.textId(amountColumn) << 16) | this.textId(quantityColumn);
    nums[k * 2] = amount;
    nums[k * 2 + 1] = quantityMilli ?? NaN;
  }

  get(i: number): FigureCandidate {
    const ints = this.intChunks[i >>> CHUNK_BITS];
    const nums = this.numChunks[i >>> CHUNK_BITS];
    const k = i & CHUNK_MASK;
    const b = k * 5;
    const month = ints[b + 3];
    const cols = ints[b + 4];
    const q = nums[k * 2 + 1];
    const qc = cols & 0xffff;
    return {
      row: ints[b],
      unitId: ints[b + 1],
      categoryId: ints[b + 2],
      period: monthPeriod(month),
      amount: nums[k * 2],
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
    return this.intChunks[i >>> CHUNK_BITS][(i & CHUNK_MASK) * 5 + 1];
  }

  categoryIdOf(i: number): number {
    return this.intChunks[i >>> CHUNK_BITS][(i & CHUNK_MASK) * 5 + 2];
  }

  /** The candidate's month as a month number (domain/months.ts's monthNumber). */
  monthOf(i: number): number {
    return this.intChunks[i >>> CHUNK_BITS][(i & CHUNK_MASK) * 5 + 3];
  }

  amountOf(i: number): number {
    return this.numChunks[i >>> CHUNK_BITS][(i & CHUNK_MASK) * 2];
  }

  quantityOf(i: number): number | null {
    const q = this.numChunks[i >>> CHUNK_BITS][(i & CHUNK_MASK) * 2 + 1];
    return Number.isNaN(q) ? null : q;
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
    /**
     * The units that had figures before the import (the others have no history to read); every
     * unit is read when omitted.
     */
    unitsWithHistory?: ReadonlySet<number>;
  } = {},
): Promise<{ warnings: ImportWarning[]; count: number }> {
  const { writtenBy, limit = Infinity, unitsWithHistory } = opts;
  if (candidates.size === 0 || limit <= 0) return { warnings: [], count: 0 };
  const units = new Map(lookup.units.map((u) => [u.id, u.code]));
  const cats = new Map(lookup.categories.map((c) => [c.id, c]));
  const priced = new Map(
    lookup.categories.map((c) => [c.id, c.quantityUnit != null && foldKey(c.quantityUnit) === 'kwh']),
  );
  const checkOpts = { lastEndedMonth: monthNumber(ctx.lastEnded), priced: false, thresholds: ctx.thresholds };
  // Candidates grouped by unit (a counting sort into one typed array, no array per unit), so each
  // pass loads the history of a few units only.
  const unitIds: number[] = [];
  const unitSlot = new Map<number, number>();
  const slotOf = new Int32Array(candidates.size);
  for (let i = 0; i < candidates.size; i++) {
    const u = candidates.unitIdOf(i);
    let slot = unitSlot.get(u);
    if (slot === undefined) {
      slot = unitIds.length;
      unitSlot.set(u, slot);
      unitIds.push(u);
    }
    slotOf[i] = slot;
  }
  const start = new Int32Array(unitIds.length + 1);
  for (let i = 0; i < candidates.size; i++) start[slotOf[i] + 1]++;
  for (let u = 0; u < unitIds.length; u++) start[u + 1] += start[u];
  const order = new Int32Array(candidates.size);
  const next = start.slice(0, unitIds.length);
  for (let i = 0; i < candidates.size; i++) order[next[slotOf[i]]++] = i;
  // Passes go unit by unit, not in candidate order: the warnings built are kept as long as they
  // may be among the first `limit`. Past 2 × limit they are sorted and cut to the first `limit`,
  // and a candidate after the last one kept is only counted from then on.
  // The findings are kept, not the warnings: messages are worded only for those listed at the end
  // (wording each one as found left hundreds of MB of garbage on a file full of warnings).
  const found: { index: number; findings: PlausibilityFinding[] }[] = [];
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
  for (let k = 0; k < unitIds.length;) {
    // Whole units, at most UNITS_PER_PASS and (past the first) CANDIDATES_PER_PASS candidates.
    const first = k;
    while (k < unitIds.length && k - first < UNITS_PER_PASS) {
      if (k > first && start[k + 1] - start[first] > CANDIDATES_PER_PASS) break;
      k++;
    }
    const passUnits = unitIds.slice(first, k);
    let from = Infinity;
    let to = -Infinity;
    const catIds = new Set<number>();
    for (let j = start[first]; j < start[k]; j++) {
      const i = order[j];
      const m = candidates.monthOf(i);
      if (m < from) from = m;
      if (m > to) to = m;
      catIds.add(candidates.categoryIdOf(i));
    }
    // Series by unit, then category (numbers, no key strings).
    const series = new Map<number, Map<number, FigureSeries>>();
    const seriesOf = (unitId: number, categoryId: number) => {
      let byCat = series.get(unitId);
      if (!byCat) series.set(unitId, (byCat = new Map<number, FigureSeries>()));
      let s = byCat.get(categoryId);
      if (!s) byCat.set(categoryId, (s = new FigureSeries()));
      return s;
    };
    const historyUnits = unitsWithHistory ? passUnits.filter((u) => unitsWithHistory.has(u)) : passUnits;
    const stored = await loadFigureSeriesRows(
      db,
      historyUnits,
      [...catIds],
      monthPeriod(from - HISTORY_LOOKBACK_MONTHS),
      monthPeriod(to),
      writtenBy,
    );
    for (const r of stored) seriesOf(r.unitId, r.categoryId).set(r);
    for (let j = start[first]; j < start[k]; j++) {
      const i = order[j];
      seriesOf(candidates.unitIdOf(i), candidates.categoryIdOf(i)).setMonth(
        candidates.monthOf(i),
        candidates.amountOf(i),
        candidates.quantityOf(i),
      );
    }
    for (let j = start[first]; j < start[k]; j++) {
      const i = order[j];
      if (candidates.isUnchanged(i)) continue;
      const categoryId = candidates.categoryIdOf(i);
      checkOpts.priced = priced.get(categoryId) ?? false;
      const findings = checkFigureAt(
        candidates.monthOf(i),
        candidates.amountOf(i),
        candidates.quantityOf(i),
        seriesOf(candidates.unitIdOf(i), categoryId),
        checkOpts,
      );
      if (!findings.length) continue;
      count += findings.length;
      if (i > cutoff) continue;
      found.push({ index: i, findings });
      held += findings.length;
      if (held >= 2 * limit) trim();
    }
  }
  found.sort((a, b) => a.index - b.index);
  const warnings: ImportWarning[] = [];
  for (const { index, findings } of found) {
    if (warnings.length >= limit) break;
    const c = candidates.get(index);
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
