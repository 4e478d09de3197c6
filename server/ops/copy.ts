/**
 * Moving up: copies every table of a SQLite database into a freshly migrated, empty PostgreSQL
 * database in one transaction (foreign-key order, batched inserts, sequences reset to the
 * largest id), then verifies row counts and checksums of every table on both sides before it
 * commits. A mismatch rolls everything back, so the target is either a verified copy or empty.
 */
import { sql, type Kysely } from 'kysely';
import type SQLite from 'better-sqlite3';
import { openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { tableDigest, type TableDigest } from './checksum.ts';
import { postgresColumns, quoteIdent, sqliteTables, type TableInfo } from './tables.ts';

/** PostgreSQL accepts at most 65535 parameters per statement. */
const MAX_PARAMS = 60_000;

export interface CopyTableReport {
  table: string;
  source: TableDigest;
  target: TableDigest;
  ok: boolean;
}

export interface CopyReport {
  ok: boolean;
  tables: CopyTableReport[];
  rows: number;
  ms: number;
}

/** The copy did not start (target not empty, schemas differ) or did not verify (rolled back). */
export class CopyError extends Error {
  constructor(
    readonly code: 'target_not_empty' | 'schema_mismatch' | 'verify_failed' | 'not_sqlite',
    message: string,
    readonly report?: CopyReport,
  ) {
    super(message);
    this.name = 'CopyError';
  }
}

export interface CopySource {
  db: Kysely<any>;
  sqlite: SQLite.Database;
}

export interface CopyOptions {
  batchSize?: number;
  /** Called after each table is written. */
  progress?: (table: string, rows: number) => void;
}

export async function copySqliteToPostgres(
  source: CopySource,
  target: Kysely<any>,
  opts: CopyOptions = {},
): Promise<CopyReport> {
  const started = performance.now();
  const tables = sqliteTables(source.sqlite);
  await assertSameTables(tables, target);
  const seeded = await seededRowCounts();

  // One read transaction on the source: every table is read (and checksummed) from the same
  // snapshot even if the app is still writing to the file.
  source.sqlite.exec('BEGIN');
  try {
    return await target.transaction().execute(async (trx) => {
      await assertEmpty(trx, tables, seeded);
      // Rows that the target's own migrations seeded (the default categories) are replaced by the source's.
      for (const t of [...tables].reverse()) if ((seeded.get(t.name) ?? 0) > 0) await trx.deleteFrom(t.name).execute();

      let total = 0;
      for (const t of tables) {
        const n = await copyTable(source.sqlite, trx, t, opts.batchSize ?? 1000);
        total += n;
        opts.progress?.(t.name, n);
      }
      await resetSequences(trx, tables);

      const report: CopyTableReport[] = [];
      for (const t of tables) {
        const [s, d] = [await tableDigest(source.db, t), await tableDigest(trx, t)];
        report.push({ table: t.name, source: s, target: d, ok: s.rows === d.rows && s.sha256 === d.sha256 });
      }
      const result: CopyReport = {
        ok: report.every((r) => r.ok),
        tables: report,
        rows: total,
        ms: Math.round(performance.now() - started),
      };
      if (!result.ok) {
        const bad = report.filter((r) => !r.ok).map((r) => r.table);
        throw new CopyError(
          'verify_failed',
          `Bản sao không khớp ở bảng ${bad.join(', ')}; đã hủy, cơ sở dữ liệu đích vẫn trống.`,
          result,
        );
      }
      return result;
    });
  } finally {
    source.sqlite.exec('ROLLBACK');
  }
}

async function copyTable(sqlite: SQLite.Database, trx: Kysely<any>, t: TableInfo, batchSize: number): Promise<number> {
  const size = Math.max(1, Math.min(batchSize, Math.floor(MAX_PARAMS / t.columns.length)));
  const cols = t.columns.map(quoteIdent).join(', ');
  const order = t.primaryKey.length ? ` order by ${t.primaryKey.map(quoteIdent).join(', ')}` : '';
  const stmt = sqlite.prepare(`select ${cols} from ${quoteIdent(t.name)}${order}`);
  const rows: Iterable<Record<string, unknown>> = t.selfRefs.length
    ? parentsFirst(stmt.all() as Record<string, unknown>[], t)
    : (stmt.iterate() as IterableIterator<Record<string, unknown>>);
  let batch: Record<string, unknown>[] = [];
  let n = 0;
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      await trx.insertInto(t.name).values(batch).execute();
      n += batch.length;
      batch = [];
    }
  }
  if (batch.length) await trx.insertInto(t.name).values(batch).execute();
  return n + batch.length;
}

