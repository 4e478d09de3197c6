/**
 * Results: what the engine computes for a unit subtree, a category and months, and what the
 * dashboard, the emails, the reports and the CLI read. Values are in the category's measure:
 * đồng when measure = 'amount', the quantity unit (kWh ...) when measure = 'quantity'; the đồng
 * figures are always given beside (`actualAmount`, `baselineAmount`).
 */
import { z } from 'zod';
import { BasisSchema, PeriodSchema } from './common.ts';

export const MeasureSchema = z.enum(['amount', 'quantity']);
export type Measure = z.infer<typeof MeasureSchema>;

const valueFields = {
  /** Sum of actual figures (null: nothing submitted). */
  actual: z.number().nullable(),
  /** Baseline: norm or same period last year (null: unknown). */
  baseline: z.number().nullable(),
  /** baseline − actual; negative means overspent; null when either side is unknown. */
  saved: z.number().nullable(),
  /** Percent, one decimal, half away from zero; null when unknown. */
  reduction: z.number().nullable(),
  /** reduction ≥ target; null when either is unknown. */
  met: z.boolean().nullable(),
  actualAmount: z.number().int().nullable(),
  baselineAmount: z.number().int().nullable(),
};

export const MonthResultSchema = z.object({
  period: PeriodSchema,
  status: z.enum(['submitted', 'not_submitted']),
  ...valueFields,
});
export type MonthResult = z.infer<typeof MonthResultSchema>;

export const YtdResultSchema = z.object({
  /** Months of the year (through `through`) that have a figure; only these are summed. */
  monthsSubmitted: z.number().int(),
  monthsInRange: z.number().int(),
  ...valueFields,
});
export type YtdResult = z.infer<typeof YtdResultSchema>;

/**
 * Year-end outlook (docs/domain.md, domain/outlook.ts) after `through`, in the category's measure
 * (đồng, or the quantity unit when measure = 'quantity'); null when the category has no target.
 */
export const OutlookSchema = z.object({
  /** The most that may still be spent (used) from `from` to December and meet the target; negative: out of reach. */
  allowance: z.number().nullable(),
  /** allowance ÷ remaining months, rounded down (whole đồng, or thousandths); null when negative or unknown. */
  perMonth: z.number().nullable(),
  /** Projected whole-year reduction in percent if the rest of the year follows the recent pace. */
  projected: z.number().nullable(),
  /** Whole-year baseline: last year's Jan–Dec, or the year's twelve monthly norms. */
  baselineYear: z.number().nullable(),
  /** Projected whole-year actual. */
  projectedYear: z.number().nullable(),
  remainingMonths: z.number().int(),
  /** First month still to come (null after December). */
  from: PeriodSchema.nullable(),
});
export type OutlookResult = z.infer<typeof OutlookSchema>;

export const CategoryResultSchema = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  basis: BasisSchema,
  measure: MeasureSchema,
  quantityUnit: z.string().nullable(),
  /** Target percent (10 = 10%), null when none is set. */
  target: z.number().nullable(),
  months: z.array(MonthResultSchema),
  ytd: YtdResultSchema,
  outlook: OutlookSchema.nullable(),
});
export type CategoryResult = z.infer<typeof CategoryResultSchema>;

export const UnitRefSchema = z.object({ code: z.string(), name: z.string() });
export type UnitRef = z.infer<typeof UnitRefSchema>;

export const SubmissionStatusSchema = z.object({
  period: PeriodSchema,
  submitted: z.array(UnitRefSchema),
  notSubmitted: z.array(UnitRefSchema),
});
export type SubmissionStatus = z.infer<typeof SubmissionStatusSchema>;

/** Coverage of a unit's subtree in one month (domain/coverage.ts). */
export const MonthCoverageSchema = z.object({
  period: PeriodSchema,
  /** Units of the subtree expected to submit: submitted in this month or in the twelve before, or set to. */
  expected: z.number().int(),
  /** Units of the subtree with a figure this month. */
  submitted: z.number().int(),
  /** Every expected unit submitted. */
  complete: z.boolean(),
});
export type MonthCoverage = z.infer<typeof MonthCoverageSchema>;

export const ResultsResponseSchema = z.object({
  unit: UnitRefSchema,
  year: z.number().int(),
  /** Last month included: by default the last month that has ended (Asia/Ho_Chi_Minh), December of a past year. */
  through: PeriodSchema,
  /** Coverage of every month Jan..through. */
  months: z.array(MonthCoverageSchema),
  /** True when a month Jan..through is incomplete: every total and verdict is then tạm tính. */
  provisional: z.boolean(),
  categories: z.array(CategoryResultSchema),
  /** The annual sentence, e.g. "Năm 2020: văn phòng phẩm giảm 10%; ...". */
  sentence: z.object({ vi: z.string(), en: z.string() }),
  /** Which units of the subtree have and have not submitted for `through`. */
  submission: SubmissionStatusSchema,
});
export type ResultsResponse = z.infer<typeof ResultsResponseSchema>;

/** A unit's year to date in one category, beside the others, with the target in force for that unit. */
export const ComparisonCellSchema = YtdResultSchema.extend({
  /** The unit's target percent for the category (its own or inherited), null when none. */
  target: z.number().nullable(),
});
export type ComparisonCell = z.infer<typeof ComparisonCellSchema>;

export const ComparisonRowSchema = z.object({
  unit: UnitRefSchema,
  /** Year-to-date per category code. */
  categories: z.record(z.string(), ComparisonCellSchema),
  /** Overall reduction: (Σ baseline đồng − Σ actual đồng) / Σ baseline đồng over categories with both. */
  overall: z.number().nullable(),
  rank: z.number().int().nullable(),
});
export const ComparisonResponseSchema = z.object({
  unit: UnitRefSchema,
  year: z.number().int(),
  through: PeriodSchema,
  /** Coverage of the compared unit's subtree, Jan..through. */
  months: z.array(MonthCoverageSchema),
  provisional: z.boolean(),
  rows: z.array(ComparisonRowSchema),
});
export type ComparisonResponse = z.infer<typeof ComparisonResponseSchema>;

/** A unit of a subtree and its status in each month of the year (the figures view of a parent). */
export const CoverageGridRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  /** 0 for the unit asked for, 1 for its children, ... */
  depth: z.number().int(),
  /** Twelve statuses, January first. */
  months: z.array(z.enum(['submitted', 'missing', 'not_expected'])),
});
export const CoverageGridSchema = z.object({
  unit: UnitRefSchema,
  year: z.number().int(),
  /** Coverage of the whole subtree in each of the twelve months, and whether the month has ended. */
  months: z.array(MonthCoverageSchema.extend({ ended: z.boolean() })),
  units: z.array(CoverageGridRowSchema),
});
export type CoverageGrid = z.infer<typeof CoverageGridSchema>;
