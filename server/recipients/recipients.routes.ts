/** Recipients of the monthly summary: list, add, change, delete (the dashboard's settings panel uses these). */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { CodeSchema, ErrorBodySchema } from '../../domain/schemas/common.ts';
import { RecipientCreateSchema, RecipientPatchSchema, RecipientSchema } from '../../domain/schemas/recipient.ts';
import { addRecipient, listRecipients, patchRecipient, removeRecipient } from './recipients.service.ts';
import { callerOf } from '../auth/context.ts';

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
    .openapi(createRecipientRoute, async (c) =>
      c.json({ recipient: await addRecipient(deps, c.req.valid('json'), callerOf(c)) }, 201),
    )
    .openapi(patchRoute, async (c) =>
      c.json({ recipient: await patchRecipient(deps, c.req.valid('param').id, c.req.valid('json'), callerOf(c)) }, 200),
    )
    .openapi(deleteRoute, async (c) => {
      await removeRecipient(deps, c.req.valid('param').id, callerOf(c));
      return c.body(null, 204);
    });
}
