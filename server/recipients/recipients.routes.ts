/** Recipients of the monthly summary: list, add, change, delete (the dashboard's settings panel uses these). */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { CodeSchema, ErrorBodySchema } from '../../domain/schemas/common.ts';
import { RecipientCreateSchema, RecipientPatchSchema, RecipientSchema } from '../../domain/schemas/recipient.ts';
import { addRecipient, listRecipients, patchRecipient, removeRecipient } from './recipients.service.ts';
import type { Context } from 'hono';
import { recordAudit } from '../audit/audit.repository.ts';
import { auditActor } from '../auth/context.ts';
import { isoNow } from '../clock.ts';

const errors = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorBodySchema } } },
  404: { description: 'Unknown unit or recipient', content: { 'application/json': { schema: ErrorBodySchema } } },
  409: {
    description: 'Address already a recipient of the unit',
    content: { 'application/json': { schema: ErrorBodySchema } },
  },
};
const one = { content: { 'application/json': { schema: z.object({ recipient: RecipientSchema }) } } };
const IdParam = z.object({ id: z.coerce.number().int().positive() });

const listRoute = createRoute({
  method: 'get',
  path: '/recipients',
  tags: ['recipients'],
  summary: 'Recipients of one unit (or of all units)',
  request: { query: z.object({ unit: CodeSchema.optional() }) },
  responses: {
    200: {
      description: 'Recipients',
      content: { 'application/json': { schema: z.object({ recipients: z.array(RecipientSchema) }) } },
    },
    404: errors[404],
  },
});

const createRecipientRoute = createRoute({
  method: 'post',
  path: '/recipients',
  tags: ['recipients'],
  summary: 'Add a recipient to a unit',
  request: { body: { required: true, content: { 'application/json': { schema: RecipientCreateSchema } } } },
  responses: { 201: { description: 'Added', ...one }, ...errors },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/recipients/{id}',
  tags: ['recipients'],
  summary: 'Change name, address, language or active flag',
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: RecipientPatchSchema } } },
  },
  responses: { 200: { description: 'Changed', ...one }, ...errors },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/recipients/{id}',
  tags: ['recipients'],
  summary: 'Remove a recipient (messages not yet sent to them are cancelled)',
  request: { params: IdParam },
  responses: { 204: { description: 'Removed' }, 404: errors[404] },
});

export function recipientsRoutes(deps: AppDeps) {
  return new OpenAPIHono()
    .openapi(listRoute, async (c) => c.json({ recipients: await listRecipients(deps, c.req.valid('query').unit) }, 200))
    .openapi(createRecipientRoute, async (c) => {
      const recipient = await addRecipient(deps, c.req.valid('json'));
      await audit(c, 'recipient.create', recipient.id, null, recipient);
      return c.json({ recipient }, 201);
    })
    .openapi(patchRoute, async (c) => {
      const patch = c.req.valid('json');
      const recipient = await patchRecipient(deps, c.req.valid('param').id, patch);
      await audit(c, 'recipient.update', recipient.id, null, {
        ...patch,
        email: recipient.email,
        unitCode: recipient.unitCode,
      });
      return c.json({ recipient }, 200);
    })
    .openapi(deleteRoute, async (c) => {
      const id = c.req.valid('param').id;
      await removeRecipient(deps, id);
      await audit(c, 'recipient.delete', id, { id }, null);
      return c.body(null, 204);
    });

  // Accounts: who receives the monthly summaries is an audited administrator change.
  function audit(c: Context, action: string, id: number, before: unknown, after: unknown) {
    return recordAudit(deps.db, {
      ...auditActor(c),
      at: isoNow(deps.clock),
      action,
      entityType: 'recipient',
      entityKey: String(id),
      before,
      after,
    });
  }
}
