/**
 * The OpenAPI 3.1 document at GET /api/openapi.json: what @hono/zod-openapi generates from the
 * routes' zod schemas, completed from the one authorization table (server/auth/policy.ts) so that
 * no route has to repeat it and none can forget it:
 *  - `security` on every operation: [] for public ones, the session cookie only for routes a token
 *    may not call (`session: true` rules), otherwise the session cookie or a bearer token;
 *  - the statuses every route shares (components.responses): 400 invalid_request when it takes
 *    parameters or a body, 401, 403, 413 for JSON bodies, 500, and 503 database_busy /
 *    database_unavailable and 507 disk_full (server/db/errors.ts) on every route that touches the
 *    database; a status the route declares itself is kept as declared;
 *  - an operationId derived from method and path (`getImportsByIdErrorsCsv`) unless the route
 *    sets its own; servers (BASE_URL), license, security schemes.
 * Route-specific statuses (404, 409, 415, 422, 423, 429, 304) are declared on the route, with the
 * helpers of ./responses.ts. docs/api.md tells how to document a new route.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ErrorBodySchema } from '../../domain/schemas/common.ts';
import type { Env } from '../env.ts';
import { ruleFor, type Rule } from '../auth/policy.ts';
import { SESSION_COOKIE } from '../auth/request-guards.ts';

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: { content?: Record<string, unknown> };
  responses: Record<string, unknown>;
}

/** Routes that never touch the database (no 503/507): the document itself and liveness. */
const NO_DATABASE = new Set(['GET /api/openapi.json', 'GET /api/health']);

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } };

const SHARED_RESPONSES: Json = {
  BadRequest: {
    description: 'invalid_request: a parameter or the body does not match the schema (details lists each issue)',
    content: errorContent,
  },
  Unauthorized: {
    description: 'unauthenticated: no session or it expired; invalid_token: the bearer token is unknown or revoked',
    content: errorContent,
  },
  Forbidden: {
    description:
      'forbidden / unit_forbidden (details.unit): not allowed for this caller or unit; session_required: a token may not call this; insufficient_scope: a read token may not write; csrf: a cookie-authenticated write not from our pages',
    content: errorContent,
  },
  PayloadTooLarge: { description: 'payload_too_large: the JSON body is over 1 MB', content: errorContent },
  InternalError: { description: 'internal: an unexpected error (logged); nothing was stored', content: errorContent },
  DatabaseUnavailable: {
    description:
      'database_busy: another process holds the SQLite write lock; database_unavailable: the PostgreSQL connection was lost. Nothing was stored; try again after Retry-After seconds',
    headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } },
    content: errorContent,
  },
  DiskFull: { description: "disk_full: the server's disk is full; nothing was stored", content: errorContent },
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** 'GET /api/imports/{id}/errors.csv' → 'getImportsByIdErrorsCsv'. */
export function operationIdFor(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '')
    .split('/')
    .flatMap((seg) => (seg.startsWith('{') ? ['by', seg.slice(1, -1)] : seg.split(/[^A-Za-z0-9]+/)))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function securityFor(rule: Rule | undefined): Record<string, string[]>[] {
  if (!rule || rule.access === 'public') return [];
  if ('session' in rule && rule.session) return [{ session: [] }];
  return [{ session: [] }, { bearer: [] }];
}

/** Adds what every operation shares (see the module comment) to a generated document, in place. */
export function completeDocument(doc: Json, env: Pick<Env, 'BASE_URL'>): Json {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
      const rule = ruleFor(method, path.replace(/\{(\w+)\}/g, ':$1'));
      op.operationId ??= operationIdFor(method, path);
      op.security ??= securityFor(rule);
      const add = (status: string, name: string) => {
        if (!(status in op.responses)) op.responses[status] = ref(name);
      };
      const unsafe = method !== 'get' && method !== 'head';
      if ((op.parameters?.length ?? 0) > 0 || op.requestBody) add('400', 'BadRequest');
      add('401', 'Unauthorized'); // also on public routes: a bad bearer token is refused everywhere
      if (rule?.access !== 'public' || unsafe) add('403', 'Forbidden');
      if (op.requestBody?.content?.['application/json']) add('413', 'PayloadTooLarge');
      add('500', 'InternalError');
      if (!NO_DATABASE.has(key)) {
        add('503', 'DatabaseUnavailable');
        add('507', 'DiskFull');
      }
      // Keep statuses in numeric order, as a reader expects.
      op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  const components = (doc.components ?? {}) as Json;
  const { $schema: _drop, ...errorBody } = z.toJSONSchema(ErrorBodySchema) as Json;
  doc.components = {
    ...components,
    schemas: { ...((components.schemas as Json | undefined) ?? {}), ErrorBody: errorBody },
    responses: { ...((components.responses as Json | undefined) ?? {}), ...SHARED_RESPONSES },
    securitySchemes: {
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: SESSION_COOKIE,
        description:
          'The browser session set by POST /api/auth/login. Writes (POST, PUT, PATCH, DELETE) must come from our own pages: Sec-Fetch-Site: same-origin or an Origin equal to the server (403 csrf otherwise).',
      },
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description:
          "An API token (tk_…), made by a signed-in person (POST /api/tokens) or the CLI. It acts with its owner's grants; a 'read' token only reads (403 insufficient_scope on writes). Token and session management need the session (403 session_required).",
      },
    },
  };
  doc.servers = [{ url: env.BASE_URL.replace(/\/+$/, ''), description: 'This instance (BASE_URL)' }];
  // The agency's own software, not published under an open licence (package.json is private).
  // (Set here: the generator's type for `license` predates OpenAPI 3.1's `identifier`.)
  doc.info = { ...(doc.info as Json), license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' } };
  return doc;
}

const docRoute = createRoute({
  method: 'get',
  path: '/api/openapi.json',
  tags: ['docs'],
  summary: 'This OpenAPI 3.1 document',
  operationId: 'getOpenApiDocument',
  responses: {
    200: {
      description: 'The document',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
    },
  },
});

/**
 * Serves the completed document at GET /api/openapi.json (built on first request, then kept:
 * routes do not change while the app runs).
 */
export function serveOpenApiDocument(app: OpenAPIHono, env: Pick<Env, 'BASE_URL'>): void {
  let doc: Json | undefined;
  app.openapi(docRoute, (c) => {
    doc ??= completeDocument(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Tiết Kiệm API',
          version: '0.1.0',
          description:
            'Thrift-practice dashboard: figures, norms, results, reports, emails. Errors are {"error": {"code", "message", "details"}}; docs/api.md describes the conventions.',
        },
      }) as unknown as Json,
      env,
    );
    return c.json(doc, 200);
  });
}
