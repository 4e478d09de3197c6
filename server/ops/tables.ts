/**
 * What tables a database holds, discovered from the database itself (never a hand-kept list, so
 * tables that later features add are copied and verified too): columns, primary key, foreign
 * keys, and an order in which every table comes after the tables it references.
 */
import { sql, type Kysely } from 'kysely';
import type SQLite from 'better-sqlite3';

export interface TableInfo {
  name: string;
  columns: string[];
  /** Primary key columns in key order (empty when the table has none). */
  primaryKey: string[];
  /** The primary key when it is one integer column: rows are paged and ordered by it in SQL. */
  intKey?: string;
  /** Tables this one references (other than itself). */
  references: string[];
  /** Columns that reference this same table (a tree such as units.parent_id → units.id). */
  selfRefs: { from: string; to: string }[];
}

/**
 * Kysely's own bookkeeping (each database migrates itself) and the change stamp (each database
 * keeps its own: db/change-stamp.ts) are never copied.
 */
export const isBookkeepingTable = (name: string) =>
  name.startsWith('kysely_migration') || name.startsWith('sqlite_') || name === 'change_stamp';

/** Every app table of a SQLite database, in foreign-key order (referenced tables first). */
export function sqliteTables(sqlite: SQLite.Database): TableInfo[] {
  const names = (
    sqlite.prepare(`select name from sqlite_master where type = 'table' order by name`).all() as { name: string }[]
  )
    .map((r) => r.name)
    .filter((n) => !isBookkeepingTable(n));
  const infos = names.map((name): TableInfo => {
    const cols = sqlite.pragma(`table_info(${quoteIdent(name)})`) as { name: string; pk: number; type: string }[];
    const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const fks = sqlite.pragma(`foreign_key_list(${quoteIdent(name)})`) as {
      table: string;
      from: string;
      to: string | null;
    }[];
    return {
      name,
      columns: cols.map((c) => c.name),
      primaryKey: pk.map((c) => c.name),
      // Text keys are ordered in JS instead: PostgreSQL collations sort text differently from SQLite.
      intKey: pk.length === 1 && /int/i.test(pk[0].type) ? pk[0].name : undefined,
      references: [...new Set(fks.filter((f) => f.table !== name).map((f) => f.table))],
      selfRefs: fks.filter((f) => f.table === name).map((f) => ({ from: f.from, to: f.to ?? pk[0]?.name ?? 'rowid' })),
    };
  });
  return foreignKeyOrder(infos);
}

/** Topological order: a table comes after every table it references. Throws on a cycle. */
export function foreignKeyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const out: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: TableInfo, path: string[]) => {
    const s = state.get(t.name);
    if (s === 'done') return;
    if (s === 'visiting') throw new Error(`foreign keys form a cycle: ${[...path, t.name].join(' → ')}`);
    state.set(t.name, 'visiting');
    for (const r of t.references) {
      const dep = byName.get(r);
      if (dep) visit(dep, [...path, t.name]);
    }
    state.set(t.name, 'done');
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t, []);
  return out;
}

/** Tables and their columns in a PostgreSQL database's current schema. */
export async function postgresColumns(db: Kysely<any>): Promise<Map<string, string[]>> {
  const rows = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const out = new Map<string, string[]>();
  for (const r of rows.rows) {
    if (isBookkeepingTable(r.table_name)) continue;
    if (!out.has(r.table_name)) out.set(r.table_name, []);
    out.get(r.table_name)!.push(r.column_name);
  }
  return out;
}

export function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}
