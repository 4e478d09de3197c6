/**
 * Settings: read the effective settings of a unit (after inheritance, with where each value comes
 * from), set or clear a unit's own row. A change marks that year's result snapshots stale; it is
 * refused while any month of that year is locked (locked results must never change).
 */
import type { Db } from '../db/schema.ts';
import type { EffectiveSetting, Setting } from '../../domain/schemas/setting.ts';
import { effectiveForChain, type Effective, type SettingValues } from '../../domain/effective-settings.ts';
import { monthsOfYear } from '../../domain/months.ts';
import { pctToTenths, tenthsToPct } from '../../domain/reductions.ts';
import { isoNow, type Clock } from '../clock.ts';
import { badRequest, notFound } from '../errors.ts';
import { assertPeriodsOpen } from '../locks/locks.service.ts';
import { markResultsStale } from '../results/staleness.ts';
import {
  loadEngineCategories,
  loadTreeUnits,
  type EngineCategoryRow,
  type TreeUnitRow,
} from '../results/results.repository.ts';
import { recordAudit, type AuditActor } from '../audit/audit.repository.ts';
import { changed, settingSnapshot } from '../audit/snapshots.ts';
import { deleteSetting, settingsOfUnitsForYear, upsertSetting, type SettingRow } from './settings.repository.ts';

/** The unit of `code` and its ancestors, nearest first; 404 for an unknown code. */
export async function unitChain(db: Db, code: string): Promise<TreeUnitRow[]> {
  const all = await loadTreeUnits(db);
  const byId = new Map(all.map((u) => [u.id, u]));
  const unit = all.find((u) => u.code === code);
  if (!unit) throw notFound(`đơn vị có mã "${code}"`, undefined, { entity: 'unit', key: code });
  const chain = [unit];
  for (let p = unit.parent_id; p != null && chain.length <= all.length; p = byId.get(p)?.parent_id ?? null)
    chain.push(byId.get(p)!);
  return chain;
}

async function category(db: Db, code: string): Promise<EngineCategoryRow> {
  const c = (await loadEngineCategories(db)).find((x) => x.code === code);
  if (!c) throw notFound(`khoản chi có mã "${code}"`, undefined, { entity: 'category', key: code });
  return c;
}

const values = (r: SettingRow): SettingValues => ({
  basis: r.basis,
  normAmount: r.norm_amount,
  normQuantityMilli: r.norm_quantity_milli,
  normPerCapita: r.norm_per_capita,
  targetTenths: r.target_tenths,
});

function toSetting(r: SettingRow, unitCode: string, categoryCode: string): Setting {
  return {
    unitCode,
    categoryCode,
    year: r.year,
    basis: r.basis,
    normAmount: r.norm_amount,
    normQuantity: r.norm_quantity_milli == null ? null : r.norm_quantity_milli / 1000,
    normPerCapita: r.norm_per_capita,
    targetPct: tenthsToPct(r.target_tenths),
  };
}

function toEffective(
  e: Effective,
  cat: EngineCategoryRow,
  year: number,
  codeOf: (id: number) => string,
  own: Setting | null,
): EffectiveSetting {
  const src = (from: number | null) =>
    from == null
      ? { kind: 'category_default' as const, unitCode: null, year: null }
      : { kind: 'unit' as const, unitCode: codeOf(from), year };
  return {
    categoryCode: cat.code,
    basis: e.basis,
    basisSource: src(e.basisFrom),
    normAmount: e.normAmount,
    normQuantity: e.normQuantityMilli == null ? null : e.normQuantityMilli / 1000,
    normPerCapita: e.normPerCapita,
    normAmountEffective: e.normAmountEffective,
    normSource: e.normFrom === undefined ? null : src(e.normFrom),
    targetPct: tenthsToPct(e.targetTenths),
    targetSource: src(e.targetFrom),
    own,
  };
}

