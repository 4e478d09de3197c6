/**
 * What a signed-in person may see and change, computed from their role grants and the unit
 * tree: a grant on a unit covers its whole subtree; admin covers everything. Pure functions.
 */
import type { Role } from '../users/users.tables.ts';
import { subtreeIds } from '../../domain/unit-tree.ts';

export interface UnitNode {
  id: number;
  code: string;
  parent_id: number | null;
}

export interface GrantRef {
  role: Role;
  unitId: number | null;
  unitCode: string | null;
}

export interface Scope {
  isAdmin: boolean;
  /** Unit ids readable; null = all. */
  readIds: Set<number> | null;
  /** Unit ids writable (officer/admin); null = all; empty = none (viewer). */
  writeIds: Set<number> | null;
}

export function computeScope(grants: GrantRef[], units: UnitNode[]): Scope {
  const isAdmin = grants.some((g) => g.role === 'admin');
  if (isAdmin) return { isAdmin, readIds: null, writeIds: null };
  let readAll = false;
  let writeAll = false;
  const read = new Set<number>();
  const write = new Set<number>();
  for (const g of grants) {
    const canWrite = g.role === 'officer';
    if (g.unitId == null) {
      readAll = true;
      if (canWrite) writeAll = true;
      continue;
    }
    for (const id of subtreeIds(units, g.unitId)) {
      read.add(id);
      if (canWrite) write.add(id);
    }
  }
  return { isAdmin, readIds: readAll ? null : read, writeIds: writeAll ? null : write };
}

export const canRead = (s: Scope, unitId: number): boolean => s.readIds === null || s.readIds.has(unitId);
export const canWrite = (s: Scope, unitId: number): boolean => s.writeIds === null || s.writeIds.has(unitId);
export const canWriteAnything = (s: Scope): boolean => s.writeIds === null || s.writeIds.size > 0;
