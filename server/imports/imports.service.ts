/**
 * importFile: one upload (figures, units or norms), all or nothing in one transaction. The
 * reader's batches are written as they come while the file is clean; after the first error
 * reading goes on (so every error is reported) but writing stops. Then the store's plausibility
 * warnings are computed against the history (the new figures laid over it); any error, a dry run,
 * or warnings nobody confirmed (confirmation.ts) roll the whole transaction back. Every upload is
 * recorded in `imports`, also one refused before it could be read (recordFailedUpload).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../deps.ts';
import type { Database } from '../db/schema.ts';
import { isoNow } from '../clock.ts';
import { lockForWrite } from '../db/dialect.ts';
import { LOCK_KEYS } from '../db/lock-keys.ts';
import { rawSqlite } from '../db/connection.ts';
import { databaseFault } from '../db/errors.ts';
import { markResultsStale } from '../results/staleness.ts';
import * as ingest from '../ingest/index.ts';
import type { Batch, FileSource, IngestLookup, IngestMeta } from '../ingest/index.ts';
import type { ImportKind, ImportReport, ImportWarning } from '../../domain/schemas/import.ts';
import { AppError } from '../errors.ts';
import { recordAudit, type AuditActor } from '../audit/audit.repository.ts';
import {
  insertFailedImport,
  insertImport,
  loadLookup,
  updateImport,
  type ImportRowInput,
  type StoredImportError,
} from './imports.repository.ts';
import { outcomeOf } from './confirmation.ts';
import { plausibilityContext } from './plausibility.ts';
import { MAX_ERRORS, rejectedOutOfScope, type ImportStore, type StoreContext } from './store.ts';
import { createFigureStore } from './figures.store.ts';
import { createUnitStore } from './units.store.ts';
import { createNormStore } from './norms.store.ts';
import { createInvoiceAccountStore } from './invoice-accounts.store.ts';
import { readInvoiceAccounts } from '../ingest/invoice-accounts.reader.ts';
import { readFiguresInWorker } from '../ingest/figures.threaded.ts';

export { MAX_ERRORS };
/** Warnings copied into the audit row (the import row keeps up to MAX_ERRORS). */
const AUDIT_WARNINGS = 200;
/**
 * SQLite page cache during an import, in KiB (negative = KiB in PRAGMA cache_size): 32 MB for a
 * CSV (up to a million rows: it halves the CPU time, measured); 8 MB for an XLSX, whose reader
 * holds more memory itself (inflated XML, shared strings) and whose files are ten times smaller:
 * 32 MB took its peak RSS to ~250 MB, 8 MB keeps it near 215 MB (docs/performance.md).
 */
const IMPORT_CACHE_KIB = { csv: -32_768, xlsx: -8_192 };
/**
 * A figures file this large or larger is read on a worker thread while this one writes
 * (ingest/figures.threaded.ts); below it, starting the thread (~30–60 ms) costs more than it saves.
 */
export const WORKER_READ_MIN_BYTES = 1 << 20;

export interface ImportOptions {
  kind: ImportKind;
  dryRun?: boolean;
  actor: string | null;
  /** The units the caller may write; a record outside is an error `unit_forbidden` (the route answers 403). */
  allowedUnitIds?: Set<number> | null;
  /** The person confirmed the plausibility warnings: store despite them (recorded with who and when). */
  acceptWarnings?: boolean;
  /** Who, for the audit trail: when given, a stored import is audited in its own transaction. */
  audit?: AuditActor;
  /** Figures: read the file on a worker thread (default: files of WORKER_READ_MIN_BYTES and more). */
  readInWorker?: boolean;
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
  inWorker: boolean,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one of three row types, each reader paired with its store
): { batches: AsyncGenerator<Batch<any>, IngestMeta>; store: ImportStore<any> } {
  if (kind === 'units') return { batches: ingest.readUnits(src), store: createUnitStore(ctx) };
  if (kind === 'norms') return { batches: ingest.readNorms(src, lookup), store: createNormStore(ctx) };
  if (kind === 'invoice-accounts')
    return { batches: readInvoiceAccounts(src, lookup), store: createInvoiceAccountStore(ctx) };
  // XML invoices are several files, not rows: server/einvoices/einvoices.service.ts imports them.
  if (kind === 'invoices') throw new TypeError('invoices are imported by importInvoices');
  const batches = inWorker ? readFiguresInWorker(src, lookup) : ingest.readFigures(src, lookup);
  return { batches, store: createFigureStore(ctx) };
}

/**
 * Import one file. Resolves with the report when stored, dry-run, rejected or unconfirmed (check
 * `status`; confirmation.ts turns it into the HTTP answer or exit code); throws AppError for
 * whole-file refusals (415 unsupported, 413 too large once unpacked, 423 period_locked), after
 * recording them in the import history.
 */
