/** The real Hono app over a fresh real database, with a controllable clock and a silent logger. */
import { createApp } from '../../server/app.ts';
import { parseEnv, type Env } from '../../server/env.ts';
import { createLogger } from '../../server/logger.ts';
import type { AppDeps } from '../../server/deps.ts';
import type { Clock } from '../../server/clock.ts';
import { createTestDb, type TestDb } from './test-db.ts';
import { identitySession, identityToken } from './identities.ts';
import { checkResponse } from './openapi-conformance.ts';

export interface MutableClock extends Clock {
  set(d: Date | string): void;
}

export function fixedClock(start: Date | string = '2026-11-06T00:00:00Z'): MutableClock {
  let t = new Date(start);
  return { now: () => new Date(t), set: (d) => (t = new Date(d)) };
}

export interface TestRequestInit extends RequestInit {
  /** Test identity (identities.ts): 'admin' (default), 'officer:UNIT', 'viewer:UNIT', 'anonymous' … */
  as?: string;
  /** Sign in with the identity's API token (default) or a browser session (cookie + our Origin). */
  via?: 'token' | 'session';
  /**
   * false skips the check of the response against the OpenAPI document (openapi-conformance.ts):
   * only for a test that adds an undocumented route on purpose.
   */
  conformance?: false;
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  tdb: TestDb;
  clock: MutableClock;
  /**
   * Request through the real app. Use this, not app.request: once accounts exist it signs the
   * request in (as an administrator unless `as` names another test identity), with an API token,
   * or with a browser session (cookie and our own Origin) when `via: 'session'`.
   */
  request(path: string, init?: TestRequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function createTestApp(envOverrides: Partial<Record<keyof Env, string>> = {}): Promise<TestApp> {
  const busy = envOverrides.DB_BUSY_WAIT_SECONDS;
  const tdb = await createTestDb({ busyWaitMs: busy === undefined ? undefined : Number(busy) * 1000 });
  const clock = fixedClock();
  const env = parseEnv({
    NODE_ENV: 'test',
    DATABASE_URL: tdb.url,
    SEED_DEMO: '0',
    JOBS_ENABLED: '0',
    OUTBOX_DIR: `${tdb.dir}/outbox`,
    ...envOverrides,
  });
  const deps: AppDeps = { db: tdb.db, dialect: tdb.dialect, env, logger: createLogger('silent'), clock };
  const app = createApp(deps);
  // Signs each request in as a test identity (see identities.ts) with a bearer token, unless the
  // caller already set Authorization or a Cookie itself.
  const tokens = new Map<string, string>();
  const sessions = new Map<string, string>();
  let docText: Promise<string> | undefined;
  const request = async (path: string, init?: TestRequestInit) => {
    const { as = 'admin', via = 'token', conformance, ...rest } = init ?? {};
    const headers = new Headers(rest.headers);
    if (!headers.has('authorization') && !headers.has('cookie')) {
      if (via === 'session') {
        const cookie = await identitySession(deps, as, sessions);
        if (cookie) headers.set('cookie', cookie);
        if (!headers.has('origin')) headers.set('origin', new URL(env.BASE_URL).origin);
      } else {
        const token = await identityToken(deps, as, tokens);
        if (token) headers.set('authorization', `Bearer ${token}`);
      }
    }
    const res = await app.request(path, { ...rest, headers });
    // Every response is checked against the OpenAPI document the app serves (it throws on a mismatch).
    if (conformance !== false) {
      docText ??= Promise.resolve(app.request('/api/openapi.json')).then((r) => r.text());
      await checkResponse(await docText, rest.method ?? 'GET', path, res);
    }
    return res;
  };
  return { app, deps, tdb, clock, request, close: () => tdb.close() };
}
