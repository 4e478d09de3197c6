/** A figure (số liệu): what one unit spent on one category in one month. */
import { z } from 'zod';
import { CodeSchema, PeriodSchema } from './common.ts';

export const FigureSchema = z.object({
  unitCode: CodeSchema,
  categoryCode: CodeSchema,
  period: PeriodSchema,
  /** Integer đồng. */
  amount: z.number().int().min(0),
  /** Metered quantity (kWh, m³, ...), exact to 3 decimals; null when not metered. */
  quantity: z.number().min(0).nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type Figure = z.infer<typeof FigureSchema>;

export const FigureHistoryEntrySchema = z.object({
  amount: z.number().int().nullable(),
  quantity: z.number().nullable(),
  note: z.string().nullable(),
  changedAt: z.string(),
  changedBy: z.string().nullable(),
  importId: z.number().int().nullable(),
  source: z.enum(['import', 'manual']),
});
export type FigureHistoryEntry = z.infer<typeof FigureHistoryEntrySchema>;

/** Body of a single correction typed in the browser. */
export const FigureCorrectionSchema = z.object({
  unitCode: CodeSchema,
  categoryCode: CodeSchema,
  period: PeriodSchema,
  amount: z.number().int().min(0),
  quantity: z.number().min(0).nullable().optional(),
  note: z.string().max(500).nullable().optional(),
  /**
   * Store despite the warnings (the person confirmed them): a figure built from e-invoices that
   * this edit changes. Without it such an edit is 409 warnings_unconfirmed with the warnings.
   */
  acceptWarnings: z.boolean().optional(),
});
export type FigureCorrection = z.infer<typeof FigureCorrectionSchema>;

/**
 * One row of the figures export (CLI `figures list`, GET /api/figures/export): unit and category
 * as codes, amount in đồng, quantity in the category's unit (kWh), source `import:ID` (the upload
 * that stored it) or `manual` (typed in the browser or by the API).
 */
export const FigureExportRowSchema = z.object({
  unit: CodeSchema,
  period: PeriodSchema,
  category: CodeSchema,
  amount: z.number().int(),
  quantity: z.number().nullable(),
  note: z.string().nullable(),
  source: z.string(),
});
export type FigureExportRow = z.infer<typeof FigureExportRowSchema>;
