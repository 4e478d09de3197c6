/**
 * Who is calling, as far as imports and corrections care: the actor recorded in history and the
 * units they may write. Reads the `principal` the accounts middleware sets on the context (if
 * any); without one (tests without accounts, the CLI) the actor is unknown and every unit is open.
 */
import type { Context } from 'hono';

interface PrincipalLike {
  email?: string;
  scope?: { writeIds?: Set<number> | null };
}

export function callerOf(c: Context): { actor: string | null; allowedUnitIds: Set<number> | null } {
  const p = (c.get as (k: string) => unknown)('principal') as PrincipalLike | undefined;
  return { actor: p?.email ?? null, allowedUnitIds: p?.scope?.writeIds ?? null };
}
