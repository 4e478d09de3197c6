/**
 * SQL for figures and their history. Bulk helpers take rows in chunks small enough for every
 * dialect's bound-parameter limit (SQLite 32766, PostgreSQL 65535) and are portable SQL only.
 */
import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/schema.ts';
import type SQLite from 'better-sqlite3';

type SQLiteHandle = SQLite.Database;

/** Rows per multi-row statement: 500 × 10 columns stays far below both parameter limits. */
export const CHUNK = 500;

export interface FigureKey {
  unitId: number;
  categoryId: number;
  period: string;
}

export interface ExistingFigure extends FigureKey {
  id: number;
  amount: number;
  quantityMilli: number | null;
  note: string | null;
  importId: number | null;
}

export interface FigureWrite extends FigureKey {
  amount: number;
  quantityMilli: number | null;
  note: string | null;
  /** The stored figure's id when the caller knows it exists (from selectExisting); absent = new. */
  existingId?: number;
}

export const figureKeyString = (k: FigureKey) => `${k.unitId}:${k.categoryId}:${k.period}`;

/**
 * The stored figures for these keys. Per CHUNK keys one query on unit IN × category IN × period
 * IN, which both dialects answer with index probes on figures_key (SQLite scans the table for a
 * row-value IN list); the few extra combinations it may return are filtered out here.
 */
export async function selectExistingFigures(
  db: Kysely<Database>,
  keys: FigureKey[],
): Promise<Map<string, ExistingFigure>> {
  const out = new Map<string, ExistingFigure>();
  const wanted = new Set(keys.map(figureKeyString));
  for (let i = 0; i < keys.length; i += CHUNK) {
    const part = keys.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom('figures')
      .select(['id', 'unit_id', 'category_id', 'period', 'amount', 'quantity_milli', 'note', 'import_id'])
      .where('unit_id', 'in', [...new Set(part.map((k) => k.unitId))])
      .where('category_id', 'in', [...new Set(part.map((k) => k.categoryId))])
      .where('period', 'in', [...new Set(part.map((k) => k.period))])
      .execute();
    for (const r of rows) {
      const f: ExistingFigure = {
        id: r.id,
        unitId: r.unit_id,
        categoryId: r.category_id,
        period: r.period,
        amount: r.amount,
        quantityMilli: r.quantity_milli,
        note: r.note,
        importId: r.import_id,
      };
      const k = figureKeyString(f);
      if (wanted.has(k)) out.set(k, f);
    }
  }
  return out;
}

/** Of these months, the ones some figure is stored for (one probe of the period index each). */
export async function periodsWithFigures(db: Kysely<Database>, periods: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const p of periods) {
    const hit = await db.selectFrom('figures').select('period').where('period', '=', p).limit(1).executeTakeFirst();
    if (hit) out.add(p);
  }
  return out;
}

/** Of these units, the ones some figure is stored for. */
export async function unitsWithFigures(db: Kysely<Database>, unitIds: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < unitIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('units as u')
      .select('u.id')
      .where('u.id', 'in', unitIds.slice(i, i + CHUNK))
      .where((eb) => eb.exists(eb.selectFrom('figures as f').select('f.id').whereRef('f.unit_id', '=', 'u.id')))
      .execute();
    for (const r of rows) out.add(Number(r.id));
  }
  return out;
}

