/**
 * The last answers of the cached read routes (GET /api/results, /compare, /submissions), kept
 * whole: status 200, every header the full path set (security headers, ETag, Vary, type) and the
 * body bytes. A repeat of the same request by the same caller is answered from here without
 * running the auth middleware, the validator, the route or the security headers again: those
 * were ~40 % of a cached results request (bench/api.ts under BENCH_PROFILE).
 *
 * An answer is reused only when all of these hold:
 * - the same method (GET), URL, Authorization, Cookie and Accept-Encoding headers, and no
 *   If-None-Match (those requests take the full path, which answers 304);
 * - the database change stamp (db/change-stamp.ts) is the one the full path read before it
 *   identified the caller: nothing at all was written since (on SQLite by anyone; on PostgreSQL
 *   to the tables the caches read, by this instance at once and by others when their
 *   notification arrives), so the caller, their grants, the units and the results are unchanged;
 * - less than MEMO_MS has passed on the app's clock and the session has not expired: what depends
 *   on time alone (the default "through" month, the idle limit, the last-seen touch) is at most
 *   that late.
 * A route opts in by calling memoizable(c, body) with the exact bytes it answers; the compression
 * middleware replaces them with the compressed bytes it sends (a browser's answer is compressed
 * once per MEMO_MS, not per request). An answer that sets a cookie is never kept.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps.ts';
import { readChangeStamp, stampHolds } from '../db/change-stamp.ts';

/** How long on the app's clock an answer may be repeated without the full path. */
export const MEMO_MS = 1000;
const MAX_ENTRIES = 200;

declare module 'hono' {
  interface ContextVariableMap {
    /** The body a route allows the response memo to repeat (see memoizable). */
    memoBody: Uint8Array<ArrayBuffer>;
  }
}

/** Lets the memo repeat this 200 answer, whose body is exactly `body`. */
export function memoizable(c: Context, body: Uint8Array<ArrayBuffer>): void {
  c.set('memoBody', body);
}

interface Entry {
  stamp: string;
  /** When it was made and until when it may be repeated (the app's clock, ms). */
  at: number;
  until: number;
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

export function responseMemo(deps: Pick<AppDeps, 'db' | 'clock'>): MiddlewareHandler {
  const entries = new Map<string, Entry>();
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const authorization = c.req.header('authorization');
    const cookie = c.req.header('cookie');
    if ((authorization === undefined && cookie === undefined) || c.req.header('if-none-match') !== undefined)
      return next();
    const key = `${c.req.url}\n${authorization ?? ''}\n${cookie ?? ''}\n${c.req.header('accept-encoding') ?? ''}`;
    // Read before anything else of this request; the auth middleware reuses it on a miss.
    const stamp = await readChangeStamp(deps.db);
    c.set('changeStamp', stamp);
    const hit = entries.get(key);
    if (hit) {
      const t = deps.clock.now().getTime();
      // A clock set back (an operator's correction, a test clock) is not "within the second".
      if (stampHolds(hit.stamp, stamp) && t >= hit.at && t < hit.until)
        return new Response(hit.body, { status: 200, headers: hit.headers });
      entries.delete(key);
    }
    await next();
    const body = c.get('memoBody');
    const res = c.res;
    if (!body || stamp === null || res.status !== 200) return;
    const headers: Record<string, string> = {};
    for (const [k, v] of res.headers) headers[k] = v;
    if ('set-cookie' in headers) return;
    const now = deps.clock.now().getTime();
    const expiresAt = c.get('auth')?.principal?.expiresAt;
    const until = Math.min(now + MEMO_MS, expiresAt ? Date.parse(expiresAt) : Infinity);
    entries.delete(key);
    entries.set(key, { stamp, at: now, until, body, headers });
    // Oldest first: drop what has expired (the memo holds only the last second's answers, so a
    // body the results cache has let go is not kept alive here) and anything past MAX_ENTRIES.
    for (const [k, e] of entries) {
      if (e.until > now && entries.size <= MAX_ENTRIES) break;
      entries.delete(k);
    }
  };
}
