/**
 * Finding a unit among a province's thousands by typing part of its name, code or alias, accents
 * and case ignored (`so xay dung` finds "Sở Xây dựng", `STTTT vp` finds STTTT-VP), each match
 * with its place in the tree ("Sở A › Phòng B"). Pure: the picker (unit-picker.ts) renders it.
 */
import type { Unit } from '../../api-client.ts';

/**
 * Lower case without diacritics (đ → d), for comparing what a person types with a name.
 * @example fold('Sở Xây dựng') // 'so xay dung'
 */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface UnitEntry {
  unit: Unit;
  depth: number;
  /** Names of the ancestors, root first (empty for a root). */
  path: string[];
  /** Folded name, code and aliases, searched by findUnits. */
  haystack: string;
  /** Folded name alone (a match at its start ranks first). */
  name: string;
}

/** Units in tree order (parents before children, siblings in the order given), with depth and path. */
export function unitEntries(units: Unit[]): UnitEntry[] {
  const byParent = new Map<string | null, Unit[]>();
  const codes = new Set(units.map((u) => u.code));
  for (const u of units) {
    const parent = u.parentCode && codes.has(u.parentCode) ? u.parentCode : null;
    const list = byParent.get(parent);
    if (list) list.push(u);
    else byParent.set(parent, [u]);
  }
  const out: UnitEntry[] = [];
  const walk = (parent: string | null, path: string[]) => {
    for (const u of byParent.get(parent) ?? []) {
      out.push({
        unit: u,
        depth: path.length,
        path,
        haystack: fold([u.name, u.code, ...u.aliases].join(' ')),
        name: fold(u.name),
      });
      walk(u.code, [...path, u.name]);
    }
  };
  walk(null, []);
  return out;
}

/**
 * The units whose name, code or alias contains every word typed (accents ignored): an exact code
 * first, then names starting with the text, then the rest, each group in tree order. `total`
 * counts every match, `matches` holds at most `limit`. An empty query lists the tree from the top.
 */
export function findUnits(entries: UnitEntry[], query: string, limit = 50): { matches: UnitEntry[]; total: number } {
  const q = fold(query);
  if (!q) return { matches: entries.slice(0, limit), total: entries.length };
  const words = q.split(' ');
  const exact: UnitEntry[] = [];
  const starts: UnitEntry[] = [];
  const rest: UnitEntry[] = [];
  for (const e of entries) {
    if (!words.every((w) => e.haystack.includes(w))) continue;
    if (fold(e.unit.code) === q) exact.push(e);
    else if (e.name.startsWith(q)) starts.push(e);
    else rest.push(e);
  }
  const all = [...exact, ...starts, ...rest];
  return { matches: all.slice(0, limit), total: all.length };
}
