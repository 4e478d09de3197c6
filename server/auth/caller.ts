/**
 * Who makes a call and what they may touch: the one shape services take from either front door.
 * The HTTP routes get it from the signed-in principal (callerOf in ./context.ts), the CLI from the
 * operator (cliCaller), the jobs and the demo loader act as the system (SYSTEM_CALLER). Services
 * write `actor` into their history columns and pass the caller to recordAudit as is.
 */
import os from 'node:os';
import type { AuditActor } from '../audit/audit.repository.ts';

export interface Caller extends AuditActor {
  /** Unit ids the caller may read; null = all. */
  readIds: Set<number> | null;
  /** Unit ids the caller may write (import, correct, set); null = all; empty = none. */
  writeIds: Set<number> | null;
}

/** True when the caller may read the unit. */
export const canReadUnit = (caller: Pick<Caller, 'readIds'>, unitId: number): boolean =>
  caller.readIds === null || caller.readIds.has(unitId);

/** True when the caller may write the unit. */
export const canWriteUnit = (caller: Pick<Caller, 'writeIds'>, unitId: number): boolean =>
  caller.writeIds === null || caller.writeIds.has(unitId);

/** The system (scheduled jobs, the demo loader): every unit, no person. */
export const SYSTEM_CALLER: Caller = { actor: null, actorKind: 'system', ip: null, readIds: null, writeIds: null };

/** The operator at the command line: every unit, recorded as `cli:<login name>`. */
export function cliCaller(): Caller {
  let name = 'operator';
  try {
    name = os.userInfo().username;
  } catch {
    /* no passwd entry in some containers */
  }
  return { actor: `cli:${name}`, actorKind: 'cli', ip: null, readIds: null, writeIds: null };
}
