/**
 * The authorization matrix: every API route the app registers (read from app.routes, so a new
 * route without a rule in server/auth/policy.ts fails here) × anonymous, viewer, officer,
 * admin, inside and outside the identity's subtree. It checks what the auth middleware
 * decides; what the handler then answers (200, 400 for an empty body, 404) is its own business.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { policy, ruleFor, type Rule } from '../../server/auth/policy.ts';

const MIDDLEWARE_DENIALS = new Set([
  'unauthenticated',
  'forbidden',
  'unit_forbidden',
  'no_policy',
  'csrf',
  'invalid_token',
]);
const INSIDE = 'STTTT-VP';
const OUTSIDE = 'STTTT-BCXB';

interface Route {
  method: string;
  path: string;
}

function apiRoutes(t: TestApp): Route[] {
  const seen = new Map<string, Route>();
  for (const r of t.app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/') || r.path.endsWith('*')) continue;
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

// Ids that exist nowhere, so that no identity deletes or revokes something another one needs.
const PARAM_VALUES: Record<string, string> = {
  id: '999999',
  period: '2026-10',
  year: '2026',
  code: 'stationery',
  category: 'stationery',
};

/** A request for the route naming `unit` where the rule looks for one. */
function buildRequest(route: Route, rule: Rule | undefined, unit: string): { path: string; init: RequestInit } {
  const src = rule && 'unit' in rule ? rule.unit : undefined;
  let path = route.path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) =>
    src && 'param' in src && src.param === name ? encodeURIComponent(unit) : (PARAM_VALUES[name] ?? '999999'),
  );
  if (src && 'query' in src) path += `?${src.query}=${encodeURIComponent(unit)}`;
  const init: RequestInit = { method: route.method };
  if (!['GET', 'HEAD'].includes(route.method)) {
    const field = src && 'body' in src ? src.body : 'unitCode';
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify({ [field]: unit });
  }
  return { path, init };
}

async function outcome(res: Response): Promise<'denied-401' | 'denied-403' | 'allowed'> {
  if (res.status === 401) return 'denied-401';
  if (res.status === 403) {
    const body = (await res
      .clone()
      .json()
      .catch(() => ({}))) as { error?: { code?: string } };
    if (MIDDLEWARE_DENIALS.has(body.error?.code ?? '')) return 'denied-403';
  }
  return 'allowed';
}

/** What the policy promises for an identity on a route, naming a unit inside or outside its subtree. */
function expected(rule: Rule, as: string, inside: boolean): 'denied-401' | 'denied-403' | 'allowed' {
  if (rule.access === 'public') return 'allowed';
  if (as === 'anonymous') return 'denied-401';
  if (as === 'admin') return 'allowed';
  if (rule.access === 'signed-in') return 'allowed';
  if (rule.access === 'admin') return 'denied-403';
  const deferred = 'file' in rule.unit || 'filtered' in rule.unit || ('query' in rule.unit && false);
  if (rule.access === 'write' && as.startsWith('viewer')) return 'denied-403';
  if (deferred) return 'allowed';
  return inside ? 'allowed' : 'denied-403';
}

describe('authorization matrix', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const at = '2026-11-01T00:00:00Z';
    const root = await t.deps.db
      .insertInto('units')
      .values({
        code: 'STTTT',
        name: 'Sở TT&TT',
        parent_id: null,
        headcount: 48,
        aliases: '[]',
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const code of [INSIDE, OUTSIDE]) {
      await t.deps.db
        .insertInto('units')
        .values({
          code,
          name: code,
          parent_id: Number(root.id),
          headcount: 5,
          aliases: '[]',
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
  });
  afterAll(() => t.close());

  it('has a rule for every API route, and no rule for a route that does not exist', () => {
    const routes = apiRoutes(t);
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.filter((r) => !ruleFor(r.method, r.path)).map((r) => `${r.method} ${r.path}`);
    expect(missing, 'add these to server/auth/policy.ts').toEqual([]);
    const known = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const stale = Object.keys(policy).filter((k) => !known.has(k));
    expect(stale, 'rules for routes that no longer exist').toEqual([]);
  });

  const identities = ['anonymous', `viewer:${INSIDE}`, `officer:${INSIDE}`, 'admin'];
  for (const as of identities) {
    it(`gives ${as} exactly what the policy says on every route`, async () => {
      const wrong: string[] = [];
      for (const route of apiRoutes(t)) {
        const rule = ruleFor(route.method, route.path);
        if (!rule) continue; // reported by the test above
        for (const inside of [true, false]) {
          const { path, init } = buildRequest(route, rule, inside ? INSIDE : OUTSIDE);
          const res = await t.request(path, { ...init, as });
          const got = await outcome(res);
          const want = expected(rule, as, inside);
          if (got !== want) wrong.push(`${route.method} ${path} as ${as}: got ${got} (${res.status}), want ${want}`);
          await res.body?.cancel().catch(() => {});
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe('a route without a rule', () => {
  it('is refused (403 no_policy), to administrators too', async () => {
    const t = await createTestApp();
    try {
      const { OpenAPIHono } = await import('@hono/zod-openapi');
      const extra = new OpenAPIHono();
      extra.get('/api/unruled', (c) => c.json({ ok: true }));
      t.app.route('/', extra);
      const res = await t.request('/api/unruled', { as: 'officer' });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'no_policy' } });
      const admin = await t.request('/api/unruled');
      expect(admin.status).toBe(403);
    } finally {
      await t.close();
    }
  });
});
