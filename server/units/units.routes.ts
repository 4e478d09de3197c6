/** GET /api/units: the unit tree as a flat list (parentCode links). */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { UnitSchema } from '../../domain/schemas/unit.ts';
import type { AppDeps } from '../deps.ts';
import { listUnitRows, toUnits } from './units.repository.ts';
import { filterReadableCodes } from '../auth/context.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/units',
  tags: ['units'],
  summary: 'All units, parents before children',
  responses: {
    200: {
      description: 'Units',
      content: { 'application/json': { schema: z.object({ units: z.array(UnitSchema) }) } },
    },
  },
});

export function unitsRoutes(deps: AppDeps) {
  // Only the units the caller may read (accounts: server/auth/policy.ts); a unit whose parent is
  // not listed is a root for this caller.
  return new OpenAPIHono().openapi(listRoute, async (c) =>
    c.json({ units: filterReadableCodes(c, toUnits(await listUnitRows(deps.db)), (u) => u.code) }, 200),
  );
}
