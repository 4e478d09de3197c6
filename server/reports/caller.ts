/**
 * Who is calling, as far as reports and blocs care. Reads the `principal` the accounts middleware
 * sets on the context (if any), loosely typed so this feature does not depend on accounts
 * internals; without one (tests without accounts, the CLI) the actor is unknown and all is open.
 */
import type { Context } from 'hono';

interface PrincipalLike {
  email?: string;
  scope?: { isAdmin?: boolean; readIds?: Set<number> | null };
}

export interface Caller {
  actor: string | null;
  /** Unit ids the caller may read; null = all. */
  readIds: Set<number> | null;
}

export function callerOf(c: Context): Caller {
  const p = (c.get as (k: string) => unknown)('principal') as PrincipalLike | null | undefined;
  if (!p) return { actor: null, readIds: null };
  return { actor: p.email ?? null, readIds: p.scope?.isAdmin ? null : (p.scope?.readIds ?? null) };
}

export const canReadUnit = (caller: Caller, unitId: number) => caller.readIds === null || caller.readIds.has(unitId);
