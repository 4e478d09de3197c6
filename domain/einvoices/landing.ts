/**
 * Where each invoice of one seller counts, as a function of the SET of that seller's invoices
 * (never of the order they arrived in, within one import or across imports):
 *  - an invoice named by a replacing invoice (TCHDon 1) is replaced and counts nothing; the
 *    replacing one lands by its own fields;
 *  - an adjusting invoice (TCHDon 2) lands where the invoice it adjusts lands (following a chain
 *    of adjustments, and from a replaced invoice to its replacement); when that invoice is not
 *    known it lands by its own fields, flagged so the caller warns.
 * Relations never cross sellers (an invoice is replaced or adjusted by its own seller), so a
 * caller recomputes only the sellers an import touches. Pure.
 */

export interface Landing {
  unitId: number;
  categoryId: number;
  period: string;
}

export interface LandingInput {
  /** identityKey of the invoice. */
  key: string;
  relation: 'replace' | 'adjust' | null;
  /** identityKey of the invoice it replaces or adjusts. */
  relatedKey: string | null;
  /** Where its own fields land it. */
  own: Landing;
}

export interface LandingResult {
  status: 'active' | 'replaced';
  /** Where it counts; null when replaced. */
  landing: Landing | null;
  /** The replacing invoice (first by key) when replaced. */
  replacedBy: string | null;
  /** An adjusting invoice whose adjusted invoice is not in the set. */
  adjustedUnknown: boolean;
}

export const landingKey = (l: Landing): string => `${l.unitId}:${l.categoryId}:${l.period}`;

export function resolveLandings(invoices: LandingInput[]): Map<string, LandingResult> {
  const byKey = new Map(invoices.map((i) => [i.key, i]));
  const replacedBy = new Map<string, string>();
  for (const i of [...invoices].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    if (i.relation === 'replace' && i.relatedKey && i.relatedKey !== i.key && !replacedBy.has(i.relatedKey))
      replacedBy.set(i.relatedKey, i.key);
  }
  // Where an invoice would land if it counted: adjustments follow what they adjust, and past a
  // replaced invoice its replacement, which stands in for it (a cycle stops where it closes).
  const wouldLand = (start: LandingInput): Landing => {
    const seen = new Set<string>([start.key]);
    let cur = start;
    for (;;) {
      const nextKey =
        cur !== start && replacedBy.has(cur.key)
          ? replacedBy.get(cur.key)
          : cur.relation === 'adjust'
            ? cur.relatedKey
            : null;
      const next = nextKey ? byKey.get(nextKey) : undefined;
      if (!next || seen.has(next.key)) break;
      seen.add(next.key);
      cur = next;
    }
    return cur.own;
  };
  const out = new Map<string, LandingResult>();
  for (const i of invoices) {
    const by = replacedBy.get(i.key) ?? null;
    out.set(i.key, {
      status: by ? 'replaced' : 'active',
      landing: by ? null : wouldLand(i),
      replacedBy: by,
      adjustedUnknown: i.relation === 'adjust' && (!i.relatedKey || !byKey.has(i.relatedKey)),
    });
  }
  return out;
}
