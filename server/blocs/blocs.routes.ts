/**
 * Emulation blocs: GET/POST /api/blocs, GET /api/blocs/:id/ranking, PUT /api/blocs/:id/scores
 * (the bloc secretary's manual scores).
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { BlocInputSchema, BlocRankingSchema, BlocSchema, ManualScoresInputSchema } from '../../domain/schemas/bloc.ts';
import { ErrorBodySchema, YearSchema } from '../../domain/schemas/common.ts';
import { callerOf } from '../auth/context.ts';
import { computeRanking, createBloc, listBlocs, saveManualScores } from './blocs.service.ts';

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });
const IdParams = z.object({ id: z.coerce.number().int().min(1) });

const listRoute = createRoute({
  method: 'get',
  path: '/blocs',
  tags: ['blocs'],
  summary: 'Emulation blocs the caller belongs to (all for an administrator)',
  request: { query: z.object({ year: YearSchema.optional() }) },
  responses: {
    200: {
      description: 'Blocs',
      content: { 'application/json': { schema: z.object({ blocs: z.array(BlocSchema) }) } },
    },
  },
});

const createBlocRoute = createRoute({
  method: 'post',
  path: '/blocs',
  tags: ['blocs'],
  summary: 'Create a bloc for a year with its members and scoring scheme (default scheme when omitted)',
  request: { body: { content: { 'application/json': { schema: BlocInputSchema } }, required: true } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: BlocSchema } } },
    404: err('Unknown unit'),
    409: err('Bloc exists'),
    422: err('Bad scheme'),
  },
});

const rankingRoute = createRoute({
  method: 'get',
  path: '/blocs/{id}/ranking',
  tags: ['blocs'],
  summary: 'Scores with breakdown, ranking, score bands and award proposals',
  request: { params: IdParams },
  responses: {
    200: { description: 'Ranking', content: { 'application/json': { schema: BlocRankingSchema } } },
    403: err('Not a member'),
    404: err('Unknown bloc'),
  },
});

const scoresRoute = createRoute({
  method: 'put',
  path: '/blocs/{id}/scores',
  tags: ['blocs'],
  summary: 'Enter manual criteria points (the bloc secretary); answers with the new ranking',
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: ManualScoresInputSchema } }, required: true },
  },
  responses: {
    200: { description: 'Ranking', content: { 'application/json': { schema: BlocRankingSchema } } },
    404: err('Unknown bloc'),
    422: err('Invalid scores'),
  },
});

export function blocsRoutes(deps: AppDeps) {
  const app = new OpenAPIHono();
  app.openapi(listRoute, async (c) =>
    c.json({ blocs: await listBlocs(deps, { year: c.req.valid('query').year }, callerOf(c)) }, 200),
  );
  app.openapi(createBlocRoute, async (c) => c.json(await createBloc(deps, c.req.valid('json'), callerOf(c)), 201));
  app.openapi(rankingRoute, async (c) =>
    c.json(await computeRanking(deps.db, c.req.valid('param').id, deps.clock.now(), callerOf(c)), 200),
  );
  app.openapi(scoresRoute, async (c) =>
    c.json(await saveManualScores(deps, c.req.valid('param').id, c.req.valid('json'), callerOf(c)), 200),
  );
  return app;
}
