/**
 * Small request checks: the client address, the same-origin rule for cookie-authenticated
 * writes (CSRF), and the session cookie's name and attributes.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Env } from '../env.ts';

export const SESSION_COOKIE = 'tk_session';

/**
 * The client address. X-Forwarded-For is believed only with TRUST_PROXY (a client could
 * otherwise pick any address and escape the per-address login throttle); we take its last
 * entry, the one our own proxy appended.
 */
export function clientIp(c: Context, env: Pick<Env, 'TRUST_PROXY'>): string {
  if (env.TRUST_PROXY) {
    const xff = c.req.header('x-forwarded-for');
    const last = xff
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const isUnsafeMethod = (method: string): boolean => !SAFE_METHODS.has(method.toUpperCase());

/**
 * 'same' when the browser says the request comes from our own pages, 'cross' when it says it
 * does not, 'unknown' when it says nothing (curl, scripts: no ambient cookie risk there unless
 * they carry our cookie, which the caller decides). Sec-Fetch-Site first (every current
 * browser sends it), then Origin against BASE_URL and the request's own origin.
 */
export function requestSite(c: Context, env: Pick<Env, 'BASE_URL'>): 'same' | 'cross' | 'unknown' {
  const site = c.req.header('sec-fetch-site');
  if (site) return site === 'same-origin' || site === 'none' ? 'same' : 'cross';
  const origin = c.req.header('origin');
  if (!origin) return 'unknown';
  const allowed = [new URL(env.BASE_URL).origin, new URL(c.req.url).origin];
  return allowed.includes(origin) ? 'same' : 'cross';
}

export function sessionCookieOptions(env: Pick<Env, 'BASE_URL' | 'SESSION_ABSOLUTE_HOURS'>) {
  return {
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: env.BASE_URL.startsWith('https:'),
    path: '/',
    maxAge: env.SESSION_ABSOLUTE_HOURS * 3600,
  };
}
