/**
 * CLI: `db` — database operations for the operator:
 *   db copy --to postgres://… [--from FILE]   SQLite → empty PostgreSQL, verified per table
 *   db backup --to FILE [--force]             SQLite online backup (PostgreSQL: pg_dump advice)
 *   db migrate                                apply pending migrations
 *   db status                                 applied / pending migrations
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase, isPostgresUrl, type DatabaseHandle } from '../../db/connection.ts';
import { migrateToLatest, migrationStatus } from '../../db/migrator.ts';
import { copySqliteToPostgres, CopyError, type CopyReport } from '../../ops/copy.ts';
import { backupSqlite, BackupError, pgDumpInstructions, redactUrl } from '../../ops/backup.ts';
import { UsageError, type CliCommand, type CliContext } from '../context.ts';

const USAGE = `npm run cli -- db <copy|backup|migrate|status> [options]
  db copy --to postgres://user@host/db [--from data/tietkiem.sqlite] [--batch 1000] [--json]
  db backup --to backups/tietkiem.sqlite [--force]
  db migrate
  db status`;

export const dbCommand: CliCommand = {
  name: 'db',
  summary: 'database operations: copy to PostgreSQL, backup, migrate',
  usage: USAGE,
  async run(ctx, args) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'copy':
        return copy(ctx, rest);
      case 'backup':
        return backup(ctx, rest);
      case 'migrate':
        return migrate(ctx, rest);
      case 'status':
        return status(ctx, rest);
      default:
        throw new UsageError(sub ? `unknown db command: ${sub}` : 'missing db command');
    }
  },
};

async function copy(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { to: { type: 'string' }, from: { type: 'string' }, batch: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!values.to || !isPostgresUrl(values.to)) throw new UsageError('--to must be a postgres:// URL');
  const from = values.from ?? ctx.env.DATABASE_URL;
  if (isPostgresUrl(from)) throw new UsageError('the source must be a SQLite file (--from FILE or DATABASE_URL)');
  const batchSize = values.batch ? Number(values.batch) : undefined;
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0))
    throw new UsageError('--batch must be a positive integer');

  assertSqliteFile(from);
  let source: DatabaseHandle | undefined;
  let target: DatabaseHandle | undefined;
  try {
    source = openDatabase(from);
    await migrateToLatest(source.db);
    target = openDatabase(values.to, { poolMax: 2 });
    await migrateToLatest(target.db);
    ctx.err(`copying ${from} → ${redactUrl(values.to)}`);
    const report = await copySqliteToPostgres({ db: source.db, sqlite: source.sqlite! }, target.db, {
      batchSize,
      progress: (t, n) => ctx.err(`  ${t}: ${n} rows`),
    });
    if (values.json) ctx.out(JSON.stringify(report));
    else printReport(ctx, report);
    return 0;
  } catch (e) {
    if (e instanceof CopyError) {
      if (e.report) printReport(ctx, e.report);
      ctx.err(`Lỗi (${e.code}): ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await target?.close();
    await source?.close();
  }
}

/** Opening a missing file would create an empty database: say so instead. */
function assertSqliteFile(file: string) {
  if (!fs.existsSync(file.replace(/^sqlite:(\/\/)?/i, ''))) throw new UsageError(`no SQLite database at ${file}`);
}

export function formatReport(report: CopyReport): string[] {
  const w = Math.max(5, ...report.tables.map((t) => t.table.length));
  const lines = [
    `${'table'.padEnd(w)}  ${'source'.padStart(9)}  ${'target'.padStart(9)}  ${'sha256 source'.padEnd(16)}  ${'sha256 target'.padEnd(16)}  check`,
  ];
  for (const t of report.tables) {
    lines.push(
      `${t.table.padEnd(w)}  ${String(t.source.rows).padStart(9)}  ${String(t.target.rows).padStart(9)}  ${t.source.sha256.slice(0, 16)}  ${t.target.sha256.slice(0, 16)}  ${t.ok ? 'ok' : 'MISMATCH'}`,
    );
  }
  lines.push(
    `${report.tables.length} tables, ${report.rows} rows copied in ${report.ms} ms: ${report.ok ? 'verified' : 'NOT verified (rolled back)'}`,
  );
  return lines;
}

function printReport(ctx: CliContext, report: CopyReport) {
  for (const l of formatReport(report)) ctx.out(l);
}

async function backup(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { to: { type: 'string' }, force: { type: 'boolean' } } });
  if (isPostgresUrl(ctx.env.DATABASE_URL)) {
    ctx.err(pgDumpInstructions(ctx.env.DATABASE_URL, values.to));
    return 1;
  }
  if (!values.to) throw new UsageError('--to FILE is required');
  assertSqliteFile(ctx.env.DATABASE_URL);
  const handle = openDatabase(ctx.env.DATABASE_URL);
  try {
    const r = await backupSqlite(handle.sqlite!, values.to, { overwrite: values.force });
    ctx.out(`backup written: ${r.file} (${r.bytes} bytes, ${r.pages} pages, ${r.ms} ms, integrity ${r.integrity})`);
    return 0;
  } catch (e) {
    if (e instanceof BackupError) {
      ctx.err(`Lỗi (${e.code}): ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await handle.close();
  }
}

async function migrate(ctx: CliContext, args: string[]): Promise<number> {
  parseArgs({ args, options: {} });
  const handle = openDatabase(ctx.env.DATABASE_URL, { poolMax: 1 });
  try {
    const done = await migrateToLatest(handle.db);
    ctx.out(
      done.length
        ? `applied ${done.length} migration(s):\n${done.map((m) => '  ' + m).join('\n')}`
        : 'database is up to date',
    );
    return 0;
  } finally {
    await handle.close();
  }
}

async function status(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const handle = openDatabase(ctx.env.DATABASE_URL, { poolMax: 1 });
  try {
    const s = await migrationStatus(handle.db);
    if (values.json) ctx.out(JSON.stringify({ dialect: handle.dialect, ...s }));
    else {
      ctx.out(`${handle.dialect}: ${s.applied} applied, ${s.pending.length} pending, ${s.unknown.length} unknown`);
      for (const p of s.pending) ctx.out(`  pending: ${p}`);
      for (const u of s.unknown) ctx.out(`  unknown (applied by a newer version): ${u}`);
    }
    return s.pending.length || s.unknown.length ? 1 : 0;
  } finally {
    await handle.close();
  }
}
