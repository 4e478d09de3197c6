/**
 * importFile: one upload (figures, units or norms), all or nothing in one transaction. The
 * reader's batches are written as they come while the file is clean; after the first error
 * reading goes on (so every error is reported) but writing stops; any error, or a dry run,
 * rolls the whole transaction back. Every import is then recorded in `imports`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AppDeps } from '../deps.ts';
import { isoNow } from '../clock.ts';
import { lockForWrite } from '../db/dialect.ts';
import { rawSqlite } from '../db/connection.ts';
import { markResultsStale } from '../results/staleness.ts';
import * as ingest from '../ingest/index.ts';
import type { Batch, FileSource, IngestLookup, IngestMeta } from '../ingest/index.ts';
import type { ImportKind, ImportReport } from '../../domain/schemas/import.ts';
import {
  insertImport,
  loadLookup,
  updateImport,
  type ImportRowInput,
  type StoredImportError,
} from './imports.repository.ts';
import type { ImportStore, StoreContext } from './store.ts';
import { createFigureStore } from './figures.store.ts';
import { createUnitStore } from './units.store.ts';
import { createNormStore } from './norms.store.ts';
import { createInvoiceAccountStore } from './invoice-accounts.store.ts';
import { readInvoiceAccounts } from '../ingest/invoice-accounts.reader.ts';

/** pg_advisory_xact_lock key shared by every import and correction of figures. */
export const IMPORT_LOCK_KEY = 7_200_001;
/** Errors kept in the report and the imports row; the count stays exact beyond it. */
export const MAX_ERRORS = 10_000;
/** SQLite page cache during an import, in KiB (negative = KiB in PRAGMA cache_size). */
const IMPORT_CACHE_KIB = -32_768;

export interface ImportOptions {
  kind: ImportKind;
  dryRun?: boolean;
  actor: string | null;
  /** The units the caller may write; a record outside refuses the whole file (403). */
  allowedUnitIds?: Set<number> | null;
}

export type ImportResult = ImportReport & { errorCount: number };

class Rollback extends Error {}

async function fingerprint(src: FileSource): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = crypto.createHash('sha256');
  if (src.bytes) {
    hash.update(src.bytes);
    return { sha256: hash.digest('hex'), sizeBytes: src.bytes.byteLength };
  }
  if (!src.path) throw new Error('FileSource needs bytes or path');
  let size = 0;
  for await (const chunk of fs.createReadStream(src.path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), sizeBytes: size };
}

function open(
  kind: ImportKind,
  src: FileSource,
  lookup: IngestLookup,
  ctx: StoreContext,
): { batches: AsyncGenerator<Batch<any>, IngestMeta>; store: ImportStore<any> } {
  if (kind === 'units') return { batches: ingest.readUnits(src), store: createUnitStore(ctx) };
  if (kind === 'norms') return { batches: ingest.readNorms(src, lookup), store: createNormStore(ctx) };
  if (kind === 'invoice-accounts')
    return { batches: readInvoiceAccounts(src, lookup), store: createInvoiceAccountStore(ctx) };
  // XML invoices are several files, not rows: server/einvoices/einvoices.service.ts imports them.
  if (kind === 'invoices') throw new TypeError('invoices are imported by importInvoices');
  return { batches: ingest.readFigures(src, lookup), store: createFigureStore(ctx) };
}

/**
 * Import one file. Resolves with the report when stored, dry-run or rejected (check `ok`);
 * throws AppError for whole-file refusals: 415 unsupported, 413 too large once unpacked,
 * 403 unit_forbidden, 423 period_locked.
 */
