/**
 * Figures: listing by unit subtree, period range and category; a single correction typed in the
 * browser (the old value goes to history, locks are checked, snapshots marked stale); history.
 * Quantities leave the database as milli and reach the API as numbers (12500 → 12.5).
 */
import type { AppDeps } from '../deps.ts';
import { isoNow } from '../clock.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { figureSnapshot } from '../audit/snapshots.ts';
import { canWriteUnit, type Caller } from '../auth/caller.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { lockForWrite } from '../db/dialect.ts';
import { LOCK_KEYS } from '../db/lock-keys.ts';
import { assertPeriodsOpen } from '../locks/locks.service.ts';
import { markResultsStale } from '../results/staleness.ts';
import { listCategoryRows } from '../categories/categories.repository.ts';
import { requireUnit } from '../units/units.service.ts';
import { subtreeIds } from '../../domain/unit-tree.ts';
import type { Figure, FigureCorrection, FigureHistoryEntry } from '../../domain/schemas/figure.ts';
import type { ImportWarning } from '../../domain/schemas/import.ts';
import { importKinds } from '../einvoices/einvoices.repository.ts';
import { handOverwritesInvoices } from '../einvoices/problems.ts';
import {
  findFigure,
  insertHistory,
  listFigureRows,
  listHistoryRows,
  upsertFigures,
  type HistoryRow,
} from './figures.repository.ts';

/** Same key as imports, so a correction and an import of the same figures never interleave. */

const toQuantity = (milli: number | null) => (milli == null ? null : milli / 1000);

function toMilli(q: number | null | undefined): number | null | undefined {
  if (q == null) return q;
  const milli = Math.round(q * 1000);
  if (Math.abs(milli - q * 1000) > 1e-6)
    throw badRequest(
      'Số lượng chỉ được có tối đa 3 chữ số thập phân.',
      { quantity: q },
      { reason: 'too_many_decimals', quantity: q },
    );
  return milli;
}

export interface FigureFilter {
  unit?: string;
  subtree?: boolean;
  from?: string;
  to?: string;
  category?: string;
}

async function requireCategory(deps: AppDeps, code: string) {
  const cat = (await listCategoryRows(deps.db)).find((c) => c.code === code);
  if (!cat) throw notFound(`khoản chi mã ${code}`, { category: code }, { entity: 'category', key: code });
  return cat;
}

export async function listFigures(deps: AppDeps, f: FigureFilter): Promise<Figure[]> {
  let unitIds: number[] | null = null;
  if (f.unit) {
    const { row, all } = await requireUnit(deps.db, f.unit);
    unitIds = f.subtree ? subtreeIds(all, row.id) : [row.id];
  }
  const categoryId = f.category ? (await requireCategory(deps, f.category)).id : null;
  const rows = await listFigureRows(deps.db, { unitIds, categoryId, from: f.from ?? null, to: f.to ?? null });
  return rows.map((r) => ({
    unitCode: r.unit_code,
    categoryCode: r.category_code,
    period: r.period,
    amount: r.amount,
    quantity: toQuantity(r.quantity_milli),
    note: r.note,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }));
}

const toHistory = (h: HistoryRow): FigureHistoryEntry => ({
  amount: h.amount,
  quantity: toQuantity(h.quantity_milli),
  note: h.note,
  changedAt: h.changed_at,
  changedBy: h.changed_by,
  importId: h.import_id,
  source: h.source,
});

export async function figureHistory(
  deps: AppDeps,
  k: { unit: string; category: string; period: string },
): Promise<FigureHistoryEntry[]> {
  const { row } = await requireUnit(deps.db, k.unit);
  const cat = await requireCategory(deps, k.category);
  const fig = await findFigure(deps.db, { unitId: row.id, categoryId: cat.id, period: k.period });
  if (!fig) return [];
  return (await listHistoryRows(deps.db, fig.id)).map(toHistory);
}

/**
 * One correction. An unchanged value writes nothing; a changed one keeps the old value in
 * history with the actor, and its audit row ('figure.correct', keyed UNIT/category/YYYY-MM: the
 * figures view links there) in the same transaction. The caller must be allowed to write the unit (else 403).
 */
