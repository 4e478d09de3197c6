/** GET /api/audit: the audit trail for administrators, newest first, with filters. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { ErrorBodySchema } from '../../domain/schemas/common.ts';
import { AuditEntrySchema, AuditQuerySchema } from '../../domain/schemas/audit.ts';
import { listAudit } from './audit.repository.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['audit'],
  summary: 'Audit trail (administrators): filter by actor, action (prefix without a dot), entity, unit, time',
  request: { query: AuditQuerySchema },
  responses: {
    200: {
      description: 'Entries, newest first',
      content: {
        'application/json': {
          schema: z.object({ entries: z.array(AuditEntrySchema), nextBefore: z.number().int().nullable() }),
        },
      },
    },
    401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorBodySchema } } },
    403: { description: 'Administrators only', content: { 'application/json': { schema: ErrorBodySchema } } },
  },
});

export function auditRoutes(deps: AppDeps) {
  return new OpenAPIHono().openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const entries = await listAudit(deps.db, q);
    return c.json({ entries, nextBefore: entries.length === q.limit ? entries[entries.length - 1].id : null }, 200);
  });
}
