/** GET/PUT/DELETE /api/settings: effective settings of a unit and year; set or clear its own row. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { EffectiveSettingSchema, SettingSchema } from '../../domain/schemas/setting.ts';
import { CodeSchema, ErrorBodySchema, YearSchema } from '../../domain/schemas/common.ts';
import { UnitRefSchema } from '../../domain/schemas/results.ts';
import type { AppDeps } from '../deps.ts';
import { clearSetting, getEffectiveSettings, putSetting } from './settings.service.ts';
import { callerOf } from '../auth/context.ts';

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });

const getRoute = createRoute({
  method: 'get',
  path: '/settings',
  tags: ['settings'],
  summary: 'Effective settings of a unit for a year (after inheritance), with where each value comes from',
  request: { query: z.object({ unit: CodeSchema, year: YearSchema }) },
  responses: {
    200: {
      description: 'Settings',
      content: {
        'application/json': {
          schema: z.object({ unit: UnitRefSchema, year: z.number().int(), settings: z.array(EffectiveSettingSchema) }),
        },
      },
    },
    400: err('Invalid query'),
    404: err('Unknown unit'),
  },
});

const putRoute = createRoute({
  method: 'put',
  path: '/settings',
  tags: ['settings'],
  summary: "Set a unit's own basis, norm and target for a category and year (null fields inherit)",
  request: { body: { content: { 'application/json': { schema: SettingSchema } }, required: true } },
  responses: {
    200: {
      description: 'The effective setting after the change',
      content: { 'application/json': { schema: EffectiveSettingSchema } },
    },
    400: err('Invalid body'),
    404: err('Unknown unit or category'),
    423: err('A month of that year is locked'),
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/settings',
  tags: ['settings'],
  summary: "Remove a unit's own setting: it inherits again",
  request: { query: z.object({ unit: CodeSchema, category: CodeSchema, year: YearSchema }) },
  responses: {
    204: { description: 'Removed (or there was none)' },
    404: err('Unknown unit or category'),
    423: err('A month of that year is locked'),
  },
});

export function settingsRoutes(deps: AppDeps) {
  return new OpenAPIHono()
    .openapi(getRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json(await getEffectiveSettings(deps.db, q.unit, q.year), 200);
    })
    .openapi(putRoute, async (c) =>
      c.json(await putSetting(deps.db, deps.clock, c.req.valid('json'), callerOf(c)), 200),
    )
    .openapi(deleteRoute, async (c) => {
      const q = c.req.valid('query');
      await clearSetting(
        deps.db,
        deps.clock,
        { unitCode: q.unit, categoryCode: q.category, year: q.year },
        callerOf(c),
      );
      return c.body(null, 204);
    });
}
