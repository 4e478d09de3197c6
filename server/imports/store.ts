/**
 * What the import service asks of each kind of store (figures, units, norms): cross-row checks on
 * every batch, batch writes while the file is still clean, and a final step at the end.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ImportChange, ImportError, ImportWarning } from '../../domain/schemas/import.ts';
import type { PlausibilityContext } from './plausibility.ts';
import type { IngestLookup, RejectedRow } from '../ingest/index.ts';

/** The preview keeps at most this many inserts/updates. */
export const MAX_CHANGES = 500;
/** Errors (and warnings) kept in the report and the imports row; the counts stay exact beyond it. */
export const MAX_ERRORS = 10_000;

export interface StoreContext {
  trx: Kysely<Database>;
  importId: number | null;
  actor: string | null;
  now: string;
  lookup: IngestLookup;
  /** SQLite only: the raw handle under `trx`, for prepared-statement hot loops. */
  raw: import('better-sqlite3').Database | null;
  /** Records of units outside this set refuse the whole file (403); null = every unit. */
  allowedUnitIds: Set<number> | null;
  /** Thresholds and the last ended month, for plausibility warnings. */
  plausibility: PlausibilityContext;
}

export interface StoreCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportStore<R> {
  /** Cross-row checks (duplicates, permissions); called for every batch, also after the first error. */
  check(records: R[]): ImportError[];
  /** Writes one batch; only called while no error has been found. */
  write(records: R[]): Promise<void>;
  /** After the last batch. `writing` is false once any error was found. Returns further errors. */
  finish(writing: boolean): Promise<ImportError[]>;
  /**
   * After finish, also when there were errors: the first `limit` plausibility warnings in row order
   * and how many there are in all (figures; other kinds have none). Past `limit` none is built.
   */
  warnings?(limit: number): Promise<{ warnings: ImportWarning[]; count: number }>;
  counts: StoreCounts;
  changes: ImportChange[];
  /** Periods whose figures (or baselines) changed, for markResultsStale. */
  changedPeriods: Set<string>;
}

export function importError(
  row: number,
  column: string,
  value: string,
  code: string,
  message: string,
  params?: ImportError['params'],
): ImportError {
  return params ? { row, column, value, code, message, params } : { row, column, value, code, message };
}

/** A row for a unit outside the caller's scope: an error of its row (the route answers 403 listing them all). */
export function unitForbidden(row: number, column: string, value: string, unitCode: string): ImportError {
  return importError(
    row,
    column,
    value,
    'unit_forbidden',
    `Bạn không được nhập số liệu cho đơn vị ${unitCode}. Hãy bỏ dòng này (hoặc nhờ người phụ trách đơn vị nhập).`,
    { unit: unitCode },
  );
}

/**
 * Rows rejected by the reader (another error) that name a unit outside the caller's scope: their
 * unit_forbidden errors, so the 403 lists every out-of-scope row with the file's other errors.
 */
export function rejectedOutOfScope(rejected: RejectedRow[], ctx: StoreContext): ImportError[] {
  const allowed = ctx.allowedUnitIds;
  if (!allowed) return [];
  const out: ImportError[] = [];
  for (const r of rejected) {
    if (!r.unit || allowed.has(r.unit.id)) continue;
    const code = ctx.lookup.units.find((u) => u.id === r.unit!.id)?.code ?? String(r.unit.id);
    out.push(unitForbidden(r.row, r.unit.column, code, code));
  }
  return out;
}

export function pushChange(list: ImportChange[], c: ImportChange): void {
  if (list.length < MAX_CHANGES) list.push(c);
}
