/** Administrators manage users: GET/POST /api/users, GET/PATCH /api/users/:id, POST /api/users/:id/logout-all. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { ErrorBodySchema } from '../../domain/schemas/common.ts';
import { NewUserSchema, UserPatchSchema, UserSchema } from '../../domain/schemas/account.ts';
import { callerOf } from '../auth/context.ts';
import { logoutEverywhere } from '../auth/auth.service.ts';
import { createUser, getUser, listUsers, updateUser } from './users.service.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = {
  401: json(ErrorBodySchema, 'Not signed in'),
  403: json(ErrorBodySchema, 'Administrators only'),
  404: json(ErrorBodySchema, 'No such user'),
};
const IdParams = z.object({ id: z.coerce.number().int().positive() });

const listRoute = createRoute({
  method: 'get',
  path: '/users',
  tags: ['users'],
  summary: 'All users with their grants',
  responses: { 200: json(z.object({ users: z.array(UserSchema) }), 'Users'), ...errors },
});
const createUserRoute = createRoute({
  method: 'post',
  path: '/users',
  tags: ['users'],
  summary: 'Create a user with grants',
  request: { body: { content: { 'application/json': { schema: NewUserSchema } }, required: true } },
  responses: {
    201: json(UserSchema, 'Created'),
    409: json(ErrorBodySchema, 'Email taken'),
    422: json(ErrorBodySchema, 'Unknown unit'),
    ...errors,
  },
});
const getRoute = createRoute({
  method: 'get',
  path: '/users/{id}',
  tags: ['users'],
  summary: 'One user',
  request: { params: IdParams },
  responses: { 200: json(UserSchema, 'User'), ...errors },
});
const patchRoute = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags: ['users'],
  summary: 'Rename, (de)activate, reset the password or replace the grants of a user',
  request: { params: IdParams, body: { content: { 'application/json': { schema: UserPatchSchema } }, required: true } },
  responses: { 200: json(UserSchema, 'Updated'), 422: json(ErrorBodySchema, 'Unknown unit'), ...errors },
});
const logoutAllRoute = createRoute({
  method: 'post',
  path: '/users/{id}/logout-all',
  tags: ['users'],
  summary: 'End every session of a user',
  request: { params: IdParams },
  responses: { 200: json(z.object({ sessionsEnded: z.number().int() }), 'Done'), ...errors },
});

export function usersRoutes(deps: AppDeps) {
  return new OpenAPIHono()
    .openapi(listRoute, async (c) => c.json({ users: await listUsers(deps) }, 200))
    .openapi(createUserRoute, async (c) => c.json(await createUser(deps, c.req.valid('json'), callerOf(c)), 201))
    .openapi(getRoute, async (c) => c.json(await getUser(deps, c.req.valid('param').id), 200))
    .openapi(patchRoute, async (c) =>
      c.json(await updateUser(deps, c.req.valid('param').id, c.req.valid('json'), callerOf(c)), 200),
    )
    .openapi(logoutAllRoute, async (c) => {
      const u = await getUser(deps, c.req.valid('param').id);
      return c.json({ sessionsEnded: await logoutEverywhere(deps, u.id, u.email, callerOf(c)) }, 200);
    });
}
