/**
 * The `imports` row of an invoice import: the figure counts in the usual columns, the errors in
 * `errors`, and in `invoice_summary` the invoice counts, the skipped files and the warnings (with
 * whether they were confirmed), so the record keeps what the person confirmed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { InvoiceCounts, InvoiceImportError, InvoiceWarning } from '../../domain/schemas/einvoice.ts';
import { MAX_ERRORS } from '../imports/imports.service.ts';
import './einvoices.tables.ts';
import '../imports/imports.tables.ts';

export interface InvoiceImportRecord {
  fileName: string;
  sha256: string;
  sizeBytes: number;
  status: 'stored' | 'rejected' | 'dry_run' | 'unconfirmed';
  rows: number;
  figures: { counts: { inserted: number; updated: number; unchanged: number } } | null;
  errors: InvoiceImportError[];
  warnings: InvoiceWarning[];
  invoices: InvoiceCounts;
  files: number;
  skipped: string[];
  now: string;
  actor: string | null;
}

export interface InvoiceSummary {
  invoices: InvoiceCounts;
  files: number;
  skipped: string[];
  warnings: InvoiceWarning[];
  warningsAccepted: boolean;
}

function toRow(r: InvoiceImportRecord, accepted: boolean) {
  const c = r.status === 'rejected' ? null : r.figures?.counts;
  const summary: InvoiceSummary = {
    invoices: r.invoices,
    files: r.files,
    skipped: r.skipped,
    warnings: r.warnings.slice(0, MAX_ERRORS),
    warningsAccepted: accepted,
  };
  return {
    kind: 'invoices' as const,
    file_name: r.fileName.slice(0, 1000),
    sha256: r.sha256,
    size_bytes: r.sizeBytes,
    shape: null,
    status: r.status,
    rows: r.rows,
    inserted: c?.inserted ?? 0,
    updated: c?.updated ?? 0,
    unchanged: c?.unchanged ?? 0,
    error_count: r.errors.length,
    errors: JSON.stringify(r.errors.slice(0, MAX_ERRORS)),
    headers: null,
    created_at: r.now,
    created_by: r.actor,
    invoice_summary: JSON.stringify(summary),
  };
}

export async function insertInvoiceImport(db: Kysely<Database>, r: InvoiceImportRecord): Promise<number> {
  const row = await db.insertInto('imports').values(toRow(r, false)).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateInvoiceImport(
  db: Kysely<Database>,
  id: number,
  r: InvoiceImportRecord,
  accepted: boolean,
): Promise<void> {
  await db.updateTable('imports').set(toRow(r, accepted)).where('id', '=', id).execute();
}
