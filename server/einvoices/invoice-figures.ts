/**
 * Writing the figures invoices make: for each (unit, category, month) an import touched, the sum
 * of the active invoices landing there (recomputed from the stored invoices, so the result never
 * depends on the order they came in). A figure typed or uploaded by hand that the sum would
 * overwrite is a warning to confirm; the old value goes to history like any correction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ImportChange } from '../../domain/schemas/import.ts';
import type { InvoiceImportError, InvoiceWarning } from '../../domain/schemas/einvoice.ts';
import type { Landing } from '../../domain/einvoices/landing.ts';
import {
  figureKeyString,
  kyselyFigureWriter,
  selectExistingFigures,
  type FigureWrite,
  type HistoryWrite,
} from '../figures/figures.repository.ts';
import { MAX_CHANGES } from '../imports/store.ts';
import { importKinds, sumInvoicesAt } from './einvoices.repository.ts';
import { invoiceError, invoiceWarning, formatMoney } from './problems.ts';

export interface FigureNames {
  unitCode(id: number): string;
  categoryCode(id: number): string;
  metered(categoryId: number): boolean;
}

export interface FigureOutcome {
  counts: { inserted: number; updated: number; unchanged: number };
  changes: ImportChange[];
  warnings: InvoiceWarning[];
  errors: InvoiceImportError[];
  changedPeriods: Set<string>;
  /** Where each key's figure came from, for the plausibility checks: only written keys. */
  written: { key: Landing; amount: number; quantityMilli: number | null }[];
}

const q = (milli: number | null) => (milli == null ? null : milli / 1000);

/**
 * Computes (and, when `write`, stores) the figures of `keys`. `fileOf` names the file that
 * brought a key's invoices, for the warnings.
 */
export async function invoiceFigures(
  trx: Kysely<Database>,
  keys: Landing[],
  names: FigureNames,
  meta: { importId: number; actor: string | null; now: string; write: boolean },
  fileOf: (k: Landing) => { file: string; invoice: string },
): Promise<FigureOutcome> {
  const out: FigureOutcome = {
    counts: { inserted: 0, updated: 0, unchanged: 0 },
    changes: [],
    warnings: [],
    errors: [],
    changedPeriods: new Set(),
    written: [],
  };
  const existing = await selectExistingFigures(trx, keys);
  const kinds = await importKinds(trx, [
    ...new Set([...existing.values()].map((f) => f.importId).filter((i): i is number => i != null)),
  ]);
  const writes: FigureWrite[] = [];
  const history: HistoryWrite[] = [];
  for (const k of [...keys].sort((a, b) => figureKeyString(a).localeCompare(figureKeyString(b)))) {
    const label = `${names.unitCode(k.unitId)}/${names.categoryCode(k.categoryId)}/${k.period}`;
    const src = fileOf(k);
    const sum = await sumInvoicesAt(trx, k);
    const old = existing.get(figureKeyString(k));
    const byHand = old != null && (old.importId == null || kinds.get(old.importId) !== 'invoices');
    if (sum.count === 0 && (!old || byHand)) continue;
    const amount = sum.amount;
    const quantityMilli = names.metered(k.categoryId) ? sum.quantityMilli : null;
    if (amount < 0) {
      out.errors.push(invoiceError('figure_negative', { key: label, amount }, src.file, src.invoice));
      continue;
    }
    const after = { amount, quantity: q(quantityMilli), note: old?.note ?? null };
    if (!old) {
      out.counts.inserted++;
      writes.push({ ...k, amount, quantityMilli, note: null });
      if (out.changes.length < MAX_CHANGES)
        out.changes.push({ row: 0, key: label, action: 'insert', before: null, after });
    } else if (old.amount === amount && old.quantityMilli === quantityMilli) {
      out.counts.unchanged++;
      continue;
    } else {
      out.counts.updated++;
      writes.push({ ...k, amount, quantityMilli, note: old.note, existingId: old.id });
      history.push({ figureId: old.id, amount: old.amount, quantityMilli: old.quantityMilli, note: old.note });
      if (out.changes.length < MAX_CHANGES)
        out.changes.push({
          row: 0,
          key: label,
          action: 'update',
          before: { amount: old.amount, quantity: q(old.quantityMilli), note: old.note },
          after,
        });
      const params = {
        key: label,
        before: old.amount,
        after: amount,
        beforeQuantity: old.quantityMilli,
        afterQuantity: quantityMilli,
      };
      if (sum.count === 0)
        out.warnings.push(
          invoiceWarning('invoice_figure_emptied', params, src.file, src.invoice, '0', formatMoney(old.amount)),
        );
      else if (byHand)
        out.warnings.push(
          invoiceWarning(
            'invoice_overwrites_manual',
            params,
            src.file,
            src.invoice,
            formatMoney(amount),
            formatMoney(old.amount),
          ),
        );
    }
    out.changedPeriods.add(k.period);
    out.written.push({ key: k, amount, quantityMilli });
  }
  if (meta.write && !out.errors.length) {
    const writer = kyselyFigureWriter(trx);
    const m = { importId: meta.importId, actor: meta.actor, now: meta.now };
    if (history.length) await writer.insertHistory(history, { ...m, source: 'import' });
    if (writes.length) await writer.upsert(writes, m);
  }
  return out;
}
