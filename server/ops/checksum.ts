/**
 * A table's row count and sha256 over its rows, computed the same way on SQLite and PostgreSQL
 * so that a copy can be verified: values are normalised to text (numbers, booleans, dates and
 * bytes each one way) and rows are hashed in primary-key order.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { TableInfo } from './tables.ts';

const PAGE = 5000;

/** One spelling per value whatever the driver returned: 5, 5n and '5' all read '5'. */
export function normaliseValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return 'x' + Buffer.from(v).toString('hex');
  return JSON.stringify(v);
}

export const normaliseRow = (row: Record<string, unknown>, columns: string[]): string =>
  JSON.stringify(columns.map((c) => normaliseValue(row[c])));

export interface TableDigest {
  rows: number;
  sha256: string;
}

/**
 * Count and checksum of `table` over `columns`. Tables with one integer key are read in pages
 * ordered by it; others are read whole and their rows sorted in JS, because the two databases
 * order text by different collations.
 */
export async function tableDigest(
  db: Kysely<any>,
  table: TableInfo,
  columns: string[] = table.columns,
): Promise<TableDigest> {
  const hash = createHash('sha256');
  let rows = 0;
  if (table.intKey) {
    const key = table.intKey;
    let last: number | null = null;
    for (;;) {
      let q = db.selectFrom(table.name).select(columns).orderBy(key).limit(PAGE);
      if (last !== null) q = q.where(key, '>', last);
      const page = await q.execute();
      for (const r of page) hash.update(normaliseRow(r, columns) + '\n');
      rows += page.length;
      if (page.length < PAGE) break;
      last = Number(page[page.length - 1][key]);
    }
  } else {
    const all = (await db.selectFrom(table.name).select(columns).execute()).map((r) => normaliseRow(r, columns));
    all.sort();
    for (const line of all) hash.update(line + '\n');
    rows = all.length;
  }
  return { rows, sha256: hash.digest('hex') };
}
