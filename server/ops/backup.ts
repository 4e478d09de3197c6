/**
 * Backups. SQLite: the online backup API (better-sqlite3 `.backup()`), safe while the app keeps
 * serving and writing, then an integrity check of the copy. PostgreSQL: pg_dump does it better
 * than we could, so we only say how (pgDumpInstructions).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  ms: number;
  integrity: string;
}

export class BackupError extends Error {
  constructor(
    readonly code: 'exists' | 'integrity' | 'not_sqlite',
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Copies the live SQLite database into `file` (refuses to overwrite unless `overwrite`). */
export async function backupSqlite(
  sqlite: SQLite.Database,
  file: string,
  opts: { overwrite?: boolean } = {},
): Promise<BackupResult> {
  const target = path.resolve(file);
  if (fs.existsSync(target) && !opts.overwrite) {
    throw new BackupError('exists', `Tệp ${file} đã có; chọn tên khác hoặc thêm --force để ghi đè.`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // The backup API copies into a temporary name first so a half-written file never looks like a backup.
  const tmp = `${target}.partial-${process.pid}`;
  const started = performance.now();
  try {
    const pages = (await sqlite.backup(tmp)).totalPages;
    const copy = new SQLite(tmp, { readonly: true });
    let integrity: string;
    try {
      integrity = String(copy.pragma('integrity_check', { simple: true }));
    } finally {
      copy.close();
    }
    if (integrity !== 'ok')
      throw new BackupError('integrity', `Bản sao lưu lỗi (integrity_check: ${integrity}); không ghi ${file}.`);
    fs.renameSync(tmp, target);
    return {
      file: target,
      bytes: fs.statSync(target).size,
      pages,
      ms: Math.round(performance.now() - started),
      integrity,
    };
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  }
}

/** What to run instead for a PostgreSQL database (custom format dump, and how to restore it). */
export function pgDumpInstructions(url: string, file = 'tietkiem-$(date +%Y%m%d-%H%M).dump'): string {
  const safe = redactUrl(url);
  return [
    'DATABASE_URL là PostgreSQL: dùng pg_dump (sao lưu trực tuyến, nhất quán, không khóa ứng dụng):',
    `  pg_dump -Fc --no-owner -d '${safe}' -f ${file}`,
    'Khôi phục vào một cơ sở dữ liệu mới, trống:',
    `  createdb tietkiem_restore && pg_restore --no-owner -d tietkiem_restore ${file}`,
    '(PostgreSQL is the database: use pg_dump -Fc to back up and pg_restore to restore; see docs/postgres.md.)',
  ].join('\n');
}

/** A URL without its password, for printing. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
