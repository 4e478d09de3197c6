/**
 * importInvoices: one import of e-invoice XML files and ZIPs, all or nothing in one transaction.
 * Files are read and checked first (every error at once); then, under the imports' write lock,
 * each invoice is matched against the stored ones (an identical copy is a duplicate, the same
 * identity with other content an error), landed by the accounts and the period rule, and every
 * stored invoice of the sellers involved is re-landed from the whole set (domain/einvoices/
 * landing.ts), so replacements and adjustments work in any order. The figures of every month
 * touched are recomputed from the invoices. Warnings (a hand-entered figure overwritten, the
 * plausibility checks of every upload) are stored only once confirmed.
 */
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { isoNow } from '../clock.ts';
import { recordAudit, type AuditActor } from '../audit/audit.repository.ts';
import { lockForWrite } from '../db/dialect.ts';
import { assertPeriodsOpen } from '../locks/locks.service.ts';
import { markResultsStale } from '../results/staleness.ts';
import { LOCK_KEYS } from '../db/lock-keys.ts';
import { loadLookup } from '../imports/imports.repository.ts';
import { FigureCandidates, figureWarnings, plausibilityContext } from '../imports/plausibility.ts';
import type { FileSource } from '../ingest/types.ts';
import { identityKey, relatedId } from '../../domain/einvoices/invoice.ts';
import { invoiceValue } from '../../domain/einvoices/amounts.ts';
import type {
  InvoiceCounts,
  InvoiceImportError,
  InvoiceImportReport,
  InvoiceWarning,
} from '../../domain/schemas/einvoice.ts';
import { expandSources } from './files.ts';
import { readXmlFiles, type ReadItem } from './read-files.ts';
import { assignAll, type Pending } from './assign-all.ts';
import { relandSellers } from './reland.ts';
import { invoiceFigures, type FigureOutcome } from './invoice-figures.ts';
import { findInvoice, listAccountRows } from './einvoices.repository.ts';
import { insertInvoiceImport, updateInvoiceImport } from './import-record.ts';
import { invoiceError, invoiceWarning } from './problems.ts';

export interface InvoiceImportOptions {
  dryRun?: boolean;
  acceptWarnings?: boolean;
  actor: string | null;
  /** The units the caller may write; a figure outside refuses the whole import (403). */
  allowedUnitIds?: Set<number> | null;
  /** Who, for the audit trail: when given, a stored import is audited ('invoices.import') in its transaction. */
  audit?: AuditActor;
}

class Rollback extends Error {}

const noCounts = (): InvoiceCounts => ({ new: 0, duplicate: 0, replaced: 0, adjusted: 0 });

