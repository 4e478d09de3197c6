/**
 * THE authorization table: every API route, as Hono registers it ('METHOD /api/path/:param'),
 * mapped to one rule. The auth middleware looks the matched route up here; a route with no
 * rule is refused (403), and test/integration/authz-matrix.test.ts walks app.routes so that a
 * new route without a rule fails the build. Add a line here when you add a route.
 *
 * Rules:
 *  - public      anyone, signed in or not (health, sign-in, the OpenAPI document)
 *  - signed-in   any signed-in user; the handler shows only what the caller may see (listings
 *                filter with scopeOf(c)) or the data is not unit-bound (categories)
 *  - read        read of a unit subtree: the unit named by `unit` must be in the caller's subtrees
 *  - write       officer (or admin) write on a unit subtree: viewers never pass; every unit
 *                named must be inside the caller's officer subtrees (403 naming the unit)
 *  - admin       administrators only
 *
 * `session: true` (SESSION_ONLY, ADMIN_SESSION): a person in a signed-in browser, never an API
 * token (403 session_required): managing tokens and sessions, so a token cannot mint another
 * token that outlives it or sign its owner out everywhere. Apart from these, a token acts with its
 * owner's grants, and a 'read' token only reads (403 insufficient_scope on any other method).
 *
 * Where the unit is found (`unit`):
 *  - { query: 'unit' }   query parameter; when absent the request concerns the whole tree, so
 *                        the caller must be able to read/write everything (unless `absent: 'filtered'`,
 *                        where the handler filters to the caller's units)
 *  - { param: 'code' }   route parameter
 *  - { body: 'unitCode' } JSON body field: of the object, of each element of an array body, or of
 *                        each element of any top-level array field (bulk bodies)
 *  - { file: true }      inside an uploaded file: the handler passes callerOf(c).writeIds to the
 *                        service, which rejects the whole file naming the first unit outside
 *  - { filtered: true }  the handler filters by scopeOf(c)
 */
export type UnitSource =
  | { query: string; absent?: 'whole-tree' | 'filtered' }
  | { param: string }
  | { body: string }
  | { file: true }
  | { filtered: true };

export type Rule =
  | { access: 'public' }
  | { access: 'signed-in'; session?: true }
  | { access: 'read'; unit: UnitSource }
  | { access: 'write'; unit: UnitSource }
  | { access: 'admin'; session?: true };

const PUBLIC: Rule = { access: 'public' };
const SIGNED_IN: Rule = { access: 'signed-in' };
const SESSION_ONLY: Rule = { access: 'signed-in', session: true };
const ADMIN: Rule = { access: 'admin' };
const ADMIN_SESSION: Rule = { access: 'admin', session: true };
const read = (unit: UnitSource): Rule => ({ access: 'read', unit });
const write = (unit: UnitSource): Rule => ({ access: 'write', unit });

export const policy: Record<string, Rule> = {
  // health, docs
  'GET /api/health': PUBLIC,
  'GET /api/openapi.json': PUBLIC,

  // accounts (server/auth, server/users, server/audit)
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': SESSION_ONLY,
  'POST /api/auth/logout-all': SESSION_ONLY,
  'GET /api/auth/me': SIGNED_IN,
  'POST /api/auth/password': SESSION_ONLY,
  'GET /api/tokens': SESSION_ONLY,
  'POST /api/tokens': SESSION_ONLY,
  'DELETE /api/tokens/:id': SESSION_ONLY,
  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'GET /api/users/:id': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/logout-all': ADMIN_SESSION,
  'GET /api/audit': ADMIN,

  'GET /api/ready': PUBLIC,

  // units and categories
  'GET /api/units': read({ filtered: true }),
  'GET /api/categories': SIGNED_IN,

  // imports (the units in a file are checked by the import service against callerOf(c).writeIds);
  // import reports and templates are the officers' business, the unit tree the administrators'
  'POST /api/imports': write({ file: true }),
  'GET /api/imports': write({ file: true }),
  'GET /api/imports/:id': write({ file: true }),
  'GET /api/imports/:id/errors.csv': write({ file: true }),
  'GET /api/templates/figures.csv': write({ file: true }),
  'GET /api/templates/figures.xlsx': write({ file: true }),
  'GET /api/templates/norms.csv': write({ file: true }),
  'GET /api/templates/units.csv': ADMIN,

  // figures and corrections
  'GET /api/figures': read({ query: 'unit' }),
  'PUT /api/figures': write({ body: 'unitCode' }),
  'GET /api/figures/history': read({ query: 'unit' }),
  'GET /api/figures/export': read({ query: 'unit' }),

  // settings (norms, targets, basis)
  'GET /api/settings': read({ query: 'unit' }),
  'PUT /api/settings': write({ body: 'unitCode' }),
  'DELETE /api/settings': write({ query: 'unit' }),
  // agency document settings (the filed report's header, "Nơi nhận", signer): administrators set them
  'GET /api/settings/document': read({ query: 'unit' }),
  'PUT /api/settings/document': ADMIN,
  'DELETE /api/settings/document': ADMIN,

  // results (no unit = the whole tree: only for those who can read all of it)
  'GET /api/results': read({ query: 'unit' }),
  'GET /api/results/compare': read({ query: 'unit' }),
  'GET /api/results/submissions': read({ query: 'unit' }),
  'GET /api/results/coverage': read({ query: 'unit' }),

  // reports
  'GET /api/reports': read({ query: 'unit' }),
  'PUT /api/reports/explanations': write({ body: 'unitCode' }),

  // emails and recipients: administrators; previews are readable like results
  'GET /api/emails/preview': read({ query: 'unit' }),
  // who of a subtree was reminded when (names and roles, not addresses): readable like its results
  'GET /api/emails/reminders': read({ query: 'unit' }),
  'GET /api/emails/outbox': ADMIN,
  'POST /api/emails/:id/resend': ADMIN,
  'GET /api/recipients': ADMIN,
  'POST /api/recipients': ADMIN,
  'PATCH /api/recipients/:id': ADMIN,
  'DELETE /api/recipients/:id': ADMIN,

  // locks (administrators close and reopen months; everyone may see which are closed) and job runs
  'GET /api/locks': SIGNED_IN,
  'POST /api/locks': ADMIN,
  'DELETE /api/locks/:period': ADMIN,
  'GET /api/jobs/runs': ADMIN,

  // emulation blocs: members' rankings are read through the caller's scope (the service filters)
  'GET /api/blocs': read({ filtered: true }),
  'POST /api/blocs': ADMIN,
  'GET /api/blocs/:id/ranking': read({ filtered: true }),
  'PUT /api/blocs/:id/scores': ADMIN,

  // e-invoices: the invoices behind a figure are read like the figure; invoice accounts are
  // listed through the caller's scope and written for the caller's units (the service checks
  // the unit of the row changed or removed as well as the one named in the body)
  'GET /api/figures/invoices': read({ query: 'unit' }),
  'GET /api/invoice-accounts': read({ query: 'unit', absent: 'filtered' }),
  'POST /api/invoice-accounts': write({ body: 'unitCode' }),
  'PUT /api/invoice-accounts/:id': write({ body: 'unitCode' }),
  'DELETE /api/invoice-accounts/:id': write({ filtered: true }),
};

/** The rule for a route key, e.g. ruleFor('POST', '/api/imports'). HEAD is treated as GET. */
export function ruleFor(method: string, path: string): Rule | undefined {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return policy[`${m} ${path}`];
}
