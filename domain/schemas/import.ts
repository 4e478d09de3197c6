/** The report of one upload (figures, units or norms file): counts, errors, changes. */
import { z } from 'zod';

export const ImportKindSchema = z.enum(['figures', 'units', 'norms', 'invoices', 'invoice-accounts']);
export type ImportKind = z.infer<typeof ImportKindSchema>;

export const ImportErrorSchema = z.object({
  /** Row as Excel numbers it: the header row is 1 (title rows above it count too). */
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  /** Vietnamese, says what to fix. */
  message: z.string(),
  /** Stable English code, e.g. 'unknown_unit'. */
  code: z.string(),
});
export type ImportError = z.infer<typeof ImportErrorSchema>;

export const ImportChangeSchema = z.object({
  row: z.number().int(),
  key: z.string(),
  action: z.enum(['insert', 'update']),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()),
});
export type ImportChange = z.infer<typeof ImportChangeSchema>;

export const ImportReportSchema = z.object({
  id: z.number().int().nullable(),
  kind: ImportKindSchema,
  fileName: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  shape: z.enum(['long', 'wide', 'units', 'norms', 'invoice-accounts']).nullable(),
  status: z.enum(['stored', 'rejected', 'dry_run', 'unconfirmed', 'refused', 'failed']),
  ok: z.boolean(),
  dryRun: z.boolean(),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(ImportErrorSchema),
  /** Up to a few hundred of the inserts/updates, for the preview diff. */
  changes: z.array(ImportChangeSchema),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;
