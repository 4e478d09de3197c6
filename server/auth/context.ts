/**
 * What route handlers use to learn who is calling: authOf(c) (the principal, set by the auth
 * middleware), actorOf(c) (email for `actor` parameters), auditActor(c) (spread into
 * recordAudit), scopeOf(c) and allowedUnitIds(c) (to filter listings and bound imports).
 */
import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from './principal.ts';
import { canRead, type Scope } from './scope.ts';

export interface AuthState {
  principal: Principal | null;
  /** Client address (see clientIp). */
  ip: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    auth: AuthState;
    /** The same principal, under the name server/imports/caller.ts reads. */
    principal: Principal | null;
  }
}

const unauthenticated = () => new AppError(401, 'unauthenticated', 'Vui lòng đăng nhập.');

/** The signed-in caller; throws 401 when there is none (the middleware normally got there first). */
export function authOf(c: Context): Principal {
  const p = c.get('auth')?.principal;
  if (!p) throw unauthenticated();
  return p;
}

/** The caller's email for services' `actor: string | null`. */
export function actorOf(c: Context): string | null {
  return c.get('auth')?.principal?.email ?? null;
}

export function clientIpOf(c: Context): string | null {
  return c.get('auth')?.ip ?? null;
}

/** Who and from where, for recordAudit: `{ ...auditActor(c), action, ... }`. */
export function auditActor(c: Context): AuditActor {
  const a = c.get('auth');
  return {
    actor: a?.principal?.email ?? null,
    actorKind: a?.principal?.via === 'token' ? 'token' : 'user',
    ip: a?.ip ?? null,
  };
}

export function scopeOf(c: Context): Scope {
  return authOf(c).scope;
}

/** Unit ids the caller may write (import, correct, set): null = all. Pass to A2's import service. */
export function allowedUnitIds(c: Context): Set<number> | null {
  return authOf(c).scope.writeIds;
}

/** Keeps only the items whose unit code the caller may read. */
export function filterReadableCodes<T>(c: Context, items: T[], unitCodeOf: (t: T) => string): T[] {
  const p = authOf(c);
  if (p.scope.readIds === null) return items;
  const ids = new Map(p.units.map((u) => [u.code, u.id]));
  return items.filter((t) => {
    const id = ids.get(unitCodeOf(t));
    return id !== undefined && canRead(p.scope, id);
  });
}
