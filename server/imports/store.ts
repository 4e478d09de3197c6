/**
 * What the import service asks of each kind of store (figures, units, norms): cross-row checks on
 * every batch, batch writes while the file is still clean, and a final step at the end.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ImportChange, ImportError } from '../../domain/schemas/import.ts';
import type { IngestLookup } from '../ingest/index.ts';

/** The preview keeps at most this many inserts/updates. */
export const MAX_CHANGES = 500;

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
  counts: StoreCounts;
  changes: ImportChange[];
  /** Periods whose figures (or baselines) changed, for markResultsStale. */
  changedPeriods: Set<string>;
}

export function importError(row: number, column: string, value: string, code: string, message: string): ImportError {
  return { row, column, value, code, message };
}

export function pushChange(list: ImportChange[], c: ImportChange): void {
  if (list.length < MAX_CHANGES) list.push(c);
}
