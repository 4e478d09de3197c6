/**
 * Emulation blocs (khối / cụm thi đua): the scoring scheme as data, blocs and their members, the
 * secretary's manual scores, and the ranking with each member's breakdown.
 */
import { z } from 'zod';
import { CodeSchema, YearSchema } from './common.ts';
import { UnitRefSchema } from './results.ts';

/** Points with at most one decimal (9.5); computed as integer tenths. */
const PointsSchema = z
  .number()
  .min(0)
  .max(100)
  .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, 'điểm tối đa một chữ số thập phân');

const base = { code: CodeSchema, label: z.string().min(1), points: PointsSchema };

export const CriterionSchema = z.discriminatedUnion('kind', [
  /** Full points when the member's year-to-date reduction on the category reaches its target. */
  z.object({ ...base, kind: z.literal('category_target_met'), categoryCode: CodeSchema }),
  /** Points × (months submitted by the 5th of the next month ÷ months due). */
  z.object({ ...base, kind: z.literal('submitted_on_time') }),
  /** Entered by the bloc secretary, from 0 to `points`. */
  z.object({ ...base, kind: z.literal('manual') }),
]);
export type Criterion = z.infer<typeof CriterionSchema>;

export const BlocSchemeSchema = z
  .object({
    criteria: z.array(CriterionSchema).min(1),
    /** Score thresholds reported as "3/7 đơn vị đạt từ 96 điểm trở lên", highest first. */
    bands: z.array(PointsSchema).default([96, 90, 80]),
  })
  .refine((s) => s.criteria.reduce((t, c) => t + Math.round(c.points * 10), 0) === 1000, {
    message: 'tổng điểm các tiêu chí phải bằng 100',
    path: ['criteria'],
  })
  .refine((s) => new Set(s.criteria.map((c) => c.code)).size === s.criteria.length, {
    message: 'mã tiêu chí bị trùng',
    path: ['criteria'],
  });
export type BlocScheme = z.infer<typeof BlocSchemeSchema>;

export const BlocInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  year: YearSchema,
  members: z.array(CodeSchema).min(2, 'khối thi đua cần ít nhất 2 đơn vị'),
  /** Omitted: the default scheme. */
  scheme: BlocSchemeSchema.optional(),
  /** Whether members may see each other's detailed figures (breakdown); the ranking is always shared. */
  shareDetails: z.boolean().default(false),
});
export type BlocInput = z.infer<typeof BlocInputSchema>;

export const BlocSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  year: z.number().int(),
  members: z.array(UnitRefSchema),
  scheme: BlocSchemeSchema,
  shareDetails: z.boolean(),
});
export type Bloc = z.infer<typeof BlocSchema>;

export const ManualScoresInputSchema = z.object({
  scores: z
    .array(
      z.object({
        unitCode: CodeSchema,
        criterionCode: CodeSchema,
        points: PointsSchema,
        note: z.string().max(500).nullable().optional(),
      }),
    )
    .min(1),
});
export type ManualScoresInput = z.infer<typeof ManualScoresInputSchema>;

export const BreakdownItemSchema = z.object({
  code: z.string(),
  label: z.string(),
  kind: z.enum(['category_target_met', 'submitted_on_time', 'manual']),
  max: z.number(),
  points: z.number(),
  /** Why these points, in Vietnamese: "giảm 10,0%, chỉ tiêu 10%", "11/12 tháng đúng hạn", "chưa chấm". */
  detail: z.string(),
});

export const RankedMemberSchema = z.object({
  unit: UnitRefSchema,
  rank: z.number().int(),
  total: z.number(),
  automaticPoints: z.number(),
  targetsMet: z.number().int(),
  overallReduction: z.number().nullable(),
  /** Which tie-break rule separated this member from the one above with the same total, if any. */
  tieBreak: z.string().nullable(),
  /** Null for a viewer who may not see other members' details. */
  breakdown: z.array(BreakdownItemSchema).nullable(),
});
export type RankedMember = z.infer<typeof RankedMemberSchema>;

export const BandLineSchema = z.object({
  threshold: z.number(),
  count: z.number().int(),
  of: z.number().int(),
  text: z.string(),
});

export const ProposalSchema = z.object({
  award: z.enum(['flag', 'merit']),
  units: z.array(UnitRefSchema),
  tie: z.boolean(),
  text: z.string(),
});

export const BlocRankingSchema = z.object({
  bloc: z.object({ id: z.number().int(), name: z.string(), year: z.number().int() }),
  members: z.array(RankedMemberSchema),
  bands: z.array(BandLineSchema),
  proposals: z.array(ProposalSchema),
  tieBreakRule: z.string(),
});
export type BlocRanking = z.infer<typeof BlocRankingSchema>;
