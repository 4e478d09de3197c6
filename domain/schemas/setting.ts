/** Per unit/category/year settings: baseline basis, norms (định mức) and target (chỉ tiêu). */
import { z } from 'zod';
import { BasisSchema, CodeSchema, PercentSchema, YearSchema } from './common.ts';

export const SettingSchema = z.object({
  unitCode: CodeSchema,
  categoryCode: CodeSchema,
  year: YearSchema,
  basis: BasisSchema.nullable(),
  /** Monthly norm in đồng. */
  normAmount: z.number().int().min(0).nullable(),
  /** Monthly norm as a quantity (kWh ...). */
  normQuantity: z.number().min(0).nullable(),
  /** Monthly norm in đồng per person; multiplied by the unit's headcount. */
  normPerCapita: z.number().int().min(0).nullable(),
  /** Savings target in percent. */
  targetPct: PercentSchema.nullable(),
});
export type Setting = z.infer<typeof SettingSchema>;

/** Where an effective value came from: a unit's own setting (inherited down its subtree) or the category default. */
export const SettingSourceSchema = z.object({
  kind: z.enum(['unit', 'category_default']),
  unitCode: z.string().nullable(),
  year: z.number().int().nullable(),
});

/** The settings that apply to one unit, category and year after inheritance. */
export const EffectiveSettingSchema = z.object({
  categoryCode: z.string(),
  basis: BasisSchema,
  basisSource: SettingSourceSchema,
  normAmount: z.number().int().nullable(),
  normQuantity: z.number().nullable(),
  normPerCapita: z.number().int().nullable(),
  /** normPerCapita × headcount when a per-capita norm applies. */
  normAmountEffective: z.number().int().nullable(),
  normSource: SettingSourceSchema.nullable(),
  targetPct: z.number().nullable(),
  targetSource: SettingSourceSchema,
  /** The unit's own row for this year, if it has one. */
  own: SettingSchema.nullable(),
});
export type EffectiveSetting = z.infer<typeof EffectiveSettingSchema>;
