/**
 * The document cannot drift from the code: every response a test receives through
 * t.request (test/helpers/test-app.ts) is checked against /api/openapi.json — the status is
 * documented for that operation (exactly, as NXX or as default), the content type is one the
 * response lists, and a JSON body matches its schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1
 * uses). A mismatch throws from t.request, so the test that received it fails and says why.
 * Runs across the whole integration suite, on SQLite and on PostgreSQL. Not checked: paths
 * outside /api (the dashboard's files), a 404 for a path no route has (the JSON not-found, whose
 * body is still checked against the error envelope), and the document itself.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Json = Record<string, any>;

interface Operation {
  pattern: RegExp;
  path: string;
  method: string;
  op: Json;
}

interface Compiled {
  doc: Json;
  operations: Operation[];
  validators: Map<string, ValidateFunction>;
  ajv: Ajv2020;
}

// One compiled document per distinct document text (every TestApp of a file serves the same one).
const byText = new Map<string, Compiled>();

function compile(text: string): Compiled {
  const hit = byText.get(text);
  if (hit) return hit;
  const doc = JSON.parse(text) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    const pattern = new RegExp(
      '^' + path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}|\{\w+\}/g, '[^/]+') + '$',
    );
    for (const [method, op] of Object.entries(item as Json)) operations.push({ pattern, path, method, op: op as Json });
  }
  const compiled = { doc, operations, validators: new Map(), ajv };
  byText.set(text, compiled);
  return compiled;
}

/** Follows a local $ref ('#/components/…') to what it points at. */
function resolve(doc: Json, node: Json | undefined): Json | undefined {
  let n = node;
  for (let i = 0; n && typeof n.$ref === 'string' && i < 10; i++) {
    n = n.$ref
      .slice(2)
      .split('/')
      .reduce<any>((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return n;
}

/** Inlines component schema references so that each schema compiles on its own. */
function inline(doc: Json, schema: unknown, depth = 0): unknown {
  if (depth > 40 || schema === null || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map((s) => inline(doc, s, depth + 1));
  const s = schema as Json;
  if (typeof s.$ref === 'string' && s.$ref.startsWith('#/components/')) return inline(doc, resolve(doc, s), depth + 1);
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, inline(doc, v, depth + 1)]));
}

function documentedResponse(op: Json, status: number): [string, Json] | undefined {
  const responses = (op.responses ?? {}) as Json;
  for (const key of [String(status), `${String(status)[0]}XX`, 'default'])
    if (responses[key]) return [key, responses[key] as Json];
  return undefined;
}

export class ConformanceError extends Error {
  override name = 'ConformanceError';
}

/**
 * Checks one response against the document (`docText`: the body of GET /api/openapi.json).
 * Throws a ConformanceError naming the operation, the status and what differs.
 */
export async function checkResponse(docText: string, method: string, url: string, res: Response): Promise<void> {
  const path = new URL(url, 'http://localhost').pathname;
  if (!path.startsWith('/api/') || path === '/api/openapi.json') return;
  const c = compile(docText);
  const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  const found = c.operations.find((o) => o.method === m && o.pattern.test(path));
  const where = found ? `${m.toUpperCase()} ${found.path}` : `${m.toUpperCase()} ${path}`;
  const fail = (why: string): never => {
    throw new ConformanceError(`${where} → ${res.status}: ${why} (the OpenAPI document, server/openapi/)`);
  };
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const body =
    res.status === 204 || res.status === 304 || method.toUpperCase() === 'HEAD' ? '' : await res.clone().text();

  let response: Json | undefined;
  let cacheKey: string;
  if (!found) {
    // A path no route serves: only the JSON not-found is expected.
    if (res.status !== 404 && res.status !== 401 && res.status !== 405)
      fail('no operation in the document for this path and method');
    response = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } };
    cacheKey = 'not-found';
  } else {
    const documented = documentedResponse(found.op, res.status);
    if (!documented)
      fail(`status not documented (documented: ${Object.keys((found.op.responses ?? {}) as Json).join(', ')})`);
    response = resolve(c.doc, documented![1]);
    cacheKey = `${where} ${documented![0]}`;
  }
  const content = (response?.content ?? {}) as Json;
  const types = Object.keys(content);
  if (!body) return;
  if (types.length === 0) fail(`a body (${type || 'no content-type'}) where the document describes none`);
  if (!types.includes(type) && !types.includes('*/*'))
    fail(`content-type ${type || '(none)'} not documented (documented: ${types.join(', ')})`);
  if (!type.includes('json')) return;
  const key = `${cacheKey} ${type}`;
  let validate = c.validators.get(key);
  if (!validate) {
    validate = c.ajv.compile((inline(c.doc, (content[type] as Json).schema ?? {}) as Json) ?? {});
    c.validators.set(key, validate);
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    fail('the body is not JSON');
  }
  if (!validate(data)) {
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
    fail(`body does not match the schema: ${errors.join('; ')}; body: ${body.slice(0, 300)}`);
  }
}
