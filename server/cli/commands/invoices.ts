/** CLI: `invoices` — import e-invoices (XML, ZIP, folders) and the invoice accounts that map them to units. */
import type { CliCommand } from '../context.ts';
import { INVOICES_USAGE, runInvoicesCommand } from '../einvoices.ts';

export const invoicesCommand: CliCommand = {
  name: 'invoices',
  summary: 'import e-invoices (invoices import PATH... | invoices accounts import FILE)',
  usage: INVOICES_USAGE,
  run: (ctx, args) => runInvoicesCommand(ctx, args),
};
