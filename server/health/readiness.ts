/**
 * The readiness check: database reachable within a time limit, no migration pending or unknown
 * to this code, and not draining for shutdown. Every failing check is listed, not only the first.
 */
import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { AppDeps } from '../deps.ts';
import { migrationStatus } from '../db/migrator.ts';

const DB_TIMEOUT_MS = 2000;

export const ReadinessSchema = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    database: z.string(),
    checks: z.object({
      database: z.enum(['ok', 'unreachable']),
      migrations: z.enum(['ok', 'pending', 'unknown', 'unchecked']),
      draining: z.boolean(),
    }),
    pendingMigrations: z.array(z.string()),
    unknownMigrations: z.array(z.string()),
    /** What is wrong, in Vietnamese, for the operator. */
    problems: z.array(z.string()),
  })
  .openapi('Readiness');
export type Readiness = z.infer<typeof ReadinessSchema>;

export async function checkReadiness(deps: AppDeps): Promise<Readiness> {
  const problems: string[] = [];
  const draining = deps.draining?.() ?? false;
  if (draining) problems.push('Máy chủ đang dừng (đang hoàn tất các yêu cầu và tác vụ dở dang).');

  let database: Readiness['checks']['database'] = 'ok';
  let migrations: Readiness['checks']['migrations'] = 'unchecked';
  let pending: string[] = [];
  let unknown: string[] = [];
  try {
    await withTimeout(sql`select 1`.execute(deps.db), DB_TIMEOUT_MS);
    const s = await withTimeout(migrationStatus(deps.db), DB_TIMEOUT_MS);
    pending = s.pending;
    unknown = s.unknown;
    migrations = pending.length ? 'pending' : unknown.length ? 'unknown' : 'ok';
    if (pending.length)
      problems.push(`Còn ${pending.length} migration chưa chạy: chạy "npm run cli -- db migrate" hoặc khởi động lại.`);
    if (unknown.length)
      problems.push(
        `Cơ sở dữ liệu đã được một phiên bản mới hơn cập nhật (${unknown.join(', ')}): hãy cập nhật phiên bản này.`,
      );
  } catch (e) {
    database = 'unreachable';
    deps.logger.warn({ err: e }, 'readiness: database unreachable');
    problems.push('Không kết nối được cơ sở dữ liệu.');
  }
  return {
    status: problems.length ? 'not_ready' : 'ready',
    database: deps.dialect,
    checks: { database, migrations, draining },
    pendingMigrations: pending,
    unknownMigrations: unknown,
    problems,
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]);
}
