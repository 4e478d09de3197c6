/** Kysely types for invoice accounts and invoices (migration 20261201150000_einvoices). */
import type { Generated } from 'kysely';
import '../db/schema.ts';

export interface InvoiceAccountTable {
  id: Generated<number>;
  /** Match fields, '' = any. */
  seller_tax_code: string;
  customer_code: string;
  buyer_tax_code: string;
  buyer_budget_code: string;
  unit_id: number;
  category_id: number | null;
  updated_at: string;
  updated_by: string | null;
}

export interface InvoiceTable {
  id: Generated<number>;
  seller_tax_code: string;
  form: string;
  symbol: string;
  /** Without leading zeros; number_text as written. */
  number: string;
  number_text: string;
  issued_on: string;
  currency: string;
  rate: string;
  seller_name: string;
  buyer_name: string;
  buyer_tax_code: string;
  customer_code: string;
  buyer_budget_code: string;
  relation: 'replace' | 'adjust' | null;
  related_form: string | null;
  related_symbol: string | null;
  related_number: string | null;
  total_before_tax: string | null;
  total_tax: string | null;
  total: string;
  amount: number;
  quantity_milli: number | null;
  /** JSON InvoiceLine[]. */
  lines: string;
  own_unit_id: number;
  own_category_id: number;
  own_period: string;
  period_source: 'field' | 'line' | 'date';
  status: 'active' | 'replaced';
  figure_unit_id: number | null;
  figure_category_id: number | null;
  figure_period: string | null;
  has_seller_signature: number;
  tax_authority_code: string | null;
  content_hash: string;
  file_name: string;
  file_hash: string;
  import_id: number;
  created_at: string;
  created_by: string | null;
}

declare module '../db/schema.ts' {
  interface Database {
    invoice_accounts: InvoiceAccountTable;
    invoices: InvoiceTable;
  }
  interface ImportTable {
    /** JSON {invoices: InvoiceCounts, skipped: string[], files: number} of an invoice import; null for other kinds. */
    invoice_summary: string | null;
  }
}
