/**
 * The signed-in caller (a person through a session, or an automation through an API token)
 * with their grants and computed scope. Built once per request by the auth middleware.
 */
import type { AppDeps } from '../deps.ts';
import { grantsOf } from '../users/users.repository.ts';
import { computeScope, type GrantRef, type Scope, type UnitNode } from './scope.ts';

export interface Principal {
  userId: number;
  email: string;
  name: string;
  via: 'session' | 'token';
  /** sha256 of the session cookie (via 'session'). */
  sessionHash?: string;
  /** Id of the API token (via 'token'). */
  tokenId?: number;
  /** Absolute session expiry; null for tokens. */
  expiresAt: string | null;
  grants: GrantRef[];
  scope: Scope;
  /** The unit tree as loaded for this request (id, code, parent). */
  units: UnitNode[];
}

export async function loadUnitNodes(db: AppDeps['db']): Promise<UnitNode[]> {
  const rows = await db.selectFrom('units').select(['id', 'code', 'parent_id']).execute();
  return rows.map((r) => ({ id: Number(r.id), code: r.code, parent_id: r.parent_id == null ? null : Number(r.parent_id) }));
}

export async function buildPrincipal(
  deps: AppDeps,
  base: Omit<Principal, 'grants' | 'scope' | 'units'>,
): Promise<Principal> {
  const [grants, units] = await Promise.all([grantsOf(deps.db, [base.userId]), loadUnitNodes(deps.db)]);
  const g = grants.get(base.userId) ?? [];
  return { ...base, grants: g, scope: computeScope(g, units), units };
}

/** Codes of the units in a set of ids (null stays null = all). */
export function codesOf(units: UnitNode[], ids: Set<number> | null): string[] | null {
  if (ids === null) return null;
  return units.filter((u) => ids.has(u.id)).map((u) => u.code);
}
