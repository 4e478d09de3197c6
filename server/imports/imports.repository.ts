/** SQL for the imports log and for the lookup (units, categories) the file readers match names against. */
import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/schema.ts';
import './imports.tables.ts';
import type {
  ImportError,
  ImportKind,
  ImportReport,
  ImportStatus,
  ImportWarning,
} from '../../domain/schemas/import.ts';

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
  status: ImportStatus;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errors: StoredImportError[];
  headers: string[] | null;
  warningCount: number;
  warnings: ImportWarning[];
  warningsAcceptedBy: string | null;
  warningsAcceptedAt: string | null;
  /** Refused or failed uploads: the HTTP status of the answer. */
  httpStatus?: number | null;
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
    warnings: JSON.stringify(r.warnings),
    warning_count: r.warningCount,
    warnings_accepted_by: r.warningsAcceptedBy,
    warnings_accepted_at: r.warningsAcceptedAt,
    http_status: r.httpStatus ?? null,
    created_at: r.createdAt,
    created_by: r.createdBy,
  };
}

export async function insertImport(db: Kysely<Database>, r: ImportRowInput): Promise<number> {
  const row = await db.insertInto('imports').values(toRow(r)).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Records an upload refused or failed before it could be read (see recordFailedUpload in imports.service.ts). */
export async function insertFailedImport(
  db: Kysely<Database>,
  r: Pick<ImportRowInput, 'kind' | 'fileName' | 'sha256' | 'sizeBytes' | 'createdAt' | 'createdBy'> & {
    status: 'refused' | 'failed';
    httpStatus: number;
    error: ImportError;
  },
): Promise<number> {
  return insertImport(db, {
    ...r,
    shape: null,
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    errorCount: 1,
    errors: [r.error],
    headers: null,
    warningCount: 0,
    warnings: [],
    warningsAcceptedBy: null,
    warningsAcceptedAt: null,
  });
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
      'warning_count',
      'warnings_accepted_by',
      'warnings_accepted_at',
      'http_status',
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
    ok: r.status === 'stored' || r.status === 'dry_run',
    dryRun: r.status === 'dry_run',
    rows: r.rows,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    errors,
    errorCount: r.error_count,
    warnings: JSON.parse(r.warnings) as ImportWarning[],
    warningCount: r.warning_count,
    warningsAcceptedBy: r.warnings_accepted_by,
    warningsAcceptedAt: r.warnings_accepted_at,
    httpStatus: r.http_status,
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

/** Stored figures of these units × categories from `from` through `to`, for plausibility history. */
export async function loadFigureSeriesRows(
  db: Kysely<Database>,
  unitIds: number[],
  categoryIds: number[],
  from: string,
  to: string,
  /** Leave out the figures this import wrote (the caller has them already). */
  exceptImportId?: number,
): Promise<{ unitId: number; categoryId: number; period: string; amount: number; quantityMilli: number | null }[]> {
  if (!unitIds.length || !categoryIds.length) return [];
  let q = db
    .selectFrom('figures')
    .select(['unit_id', 'category_id', 'period', 'amount', 'quantity_milli'])
    .where('unit_id', 'in', unitIds)
    .where('category_id', 'in', categoryIds)
    .where('period', '>=', from)
    .where('period', '<=', to);
  if (exceptImportId != null)
    q = q.where((eb) => eb.or([eb('import_id', 'is', null), eb('import_id', '!=', exceptImportId)]));
  const rows = await q.execute();
  return rows.map((r) => ({
    unitId: Number(r.unit_id),
    categoryId: Number(r.category_id),
    period: r.period,
    amount: Number(r.amount),
    quantityMilli: r.quantity_milli == null ? null : Number(r.quantity_milli),
  }));
}
