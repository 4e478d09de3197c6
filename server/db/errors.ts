/**
 * Database faults a person can do something about, told apart from bugs: another process holds
 * the SQLite write lock (503 `database_busy`), the disk is full (507 `disk_full`), PostgreSQL ended
 * or refused the connection (503 `database_unavailable`: a restart, a failover, a DBA's
 * pg_terminate_backend). The HTTP error handler and the CLI both word them through databaseFault(),
 * so the first, real error is what the person reads, never a follow-up error.
 */
import { AppError } from '../errors.ts';

/** Thrown by the SQLite driver when another process kept the write lock past the wait allowed. */
export class DatabaseBusyError extends Error {
  readonly code = 'SQLITE_BUSY';
  constructor(override readonly cause: unknown) {
    super('database is locked by another process');
    this.name = 'DatabaseBusyError';
  }
}

const codeOf = (e: unknown): string => String((e as { code?: unknown } | null)?.code ?? '');

export function isSqliteBusy(e: unknown): boolean {
  const c = codeOf(e);
  return c === 'SQLITE_BUSY' || c.startsWith('SQLITE_BUSY_') || c === 'SQLITE_LOCKED';
}

export function isDiskFull(e: unknown): boolean {
  const c = codeOf(e);
  return c === 'SQLITE_FULL' || c === 'ENOSPC' || c === '53100'; /* PostgreSQL disk_full */
}

// Class 08 (connection exception), 57P01–57P03 (admin/crash shutdown, cannot connect now),
// 53300 (too many connections), and what node-postgres and the socket say when the server goes away.
const PG_GONE = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const PG_GONE_MESSAGES = [
  'Connection terminated',
  'Client was closed and is not queryable',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
];

export function isConnectionLost(e: unknown): boolean {
  const c = codeOf(e);
  if (PG_GONE.has(c) || c.startsWith('08')) return true;
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' && PG_GONE_MESSAGES.some((p) => m.includes(p));
}

/** Seconds a client should wait before trying again after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/** The AppError a database fault means for the person, or undefined for anything else (a bug: 500). */
export function databaseFault(e: unknown): AppError | undefined {
  if (e instanceof AppError) return undefined;
  if (isDiskFull(e))
    return new AppError(
      507,
      'disk_full',
      'Ổ đĩa đầy: không ghi được dữ liệu, chưa có gì được lưu. Hãy báo quản trị viên giải phóng dung lượng ổ đĩa của máy chủ, rồi thử lại.',
    );
  if (e instanceof DatabaseBusyError || isSqliteBusy(e))
    return new AppError(
      503,
      'database_busy',
      `Cơ sở dữ liệu đang bận (một tiến trình khác đang ghi), chưa có gì được lưu. Hãy thử lại sau ${RETRY_AFTER_SECONDS} giây.`,
      undefined,
      RETRY_AFTER_SECONDS,
    );
  if (isConnectionLost(e))
    return new AppError(
      503,
      'database_unavailable',
      `Mất kết nối tới cơ sở dữ liệu, chưa có gì được lưu. Hãy thử lại sau ${RETRY_AFTER_SECONDS} giây.`,
      undefined,
      RETRY_AFTER_SECONDS,
    );
  return undefined;
}
