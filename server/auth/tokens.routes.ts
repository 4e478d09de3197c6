/**
 * API tokens for automation (e.g. the accounting system uploading each month):
 * GET/POST /api/tokens, DELETE /api/tokens/:id. A token acts with its owner's grants; anyone
 * signed in manages their own, administrators see and revoke everyone's.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { ErrorBodySchema } from '../../domain/schemas/common.ts';
import { ApiTokenSchema, TokenScopeSchema } from '../../domain/schemas/account.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './auth.service.ts';
import { authOf, callerOf } from './context.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = {
  401: json(ErrorBodySchema, 'Not signed in'),
  403: json(ErrorBodySchema, 'Refused'),
  404: json(ErrorBodySchema, 'No such token'),
};

const listRoute = createRoute({
  method: 'get',
  path: '/tokens',
  tags: ['auth'],
  summary: 'My API tokens (all tokens with ?all=1 for administrators)',
  request: { query: z.object({ all: z.enum(['0', '1']).optional() }) },
  responses: { 200: json(z.object({ tokens: z.array(ApiTokenSchema) }), 'Tokens, never their values'), ...errors },
});
const createTokenRoute = createRoute({
  method: 'post',
  path: '/tokens',
  tags: ['auth'],
  summary: 'Create an API token for myself; the value is shown once',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ name: z.string().trim().min(1).max(100), scope: TokenScopeSchema.default('read') }),
        },
      },
      required: true,
    },
  },
  responses: { 201: json(z.object({ token: z.string(), info: ApiTokenSchema }), 'The new token'), ...errors },
});
const revokeRoute = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  tags: ['auth'],
  summary: 'Revoke a token',
  request: { params: z.object({ id: z.coerce.number().int().positive() }) },
  responses: { 204: { description: 'Revoked' }, ...errors },
});

export function tokensRoutes(deps: AppDeps) {
  return new OpenAPIHono()
    .openapi(listRoute, async (c) => {
      const p = authOf(c);
      const all = c.req.valid('query').all === '1' && p.scope.isAdmin;
      return c.json({ tokens: await listApiTokens(deps, all ? undefined : p.userId) }, 200);
    })
    .openapi(createTokenRoute, async (c) => {
      const p = authOf(c);
      const { name, scope } = c.req.valid('json');
      const r = await createApiToken(deps, p.email, name, callerOf(c), scope);
      return c.json(r, 201);
    })
    .openapi(revokeRoute, async (c) => {
      const p = authOf(c);
      await revokeApiToken(deps, c.req.valid('param').id, callerOf(c), p.scope.isAdmin ? undefined : p.userId);
      return c.body(null, 204);
    });
}
