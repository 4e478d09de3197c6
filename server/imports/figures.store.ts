/**
 * Stores figure records batch by batch: one SELECT of the batch's existing figures, then one
 * multi-row upsert for new/changed rows and one multi-row insert into figure_history. Never one
 * query per row: a 1,000,000-row file must import at ≥100k rows/s.
 */
import type { ImportError, ImportWarning } from '../../domain/schemas/import.ts';
import type { FigureRecord } from '../ingest/index.ts';
import { assertPeriodsOpen } from '../locks/locks.service.ts';
import {
  figureKeyString,
  kyselyFigureWriter,
  sqliteFigureWriter,
  type ExistingFigure,
  type FigureWrite,
  type HistoryWrite,
} from '../figures/figures.repository.ts';
import { MAX_CHANGES, MAX_ERRORS, pushChange, unitForbidden, type ImportStore, type StoreContext } from './store.ts';
import { FigureCandidates, figureWarningsUpTo } from './plausibility.ts';
import { importKinds } from '../einvoices/einvoices.repository.ts';
import { handOverwritesInvoices } from '../einvoices/problems.ts';

const NONE: ReadonlyMap<string, ExistingFigure> = new Map();
const quantity = (milli: number | null) => (milli == null ? null : milli / 1000);
const afterOf = (r: FigureRecord) => ({ amount: r.amount, quantity: quantity(r.quantityMilli), note: r.note });

/**
 * The readers report duplicate keys across the whole file (a bitset over a million rows), so a
 * batch never holds a key twice (PostgreSQL's multi-row upsert would refuse it). Every record of
 * the caller's units is kept (compactly) for the plausibility warnings; a record of another unit
 * is an error of its row, never compared with that unit's history.
 */