/**
 * Orders rows of a self-referencing table (a unit tree) so that each row comes after the row it
 * points to: PostgreSQL checks foreign keys per statement, and ids need not follow the tree.
 */
export function parentsFirst(rows: Record<string, unknown>[], t: TableInfo): Record<string, unknown>[] {
  const seen = new Map(t.selfRefs.map((r) => [r.to, new Set<unknown>()]));
  const out: Record<string, unknown>[] = [];
  let left = rows;
  while (left.length) {
    const next: Record<string, unknown>[] = [];
    for (const row of left) {
      const ready = t.selfRefs.every(
        (r) => row[r.from] == null || row[r.from] === row[r.to] || seen.get(r.to)!.has(row[r.from]),
      );
      if (ready) {
        out.push(row);
        for (const r of t.selfRefs) seen.get(r.to)!.add(row[r.to]);
      } else next.push(row);
    }
    if (next.length === left.length)
      throw new CopyError(
        'schema_mismatch',
        `Bảng ${t.name} có tham chiếu vòng hoặc tới dòng không tồn tại; không sao chép được.`,
      );
    left = next;
  }
  return out;
}

/** After explicit ids were inserted, the next generated id must follow the largest one. */
async function resetSequences(trx: Kysely<any>, tables: TableInfo[]): Promise<void> {
  for (const t of tables) {
    if (!t.intKey) continue;
    const seq = await sql<{
      seq: string | null;
    }>`select pg_get_serial_sequence(${quoteIdent(t.name)}, ${t.intKey}) as seq`.execute(trx);
    const name = seq.rows[0]?.seq;
    if (!name) continue;
    const max = await sql<{
      m: number | null;
    }>`select max(${sql.ref(t.intKey)}) as m from ${sql.table(t.name)}`.execute(trx);
    const m = max.rows[0]?.m;
    if (m == null) await sql`select setval(${name}::regclass, 1, false)`.execute(trx);
    else await sql`select setval(${name}::regclass, ${m})`.execute(trx);
  }
}

async function assertSameTables(tables: TableInfo[], target: Kysely<any>): Promise<void> {
  const pg = await postgresColumns(target);
  const problems: string[] = [];
  for (const t of tables) {
    const cols = pg.get(t.name);
    if (!cols) problems.push(`bảng ${t.name} không có ở đích`);
    else {
      const missing = t.columns.filter((c) => !cols.includes(c));
      const extra = cols.filter((c) => !t.columns.includes(c));
      if (missing.length) problems.push(`${t.name}: đích thiếu cột ${missing.join(', ')}`);
      if (extra.length) problems.push(`${t.name}: đích thừa cột ${extra.join(', ')}`);
    }
  }
  for (const name of pg.keys()) if (!tables.some((t) => t.name === name)) problems.push(`bảng ${name} chỉ có ở đích`);
  if (problems.length)
    throw new CopyError(
      'schema_mismatch',
      `Cấu trúc hai cơ sở dữ liệu khác nhau (${problems.join('; ')}). Hãy cập nhật cả hai lên cùng phiên bản (db migrate).`,
    );
}

async function assertEmpty(trx: Kysely<any>, tables: TableInfo[], seeded: Map<string, number>): Promise<void> {
  const full: string[] = [];
  for (const t of tables) {
    const r = await trx
      .selectFrom(t.name)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const n = Number(r.n);
    if (n !== (seeded.get(t.name) ?? 0)) full.push(`${t.name} (${n} dòng)`);
  }
  if (full.length) {
    throw new CopyError(
      'target_not_empty',
      `Cơ sở dữ liệu đích đã có dữ liệu: ${full.join(', ')}. Chỉ sao chép vào một cơ sở dữ liệu PostgreSQL mới, trống.`,
    );
  }
}

/** How many rows the migrations themselves insert in each table (a fresh database's contents). */
async function seededRowCounts(): Promise<Map<string, number>> {
  const fresh = openDatabase(':memory:');
  try {
    await migrateToLatest(fresh.db);
    const out = new Map<string, number>();
    for (const t of sqliteTables(fresh.sqlite!)) {
      out.set(
        t.name,
        (fresh.sqlite!.prepare(`select count(*) as n from ${quoteIdent(t.name)}`).get() as { n: number }).n,
      );
    }
    return out;
  } finally {
    await fresh.close();
  }
}