/** Insert new figures and overwrite changed ones, in multi-row statements. */
export async function upsertFigures(
  db: Kysely<Database>,
  rows: FigureWrite[],
  meta: { importId: number | null; actor: string | null; now: string },
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await db
      .insertInto('figures')
      .values(
        part.map((r) => ({
          unit_id: r.unitId,
          category_id: r.categoryId,
          period: r.period,
          amount: r.amount,
          quantity_milli: r.quantityMilli,
          note: r.note,
          import_id: meta.importId,
          updated_at: meta.now,
          updated_by: meta.actor,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['unit_id', 'category_id', 'period']).doUpdateSet((eb) => ({
          amount: eb.ref('excluded.amount'),
          quantity_milli: eb.ref('excluded.quantity_milli'),
          note: eb.ref('excluded.note'),
          import_id: eb.ref('excluded.import_id'),
          updated_at: eb.ref('excluded.updated_at'),
          updated_by: eb.ref('excluded.updated_by'),
        })),
      )
      .execute();
  }
}

export interface HistoryWrite {
  figureId: number;
  amount: number;
  quantityMilli: number | null;
  note: string | null;
}

/** Keep the values being replaced, with who/when/which import replaced them. */
export async function insertHistory(
  db: Kysely<Database>,
  rows: HistoryWrite[],
  meta: { importId: number | null; actor: string | null; now: string; source: 'import' | 'manual' },
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await db
      .insertInto('figure_history')
      .values(
        part.map((r) => ({
          figure_id: r.figureId,
          amount: r.amount,
          quantity_milli: r.quantityMilli,
          note: r.note,
          changed_at: meta.now,
          changed_by: meta.actor,
          import_id: meta.importId,
          source: meta.source,
        })),
      )
      .execute();
  }
}

export interface FigureListRow {
  unit_code: string;
  category_code: string;
  period: string;
  amount: number;
  quantity_milli: number | null;
  note: string | null;
  updated_at: string;
  updated_by: string | null;
  import_id: number | null;
}

export async function listFigureRows(
  db: Db,
  f: { unitIds: number[] | null; categoryId: number | null; from: string | null; to: string | null },
): Promise<FigureListRow[]> {
  let q = db
    .selectFrom('figures as f')
    .innerJoin('units as u', 'u.id', 'f.unit_id')
    .innerJoin('categories as c', 'c.id', 'f.category_id')
    .select([
      'u.code as unit_code',
      'c.code as category_code',
      'f.period',
      'f.amount',
      'f.quantity_milli',
      'f.note',
      'f.updated_at',
      'f.updated_by',
      'f.import_id',
    ]);
  if (f.unitIds) {
    if (f.unitIds.length === 0) return [];
    q = q.where('f.unit_id', 'in', f.unitIds);
  }
  if (f.categoryId != null) q = q.where('f.category_id', '=', f.categoryId);
  if (f.from) q = q.where('f.period', '>=', f.from);
  if (f.to) q = q.where('f.period', '<=', f.to);
  return q.orderBy('f.period').orderBy('u.code').orderBy('c.sort_order').execute();
}

export async function findFigure(db: Kysely<Database>, k: FigureKey): Promise<ExistingFigure | null> {
  return (await selectExistingFigures(db, [k])).get(figureKeyString(k)) ?? null;
}

export interface HistoryRow {
  amount: number;
  quantity_milli: number | null;
  note: string | null;
  changed_at: string;
  changed_by: string | null;
  import_id: number | null;
  source: 'import' | 'manual';
}

/** Earlier values of one figure, newest first. */
export function listHistoryRows(db: Kysely<Database>, figureId: number): Promise<HistoryRow[]> {
  return db
    .selectFrom('figure_history')
    .select(['amount', 'quantity_milli', 'note', 'changed_at', 'changed_by', 'import_id', 'source'])
    .where('figure_id', '=', figureId)
    .orderBy('id', 'desc')
    .execute();
}

/** What an import needs per batch: existing figures for keys, upsert, history. */
export interface FigureWriter {
  selectExisting(keys: FigureKey[]): Promise<Map<string, ExistingFigure>>;
  /** Of these months, the ones some figure is stored for. */
  periodsWithFigures(periods: string[]): Promise<Set<string>>;
  /** Of these units, the ones some figure is stored for. */
  unitsWithFigures(unitIds: number[]): Promise<Set<number>>;
  upsert(rows: FigureWrite[], meta: { importId: number | null; actor: string | null; now: string }): Promise<void>;
  insertHistory(
    rows: HistoryWrite[],
    meta: { importId: number | null; actor: string | null; now: string; source: 'import' | 'manual' },
  ): Promise<void>;
}

