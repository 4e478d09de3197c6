/** GET /api/results, /api/results/submissions, /api/results/compare, /api/results/coverage. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  ComparisonResponseSchema,
  CoverageGridSchema,
  ResultsResponseSchema,
  SubmissionStatusSchema,
} from '../../domain/schemas/results.ts';
import { CodeSchema, ErrorBodySchema, PeriodSchema, YearSchema } from '../../domain/schemas/common.ts';
import type { AppDeps } from '../deps.ts';
import type { Context } from 'hono';
import {
  computeComparison,
  computeResults,
  coverageGrid,
  resolveThrough,
  submissionStatus,
} from './results.service.ts';
import { createResultsCache, type CachedBody } from './results.cache.ts';
import { splitPeriod } from '../../domain/months.ts';
import { notModifiedResponse } from '../openapi/responses.ts';
import { requestChangeStamp } from '../auth/context.ts';
import { memoizable } from '../web/response-memo.ts';

const YearQuery = z.object({ unit: CodeSchema.optional(), year: YearSchema, through: PeriodSchema.optional() });
const errors = {
  400: { description: 'Invalid query', content: { 'application/json': { schema: ErrorBodySchema } } },
  404: {
    description: 'Unknown unit; or year_not_started: no month of the year has ended and through was not given',
    content: { 'application/json': { schema: ErrorBodySchema } },
  },
};

const resultsRoute = createRoute({
  method: 'get',
  path: '/results',
  tags: ['results'],
  summary:
    'Per category: monthly series and year to date for a unit subtree (unit defaults to the root, through to the last ended month), with the coverage of each month',
  request: { query: YearQuery },
  responses: {
    200: { description: 'Results', content: { 'application/json': { schema: ResultsResponseSchema } } },
    304: notModifiedResponse,
    ...errors,
  },
});

const submissionsRoute = createRoute({
  method: 'get',
  path: '/results/submissions',
  tags: ['results'],
  summary: 'Which units of a subtree have and have not submitted for a period',
  request: { query: z.object({ unit: CodeSchema.optional(), period: PeriodSchema }) },
  responses: {
    200: { description: 'Submission status', content: { 'application/json': { schema: SubmissionStatusSchema } } },
    304: notModifiedResponse,
    ...errors,
  },
});

const compareRoute = createRoute({
  method: 'get',
  path: '/results/compare',
  tags: ['results'],
  summary: "A unit's children side by side, ranked by overall reduction in đồng",
  request: { query: YearQuery },
  responses: {
    200: { description: 'Comparison', content: { 'application/json': { schema: ComparisonResponseSchema } } },
    304: notModifiedResponse,
    ...errors,
  },
});

const coverageRoute = createRoute({
  method: 'get',
  path: '/results/coverage',
  tags: ['results'],
  summary: 'Every unit of a subtree × the twelve months of a year: submitted, missing or not expected',
  request: { query: z.object({ unit: CodeSchema.optional(), year: YearSchema }) },
  responses: {
    200: { description: 'Coverage grid', content: { 'application/json': { schema: CoverageGridSchema } } },
    ...errors,
  },
});

/** 304 when the client already has this body (If-None-Match), else the body with its ETag. */
/** The cached body is the route's declared schema already serialised. */
function send(c: Context, r: CachedBody): Response {
  const headers = { etag: r.etag, 'cache-control': 'private, no-cache' };
  const inm = c.req.header('if-none-match');
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === r.etag)) return c.body(null, 304, headers);
  memoizable(c, r.body);
  return c.body(r.body, 200, { ...headers, 'content-type': 'application/json' });
}

export function resultsRoutes(deps: AppDeps) {
  const cache = createResultsCache();
  return new OpenAPIHono()
    .openapi(resultsRoute, async (c) => {
      const q = c.req.valid('query');
      // The default "through" moves with the clock: resolved before the cache key.
      const through = resolveThrough(q.year, q.through, deps.clock.now());
      const r = await cache.json(
        deps.db,
        `results|${q.unit ?? ''}|${q.year}|${through}`,
        q.year,
        through,
        () => computeResults(deps.db, { unitCode: q.unit, year: q.year, through }),
        requestChangeStamp(c),
      );
      return send(c, r);
    })
    .openapi(submissionsRoute, async (c) => {
      const q = c.req.valid('query');
      const year = splitPeriod(q.period).year;
      const r = await cache.json(
        deps.db,
        `submissions|${q.unit ?? ''}|${q.period}`,
        year,
        q.period,
        () => submissionStatus(deps.db, { unitCode: q.unit, period: q.period }),
        requestChangeStamp(c),
      );
      return send(c, r);
    })
    .openapi(compareRoute, async (c) => {
      const q = c.req.valid('query');
      const through = resolveThrough(q.year, q.through, deps.clock.now());
      const r = await cache.json(
        deps.db,
        `compare|${q.unit ?? ''}|${q.year}|${through}`,
        q.year,
        through,
        () => computeComparison(deps.db, { unitCode: q.unit, year: q.year, through }),
        requestChangeStamp(c),
      );
      return send(c, r);
    })
    .openapi(coverageRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json(await coverageGrid(deps.db, { unitCode: q.unit, year: q.year, now: deps.clock.now() }), 200);
    });
}