export async function importFile(deps: AppDeps, src: FileSource, opts: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const { sha256, sizeBytes } = await fingerprint(src);
  const now = isoNow(deps.clock);
  try {
    const report = await runImport(deps, src, opts, { sha256, sizeBytes, now, started });
    // The database takes writes again: earlier failure records it could not take go in now.
    await flushPendingRecords(deps);
    return report;
  } catch (e) {
    // Refused (4xx) or failed (a locked file 503, a full disk 507, a lost connection 503, a bug 500):
    // every upload has its row in the history, with the reason the person was given.
    await recordFailedUpload(
      deps,
      { kind: opts.kind, fileName: src.fileName, sha256, sizeBytes, actor: opts.actor },
      e instanceof AppError ? e : (databaseFault(e) ?? e),
    );
    throw e;
  }
}

/** An upload that was refused or failed before its rows could be read. */
export interface FailedUpload {
  kind: ImportKind;
  fileName: string;
  /** Empty when the body was never read (a 413 on Content-Length). */
  sha256: string;
  sizeBytes: number;
  actor: string | null;
}

type FailedImportRow = Parameters<typeof insertFailedImport>[1];

/**
 * Failure records the database could not take when they happened (the file was locked, the disk
 * full, the connection lost: the very reasons the upload failed), per database handle. They are
 * written, with the time of the failure, as soon as the database takes writes again: on a timer
 * (1 s, doubling up to a minute) and before any later failure record.
 */
const pendingRecords = new WeakMap<object, { rows: FailedImportRow[]; timer?: NodeJS.Timeout; delayMs: number }>();
const MAX_PENDING_RECORDS = 1000;

async function flushPendingRecords(deps: AppDeps): Promise<void> {
  const pending = pendingRecords.get(deps.db);
  if (!pending) return;
  while (pending.rows.length) {
    try {
      await insertFailedImport(deps.db, pending.rows[0]);
      pending.rows.shift();
    } catch (e) {
      if (!databaseFault(e)) {
        deps.logger.warn({ err: e, file: pending.rows[0].fileName }, 'import: could not record a failed upload');
        pending.rows.shift();
        continue;
      }
      retryPendingRecords(deps, pending);
      return;
    }
  }
  if (pending.timer) clearTimeout(pending.timer);
  pendingRecords.delete(deps.db);
}

function retryPendingRecords(deps: AppDeps, pending: { timer?: NodeJS.Timeout; delayMs: number }): void {
  if (pending.timer) clearTimeout(pending.timer);
  pending.timer = setTimeout(() => void flushPendingRecords(deps), pending.delayMs);
  pending.timer.unref();
  pending.delayMs = Math.min(60_000, pending.delayMs * 2);
}

/**
 * Records a refused (4xx: 413, 415, 423 …) or failed (5xx: 500, 503 database_busy or
 * database_unavailable, 507 disk_full) upload in the import history, so every upload has a row. The
 * one place for it: the upload route's body limit, importFile's refusals and failures all call
 * this. Never throws (the caller is already answering an error); when the database cannot take the
 * row now, it is written once it can (flushPendingRecords).
 */
export async function recordFailedUpload(deps: AppDeps, upload: FailedUpload, error: unknown): Promise<number | null> {
  const app = error instanceof AppError ? error : null;
  const httpStatus = app?.status ?? 500;
  const message = app?.message ?? 'Máy chủ gặp lỗi khi nhập tệp; không có dòng nào được lưu. Hãy thử lại sau.';
  const row: FailedImportRow = {
    kind: upload.kind,
    fileName: upload.fileName,
    sha256: upload.sha256,
    sizeBytes: upload.sizeBytes,
    createdAt: isoNow(deps.clock),
    createdBy: upload.actor,
    status: httpStatus < 500 ? 'refused' : 'failed',
    httpStatus,
    error: { row: 0, column: '', value: upload.fileName, code: app?.code ?? 'internal_error', message },
  };
  const later = () => {
    let pending = pendingRecords.get(deps.db);
    if (!pending) pendingRecords.set(deps.db, (pending = { rows: [], delayMs: 1000 }));
    if (pending.rows.length < MAX_PENDING_RECORDS) pending.rows.push(row);
    retryPendingRecords(deps, pending);
    return null;
  };
  // Locked or full: writing the record now would only wait (and fail) again, delaying the answer.
  if (app?.code === 'database_busy' || app?.code === 'disk_full') return later();
  await flushPendingRecords(deps);
  try {
    return await insertFailedImport(deps.db, row);
  } catch (e) {
    if (databaseFault(e)) return later();
    deps.logger.warn({ err: e, file: upload.fileName }, 'import: could not record a failed upload');
    return null;
  }
}

