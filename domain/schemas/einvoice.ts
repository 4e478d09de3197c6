/**
 * E-invoices at the boundaries: invoice accounts (list, create, edit), the report of an invoice
 * import, and the invoices behind a figure. Errors and warnings have the shape of every import's
 * (domain/schemas/import.ts), with the file and the invoice they are about.
 */
import { z } from 'zod';
import { CodeSchema, PeriodSchema } from './common.ts';
import { ImportChangeSchema, ImportErrorSchema } from './import.ts';

const ParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

/** A match field of an accounts row: blank = any. */
const AccountFieldSchema = z.string().trim().max(64).default('');

export const InvoiceAccountSchema = z.object({
  id: z.number().int(),
  sellerTaxCode: z.string(),
  customerCode: z.string(),
  buyerTaxCode: z.string(),
  buyerBudgetCode: z.string(),
  unitCode: CodeSchema,
  /** null: the fallbacks decide (kWh → electricity, telecom sellers → phone …). */
  categoryCode: CodeSchema.nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type InvoiceAccount = z.infer<typeof InvoiceAccountSchema>;

export const InvoiceAccountInputSchema = z.object({
  sellerTaxCode: AccountFieldSchema,
  customerCode: AccountFieldSchema,
  buyerTaxCode: AccountFieldSchema,
  buyerBudgetCode: AccountFieldSchema,
  unitCode: CodeSchema,
  categoryCode: CodeSchema.nullable().default(null),
});
export type InvoiceAccountInput = z.input<typeof InvoiceAccountInputSchema>;

/** An error of an invoice import: which file, which invoice (seller/form+symbol/number, '' when unreadable). */
export const InvoiceImportErrorSchema = ImportErrorSchema.extend({
  file: z.string(),
  invoice: z.string(),
  params: ParamsSchema.optional(),
});
export type InvoiceImportError = z.infer<typeof InvoiceImportErrorSchema>;

/**
 * A warning: stored only once someone confirms it. The same shape as the spreadsheet imports'
 * plausibility warnings (row and column are 0 and '' for invoices).
 */
export const InvoiceWarningSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reference: z.string(),
  code: z.string(),
  params: ParamsSchema,
  message: z.string(),
  file: z.string().optional(),
  invoice: z.string().optional(),
});
export type InvoiceWarning = z.infer<typeof InvoiceWarningSchema>;

export const InvoiceCountsSchema = z.object({
  /** Stored invoices that neither replace nor adjust another. */
  new: z.number().int(),
  /** Identical copies of an invoice already stored (or earlier in the same import). */
  duplicate: z.number().int(),
  /** Replacing invoices (TCHDon 1) applied. */
  replaced: z.number().int(),
  /** Adjusting invoices (TCHDon 2) applied. */
  adjusted: z.number().int(),
});
export type InvoiceCounts = z.infer<typeof InvoiceCountsSchema>;

export const InvoiceImportReportSchema = z.object({
  id: z.number().int().nullable(),
  kind: z.literal('invoices'),
  /** The uploaded files' names, joined with ', '. */
  fileName: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  status: z.enum(['stored', 'rejected', 'dry_run', 'unconfirmed']),
  ok: z.boolean(),
  dryRun: z.boolean(),
  /** XML files read. */
  files: z.number().int(),
  invoices: InvoiceCountsSchema,
  /** Files not read (PDFs, other files, nested ZIPs), as named in the upload. */
  skipped: z.array(z.string()),
  /** Figures written, rewritten and left as they were. */
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(InvoiceImportErrorSchema),
  errorCount: z.number().int(),
  warnings: z.array(InvoiceWarningSchema),
  /** The figures changed, old → new (key UNIT/category/YYYY-MM). */
  changes: z.array(ImportChangeSchema),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type InvoiceImportReport = z.infer<typeof InvoiceImportReportSchema>;

export const InvoiceLineSchema = z.object({
  nature: z.string().nullable(),
  name: z.string(),
  unit: z.string(),
  quantity: z.string().nullable(),
  price: z.string().nullable(),
  amount: z.string().nullable(),
  taxRate: z.string().nullable(),
  adjustment: z.string().nullable(),
});

/** An invoice as stored, with what it adds to its figure. */
export const StoredInvoiceSchema = z.object({
  /** seller tax code/form+symbol/number as written. */
  label: z.string(),
  sellerTaxCode: z.string(),
  form: z.string(),
  symbol: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  seller: z.object({ name: z.string(), taxCode: z.string() }),
  buyer: z.object({ name: z.string(), taxCode: z.string(), customerCode: z.string(), budgetCode: z.string() }),
  /** 'replace' or 'adjust', with the invoice it names. */
  relation: z.enum(['replace', 'adjust']).nullable(),
  related: z.string().nullable(),
  /** Invoices this one replaced (stored, counting nothing now). */
  replaces: z.array(z.string()),
  currency: z.string(),
  total: z.string(),
  /** Đồng VAT included and kWh it adds to the figure (negative for a decreasing adjustment). */
  amount: z.number().int(),
  quantity: z.number().nullable(),
  period: PeriodSchema,
  /** Where the month came from: a free field (Kỳ hóa đơn), a line's text, or the date. */
  periodSource: z.enum(['field', 'line', 'date']),
  lines: z.array(InvoiceLineSchema),
  /** The seller's signature block (DSCKS) and the tax authority's code (MCCQT) are present; neither is verified. */
  hasSellerSignature: z.boolean(),
  hasTaxAuthorityCode: z.boolean(),
  taxAuthorityCode: z.string().nullable(),
  fileName: z.string(),
  fileHash: z.string(),
  importId: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type StoredInvoice = z.infer<typeof StoredInvoiceSchema>;