export async function importFile(deps: AppDeps, src: FileSource, opts: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const { sha256, sizeBytes } = await fingerprint(src);
  const lookup = await loadLookup(deps.db);
  const now = isoNow(deps.clock);
  const dryRun = opts.dryRun ?? false;

  const errors: StoredImportError[] = [];
  let errorCount = 0;
  let meta: IngestMeta | null = null;
  let records = 0;
  let store: ImportStore<unknown> | null = null;
  let storedId: number | null = null;

  const base = (): Omit<ImportRowInput, 'status'> => ({
    kind: opts.kind,
    fileName: src.fileName,
    sha256,
    sizeBytes,
    shape: meta?.shape ?? null,
    rows: meta?.dataRows ?? records,
    inserted: errorCount ? 0 : (store?.counts.inserted ?? 0),
    updated: errorCount ? 0 : (store?.counts.updated ?? 0),
    unchanged: errorCount ? 0 : (store?.counts.unchanged ?? 0),
    errorCount,
    errors,
    headers: meta?.headers ?? null,
    createdAt: now,
    createdBy: opts.actor,
  });
  const addErrors = (list: StoredImportError[], cells?: Map<number, string[]>) => {
    errorCount += list.length;
    for (const e of list) {
      if (errors.length >= MAX_ERRORS) break;
      const c = cells?.get(e.row);
      errors.push(c ? { ...e, cells: c } : e);
    }
  };

  // SQLite's default page cache (2 MB) is far smaller than the indexes a large import touches;
  // 32 MB for the import's duration halves its CPU time on a million rows (measured).
  const raw = rawSqlite(deps.db) ?? null;
  const cacheBefore = raw?.pragma('cache_size', { simple: true });
  if (raw) raw.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    await deps.db.transaction().execute(async (trx) => {
      await lockForWrite(trx, IMPORT_LOCK_KEY);
      const importId = await insertImport(trx, { ...base(), status: 'stored' });
      const ctx: StoreContext = {
        trx,
        importId,
        actor: opts.actor,
        now,
        lookup,
        raw,
        allowedUnitIds: opts.allowedUnitIds ?? null,
      };
      const opened = open(opts.kind, src, lookup, ctx);
      store = opened.store;
      for (;;) {
        const step = await opened.batches.next();
        if (step.done) {
          meta = step.value;
          break;
        }
        const batch = step.value;
        records += batch.records.length;
        const cells = batch.rejected.length ? new Map(batch.rejected.map((r) => [r.row, r.cells])) : undefined;
        addErrors(batch.errors, cells);
        addErrors(opened.store.check(batch.records));
        if (errorCount === 0 && batch.records.length) await opened.store.write(batch.records);
      }
      addErrors(await opened.store.finish(errorCount === 0));
      if (errorCount > 0 || dryRun) throw new Rollback();
      if (opened.store.changedPeriods.size) await markResultsStale(trx, [...opened.store.changedPeriods].sort());
      await updateImport(trx, importId, { ...base(), status: 'stored' });
      storedId = importId;
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  } finally {
    if (raw) raw.pragma(`cache_size = ${Number(cacheBefore)}`);
  }

  errors.sort((a, b) => a.row - b.row);
  const status = errorCount > 0 ? 'rejected' : dryRun ? 'dry_run' : 'stored';
  const row: ImportRowInput = { ...base(), status };
  const id = storedId ?? (await insertImport(deps.db, row));
  const s = store as ImportStore<unknown> | null;
  deps.logger.info(
    {
      importId: id,
      kind: opts.kind,
      file: src.fileName,
      shape: row.shape,
      status,
      rows: row.rows,
      inserted: row.inserted,
      updated: row.updated,
      unchanged: row.unchanged,
      errors: errorCount,
      actor: opts.actor,
      ms: Math.round(performance.now() - started),
    },
    'import',
  );
  return {
    id,
    kind: opts.kind,
    fileName: src.fileName,
    sha256,
    sizeBytes,
    shape: row.shape as ImportReport['shape'],
    status,
    ok: status !== 'rejected',
    dryRun,
    rows: row.rows,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    errors: errors.map(({ cells: _c, ...e }) => e),
    errorCount,
    changes: errorCount || !s ? [] : s.changes,
    createdAt: now,
    createdBy: opts.actor,
  };
}

/** The 422 message of a rejected file. */
export function rejectedMessage(r: ImportResult): string {
  return `${r.fileName}: ${r.errorCount} lỗi, không có dòng nào được lưu`;
}
