/**
 * Liveness and readiness, for process supervisors and load balancers:
 * - GET /api/health: the process is up and serving (no database query, so a database outage
 *   does not make a supervisor restart every instance);
 * - GET /api/ready: this instance should receive traffic: the database answers, its migrations
 *   match this code, and the instance is not shutting down. 503 otherwise.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { checkReadiness, ReadinessSchema } from './readiness.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['health'],
  summary: 'Liveness: the process is up and serving',
  responses: {
    200: {
      description: 'OK',
      content: {
        'application/json': { schema: z.object({ status: z.literal('ok'), database: z.string(), time: z.string() }) },
      },
    },
  },
});

const readyRoute = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['health'],
  summary: 'Readiness: database reachable, migrations current, not draining',
  responses: {
    200: { description: 'Ready for traffic', content: { 'application/json': { schema: ReadinessSchema } } },
    503: {
      description: 'Not ready: take this instance out of the load balancer',
      content: { 'application/json': { schema: ReadinessSchema } },
    },
  },
});

export function healthRoutes(deps: AppDeps) {
  return new OpenAPIHono()
    .openapi(healthRoute, (c) =>
      c.json({ status: 'ok' as const, database: deps.dialect, time: deps.clock.now().toISOString() }, 200),
    )
    .openapi(readyRoute, async (c) => {
      const r = await checkReadiness(deps);
      c.header('Cache-Control', 'no-store');
      return r.status === 'ready' ? c.json(r, 200) : c.json(r, 503);
    });
}
