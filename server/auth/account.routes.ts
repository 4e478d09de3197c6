/** The accounts feature's API modules (sign-in, tokens, users, audit), mounted by app.ts before the others. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { authRoutes } from './auth.routes.ts';
import { tokensRoutes } from './tokens.routes.ts';
import { usersRoutes } from '../users/users.routes.ts';
import { auditRoutes } from '../audit/audit.routes.ts';

export const accountRouteModules: Array<(deps: AppDeps) => OpenAPIHono> = [
  authRoutes,
  tokensRoutes,
  usersRoutes,
  auditRoutes,
];
