/** GET /api/results, /api/results/submissions, /api/results/compare. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { ComparisonResponseSchema, ResultsResponseSchema, SubmissionStatusSchema } from '../../domain/schemas/results.ts';
import { CodeSchema, ErrorBodySchema, PeriodSchema, YearSchema } from '../../domain/schemas/common.ts';
import type { AppDeps } from '../deps.ts';
import { computeComparison, computeResults, submissionStatus } from './results.service.ts';

const YearQuery = z.object({ unit: CodeSchema.optional(), year: YearSchema, through: PeriodSchema.optional() });
const errors = {
  400: { description: 'Invalid query', content: { 'application/json': { schema: ErrorBodySchema } } },
  404: { description: 'Unknown unit', content: { 'application/json': { schema: ErrorBodySchema } } },
};

const resultsRoute = createRoute({
  method: 'get',
  path: '/results',
  tags: ['results'],
  summary: 'Per category: monthly series and year to date for a unit subtree (unit defaults to the root)',
  request: { query: YearQuery },
  responses: { 200: { description: 'Results', content: { 'application/json': { schema: ResultsResponseSchema } } }, ...errors },
});

const submissionsRoute = createRoute({
  method: 'get',
  path: '/results/submissions',
  tags: ['results'],
  summary: 'Which units of a subtree have and have not submitted for a period',
  request: { query: z.object({ unit: CodeSchema.optional(), period: PeriodSchema }) },
  responses: { 200: { description: 'Submission status', content: { 'application/json': { schema: SubmissionStatusSchema } } }, ...errors },
});

const compareRoute = createRoute({
  method: 'get',
  path: '/results/compare',
  tags: ['results'],
  summary: "A unit's children side by side, ranked by overall reduction in đồng",
  request: { query: YearQuery },
  responses: { 200: { description: 'Comparison', content: { 'application/json': { schema: ComparisonResponseSchema } } }, ...errors },
});

export function resultsRoutes(deps: AppDeps) {
  return new OpenAPIHono()
    .openapi(resultsRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json(await computeResults(deps.db, { unitCode: q.unit, year: q.year, through: q.through }), 200);
    })
    .openapi(submissionsRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json(await submissionStatus(deps.db, { unitCode: q.unit, period: q.period }), 200);
    })
    .openapi(compareRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json(await computeComparison(deps.db, { unitCode: q.unit, year: q.year, through: q.through }), 200);
    });
}
