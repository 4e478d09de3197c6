/** Replacement and adjustment land the same whatever order the invoices came in. */
import { describe, expect, it } from 'vitest';
import { resolveLandings, type LandingInput } from '../../domain/einvoices/landing.ts';

const at = (unitId: number, period: string) => ({ unitId, categoryId: 3, period });
const orig: LandingInput = { key: 'S|1|A|1', relation: null, relatedKey: null, own: at(1, '2026-10') };
const repl: LandingInput = { key: 'S|1|A|2', relation: 'replace', relatedKey: 'S|1|A|1', own: at(2, '2026-10') };
const adj: LandingInput = { key: 'S|1|A|3', relation: 'adjust', relatedKey: 'S|1|A|1', own: at(1, '2026-11') };
const adj2: LandingInput = { key: 'S|1|A|4', relation: 'adjust', relatedKey: 'S|1|A|3', own: at(9, '2026-12') };

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

describe('landing of replaced and adjusting invoices', () => {
  it('a replaced invoice counts nothing; the replacement lands by its own fields, in any order', () => {
    for (const order of permutations([orig, repl])) {
      const r = resolveLandings(order);
      expect(r.get(orig.key)).toEqual({
        status: 'replaced',
        landing: null,
        replacedBy: repl.key,
        adjustedUnknown: false,
      });
      expect(r.get(repl.key)).toMatchObject({ status: 'active', landing: at(2, '2026-10') });
    }
  });

  it('an adjustment lands where what it adjusts lands (through a chain), in any order', () => {
    for (const order of permutations([orig, adj, adj2])) {
      const r = resolveLandings(order);
      expect(r.get(adj.key)).toMatchObject({ status: 'active', landing: at(1, '2026-10'), adjustedUnknown: false });
      expect(r.get(adj2.key)).toMatchObject({ landing: at(1, '2026-10') });
    }
  });

  it('an adjustment whose invoice is unknown lands by its own fields and is flagged', () => {
    expect(resolveLandings([adj]).get(adj.key)).toMatchObject({ landing: at(1, '2026-11'), adjustedUnknown: true });
  });

  it('an adjustment of a replaced invoice follows the replacement, in any order', () => {
    for (const order of permutations([adj, repl, orig, adj2])) {
      const r = resolveLandings(order);
      expect(r.get(adj.key)).toMatchObject({ status: 'active', landing: at(2, '2026-10') });
      expect(r.get(adj2.key)).toMatchObject({ status: 'active', landing: at(2, '2026-10') });
      expect(r.get(orig.key)?.status).toBe('replaced');
    }
  });

  it('a cycle of adjustments ends', () => {
    const a: LandingInput = { key: 'a', relation: 'adjust', relatedKey: 'b', own: at(1, '2026-01') };
    const b: LandingInput = { key: 'b', relation: 'adjust', relatedKey: 'a', own: at(2, '2026-02') };
    const r = resolveLandings([a, b]);
    expect(r.get('a')?.landing).toEqual(at(2, '2026-02'));
    expect(r.get('b')?.landing).toEqual(at(1, '2026-01'));
  });
});
