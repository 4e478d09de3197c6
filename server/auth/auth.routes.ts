/**
 * Sign-in and the signed-in identity: POST /api/auth/login, /logout, /logout-all, /password,
 * GET /api/auth/me. The session lives in an httpOnly SameSite=Lax cookie (Secure over HTTPS).
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { AppDeps } from '../deps.ts';
import { ErrorBodySchema } from '../../domain/schemas/common.ts';
import { LoginSchema, MeSchema, PasswordSchema, type Me } from '../../domain/schemas/account.ts';
import {
  changeOwnPassword,
  identifySession,
  login,
  logout,
  logoutEverywhere,
  TooManyAttempts,
} from './auth.service.ts';
import { authOf, callerOf, clientIpOf } from './context.ts';
import { codesOf, type Principal } from './principal.ts';
import { SESSION_COOKIE, sessionCookieOptions } from './request-guards.ts';
import { DEVICE_COOKIE, deviceCookieOptions } from './devices.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = { 401: json(ErrorBodySchema, 'Not signed in'), 403: json(ErrorBodySchema, 'Refused') };

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Sign in with email and password; sets the session cookie',
  request: { body: { content: { 'application/json': { schema: LoginSchema } }, required: true } },
  responses: {
    200: json(MeSchema, 'Signed in'),
    401: json(ErrorBodySchema, 'Wrong email or password'),
    429: json(ErrorBodySchema, 'Too many failed attempts'),
  },
});
const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End this session',
  responses: { 204: { description: 'Signed out' }, ...errors },
});
const logoutAllRoute = createRoute({
  method: 'post',
  path: '/auth/logout-all',
  tags: ['auth'],
  summary: 'End every session of the signed-in user (all devices)',
  responses: { 200: json(z.object({ sessionsEnded: z.number().int() }), 'Signed out everywhere'), ...errors },
});
const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['auth'],
  summary: 'Who is signed in, with their grants',
  responses: { 200: json(MeSchema, 'The caller'), ...errors },
});
const passwordRoute = createRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['auth'],
  summary: 'Change my password (other sessions end)',
  request: {
    body: {
      content: { 'application/json': { schema: z.object({ current: z.string().max(256), password: PasswordSchema }) } },
      required: true,
    },
  },
  responses: { 204: { description: 'Changed' }, ...errors },
});

export function toMe(p: Principal): Me {
  return {
    email: p.email,
    name: p.name,
    via: p.via,
    grants: p.grants.map((g) => ({ role: g.role, unitCode: g.unitCode })),
    isAdmin: p.scope.isAdmin,
    readableUnits: codesOf(p.units, p.scope.readIds),
    writableUnits: codesOf(p.units, p.scope.writeIds),
    expiresAt: p.expiresAt,
    tokenScope: p.via === 'token' ? (p.tokenScope ?? 'write') : null,
  };
}

export function authRoutes(deps: AppDeps) {
  return new OpenAPIHono()
    .openapi(loginRoute, async (c) => {
      const { email, password } = c.req.valid('json');
      const ip = clientIpOf(c) ?? 'unknown';
      try {
        const r = await login(deps, {
          email,
          password,
          ip,
          userAgent: c.req.header('user-agent') ?? null,
          previousSession: getCookie(c, SESSION_COOKIE),
          device: getCookie(c, DEVICE_COOKIE),
        });
        setCookie(c, SESSION_COOKIE, r.sessionToken, sessionCookieOptions(deps.env));
        if (r.device) setCookie(c, DEVICE_COOKIE, r.device.value, deviceCookieOptions(deps.env));
        const p = await identifySession(deps, r.sessionToken);
        return c.json(toMe(p!), 200);
      } catch (e) {
        if (e instanceof TooManyAttempts) c.header('Retry-After', String(e.retryAfter));
        throw e;
      }
    })
    .openapi(logoutRoute, async (c) => {
      await logout(deps, authOf(c), clientIpOf(c) ?? 'unknown');
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .openapi(logoutAllRoute, async (c) => {
      const p = authOf(c);
      const n = await logoutEverywhere(deps, p.userId, p.email, callerOf(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ sessionsEnded: n }, 200);
    })
    .openapi(meRoute, async (c) => c.json(toMe(authOf(c)), 200))
    .openapi(passwordRoute, async (c) => {
      const { current, password } = c.req.valid('json');
      await changeOwnPassword(deps, authOf(c), current, password, clientIpOf(c) ?? 'unknown');
      return c.body(null, 204);
    });
}