/** Effective settings of a unit for a year, one per category (active ones). */
export async function getEffectiveSettings(db: Db, unitCode: string, year: number) {
  const chain = await unitChain(db, unitCode);
  const cats = (await loadEngineCategories(db)).filter((c) => !c.retired);
  const rows = await settingsOfUnitsForYear(
    db,
    chain.map((u) => u.id),
    year,
  );
  const codeOf = (id: number) => chain.find((u) => u.id === id)?.code ?? String(id);
  const unit = chain[0];
  const settings = cats.map((c) => {
    const row = (uid: number) => rows.find((r) => r.unit_id === uid && r.category_id === c.id);
    const e = effectiveForChain(
      chain.map((u) => ({ unitId: u.id, row: row(u.id) && values(row(u.id)!) })),
      unit.headcount,
      { defaultBasis: c.default_basis, defaultTargetTenths: c.default_target_tenths },
    );
    const own = row(unit.id);
    return toEffective(e, c, year, codeOf, own ? toSetting(own, unit.code, c.code) : null);
  });
  return { unit: { code: unit.code, name: unit.name }, year, settings };
}

function toMilli(q: number | null): number | null {
  if (q == null) return null;
  const milli = Math.round(q * 1000);
  if (Math.abs(milli - q * 1000) > 1e-6)
    throw badRequest(
      'Định mức số lượng chỉ được có tối đa 3 chữ số thập phân.',
      { normQuantity: q },
      { reason: 'too_many_decimals', quantity: q },
    );
  return milli;
}

/** Set a unit's own row for a category and year (all fields replaced; null = inherit). */
export async function putSetting(db: Db, clock: Clock, s: Setting, by: AuditActor): Promise<EffectiveSetting> {
  const unit = (await unitChain(db, s.unitCode))[0];
  const cat = await category(db, s.categoryCode);
  await db.transaction().execute(async (trx) => {
    const months = monthsOfYear(s.year);
    await assertPeriodsOpen(trx, months);
    const before = await settingSnapshot(trx, s.unitCode, s.categoryCode, s.year);
    const at = isoNow(clock);
    await upsertSetting(trx, {
      unit_id: unit.id,
      category_id: cat.id,
      year: s.year,
      basis: s.basis,
      norm_amount: s.normAmount,
      norm_quantity_milli: toMilli(s.normQuantity),
      norm_per_capita: s.normPerCapita,
      target_tenths: pctToTenths(s.targetPct),
      updated_at: at,
      updated_by: by.actor,
    });
    await markResultsStale(trx, months);
    // Every setting change in the audit trail, keyed UNIT/category/year (a same-value put is none).
    const after = {
      basis: s.basis,
      normAmount: s.normAmount,
      normQuantity: s.normQuantity,
      normPerCapita: s.normPerCapita,
      targetPct: s.targetPct,
    };
    if (changed(before, after))
      await recordAudit(trx, {
        ...by,
        at,
        action: 'setting.update',
        entityType: 'setting',
        entityKey: `${s.unitCode}/${s.categoryCode}/${s.year}`,
        unitCode: s.unitCode,
        before,
        after,
      });
  });
  return (await getEffectiveSettings(db, s.unitCode, s.year)).settings.find((e) => e.categoryCode === cat.code)!;
}

/** Remove a unit's own row: the unit inherits again. Returns false when it had none (then no audit row). */
export async function clearSetting(
  db: Db,
  clock: Clock,
  q: { unitCode: string; categoryCode: string; year: number },
  by: AuditActor,
): Promise<boolean> {
  const unit = (await unitChain(db, q.unitCode))[0];
  const cat = await category(db, q.categoryCode);
  return db.transaction().execute(async (trx) => {
    const months = monthsOfYear(q.year);
    await assertPeriodsOpen(trx, months);
    const before = await settingSnapshot(trx, q.unitCode, q.categoryCode, q.year);
    const n = await deleteSetting(trx, unit.id, cat.id, q.year);
    if (n) await markResultsStale(trx, months);
    if (before)
      await recordAudit(trx, {
        ...by,
        at: isoNow(clock),
        action: 'setting.clear',
        entityType: 'setting',
        entityKey: `${q.unitCode}/${q.categoryCode}/${q.year}`,
        unitCode: q.unitCode,
        before,
        after: null,
      });
    return n > 0;
  });
}