export function createFigureStore(ctx: StoreContext): ImportStore<FigureRecord> {
  // Months and units this import has met, and which of them had no figure / had figures before it.
  const checkedPeriods = new Set<string>();
  const emptyBefore = new Set<string>();
  const seenUnits = new Set<number>();
  const checkedUnits = new Set<number>();
  // The last unit and month added to the sets above and below: files repeat them row after row.
  let lastUnit = -1;
  let lastPeriod = '';
  const unitsWithHistory = new Set<number>();
  const unitCode = new Map(ctx.lookup.units.map((u) => [u.id, u.code]));
  const catCode = new Map(ctx.lookup.categories.map((c) => [c.id, c.code]));
  const writer = ctx.raw ? sqliteFigureWriter(ctx.raw) : kyselyFigureWriter(ctx.trx);
  const candidates = new FigureCandidates();
  // The candidate index of each record of a batch (-1: none), so write() can mark the ones equal to
  // what is stored: one entry per batch (check and write get the same array), not one per record.
  const candidatesOf = new WeakMap<FigureRecord[], Int32Array>();
  // The kind of each import that wrote a figure this file changes: a figure built from e-invoices
  // ('invoices') that the file would change is a warning to confirm.
  const kindOf = new Map<number, string>();
  // Warnings for figures built from e-invoices that the file changes, in row order: the first
  // MAX_ERRORS are built, the rest counted (warnings() keeps no more).
  const overwritten: ImportWarning[] = [];
  let overwrittenCount = 0;
  const store: ImportStore<FigureRecord> = {
    counts: { inserted: 0, updated: 0, unchanged: 0 },
    changes: [],
    changedPeriods: new Set(),

    check(records) {
      // Duplicate keys never reach here: the reader refuses a key seen before anywhere in the file.
      const errors: ImportError[] = [];
      const indexes = new Int32Array(records.length).fill(-1);
      candidatesOf.set(records, indexes);
      for (let j = 0; j < records.length; j++) {
        const r = records[j];
        if (ctx.allowedUnitIds && !ctx.allowedUnitIds.has(r.unitId)) {
          const code = unitCode.get(r.unitId) ?? String(r.unitId);
          errors.push(unitForbidden(r.row, r.columns.unit, code, code));
          continue;
        }
        if (r.unitId !== lastUnit) checkedUnits.add((lastUnit = r.unitId));
        indexes[j] = candidates.size;
        candidates.add(
          r.row,
          r.unitId,
          r.categoryId,
          r.period,
          r.amount,
          r.quantityMilli,
          r.columns.amount,
          r.columns.quantity,
        );
      }
      return errors;
    },

    async write(records) {
      // Before this batch is written: which of its months and units had figures before the import.
      const fresh = new Set<string>();
      const freshUnits = new Set<number>();
      for (const r of records) {
        if (!checkedPeriods.has(r.period)) fresh.add(r.period);
        if (!seenUnits.has(r.unitId)) freshUnits.add(r.unitId);
      }
      if (fresh.size) {
        const periods = [...fresh];
        await assertPeriodsOpen(ctx.trx, periods);
        const stored = await writer.periodsWithFigures(periods);
        for (const p of periods) {
          checkedPeriods.add(p);
          if (!stored.has(p)) emptyBefore.add(p);
        }
      }
      if (freshUnits.size) {
        const units = [...freshUnits];
        for (const u of units) seenUnits.add(u);
        for (const u of await writer.unitsWithFigures(units)) unitsWithHistory.add(u);
      }
      // A key of a month that had no figure before the import can only be one this import wrote,
      // and the file holds each key once: no lookup (the usual upload of a new month reads nothing).
      const lookup = emptyBefore.size ? records.filter((r) => !emptyBefore.has(r.period)) : records;
      const existing = lookup.length ? await writer.selectExisting(lookup) : NONE;
      const unknown = new Set<number>();
      for (const f of existing.values()) if (f.importId != null && !kindOf.has(f.importId)) unknown.add(f.importId);
      if (unknown.size) for (const [id, kind] of await importKinds(ctx.trx, [...unknown])) kindOf.set(id, kind);
      for (const id of unknown) if (!kindOf.has(id)) kindOf.set(id, '');
      const writes: FigureWrite[] = [];
      const history: HistoryWrite[] = [];
      const indexes = candidatesOf.get(records);
      for (let j = 0; j < records.length; j++) {
        const r = records[j];
        const old = existing.size ? existing.get(figureKeyString(r)) : undefined;
        // The preview keeps MAX_CHANGES entries: past that, build neither its key nor its values.
        const preview = store.changes.length < MAX_CHANGES;
        const key = preview ? `${unitCode.get(r.unitId)}/${catCode.get(r.categoryId)}/${r.period}` : '';
        if (!old) {
          store.counts.inserted++;
          writes.push(r);
          if (r.period !== lastPeriod) store.changedPeriods.add((lastPeriod = r.period));
          if (preview)
            pushChange(store.changes, { row: r.row, key, action: 'insert', before: null, after: afterOf(r) });
        } else if (old.amount !== r.amount || old.quantityMilli !== r.quantityMilli || old.note !== r.note) {
          store.counts.updated++;
          writes.push({
            unitId: r.unitId,
            categoryId: r.categoryId,
            period: r.period,
            amount: r.amount,
            quantityMilli: r.quantityMilli,
            note: r.note,
            existingId: old.id,
          });
          history.push({ figureId: old.id, amount: old.amount, quantityMilli: old.quantityMilli, note: old.note });
          if (r.period !== lastPeriod) store.changedPeriods.add((lastPeriod = r.period));
          const fromInvoices = old.importId != null && kindOf.get(old.importId) === 'invoices';
          if (
            fromInvoices &&
            (old.amount !== r.amount || old.quantityMilli !== r.quantityMilli) &&
            overwrittenCount++ < MAX_ERRORS
          )
            overwritten.push(
              handOverwritesInvoices(r.row, r.columns.amount, {
                key: `${unitCode.get(r.unitId)}/${catCode.get(r.categoryId)}/${r.period}`,
                before: old.amount,
                after: r.amount,
                beforeQuantity: old.quantityMilli,
                afterQuantity: r.quantityMilli,
              }),
            );
          if (preview)
            pushChange(store.changes, {
              row: r.row,
              key,
              action: 'update',
              before: { amount: old.amount, quantity: quantity(old.quantityMilli), note: old.note },
              after: afterOf(r),
            });
        } else {
          store.counts.unchanged++;
          const i = indexes?.[j] ?? -1;
          if (i >= 0) candidates.markUnchanged(i);
        }
      }
      const meta = { importId: ctx.importId, actor: ctx.actor, now: ctx.now };
      if (history.length) await writer.insertHistory(history, { ...meta, source: 'import' });
      if (writes.length) await writer.upsert(writes, meta);
    },

    async finish() {
      return [];
    },

    async warnings(limit) {
      // Units of batches never written (after an error) still hold only what was there before.
      const unwritten = [...checkedUnits].filter((u) => !seenUnits.has(u));
      if (unwritten.length) for (const u of await writer.unitsWithFigures(unwritten)) unitsWithHistory.add(u);
      const plausible = await figureWarningsUpTo(ctx.trx, candidates, ctx.lookup, ctx.plausibility, {
        // Figures this import wrote are its candidates (an unchanged one keeps its old import).
        writtenBy: ctx.importId ?? undefined,
        // A unit without a figure before the import has no history to read back.
        unitsWithHistory,
        limit,
      });
      const count = plausible.count + overwrittenCount;
      if (!overwritten.length) return { warnings: plausible.warnings, count };
      // Row order; a row's overwrite warning before its plausibility warnings (the sort is stable).
      // The first `limit` of both lists hold the first `limit` of the two together.
      const warnings = [...overwritten.slice(0, limit), ...plausible.warnings].sort((a, b) => a.row - b.row);
      return { warnings: warnings.slice(0, limit), count };
    },
  };
  return store;
}
