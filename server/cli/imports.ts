/**
 * The `<kind> import FILE [--dry-run] [--accept-warnings] [--json]` commands (figures, units,
 * norms) over the same importFile as the HTTP API. --json prints exactly one object on stdout:
 * {ok, status, inserted, updated, unchanged, errors:[{row,column,value,message,code}],
 * warnings:[{row,column,value,reference,code,message}]}. Exit codes (confirmation.ts): 0 stored or
 * dry run, 1 rejected or refused, 2 usage error, 3 warnings not confirmed (nothing stored).
 *
 * Reuse for another kind (e-invoices): `cliJson`, `printErrors`, `printWarnings`, `exitCodeOf`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../errors.ts';
import { databaseFault } from '../db/errors.ts';
import { UsageError, type CliContext } from './context.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { ImportError, ImportKind, ImportWarning } from '../../domain/schemas/import.ts';
import { importFile, type ImportResult } from '../imports/imports.service.ts';
import { EXIT, exitCodeOf, rejectedMessage, unconfirmedMessage } from '../imports/confirmation.ts';

/** The flags every import command takes (`--dry-run`, `--accept-warnings`, `--json`) and its positionals. */
export function parseImportArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean' }, 'accept-warnings': { type: 'boolean' }, json: { type: 'boolean' } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

const KIND_VI: Record<ImportKind, string> = {
  figures: 'số liệu',
  units: 'đơn vị',
  norms: 'định mức',
  invoices: 'hóa đơn',
  'invoice-accounts': 'tài khoản hóa đơn',
};

const where = (x: { file?: string; invoice?: string }) => ({
  ...(x.file != null ? { file: x.file } : {}),
  ...(x.invoice != null ? { invoice: x.invoice } : {}),
});

/** Errors and warnings as the CLI's JSON lists them (the documented fields, no dashboard params). */
export function cliJson(r: { errors: ImportError[]; warnings: ImportWarning[] }) {
  return {
    errors: r.errors.map((e) => ({
      row: e.row,
      column: e.column,
      value: e.value,
      message: e.message,
      code: e.code,
      ...where(e),
    })),
    warnings: r.warnings.map((w) => ({
      row: w.row,
      column: w.column,
      value: w.value,
      reference: w.reference,
      code: w.code,
      message: w.message,
      ...where(w),
    })),
  };
}

function table(ctx: CliContext, head: string[], rows: string[][]): void {
  const last = head.length - 1;
  const w = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((x) => x[i].length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === last ? c : c.slice(0, w[i]).padEnd(w[i]))).join('  ');
  ctx.out(line(head));
  for (const x of rows) ctx.out(line(x));
}

export function printErrors(ctx: CliContext, errors: ImportError[], total = errors.length): void {
  table(
    ctx,
    ['Dòng', 'Cột', 'Giá trị', 'Lỗi'],
    errors.map((e) => [String(e.row), e.column, e.value, e.message]),
  );
  if (total > errors.length) ctx.out(`… và ${total - errors.length} lỗi khác.`);
}

export function printWarnings(ctx: CliContext, warnings: ImportWarning[], total = warnings.length): void {
  ctx.out(`Cảnh báo (${total}):`);
  table(
    ctx,
    ['Dòng', 'Cột', 'Giá trị', 'So với', 'Cảnh báo'],
    warnings.map((w) => [String(w.row), w.column, w.value, w.reference, w.message]),
  );
  if (total > warnings.length) ctx.out(`… và ${total - warnings.length} cảnh báo khác.`);
}

export async function runImportCommand(
  ctx: CliContext,
  kind: ImportKind,
  args: string[],
  audit?: AuditActor,
): Promise<number> {
  const parsed = parseImportArgs(args);
  const [sub, file, ...extra] = parsed.positionals;
  if (sub !== 'import' || !file || extra.length)
    throw new UsageError(`Cần: ${kind} import FILE [--dry-run] [--accept-warnings] [--json]`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`Không tìm thấy tệp ${file}`);
  const json = parsed.values.json ?? false;
  const deps = await ctx.deps();
  let r: ImportResult;
  try {
    r = await importFile(
      deps,
      { fileName: path.basename(file), path: path.resolve(file) },
      {
        kind,
        dryRun: parsed.values['dry-run'] ?? false,
        acceptWarnings: parsed.values['accept-warnings'] ?? false,
        actor: 'cli',
        audit,
      },
    );
  } catch (caught) {
    // A whole-file refusal, or a database fault (disk full, locked file) worded for the operator.
    const e = caught instanceof AppError ? caught : databaseFault(caught);
    if (!e) throw caught;
    if (json)
      ctx.out(
        JSON.stringify({
          ok: false,
          status: 'refused',
          inserted: 0,
          updated: 0,
          unchanged: 0,
          errors: [{ row: 0, column: '', value: path.basename(file), message: e.message, code: e.code }],
          warnings: [],
        }),
      );
    else ctx.err(`Lỗi: ${e.message}`);
    return EXIT.rejected;
  }
  const code = exitCodeOf(r.status);
  if (json) {
    const { inserted, updated, unchanged, status } = r;
    ctx.out(JSON.stringify({ ok: r.ok, status, inserted, updated, unchanged, ...cliJson(r) }));
    return code;
  }
  if (r.status === 'rejected') {
    ctx.out(`${rejectedMessage(r)}.`);
    printErrors(ctx, r.errors, r.errorCount);
    if (r.warningCount) printWarnings(ctx, r.warnings, r.warningCount);
    return code;
  }
  if (r.status === 'unconfirmed') {
    ctx.out(unconfirmedMessage(r).replace('(acceptWarnings)', 'với --accept-warnings'));
    printWarnings(ctx, r.warnings, r.warningCount);
    return code;
  }
  const verb = r.dryRun ? 'Chạy thử (không lưu)' : 'Đã lưu';
  const confirmed = r.warningsAcceptedBy ? ` Đã xác nhận ${r.warningCount} cảnh báo (${r.warningsAcceptedBy}).` : '';
  ctx.out(
    `${verb} tệp ${KIND_VI[kind]} ${r.fileName} (lần nhập #${r.id}): ${r.rows} dòng; thêm mới ${r.inserted}, cập nhật ${r.updated}, không đổi ${r.unchanged}.${confirmed}`,
  );
  if (r.dryRun && r.warningCount) printWarnings(ctx, r.warnings, r.warningCount);
  return code;
}