/** Multi-row statements through Kysely (both dialects). */
export function kyselyFigureWriter(db: Kysely<Database>): FigureWriter {
  return {
    selectExisting: (keys) => selectExistingFigures(db, keys),
    periodsWithFigures: (periods) => periodsWithFigures(db, periods),
    unitsWithFigures: (unitIds) => unitsWithFigures(db, unitIds),
    upsert: (rows, meta) => upsertFigures(db, rows, meta),
    insertHistory: (rows, meta) => insertHistory(db, rows, meta),
  };
}

/**
 * The same statements as prepared single-row ones on the raw better-sqlite3 handle: better-sqlite3
 * runs a prepared statement in a few µs, while a fresh 500-row statement must be parsed each time
 * (measured: ~40% less CPU per 100,000 rows). Must only be used inside a Kysely transaction on
 * the same handle, so rollback covers it.
 */
export function sqliteFigureWriter(raw: SQLiteHandle): FigureWriter {
  const sel = raw.prepare(
    'select id, amount, quantity_milli, note, import_id from figures where unit_id = ? and category_id = ? and period = ?',
  );
  const periodHasFigures = raw.prepare('select 1 from figures where period = ? limit 1').pluck();
  const unitHasFigures = raw.prepare('select 1 from figures where unit_id = ? limit 1').pluck();
  const up = raw.prepare(
    'insert into figures (unit_id, category_id, period, amount, quantity_milli, note, import_id, updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
      'on conflict (unit_id, category_id, period) do update set amount = excluded.amount, quantity_milli = excluded.quantity_milli, note = excluded.note, ' +
      'import_id = excluded.import_id, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
  );
  // SQLite runs an upsert at about half the speed of a plain insert (measured: 3.5 s vs 1.8 s for
  // 300,000 rows), so rows the caller knows to be new are inserted and known ones updated by id.
  const ins = raw.prepare(
    'insert into figures (unit_id, category_id, period, amount, quantity_milli, note, import_id, updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const upd = raw.prepare(
    'update figures set amount = ?, quantity_milli = ?, note = ?, import_id = ?, updated_at = ?, updated_by = ? where id = ?',
  );
  const hist = raw.prepare(
    'insert into figure_history (figure_id, amount, quantity_milli, note, changed_at, changed_by, import_id, source) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return {
    async selectExisting(keys) {
      const out = new Map<string, ExistingFigure>();
      for (const k of keys) {
        const r = sel.get(k.unitId, k.categoryId, k.period) as
          | { id: number; amount: number; quantity_milli: number | null; note: string | null; import_id: number | null }
          | undefined;
        if (r)
          out.set(figureKeyString(k), {
            id: r.id,
            unitId: k.unitId,
            categoryId: k.categoryId,
            period: k.period,
            amount: r.amount,
            quantityMilli: r.quantity_milli,
            note: r.note,
            importId: r.import_id,
          });
      }
      return out;
    },
    async periodsWithFigures(periods) {
      return new Set(periods.filter((p) => periodHasFigures.get(p) !== undefined));
    },
    async unitsWithFigures(unitIds) {
      return new Set(unitIds.filter((u) => unitHasFigures.get(u) !== undefined));
    },
    async upsert(rows, m) {
      for (const r of rows) {
        if (r.existingId === undefined)
          ins.run(r.unitId, r.categoryId, r.period, r.amount, r.quantityMilli, r.note, m.importId, m.now, m.actor);
        else if (upd.run(r.amount, r.quantityMilli, r.note, m.importId, m.now, m.actor, r.existingId).changes === 0) {
          up.run(r.unitId, r.categoryId, r.period, r.amount, r.quantityMilli, r.note, m.importId, m.now, m.actor);
        }
      }
    },
    async insertHistory(rows, m) {
      for (const r of rows)
        hist.run(r.figureId, r.amount, r.quantityMilli, r.note, m.now, m.actor, m.importId, m.source);
    },
  };
}
