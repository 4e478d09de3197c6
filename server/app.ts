/**
 * createApp(deps): the Hono application. One place for error mapping, not-found, request
 * logging and the OpenAPI document; features contribute routes through server/routes.ts.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from './deps.ts';
import { AppError } from './errors.ts';
import { databaseFault } from './db/errors.ts';
import { apiRouteModules } from './routes.ts';
import { staticRoutes } from './web/static.routes.ts';
import { compressJson } from './web/compression.ts';
import { responseMemo } from './web/response-memo.ts';
import { appSecureHeaders } from './auth/secure-headers.ts';
import { authMiddleware } from './auth/auth.middleware.ts';
import { accountRouteModules } from './auth/account.routes.ts';
import { serveOpenApiDocument } from './openapi/document.ts';

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono({
    // zod-openapi validation failures: 400 with every issue, never a stack.
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json(
          {
            error: {
              code: 'invalid_request',
              message:
                'Yêu cầu không hợp lệ: ' +
                result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
              params: { fields: result.error.issues.map((i) => i.path.join('.') || '(body)').join(', ') },
              details: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
            },
          },
          400,
        );
      }
    },
  });

  app.use('*', async (c, next) => {
    const start = performance.now();
    await next();
    deps.logger.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - start) },
      'request',
    );
  });

  // A repeat of a cached read answer goes out as it was, before the rest (server/web/response-memo.ts).
  app.use('/api/*', responseMemo(deps));

  // Accounts: security headers on every response; on /api, who is calling and whether they may
  // (server/auth/policy.ts), before any feature route runs.
  app.use('*', appSecureHeaders(deps.env));
  // JSON over 1 KB goes out compressed to a client that accepts br or gzip (server/web/compression.ts).
  app.use('/api/*', compressJson());
  app.use('/api/*', authMiddleware(deps));

  const api = new OpenAPIHono();
  for (const mod of accountRouteModules) api.route('/', mod(deps));
  for (const mod of apiRouteModules) api.route('/', mod(deps));
  app.route('/api', api);

  // The OpenAPI document, completed from the authorization policy (server/openapi/document.ts).
  serveOpenApiDocument(app, deps.env);

  app.route('/', staticRoutes(deps));

  app.notFound((c) =>
    c.json(
      { error: { code: 'not_found', message: `Không có đường dẫn ${c.req.path}.`, params: { path: c.req.path } } },
      404,
    ),
  );

  app.onError((caught, c) => {
    // A database fault (locked file, full disk, lost PostgreSQL connection) is the person's 503/507,
    // not a bug; it is logged as a warning with the real cause.
    const fault = databaseFault(caught);
    if (fault) deps.logger.warn({ err: caught, path: c.req.path, code: fault.code }, 'database fault');
    const err = fault ?? caught;
    if (err instanceof AppError) {
      if (err.retryAfterSeconds !== undefined) c.header('Retry-After', String(err.retryAfterSeconds));
      return c.json(
        {
          error: {
            code: err.code,
            message: err.message,
            ...(err.params !== undefined ? { params: err.params } : {}),
            ...(err.details !== undefined ? { details: err.details } : {}),
          },
        },
        err.status as ContentfulStatusCode,
      );
    }
    if (err instanceof ZodError) {
      return c.json(
        {
          error: {
            code: 'invalid_request',
            message: 'Yêu cầu không hợp lệ.',
            params: { fields: err.issues.map((i) => i.path.join('.') || '(body)').join(', ') },
            details: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          },
        },
        400,
      );
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const code =
        status === 413
          ? 'payload_too_large'
          : status === 401
            ? 'unauthorized'
            : status === 403
              ? 'forbidden'
              : 'http_error';
      const message = status === 413 ? 'Tệp quá lớn.' : err.message || 'Lỗi yêu cầu.';
      return c.json({ error: { code, message } }, status);
    }
    deps.logger.error({ err, path: c.req.path }, 'unhandled error');
    return c.json(
      { error: { code: 'internal', message: 'Lỗi hệ thống. Vui lòng thử lại hoặc báo quản trị viên.' } },
      500,
    );
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
