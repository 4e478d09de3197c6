/** Period locks (khóa sổ) and job runs: GET/POST /api/locks, DELETE /api/locks/:period, GET /api/jobs/runs. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { ErrorBodySchema, PeriodSchema } from '../../domain/schemas/common.ts';
import type { AppDeps } from '../deps.ts';
import { listLocks, lockPeriod, unlockPeriod } from './locks.service.ts';
import { listRuns } from '../job-runs/job-runs.repository.ts';
import { callerOf } from '../auth/context.ts';

const LockSchema = z.object({ period: PeriodSchema, lockedAt: z.string(), lockedBy: z.string().nullable() });
const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });

const listRoute = createRoute({
  method: 'get',
  path: '/locks',
  tags: ['locks'],
  summary: 'Locked periods, newest first',
  responses: {
    200: {
      description: 'Locks',
      content: { 'application/json': { schema: z.object({ locks: z.array(LockSchema) }) } },
    },
  },
});
const addRoute = createRoute({
  method: 'post',
  path: '/locks',
  tags: ['locks'],
  summary: 'Lock a closed period: imports, corrections and settings changes touching it are refused',
  request: {
    body: { content: { 'application/json': { schema: z.object({ period: PeriodSchema }) } }, required: true },
  },
  responses: {
    201: { description: 'Locked', content: { 'application/json': { schema: LockSchema } } },
    400: err('Invalid body'),
    409: err('Not closed yet, or already locked'),
  },
});
const removeRoute = createRoute({
  method: 'delete',
  path: '/locks/{period}',
  tags: ['locks'],
  summary: 'Reopen a period',
  request: { params: z.object({ period: PeriodSchema }) },
  responses: { 204: { description: 'Reopened' }, 404: err('Not locked') },
});

const RunSchema = z.object({
  job: z.string(),
  period: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  owner: z.string().nullable(),
  leaseUntil: z.string().nullable(),
  attempts: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  detail: z.unknown(),
});
const runsRoute = createRoute({
  method: 'get',
  path: '/jobs/runs',
  tags: ['jobs'],
  summary: 'Recent job runs (monthly close), most recent first',
  request: {
    query: z.object({ job: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).optional() }),
  },
  responses: {
    200: { description: 'Runs', content: { 'application/json': { schema: z.object({ runs: z.array(RunSchema) }) } } },
  },
});

export function locksRoutes(deps: AppDeps) {
  return new OpenAPIHono()
    .openapi(listRoute, async (c) => c.json({ locks: await listLocks(deps.db) }, 200))
    .openapi(addRoute, async (c) =>
      c.json(await lockPeriod(deps.db, deps.clock, c.req.valid('json').period, callerOf(c)), 201),
    )
    .openapi(removeRoute, async (c) => {
      await unlockPeriod(deps.db, deps.clock, c.req.valid('param').period, callerOf(c));
      return c.body(null, 204);
    })
    .openapi(runsRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json({ runs: await listRuns(deps.db, { job: q.job, limit: q.limit }) }, 200);
    });
}
