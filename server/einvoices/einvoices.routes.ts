/**
 * E-invoices over HTTP: the invoices behind a figure (GET /api/figures/invoices) and the invoice
 * accounts (list, add, change, remove). Uploads go through POST /api/imports (kind=invoices or
 * invoice-accounts, see imports.routes.ts and ./einvoices.upload.ts).
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { CodeSchema, ErrorBodySchema, PeriodSchema } from '../../domain/schemas/common.ts';
import { InvoiceAccountInputSchema, InvoiceAccountSchema, StoredInvoiceSchema } from '../../domain/schemas/einvoice.ts';
import { callerOf } from '../auth/context.ts';
import { changeAccount, createAccount, listAccounts, removeAccount } from './accounts.service.ts';
import { figureInvoices } from './figure-invoices.service.ts';

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });
const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const one = (description: string) => ({
  description,
  content: { 'application/json': { schema: z.object({ account: InvoiceAccountSchema }) } },
});

const figureInvoicesRoute = createRoute({
  method: 'get',
  path: '/figures/invoices',
  tags: ['figures', 'invoices'],
  summary: 'The e-invoices behind one figure, with the figure and their total',
  request: { query: z.object({ unit: CodeSchema, period: PeriodSchema, category: CodeSchema }) },
  responses: {
    200: {
      description: 'Invoices oldest first; figure null when none is stored',
      content: {
        'application/json': {
          schema: z.object({
            figure: z
              .object({
                amount: z.number().int(),
                quantity: z.number().nullable(),
                source: z.enum(['invoices', 'hand']),
              })
              .nullable(),
            total: z.object({ amount: z.number().int(), quantity: z.number().nullable(), count: z.number().int() }),
            invoices: z.array(StoredInvoiceSchema),
          }),
        },
      },
    },
    403: err('The caller may not read this unit'),
    404: err('Unknown unit or category'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/invoice-accounts',
  tags: ['invoices'],
  summary: "Invoice accounts of a unit's subtree (or every unit the caller may read)",
  request: { query: z.object({ unit: CodeSchema.optional() }) },
  responses: {
    200: {
      description: 'Accounts',
      content: { 'application/json': { schema: z.object({ accounts: z.array(InvoiceAccountSchema) }) } },
    },
    404: err('Unknown unit'),
  },
});

const createAccountRoute = createRoute({
  method: 'post',
  path: '/invoice-accounts',
  tags: ['invoices'],
  summary: 'Add an invoice account',
  request: { body: { required: true, content: { 'application/json': { schema: InvoiceAccountInputSchema } } } },
  responses: {
    201: one('Added'),
    400: err('No match field, or a malformed tax code'),
    403: err('The caller may not write this unit'),
    404: err('Unknown unit or category'),
    409: err('A row with the same four fields exists'),
  },
});

const changeAccountRoute = createRoute({
  method: 'put',
  path: '/invoice-accounts/{id}',
  tags: ['invoices'],
  summary: 'Change an invoice account',
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: InvoiceAccountInputSchema } } },
  },
  responses: {
    200: one('Changed'),
    400: err('No match field, or a malformed tax code'),
    403: err('The caller may not write the unit of the row or the new unit'),
    404: err('No such account, unit or category'),
    409: err('A row with the same four fields exists'),
  },
});

const deleteAccountRoute = createRoute({
  method: 'delete',
  path: '/invoice-accounts/{id}',
  tags: ['invoices'],
  summary: 'Remove an invoice account (invoices already stored stay where they landed)',
  request: { params: IdParam },
  responses: { 204: { description: 'Removed' }, 403: err('Not the caller’s unit'), 404: err('No such account') },
});

export function einvoicesRoutes(deps: AppDeps) {
  return new OpenAPIHono()
    .openapi(figureInvoicesRoute, async (c) => c.json(await figureInvoices(deps, c.req.valid('query')), 200))
    .openapi(listRoute, async (c) =>
      c.json({ accounts: await listAccounts(deps, c.req.valid('query').unit, callerOf(c)) }, 200),
    )
    .openapi(createAccountRoute, async (c) =>
      c.json({ account: await createAccount(deps, c.req.valid('json'), callerOf(c)) }, 201),
    )
    .openapi(changeAccountRoute, async (c) =>
      c.json({ account: await changeAccount(deps, c.req.valid('param').id, c.req.valid('json'), callerOf(c)) }, 200),
    )
    .openapi(deleteAccountRoute, async (c) => {
      await removeAccount(deps, c.req.valid('param').id, callerOf(c));
      return c.body(null, 204);
    });
}
