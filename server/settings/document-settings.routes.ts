/**
 * GET/PUT/DELETE /api/settings/document: a unit's agency document settings (the Nghị định 30
 * header, "Nơi nhận" and signature of its filed report) after inheritance; set or clear its own.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { AgencyDocumentInputSchema, EffectiveAgencyDocumentSchema } from '../../domain/schemas/agency-document.ts';
import { CodeSchema, ErrorBodySchema } from '../../domain/schemas/common.ts';
import type { AppDeps } from '../deps.ts';
import { callerOf } from '../auth/context.ts';
import { clearDocumentSettings, getDocumentSettings, putDocumentSettings } from './document-settings.service.ts';

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });
const ok = (description: string) => ({
  description,
  content: { 'application/json': { schema: EffectiveAgencyDocumentSchema } },
});

const getRoute = createRoute({
  method: 'get',
  path: '/settings/document',
  tags: ['settings'],
  summary: "A unit's agency document settings after inheritance, with where each field comes from",
  request: { query: z.object({ unit: CodeSchema }) },
  responses: { 200: ok('Effective settings'), 400: err('Invalid query'), 404: err('Unknown unit') },
});

const putRoute = createRoute({
  method: 'put',
  path: '/settings/document',
  tags: ['settings'],
  summary: 'Set a unit\'s own agency document settings (every field; null inherits, "" = none where allowed)',
  request: { body: { content: { 'application/json': { schema: AgencyDocumentInputSchema } }, required: true } },
  responses: { 200: ok('The effective settings after the change'), 400: err('Invalid body'), 404: err('Unknown unit') },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/settings/document',
  tags: ['settings'],
  summary: "Remove a unit's own agency document settings: every field inherits again",
  request: { query: z.object({ unit: CodeSchema }) },
  responses: { 204: { description: 'Removed (or there was none)' }, 404: err('Unknown unit') },
});

export function documentSettingsRoutes(deps: AppDeps) {
  return new OpenAPIHono()
    .openapi(getRoute, async (c) => c.json(await getDocumentSettings(deps.db, c.req.valid('query').unit), 200))
    .openapi(putRoute, async (c) =>
      c.json(await putDocumentSettings(deps.db, deps.clock, c.req.valid('json'), callerOf(c)), 200),
    )
    .openapi(deleteRoute, async (c) => {
      await clearDocumentSettings(deps.db, deps.clock, c.req.valid('query').unit, callerOf(c));
      return c.body(null, 204);
    });
}
