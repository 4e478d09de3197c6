/**
 * Matching what people type to known units and categories. Codes match exactly after NFC and case
 * folding (codeKey: `stttt-cđ` is `STTTT-CĐ`, but `STTTT-CD` is another code); names and aliases
 * match through foldKey (no diacritics, any case, any spacing), so `Văn phòng phẩm`,
 * `VAN PHONG PHAM` and `VPP` are one category. A code wins over a name, a name over an alias.
 */
import { codeKey, foldKey } from '../../domain/text.ts';
import { MIN_YEAR, MAX_YEAR } from '../../domain/period-parse.ts';
import { monthNumber } from '../../domain/months.ts';
import type { IngestLookup } from './types.ts';

export type LookupUnit = IngestLookup['units'][number];
export type LookupCategory = IngestLookup['categories'][number];

/** A found item and its position in the lookup list (for compact keys). */
export interface Hit<T> {
  item: T;
  index: number;
}

class KeyIndex<T> {
  private readonly codes = new Map<string, Hit<T>>();
  private readonly map = new Map<string, { hit: Hit<T>; rank: number }>();
  addCode(code: string, hit: Hit<T>): void {
    const k = codeKey(code);
    if (k && !this.codes.has(k)) this.codes.set(k, hit);
  }
  /** A name (rank 1) or alias (rank 2). */
  add(text: string | null | undefined, hit: Hit<T>, rank: number): void {
    if (!text) return;
    const k = foldKey(text);
    if (!k) return;
    const prev = this.map.get(k);
    if (!prev || prev.rank > rank) this.map.set(k, { hit, rank });
  }
  // Files repeat the same few names on every row: remember what each spelling matched.
  private readonly memo = new Map<string, Hit<T> | null>();
  find(text: string): Hit<T> | null {
    const known = this.memo.get(text);
    if (known !== undefined) return known;
    const hit = this.codes.get(codeKey(text)) ?? this.map.get(foldKey(text))?.hit ?? null;
    if (this.memo.size < 100_000) this.memo.set(text, hit);
    return hit;
  }
}

export interface Matchers {
  unit(text: string): Hit<LookupUnit> | null;
  category(text: string): Hit<LookupCategory> | null;
  unitCount: number;
  categoryCount: number;
}

export function buildMatchers(lookup: IngestLookup): Matchers {
  const units = new KeyIndex<LookupUnit>();
  lookup.units.forEach((u, index) => {
    const hit = { item: u, index };
    units.addCode(u.code, hit);
    units.add(u.name, hit, 1);
    for (const a of u.aliases) units.add(a, hit, 2);
  });
  const cats = new KeyIndex<LookupCategory>();
  lookup.categories.forEach((c, index) => {
    const hit = { item: c, index };
    cats.addCode(c.code, hit);
    cats.add(c.nameVi, hit, 1);
    cats.add(c.nameEn, hit, 1);
    for (const a of c.aliases) cats.add(a, hit, 2);
  });
  return {
    unit: (t) => units.find(t),
    category: (t) => cats.find(t),
    unitCount: lookup.units.length,
    categoryCount: lookup.categories.length,
  };
}

const PERIODS = (MAX_YEAR - MIN_YEAR + 1) * 12;

/**
 * The (unit, category, period) keys seen in one file, to find duplicates among a million rows:
 * a bitset over dense indices when it fits in 16 MB, a Set of numbers otherwise.
 */
export class SeenKeys {
  private readonly bits: Uint8Array | null;
  private readonly set: Set<number> | null;
  constructor(
    private readonly units: number,
    private readonly categories: number,
  ) {
    const size = Math.max(1, units) * Math.max(1, categories) * PERIODS;
    this.bits = size <= 128 * 1024 * 1024 ? new Uint8Array(Math.ceil(size / 8)) : null;
    this.set = this.bits ? null : new Set();
  }
  /** Records the key; false when it was already there. */
  add(unitIndex: number, categoryIndex: number, period: string): boolean {
    const p = monthNumber(period) - MIN_YEAR * 12;
    const k = (unitIndex * this.categories + categoryIndex) * PERIODS + p;
    if (this.bits) {
      const byte = k >>> 3;
      const mask = 1 << (k & 7);
      if (this.bits[byte] & mask) return false;
      this.bits[byte] |= mask;
      return true;
    }
    if (this.set!.has(k)) return false;
    this.set!.add(k);
    return true;
  }
}