export async function importInvoices(
  deps: AppDeps,
  sources: FileSource[],
  opts: InvoiceImportOptions,
): Promise<InvoiceImportReport> {
  const started = performance.now();
  const now = isoNow(deps.clock);
  const dryRun = opts.dryRun ?? false;
  const expanded = await expandSources(sources);
  const errors: InvoiceImportError[] = expanded.problems.map((p) => invoiceError(p.code, p.params, p.file, ''));
  const warnings: InvoiceWarning[] = [];
  const counts = noCounts();
  const read = readXmlFiles(expanded.files, errors);
  if (expanded.files.length === 0 && errors.length === 0)
    errors.push(invoiceError('no_invoices', {}, sources.map((s) => s.fileName).join(', '), ''));

  // Within the import: one invoice per identity; an identical copy is a duplicate.
  const unique = new Map<string, ReadItem>();
  for (const item of read) {
    const key = identityKey(item.read.invoice.id);
    const first = unique.get(key);
    if (!first) unique.set(key, item);
    else if (first.read.contentHash === item.read.contentHash) counts.duplicate++;
    else
      errors.push(
        invoiceError('invoice_conflict', { other: first.file }, item.file, item.read.label),
        invoiceError('invoice_conflict', { other: item.file }, first.file, first.read.label),
      );
  }

  const lookup = await loadLookup(deps.db);
  let figures: FigureOutcome | null = null;
  let storedId: number | null = null;
  const summary = { files: expanded.files.length, skipped: expanded.skipped };
  const fileName = sources.map((s) => s.fileName).join(', ');
  const record = (status: InvoiceImportReport['status']) => ({
    fileName,
    sha256: expanded.sha256,
    sizeBytes: expanded.sizeBytes,
    status,
    rows: read.length,
    figures,
    errors,
    warnings,
    invoices: counts,
    ...summary,
    now,
    actor: opts.actor,
  });

  try {
    await deps.db.transaction().execute(async (trx) => {
      await lockForWrite(trx, LOCK_KEYS.figures);
      const importId = await insertInvoiceImport(trx, record('stored'));
      const fresh: ReadItem[] = [];
      for (const item of unique.values()) {
        const inv = item.read.invoice;
        if (relatedId(inv) && identityKey(relatedId(inv)!) === identityKey(inv.id)) {
          errors.push(invoiceError('invoice_related_self', {}, item.file, item.read.label));
          continue;
        }
        const stored = await findInvoice(trx, inv.id);
        if (!stored) fresh.push(item);
        else if (stored.content_hash === item.read.contentHash) counts.duplicate++;
        else
          errors.push(
            invoiceError(
              'invoice_conflict',
              { other: `${stored.file_name}, lần nhập #${stored.import_id}` },
              item.file,
              item.read.label,
            ),
          );
      }
      const pending: Pending[] = assignAll(fresh, await listAccountRows(trx), lookup, errors, warnings);
      for (const p of pending) {
        const v = invoiceValue(p.item.read.invoice);
        if (!v.ok) errors.push(invoiceError(v.problem.code, v.problem.params, p.item.file, p.item.read.label));
        else p.value = v.value;
      }
      if (errors.length) throw new Rollback();

      const landed = await relandSellers(trx, pending, { importId, now, actor: opts.actor });
      for (const p of pending) {
        const kind = p.item.read.invoice.related?.kind;
        if (kind === 'replace') counts.replaced++;
        else if (kind === 'adjust') counts.adjusted++;
        else counts.new++;
        if (landed.adjustedUnknown.has(identityKey(p.item.read.invoice.id))) {
          const rel = relatedId(p.item.read.invoice)!;
          warnings.push(
            invoiceWarning(
              'invoice_adjusted_unknown',
              { related: `${rel.form}${rel.symbol}/${rel.number}`, key: p.label },
              p.item.file,
              p.item.read.label,
            ),
          );
        }
      }
      const keys = landed.touched;
      for (const k of keys) {
        if (opts.allowedUnitIds && !opts.allowedUnitIds.has(k.unitId)) {
          const unit = lookup.units.find((u) => u.id === k.unitId)?.code ?? String(k.unitId);
          throw new AppError(
            403,
            'unit_forbidden',
            `Hóa đơn thuộc đơn vị ${unit}, bạn không được nhập số liệu cho đơn vị này; không hóa đơn nào được lưu.`,
            { unit, file: landed.fileOf(k).file, invoice: landed.fileOf(k).invoice },
          );
        }
      }
      await assertPeriodsOpen(trx, [...new Set(keys.map((k) => k.period))].sort());
      const unitCode = new Map(lookup.units.map((u) => [u.id, u.code]));
      const cats = new Map(lookup.categories.map((c) => [c.id, c]));
      figures = await invoiceFigures(
        trx,
        keys,
        {
          unitCode: (id) => unitCode.get(id) ?? String(id),
          categoryCode: (id) => cats.get(id)?.code ?? String(id),
          metered: (id) => cats.get(id)?.quantityUnit != null,
        },
        { importId, actor: opts.actor, now, write: true },
        (k) => landed.fileOf(k),
      );
      errors.push(...figures.errors);
      warnings.push(...figures.warnings);
      // The plausibility warnings of spreadsheet uploads apply to the figures invoices make too.
      if (!errors.length) {
        const candidates = new FigureCandidates();
        for (const w of figures.written) {
          if (w.amount === 0) continue; // emptied: already a warning of its own
          const src = landed.fileOf(w.key);
          candidates.push({
            row: 0,
            ...w.key,
            amount: w.amount,
            quantityMilli: w.quantityMilli,
            amountColumn: 'TgTTTBSo',
            quantityColumn: w.quantityMilli == null ? null : 'SLuong',
            file: src.file,
            invoice: src.invoice,
          });
        }
        warnings.push(...(await figureWarnings(trx, candidates, lookup, plausibilityContext(deps.env, deps.clock))));
      }
      if (errors.length || dryRun || (warnings.length && !opts.acceptWarnings)) throw new Rollback();
      if (figures.changedPeriods.size) await markResultsStale(trx, [...figures.changedPeriods].sort());
      await updateInvoiceImport(trx, importId, record('stored'), (opts.acceptWarnings ?? false) && warnings.length > 0);
      if (opts.audit) {
        const c = figures.counts;
        await recordAudit(trx, {
          ...opts.audit,
          at: now,
          action: 'invoices.import',
          entityType: 'import',
          entityKey: String(importId),
          after: {
            fileName,
            sha256: expanded.sha256,
            sizeBytes: expanded.sizeBytes,
            files: summary.files,
            invoices: counts,
            skipped: summary.skipped,
            inserted: c.inserted,
            updated: c.updated,
            unchanged: c.unchanged,
            warningsAccepted: warnings,
          },
        });
      }
      storedId = importId;
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }

  const status: InvoiceImportReport['status'] = errors.length
    ? 'rejected'
    : dryRun
      ? 'dry_run'
      : storedId == null
        ? 'unconfirmed'
        : 'stored';
  if (status === 'rejected') {
    // Nothing was stored: no invoice counts as new, replaced or adjusted.
    figures = null;
    Object.assign(counts, noCounts());
  }
  const id = storedId ?? (await insertInvoiceImport(deps.db, record(status)));
  const f = figures as FigureOutcome | null;
  deps.logger.info(
    {
      importId: id,
      kind: 'invoices',
      files: summary.files,
      status,
      invoices: counts,
      skipped: summary.skipped.length,
      errors: errors.length,
      warnings: warnings.length,
      actor: opts.actor,
      ms: Math.round(performance.now() - started),
    },
    'import',
  );
  return {
    id,
    kind: 'invoices',
    fileName,
    sha256: expanded.sha256,
    sizeBytes: expanded.sizeBytes,
    status,
    ok: status !== 'rejected',
    dryRun,
    files: summary.files,
    invoices: counts,
    skipped: summary.skipped,
    inserted: f?.counts.inserted ?? 0,
    updated: f?.counts.updated ?? 0,
    unchanged: f?.counts.unchanged ?? 0,
    errors,
    errorCount: errors.length,
    warnings,
    changes: f?.changes ?? [],
    createdAt: now,
    createdBy: opts.actor,
  };
}
