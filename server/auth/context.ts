/**
 * What route handlers use to learn who is calling: callerOf(c) (who, from where and which units,
 * the Caller every service takes), authOf(c) (the whole principal, set by the auth middleware),
 * scopeOf(c) and filterReadableCodes (to filter listings).
 */
import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import { unitIdByCode, type Principal } from './principal.ts';
import { canRead, type Scope } from './scope.ts';
import type { Caller } from './caller.ts';

export interface AuthState {
  principal: Principal | null;
  /** Client address (see clientIp). */
  ip: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    auth: AuthState;
    /**
     * The database change stamp (db/change-stamp.ts) read once by the auth middleware before it
     * identified the caller; the request's caches reuse it instead of reading it again. Older
     * than the handler by a few microseconds, which only makes them revalidate sooner.
     */
    changeStamp: string | null;
  }
}

const unauthenticated = () => new AppError(401, 'unauthenticated', 'Vui lòng đăng nhập.');

/** The signed-in caller; throws 401 when there is none (the middleware normally got there first). */
export function authOf(c: Context): Principal {
  const p = c.get('auth')?.principal;
  if (!p) throw unauthenticated();
  return p;
}

export function clientIpOf(c: Context): string | null {
  return c.get('auth')?.ip ?? null;
}

/**
 * The signed-in caller as services take it: email, how they came in (session or token) and from
 * where, for history columns and the audit row; the units they may read and write. 401 without one.
 */
export function callerOf(c: Context): Caller {
  const p = authOf(c);
  return {
    actor: p.email,
    actorKind: p.via === 'token' ? 'token' : 'user',
    ip: clientIpOf(c),
    readIds: p.scope.readIds,
    writeIds: p.scope.writeIds,
  };
}

export function scopeOf(c: Context): Scope {
  return authOf(c).scope;
}

/** The change stamp the auth middleware read for this request, or undefined when it read none. */
export function requestChangeStamp(c: Context): string | null | undefined {
  return c.get('changeStamp');
}

/** Keeps only the items whose unit code the caller may read. */
export function filterReadableCodes<T>(c: Context, items: T[], unitCodeOf: (t: T) => string): T[] {
  const p = authOf(c);
  if (p.scope.readIds === null) return items;
  const ids = unitIdByCode(p.units);
  return items.filter((t) => {
    const id = ids.get(unitCodeOf(t));
    return id !== undefined && canRead(p.scope, id);
  });
}