export async function correctFigure(
  deps: AppDeps,
  body: FigureCorrection,
  by: Caller,
): Promise<{ figure: Figure; history: FigureHistoryEntry[] }> {
  const { row: unit } = await requireUnit(deps.db, body.unitCode);
  if (!canWriteUnit(by, unit.id)) {
    throw new AppError(
      403,
      'unit_forbidden',
      `Bạn không được sửa số liệu của đơn vị ${unit.code}.`,
      { unit: unit.code },
      undefined,
      {
        unit: unit.code,
        access: 'write',
        subject: 'figures',
      },
    );
  }
  const cat = await requireCategory(deps, body.categoryCode);
  const quantityMilli = toMilli(body.quantity);
  const now = isoNow(deps.clock);
  const key = { unitId: unit.id, categoryId: cat.id, period: body.period };
  const confirmed: ImportWarning[] = [];
  await deps.db.transaction().execute(async (trx) => {
    await lockForWrite(trx, LOCK_KEYS.figures);
    await assertPeriodsOpen(trx, [body.period]);
    const old = await findFigure(trx, key);
    const next = {
      ...key,
      amount: body.amount,
      quantityMilli: quantityMilli === undefined ? (old?.quantityMilli ?? null) : quantityMilli,
      note: body.note === undefined ? (old?.note ?? null) : body.note,
    };
    if (old && old.amount === next.amount && old.quantityMilli === next.quantityMilli && old.note === next.note) return;
    // A figure built from e-invoices that this edit changes: a warning to confirm (domain.md).
    if (old?.importId != null && (old.amount !== next.amount || old.quantityMilli !== next.quantityMilli)) {
      if ((await importKinds(trx, [old.importId])).get(old.importId) === 'invoices') {
        const w = handOverwritesInvoices(0, 'Số tiền (đồng)', {
          key: `${unit.code}/${cat.code}/${body.period}`,
          before: old.amount,
          after: next.amount,
          beforeQuantity: old.quantityMilli,
          afterQuantity: next.quantityMilli,
        });
        if (!body.acceptWarnings)
          throw new AppError(
            409,
            'warnings_unconfirmed',
            `${w.message} Hãy kiểm tra rồi xác nhận để lưu (acceptWarnings).`,
            { warnings: [w] },
            undefined,
            { n: 1, file: '' },
          );
        confirmed.push(w);
      }
    }
    const before = await figureSnapshot(trx, body.unitCode, body.categoryCode, body.period);
    const meta = { importId: null, actor: by.actor, now };
    if (old)
      await insertHistory(
        trx,
        [{ figureId: old.id, amount: old.amount, quantityMilli: old.quantityMilli, note: old.note }],
        { ...meta, source: 'manual' },
      );
    // A note alone changes no number: the figure keeps where its numbers came from (its invoices).
    const sameNumbers = old != null && old.amount === next.amount && old.quantityMilli === next.quantityMilli;
    await upsertFigures(trx, [next], sameNumbers ? { ...meta, importId: old.importId } : meta);
    await markResultsStale(trx, [body.period]);
    const after = await figureSnapshot(trx, body.unitCode, body.categoryCode, body.period);
    await recordAudit(trx, {
      ...by,
      at: now,
      action: 'figure.correct',
      entityType: 'figure',
      entityKey: `${body.unitCode}/${body.categoryCode}/${body.period}`,
      unitCode: body.unitCode,
      before,
      // The warnings the person confirmed (a figure built from e-invoices changed by hand).
      after: confirmed.length ? { ...after, warningsAcceptedBy: by.actor, warnings: confirmed } : after,
    });
  });
  deps.logger.info({ unit: unit.code, category: cat.code, period: body.period, actor: by.actor }, 'figure corrected');
  const figure = (
    await listFigures(deps, { unit: unit.code, category: cat.code, from: body.period, to: body.period })
  )[0];
  return {
    figure,
    history: await figureHistory(deps, { unit: unit.code, category: cat.code, period: body.period }),
  };
}