async function runImport(
  deps: AppDeps,
  src: FileSource,
  opts: ImportOptions,
  f: { sha256: string; sizeBytes: number; now: string; started: number },
): Promise<ImportResult> {
  const { sha256, sizeBytes, now } = f;
  const lookup = await loadLookup(deps.db);
  const dryRun = opts.dryRun ?? false;
  const acceptWarnings = opts.acceptWarnings ?? false;
  const plausibility = plausibilityContext(deps.env, deps.clock);

  const errors: StoredImportError[] = [];
  let errorCount = 0;
  let warnings: ImportWarning[] = [];
  let warningCount = 0;
  let meta: IngestMeta | null = null;
  let records = 0;
  let store: ImportStore<unknown> | null = null;
  let storedId: number | null = null;
  let stored = false;
  const accepted = () => stored && warningCount > 0;

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
    warningCount,
    warnings,
    warningsAcceptedBy: accepted() ? (opts.audit?.actor ?? opts.actor) : null,
    warningsAcceptedAt: accepted() ? now : null,
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
  // a larger one for the import's duration (IMPORT_CACHE_KIB) halves its CPU time on a million rows.
  const raw = rawSqlite(deps.db) ?? null;
  const cacheBefore = raw?.pragma('cache_size', { simple: true });
  const cacheKib = /\.xlsx$/i.test(src.fileName) ? IMPORT_CACHE_KIB.xlsx : IMPORT_CACHE_KIB.csv;
  if (raw) raw.pragma(`cache_size = ${cacheKib}`);
  try {
    await deps.db.transaction().execute(async (trx) => {
      await lockForWrite(trx, LOCK_KEYS.figures);
      const importId = await insertImport(trx, { ...base(), status: 'stored' });
      const ctx: StoreContext = {
        trx,
        importId,
        actor: opts.actor,
        now,
        lookup,
        raw,
        allowedUnitIds: opts.allowedUnitIds ?? null,
        plausibility,
      };
      const opened = open(opts.kind, src, lookup, ctx, opts.readInWorker ?? sizeBytes >= WORKER_READ_MIN_BYTES);
      store = opened.store;
      try {
        for (;;) {
          const step = await opened.batches.next();
          if (step.done) {
            meta = step.value;
            break;
          }
          const batch = step.value;
          records += batch.records.length;
          const cells = batch.rejected.length ? new Map(batch.rejected.map((r) => [r.row, r.cells])) : undefined;
          // Out-of-scope rows that also have other errors are named too (403 lists every row error).
          addErrors(rejectedOutOfScope(batch.rejected, ctx), cells);
          addErrors(batch.errors, cells);
          addErrors(opened.store.check(batch.records));
          if (errorCount === 0 && batch.records.length) await opened.store.write(batch.records);
        }
      } finally {
        // A write that threw (a locked month, a full disk) leaves the reader open: close its file
        // (and stop its worker thread).
        await opened.batches.return(undefined as never);
      }
      addErrors(await opened.store.finish(errorCount === 0));
      // Warnings are listed with errors too (errors win, but the person sees both at once).
      // Only the first MAX_ERRORS are built; warningCount counts them all (the answer says how many more).
      const found = await opened.store.warnings?.(MAX_ERRORS);
      warningCount = found?.count ?? 0;
      warnings = found?.warnings ?? [];
      if (outcomeOf({ errorCount, warningCount, dryRun, acceptWarnings }) !== 'stored') throw new Rollback();
      stored = true;
      if (opened.store.changedPeriods.size) await markResultsStale(trx, [...opened.store.changedPeriods].sort());
      const row = { ...base(), status: 'stored' as const };
      await updateImport(trx, importId, row);
      if (opts.audit) await auditImport(trx, opts.audit, importId, row);
      storedId = importId;
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  } finally {
    if (raw) raw.pragma(`cache_size = ${Number(cacheBefore)}`);
  }

  errors.sort((a, b) => a.row - b.row);
  const status = outcomeOf({ errorCount, warningCount, dryRun, acceptWarnings });
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
      warnings: warningCount,
      actor: opts.actor,
      ms: Math.round(performance.now() - f.started),
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
    ok: status === 'stored' || status === 'dry_run',
    dryRun,
    rows: row.rows,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    errors: errors.map(({ cells: _c, ...e }) => e),
    errorCount,
    warnings,
    warningCount,
    warningsAcceptedBy: row.warningsAcceptedBy,
    warningsAcceptedAt: row.warningsAcceptedAt,
    changes: errorCount || !s ? [] : s.changes,
    createdAt: now,
    createdBy: opts.actor,
  };
}

/** The audit row of a stored import, in its transaction: counts, and the warnings confirmed and by whom. */
async function auditImport(trx: Kysely<Database>, who: AuditActor, importId: number, r: ImportRowInput) {
  const { fileName, sha256, sizeBytes, shape, rows, inserted, updated, unchanged, warningCount } = r;
  await recordAudit(trx, {
    ...who,
    at: r.createdAt,
    action: `${r.kind}.import`,
    entityType: 'import',
    entityKey: String(importId),
    after: {
      fileName,
      sha256,
      sizeBytes,
      shape,
      rows,
      inserted,
      updated,
      unchanged,
      ...(warningCount
        ? {
            warningCount,
            warningsAcceptedBy: r.warningsAcceptedBy,
            warningsAcceptedAt: r.warningsAcceptedAt,
            warnings: r.warnings.slice(0, AUDIT_WARNINGS),
          }
        : {}),
    },
  });
}
