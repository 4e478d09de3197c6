/**
 * Walking the unit tree: the one place that finds a unit's subtree (the unit and every unit
 * below it), for scopes, roll-ups, listings and reminders. Pure; each unit once, even if the rows
 * were to hold a cycle.
 */

export interface TreeNode {
  id: number;
  parent_id: number | null;
}

/** Ids of `rootId` and every unit below it, root first, depth first. `rootId` is always included. */
export function subtreeIds(units: readonly TreeNode[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const u of units) {
    if (u.parent_id == null) continue;
    const list = children.get(u.parent_id);
    if (list) list.push(u.id);
    else children.set(u.parent_id, [u.id]);
  }
  const out: number[] = [];
  const seen = new Set<number>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    const kids = children.get(id);
    if (kids) for (const k of kids) stack.push(k);
  }
  return out;
}

/** The rows of `rootId`'s subtree, in subtreeIds order; empty when `rootId` is not among them. */
export function subtreeRows<T extends TreeNode>(units: readonly T[], rootId: number): T[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  if (!byId.has(rootId)) return [];
  return subtreeIds(units, rootId).map((id) => byId.get(id)!);
}
