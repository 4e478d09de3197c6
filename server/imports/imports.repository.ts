/** SQL for the imports log and for the lookup (units, categories) the file readers match names against. */
import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/schema.ts';
import './imports.tables.ts';
import type { ImportError, ImportKind, ImportReport } from '../../domain/schemas/import.ts';

/** An error as stored: the ImportError plus the rejected row's cells, for the error file. */
export interface StoredImportError extends ImportError {
  cells?: string[];
}

export interface ImportRowInput {
  kind: ImportKind;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  shape: string | null;
  status: 'stored' | 'rejected' | 'dry_run';
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errors: StoredImportError[];
  headers: string[] | null;
  createdAt: string;
  createdBy: string | null;
}

function toRow(r: ImportRowInput) {
  return {
    kind: r.kind,
    file_name: r.fileName,
    sha256: r.sha256,
    size_bytes: r.sizeBytes,
    shape: r.shape,
    status: r.status,
    rows: r.rows,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    error_count: r.errorCount,
    errors: JSON.stringify(r.errors),
    headers: r.headers ? JSON.stringify(r.headers) : null,
    created_at: r.createdAt,
    created_by: r.createdBy,
  };
}

export async function insertImport(db: Kysely<Database>, r: ImportRowInput): Promise<number> {
  const row = await db.insertInto('imports').values(toRow(r)).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateImport(db: Kysely<Database>, id: number, r: ImportRowInput): Promise<void> {
  await db.updateTable('imports').set(toRow(r)).where('id', '=', id).execute();
}

export type ImportDbRow = Awaited<ReturnType<typeof getImportRow>>;

export function getImportRow(db: Db, id: number) {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listImportRows(db: Db, limit: number) {
  return db
    .selectFrom('imports')
    .select([
      'id',
      'kind',
      'file_name',
      'sha256',
      'size_bytes',
      'shape',
      'status',
      'rows',
      'inserted',
      'updated',
      'unchanged',
      'error_count',
      'created_at',
      'created_by',
      'invoice_summary',
    ])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The stored row as the API report (the preview's change list is not kept). */
export function toImportReport(r: NonNullable<ImportDbRow>): ImportReport & { errorCount: number } {
  const errors = (JSON.parse(r.errors) as StoredImportError[]).map(({ cells: _c, ...e }) => e);
  return {
    id: Number(r.id),
    kind: r.kind,
    fileName: r.file_name,
    sha256: r.sha256,
    sizeBytes: r.size_bytes,
    shape: r.shape as ImportReport['shape'],
    status: r.status,
    ok: r.status !== 'rejected',
    dryRun: r.status === 'dry_run',
    rows: r.rows,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    errors,
    errorCount: r.error_count,
    changes: [],
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

/** Units and categories in the shape the ingest readers match names, codes and aliases against. */
export async function loadLookup(db: Kysely<Database>) {
  const units = await db.selectFrom('units').select(['id', 'code', 'name', 'aliases']).orderBy('id').execute();
  const cats = await db
    .selectFrom('categories')
    .select(['id', 'code', 'name_vi', 'name_en', 'quantity_unit', 'aliases', 'retired'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return {
    units: units.map((u) => ({
      id: Number(u.id),
      code: u.code,
      name: u.name,
      aliases: JSON.parse(u.aliases) as string[],
    })),
    categories: cats.map((c) => ({
      id: Number(c.id),
      code: c.code,
      nameVi: c.name_vi,
      nameEn: c.name_en,
      quantityUnit: c.quantity_unit,
      aliases: JSON.parse(c.aliases) as string[],
      retired: c.retired === 1,
    })),
  };
}
