/**
 * The authorization matrix: every API route the app registers (read from app.routes, so a new
 * route without a rule in server/auth/policy.ts fails here) × anonymous, viewer, officer,
 * admin, inside and outside the identity's subtree. It checks what the auth middleware
 * decides; what the handler then answers (200, 400 for an empty body, 404) is its own business.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { policy, ruleFor, type Rule } from '../../server/auth/policy.ts';
import { downloadText } from '../helpers/download-text.ts';
import { identitySession } from '../helpers/identities.ts';

const MIDDLEWARE_DENIALS = new Set([
  'unauthenticated',
  'forbidden',
  'unit_forbidden',
  'no_policy',
  'csrf',
  'invalid_token',
  'session_required',
  'insufficient_scope',
]);
const ROOT = 'STTTT';
const INSIDE = 'STTTT-VP';
const OUTSIDE = 'STTTT-BCXB';
const OUTSIDE_NAME = 'Phong Xuat Ban Ngoai';

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

interface OpenApiOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: { enum?: unknown[] } }[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

const put = (body: unknown): RequestInit => ({
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

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

/**
 * What the policy promises for an identity on a route, naming a unit inside or outside its subtree.
 * Identities call with their (read and write) API token, or in a browser session when `via` says so.
 */
function expected(
  rule: Rule,
  as: string,
  inside: boolean,
  via: 'token' | 'session',
): 'denied-401' | 'denied-403' | 'allowed' {
  if (rule.access === 'public') return 'allowed';
  if (as === 'anonymous') return 'denied-401';
  if ('session' in rule && rule.session && via === 'token') return 'denied-403';
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
          name: code === OUTSIDE ? OUTSIDE_NAME : code,
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

  const identities: [string, 'token' | 'session'][] = [
    ['anonymous', 'token'],
    [`viewer:${INSIDE}`, 'token'],
    [`officer:${INSIDE}`, 'token'],
    ['admin', 'token'],
    [`officer:${INSIDE}`, 'session'],
    ['admin', 'session'],
  ];
  for (const [as, via] of identities) {
    it(`gives ${as} (${via}) exactly what the policy says on every route`, async () => {
      const wrong: string[] = [];
      for (const route of apiRoutes(t)) {
        const rule = ruleFor(route.method, route.path);
        if (!rule) continue; // reported by the test above
        for (const inside of [true, false]) {
          const { path, init } = buildRequest(route, rule, inside ? INSIDE : OUTSIDE);
          // A fresh session per request: sign-out routes end the one they are called with.
          const session = via === 'session' ? await identitySession(t.deps, as, new Map()) : null;
          const headers = session
            ? { ...init.headers, cookie: session, origin: 'http://localhost:3000' }
            : init.headers;
          const res = await t.request(path, { ...init, headers, as });
          const got = await outcome(res);
          const want = expected(rule, as, inside, via);
          if (got !== want) wrong.push(`${route.method} ${path} as ${as}: got ${got} (${res.status}), want ${want}`);
          await res.body?.cancel().catch(() => {});
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe('templates and exports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const at = '2026-11-01T00:00:00Z';
    const unit = (code: string, name: string, parent: number | null) =>
      t.deps.db
        .insertInto('units')
        .values({ code, name, parent_id: parent, headcount: 5, aliases: '[]', created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
    const root = await unit(ROOT, 'So TTTT', null);
    await unit(INSIDE, 'Van phong So', Number(root.id));
    await unit(OUTSIDE, OUTSIDE_NAME, Number(root.id));
    // Something of every unit in every template and export: a norm, a target, a figure.
    for (const code of [ROOT, INSIDE, OUTSIDE]) {
      const setting = { unitCode: code, categoryCode: 'stationery', year: 2026, basis: 'norm' as const };
      const norms = { normAmount: 1_000_000, normQuantity: null, normPerCapita: null, targetPct: 10 };
      expect((await t.request('/api/settings', put({ ...setting, ...norms }))).status).toBe(200);
      if (code === ROOT) continue;
      const figure = { unitCode: code, categoryCode: 'stationery', period: '2026-10', amount: 900_000 };
      expect((await t.request('/api/figures', put(figure))).status).toBe(200);
    }
  });
  afterAll(() => t.close());

  /**
   * Every download the document describes (a GET whose 200 is a file: CSV, XLSX, PDF, DOCX, HTML,
   * text, or a path naming a template or an export), once per format it offers, naming the
   * caller's unit where it takes one and also without one.
   */
  async function downloads(): Promise<{ route: string; path: string }[]> {
    const doc = (await (await t.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    const out: { route: string; path: string }[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      const op = ops.get;
      if (!op) continue;
      const types = Object.keys(op.responses?.['200']?.content ?? {});
      if (!types.some((x) => !x.includes('json')) && !/templates|export/.test(p)) continue;
      const params = (op.parameters ?? []).filter((x) => x.in === 'query');
      const formats = params.find((x) => x.name === 'format')?.schema?.enum ?? [undefined];
      const base = p.replace(/\{(\w+)\}/g, '999999');
      for (const format of formats) {
        for (const withUnit of [true, false]) {
          const q = new URLSearchParams();
          for (const x of params) {
            if (x.name === 'format') continue;
            if (x.name === 'unit') {
              if (withUnit) q.set('unit', INSIDE);
            } else if (x.name === 'year') q.set('year', '2026');
            else if (x.required && x.name === 'period') q.set('period', '2026-10');
            else if (x.required && x.schema?.enum) q.set(x.name, String(x.schema.enum[0]));
          }
          if (format !== undefined) q.set('format', String(format));
          const qs = q.toString();
          out.push({ route: `GET ${p}`, path: base + (qs ? `?${qs}` : '') });
        }
      }
    }
    return out;
  }

  for (const as of [`officer:${INSIDE}`, `viewer:${INSIDE}`]) {
    it(`gives ${as} nothing of a unit outside their subtree in any template or export`, async () => {
      const leaks: string[] = [];
      const seen: string[] = [];
      for (const d of await downloads()) {
        const res = await t.request(d.path, { as });
        if (res.status !== 200) {
          await res.body?.cancel();
          continue;
        }
        seen.push(d.path);
        const text = await downloadText(res);
        if (text.includes(OUTSIDE) || text.includes(OUTSIDE_NAME)) leaks.push(`${d.path}: names ${OUTSIDE}`);
        if (/(^|[^\w-])STTTT([^\w-]|$)/m.test(text)) leaks.push(`${d.path}: names the parent ${ROOT}`);
      }
      expect(leaks).toEqual([]);
      // The check reached the downloads this identity may have (not all refused for another reason).
      if (as.startsWith('officer')) {
        expect(seen).toEqual(expect.arrayContaining(['/api/templates/norms.csv', '/api/templates/figures.csv']));
        expect(seen.some((p) => p.startsWith('/api/figures/export?unit='))).toBe(true);
      }
      expect(seen.some((p) => p.startsWith('/api/reports?unit='))).toBe(true);
    });
  }

  it('gives an administrator every unit in the norms template', async () => {
    const text = await downloadText(await t.request('/api/templates/norms.csv'));
    for (const code of [ROOT, INSIDE, OUTSIDE]) expect(text).toContain(`${code},2026`);
  });

  it("gives an officer their subtree's top with every category, basis and target inherited from above", async () => {
    const text = await downloadText(await t.request('/api/templates/norms.csv', { as: `officer:${INSIDE}` }));
    const lines = text
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/)
      .slice(1);
    const categories = (await (await t.request('/api/categories')).json()) as { categories: unknown[] };
    expect(lines.length).toBe(categories.categories.length);
    expect(lines.every((l) => l.startsWith(`${INSIDE},2026,`))).toBe(true);
  });
});

describe('a route without a rule', () => {
  it('is refused (403 no_policy), to administrators too', async () => {
    const t = await createTestApp();
    try {
      const { OpenAPIHono } = await import('@hono/zod-openapi');
      const extra = new OpenAPIHono();
      extra.get('/api/unruled', (c) => c.json({ ok: true }));
      t.app.route('/', extra);
      const res = await t.request('/api/unruled', { as: 'officer', conformance: false });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'no_policy' } });
      const admin = await t.request('/api/unruled', { conformance: false });
      expect(admin.status).toBe(403);
    } finally {
      await t.close();
    }
  });
});
