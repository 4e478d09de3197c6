/** Engine output (integers in đồng or quantity thousandths, tenths of a percent) to the API shapes. */
import type { CategoryResult, MonthResult, OutlookResult, YtdResult } from '../../domain/schemas/results.ts';
import { outlookOf, type OutlookTotals } from '../../domain/outlook.ts';
import type { UnitCategoryResult, ValueResult } from '../../domain/rollup.ts';
import { makePeriod } from '../../domain/months.ts';
import { tenthsToPct } from '../../domain/reductions.ts';
import { annualSentence } from '../../domain/sentence.ts';
import { provisionalNote, type MonthCoverage } from '../../domain/coverage.ts';
import type { EngineCategoryRow } from './results.repository.ts';

const inMeasure = (v: number | null, measure: 'amount' | 'quantity') =>
  v == null ? null : measure === 'quantity' ? v / 1000 : v;

export function toValueFields(v: ValueResult, measure: 'amount' | 'quantity') {
  return {
    actual: inMeasure(v.actual, measure),
    baseline: inMeasure(v.baseline, measure),
    saved: inMeasure(v.saved, measure),
    reduction: tenthsToPct(v.reductionTenths),
    met: v.met,
    actualAmount: v.actualAmount,
    baselineAmount: v.baselineAmount,
  };
}

/** The outlook from its totals (base units: đồng or thousandths) in the API shape, in the measure. */
export function toOutlook(year: number, x: OutlookTotals, measure: 'amount' | 'quantity'): OutlookResult | null {
  const o = outlookOf(x);
  if (!o) return null;
  return {
    allowance: inMeasure(o.allowance, measure),
    perMonth: inMeasure(o.perMonth, measure),
    projected: tenthsToPct(o.projectedTenths),
    baselineYear: inMeasure(x.baselineYear, measure),
    projectedYear: inMeasure(o.projectedYear, measure),
    remainingMonths: o.remainingMonths,
    from: o.remainingMonths > 0 ? makePeriod(year, x.month + 1) : null,
  };
}

export function toCategoryResult(
  cat: EngineCategoryRow,
  basis: 'norm' | 'previous_year',
  year: number,
  r: UnitCategoryResult,
  outlook: OutlookTotals | null = null,
): CategoryResult {
  const months: MonthResult[] = r.months.map((m, k) => ({
    period: makePeriod(year, k + 1),
    status: m.submitted ? 'submitted' : 'not_submitted',
    ...toValueFields(m, r.measure),
  }));
  const ytd: YtdResult = {
    monthsSubmitted: r.ytd.monthsSubmitted,
    monthsInRange: r.ytd.monthsInRange,
    ...toValueFields(r.ytd, r.measure),
  };
  return {
    code: cat.code,
    nameVi: cat.name_vi,
    nameEn: cat.name_en,
    basis,
    measure: r.measure,
    quantityUnit: cat.quantity_unit,
    target: tenthsToPct(r.targetTenths),
    months,
    ytd,
    outlook: outlook ? toOutlook(year, outlook, r.measure) : null,
  };
}

/**
 * The annual sentence from the categories' year-to-date reductions; a provisional one says so with
 * the coverage: "… Tạm tính — Tháng 11: 3/5 đơn vị đã nộp."
 */
export function sentenceOf(year: number, through: string, categories: CategoryResult[], months: MonthCoverage[]) {
  const s = annualSentence(
    year,
    through,
    categories.map((c) => ({
      code: c.code,
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      basis: c.basis,
      reduction: c.ytd.reduction,
    })),
  );
  const note = provisionalNote(months);
  return note ? { vi: `${s.vi} ${note.vi}.`, en: `${s.en} ${note.en}.` } : s;
}
