/**
 * Official thrift reports: the versioned template (data/report-templates/*.json), the report model
 * every format (JSON, XLSX, PDF, printable page) is rendered from, and the explanation a unit
 * writes for a missed target.
 */
import { z } from 'zod';
import { BasisSchema, CodeSchema, PeriodSchema, YearSchema } from './common.ts';
import { MeasureSchema, MonthCoverageSchema, UnitRefSchema } from './results.ts';
import { isCalendarDay } from '../months.ts';

export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD');

export const ReportTemplateSchema = z.object({
  id: z.string().min(1),
  version: z.number().int(),
  effectiveFrom: DaySchema,
  effectiveUntil: DaySchema.nullable(),
  law: z.string(),
  nationalHeader: z.array(z.string()),
  title: z.string(),
  /** Trích yếu under "BÁO CÁO", before the period: "Kết quả thực hành tiết kiệm, chống lãng phí". */
  subject: z.string(),
  legalBasis: z.string(),
  headings: z.object({
    section: z.string(),
    summary: z.string(),
    table: z.string(),
    explanations: z.string(),
    /** The emulation ranking, printed when the unit is a member of a bloc of the report's year. */
    ranking: z.string(),
  }),
  columns: z.object({
    no: z.string(),
    category: z.string(),
    basis: z.string(),
    baseline: z.string(),
    actual: z.string(),
    saved: z.string(),
    reduction: z.string(),
    target: z.string(),
    met: z.string(),
    unit: z.string(),
  }),
  words: z.object({
    met: z.string(),
    notMet: z.string(),
    unknown: z.string(),
    basisNorm: z.string(),
    basisPreviousYear: z.string(),
    amountUnit: z.string(),
    missingExplanation: z.string(),
    noExplanationNeeded: z.string(),
    notSubmitted: z.string(),
  }),
});
export type ReportTemplate = z.infer<typeof ReportTemplateSchema>;

export const ReportPeriodSchema = z.object({
  kind: z.enum(['year', 'half', 'quarter']),
  year: z.number().int(),
  index: z.number().int(),
  key: z.string(),
  from: PeriodSchema,
  to: PeriodSchema,
  months: z.array(PeriodSchema),
  labelVi: z.string(),
  labelEn: z.string(),
});

/** One category over the months of a section. Values in the measure (đồng or kWh ...), đồng beside. */
export const ReportRowSchema = z.object({
  categoryCode: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  basis: BasisSchema,
  measure: MeasureSchema,
  quantityUnit: z.string().nullable(),
  baseline: z.number().nullable(),
  actual: z.number().nullable(),
  saved: z.number().nullable(),
  /** Percent, one decimal, half away from zero. */
  reduction: z.number().nullable(),
  target: z.number().nullable(),
  met: z.boolean().nullable(),
  baselineAmount: z.number().int().nullable(),
  actualAmount: z.number().int().nullable(),
  savedAmount: z.number().int().nullable(),
  monthsSubmitted: z.number().int(),
  monthsInPeriod: z.number().int(),
});
export type ReportRow = z.infer<typeof ReportRowSchema>;

export const ReportSectionSchema = z.object({
  /**
   * The report period key of the section's months ('2026-H1'; the report's own key for a report of
   * one section): the key its explanations are stored under.
   */
  key: z.string(),
  templateId: z.string(),
  from: PeriodSchema,
  to: PeriodSchema,
  heading: z.string(),
  legalBasis: z.string(),
  /** The section's own template texts, so each side of a law change keeps its headings and labels. */
  headings: ReportTemplateSchema.shape.headings,
  columns: ReportTemplateSchema.shape.columns,
  words: ReportTemplateSchema.shape.words,
  rows: z.array(ReportRowSchema),
  sentence: z.string(),
  /** Coverage of the section's counted months (those ended by the time of the report). */
  months: z.array(MonthCoverageSchema),
  /** A counted month is incomplete: every total and verdict of the section is tạm tính. */
  provisional: z.boolean(),
});
export type ReportSection = z.infer<typeof ReportSectionSchema>;

export const ReportExplanationItemSchema = z.object({
  /** The section that missed (its `key`): the periodKey the explanation is stored under. */
  periodKey: z.string(),
  /** The section's months, e.g. 'từ tháng 7 đến tháng 12 năm 2026' (the period's label for one section). */
  sectionLabel: z.string(),
  categoryCode: z.string(),
  nameVi: z.string(),
  /** Required for an electricity overrun (more kWh than the baseline). */
  required: z.boolean(),
  text: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export const ReportSchema = z.object({
  unit: UnitRefSchema,
  period: ReportPeriodSchema,
  /** The template the document uses (the one in force at the period's end). */
  template: ReportTemplateSchema,
  /**
   * The whole period in the document's template: the one verdict per category the report gives
   * first. For a report of one section it equals `sections[0]`.
   */
  whole: ReportSectionSchema,
  /** One section per template in force during the period (two only for a period spanning 1 July 2026). */
  sections: z.array(ReportSectionSchema),
  /** The seed-style sentence over the whole period, e.g. "Năm 2020: văn phòng phẩm giảm 10%; ...". */
  sentence: z.object({ vi: z.string(), en: z.string() }),
  /**
   * Last month counted: the period's last month, or the last month that has ended (Asia/Ho_Chi_Minh)
   * when the period has not; null when no month of the period has ended yet.
   */
  through: PeriodSchema.nullable(),
  /** A counted month is incomplete (the whole period's coverage): the report is tạm tính. */
  provisional: z.boolean(),
  /**
   * Every category that missed its target in a section (each legal period separately), with its
   * explanation, in the order of the sections.
   */
  explanations: z.array(ReportExplanationItemSchema),
  /** True when a required explanation is missing. */
  incomplete: z.boolean(),
  generatedAt: z.string(),
});
export type Report = z.infer<typeof ReportSchema>;

export const ReportQuerySchema = z.object({
  unit: CodeSchema,
  year: YearSchema,
  quarter: z.coerce.number().int().min(1).max(4).optional(),
  half: z.coerce.number().int().min(1).max(2).optional(),
  format: z.enum(['json', 'xlsx', 'pdf', 'docx']).default('json'),
  /** The register number of the filed document ("Số: 15/BC-…"); blank ("……") without it. */
  number: z.coerce
    .number({ message: 'số văn bản phải là số nguyên dương' })
    .int('số văn bản phải là số nguyên dương')
    .min(1, 'số văn bản phải là số nguyên dương')
    .max(999_999)
    .optional(),
  /** The document's date, 'YYYY-MM-DD'; today (Asia/Ho_Chi_Minh) without it. */
  date: DaySchema.refine(isCalendarDay, 'ngày văn bản không có trên lịch').optional(),
});
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

export const ExplanationInputSchema = z.object({
  unitCode: CodeSchema,
  year: YearSchema,
  /** '2020', '2020-H1', '2020-Q3'. */
  periodKey: z.string().regex(/^\d{4}(-(Q[1-4]|H[12]))?$/, 'kỳ báo cáo có dạng 2020, 2020-H1 hoặc 2020-Q3'),
  categoryCode: CodeSchema,
  text: z.string().trim().min(1, 'nội dung giải trình không được để trống').max(4000),
});
export type ExplanationInput = z.infer<typeof ExplanationInputSchema>;

export const ExplanationSchema = ExplanationInputSchema.extend({
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type Explanation = z.infer<typeof ExplanationSchema>;
