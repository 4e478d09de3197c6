/**
 * Requests of the e-invoice parts of the dashboard (upload, invoice accounts, the invoices behind
 * a figure), through the api-client's request(): JSON, ApiError with the server's code and
 * Vietnamese message, 401 announced to the accounts feature. Types only from domain/schemas.
 */
import { request } from '../../api-client.ts';
import type {
  InvoiceAccount,
  InvoiceAccountInput,
  InvoiceImportError,
  InvoiceImportReport,
  InvoiceWarning,
  StoredInvoice,
} from '../../../../domain/schemas/einvoice.ts';

export type {
  InvoiceAccount,
  InvoiceAccountInput,
  InvoiceImportError,
  InvoiceImportReport,
  InvoiceWarning,
  StoredInvoice,
};

/** GET /api/figures/invoices: the figure as stored, the invoices behind it and their total. */
export interface FigureInvoices {
  figure: { amount: number; quantity: number | null; source: 'invoices' | 'hand' } | null;
  total: { amount: number; quantity: number | null; count: number };
  invoices: StoredInvoice[];
}

export const invoicesApi = {
  /**
   * Dry run or store one import of several XML/ZIP files. Errors throw ApiError 422
   * 'import_rejected', unconfirmed warnings 409 'warnings_unconfirmed', each with the report as details.
   */
  importInvoices: (files: File[], dryRun: boolean, acceptWarnings = false) => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    form.set('kind', 'invoices');
    if (dryRun) form.set('dryRun', '1');
    if (acceptWarnings) form.set('acceptWarnings', '1');
    return request<InvoiceImportReport>('POST', '/imports', { form });
  },

  figureInvoices: (q: { unit: string; category: string; period: string }, signal?: AbortSignal) =>
    request<FigureInvoices>('GET', '/figures/invoices', { query: q, signal }),

  accounts: (unit: string, signal?: AbortSignal) =>
    request<{ accounts: InvoiceAccount[] }>('GET', '/invoice-accounts', { query: { unit }, signal }).then(
      (r) => r.accounts,
    ),
  addAccount: (a: InvoiceAccountInput) =>
    request<{ account: InvoiceAccount }>('POST', '/invoice-accounts', { body: a }).then((r) => r.account),
  changeAccount: (id: number, a: InvoiceAccountInput) =>
    request<{ account: InvoiceAccount }>('PUT', `/invoice-accounts/${id}`, { body: a }).then((r) => r.account),
  removeAccount: (id: number) => request<unknown>('DELETE', `/invoice-accounts/${id}`),
};
