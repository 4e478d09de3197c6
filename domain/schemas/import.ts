/**
 * The report of one upload (figures, units or norms file; other kinds such as e-invoices reuse it):
 * counts, errors, plausibility warnings, changes.
 *
 * Errors and warnings carry a stable `code` and `params` (the values the code's wording needs), so
 * the dashboard can word them in Vietnamese or English; `message` is the Vietnamese wording the
 * CLI prints. Errors block storing; warnings block storing until someone confirms them
 * (dashboard checkbox, API `acceptWarnings`, CLI `--accept-warnings`).
 */
import { z } from 'zod';

export const ImportKindSchema = z.enum(['figures', 'units', 'norms', 'invoices', 'invoice-accounts']);
export type ImportKind = z.infer<typeof ImportKindSchema>;

/** Values a code's wording needs, e.g. {value: 690, median: 690000}. Numbers stay numbers. */
export const ImportParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export type ImportParams = z.infer<typeof ImportParamsSchema>;

export const ImportErrorSchema = z.object({
  /** Row as Excel numbers it: the header row is 1 (title rows above it count too). 0 = the whole file. */
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  /** Vietnamese, says what to fix. */
  message: z.string(),
  /** Stable English code, e.g. 'unknown_unit'. */
  code: z.string(),
  /** The values the code's wording needs (the dashboard words errors from code + params). */
  params: ImportParamsSchema.optional(),
  /** Imports of several files (e-invoices): the file the error is in. */
  file: z.string().optional(),
  /** Imports of invoices: the invoice it is about (e.g. 'C26TAA-0000123'). */
  invoice: z.string().optional(),
});
export type ImportError = z.infer<typeof ImportErrorSchema>;

/** Stable codes of the plausibility warnings (domain/plausibility.ts). Other kinds may add their own. */
export const PLAUSIBILITY_CODES = [
  'above_median',
  'below_median',
  'year_change',
  'electricity_price',
  'period_not_ended',
] as const;

/**
 * A figure that parses cleanly but looks wrong next to the unit's own history: stored only once
 * someone confirms it.
 */
export const ImportWarningSchema = z.object({
  /** Row as Excel numbers it (0 when the warning is about a whole file or invoice). */
  row: z.number().int(),
  /** The column of the value, as written in the file's header. */
  column: z.string(),
  /** The new value, vi-VN formatted (e.g. '690' or '12,5'). */
  value: z.string(),
  /** What it was compared with, vi-VN formatted (e.g. '690.000'); '' when nothing (a month not ended). */
  reference: z.string(),
  /** Stable English code, e.g. 'below_median' (see PLAUSIBILITY_CODES). */
  code: z.string(),
  /** The values the code's wording needs, e.g. {value, median, months, ratio}. */
  params: ImportParamsSchema,
  /** Vietnamese: both numbers and why (the CLI prints it). */
  message: z.string(),
  file: z.string().optional(),
  invoice: z.string().optional(),
});
export type ImportWarning = z.infer<typeof ImportWarningSchema>;

export const ImportChangeSchema = z.object({
  row: z.number().int(),
  key: z.string(),
  action: z.enum(['insert', 'update']),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()),
});
export type ImportChange = z.infer<typeof ImportChangeSchema>;

/**
 * stored: written. rejected: errors, nothing written. dry_run: a preview. unconfirmed: no error but
 * warnings nobody confirmed, nothing written. refused: the whole upload refused before reading
 * (413, 415). failed: the server could not finish it (5xx).
 */
export const ImportStatusSchema = z.enum(['stored', 'rejected', 'dry_run', 'unconfirmed', 'refused', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

export const ImportReportSchema = z.object({
  id: z.number().int().nullable(),
  kind: ImportKindSchema,
  fileName: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  shape: z.enum(['long', 'wide', 'units', 'norms', 'invoice-accounts']).nullable(),
  status: ImportStatusSchema,
  ok: z.boolean(),
  dryRun: z.boolean(),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(ImportErrorSchema),
  /** Plausibility warnings (up to 10,000; warningCount counts them all). */
  warnings: z.array(ImportWarningSchema),
  warningCount: z.number().int(),
  /** Who confirmed the warnings and when (stored imports that had warnings); null otherwise. */
  warningsAcceptedBy: z.string().nullable(),
  warningsAcceptedAt: z.string().nullable(),
  /** Refused or failed uploads: the HTTP status they were answered with (413, 415, 423, 5xx). */
  httpStatus: z.number().int().nullable().optional(),
  /** Up to a few hundred of the inserts/updates, for the preview diff. */
  changes: z.array(ImportChangeSchema),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;
