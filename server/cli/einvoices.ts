/**
 * `invoices import PATH... [--dry-run] [--accept-warnings] [--json]` (a PATH is an .xml, a .zip
 * or a folder, read recursively) and `invoices accounts import FILE [--dry-run] [--json]`, over
 * the same services as the HTTP API. Exit 0 stored or dry run, 1 rejected or refused, 2 usage
 * error, 3 warnings not confirmed (nothing stored: run again with --accept-warnings).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { UsageError, type CliContext } from './context.ts';
import { parseImportArgs, runImportCommand } from './imports.ts';
import { cliCaller } from '../auth/caller.ts';
import type { FileSource } from '../ingest/types.ts';
import type { InvoiceImportReport } from '../../domain/schemas/einvoice.ts';
import { importInvoices } from '../einvoices/einvoices.service.ts';

export const INVOICES_USAGE =
  'npm run cli -- invoices import PATH... [--dry-run] [--accept-warnings] [--json] | invoices accounts import FILE [--dry-run] [--json]';

/** Files under a folder, sorted, named relative to the folder's parent ("2026-10/evn.xml"). */
function listFolder(dir: string): FileSource[] {
  const base = path.dirname(path.resolve(dir));
  const out: FileSource[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push({ fileName: path.relative(base, p).split(path.sep).join('/'), path: p });
    }
  };
  walk(path.resolve(dir));
  return out;
}

export function sourcesOf(paths: string[]): FileSource[] {
  const out: FileSource[] = [];
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new UsageError(`Không tìm thấy ${p}`);
    const st = fs.statSync(p);
    if (st.isDirectory()) out.push(...listFolder(p));
    else out.push({ fileName: path.basename(p), path: path.resolve(p) });
  }
  return out;
}

const exitOf = (r: InvoiceImportReport) => (r.status === 'rejected' ? 1 : r.status === 'unconfirmed' ? 3 : 0);

function printHuman(ctx: CliContext, r: InvoiceImportReport): void {
  const c = r.invoices;
  const verb =
    r.status === 'stored'
      ? `Đã lưu (lần nhập #${r.id})`
      : r.status === 'dry_run'
        ? 'Chạy thử (không lưu)'
        : r.status === 'unconfirmed'
          ? 'Chưa lưu: có cảnh báo cần xác nhận'
          : 'Không lưu gì';
  ctx.out(
    `${verb}: ${r.files} tệp XML; hóa đơn mới ${c.new}, trùng ${c.duplicate}, thay thế ${c.replaced}, điều chỉnh ${c.adjusted}; số liệu thêm ${r.inserted}, cập nhật ${r.updated}, không đổi ${r.unchanged}.`,
  );
  for (const ch of r.changes) {
    const before = ch.before ? `${String(ch.before.amount)} → ` : '';
    ctx.out(
      `  ${ch.key}: ${before}${String(ch.after.amount)} đ${ch.after.quantity != null ? ` (${String(ch.after.quantity)})` : ''}`,
    );
  }
  if (r.skipped.length) ctx.out(`Bỏ qua ${r.skipped.length} tệp không phải hóa đơn XML: ${r.skipped.join(', ')}`);
  for (const e of r.errors) ctx.out(`Lỗi  ${e.file}${e.invoice ? ` [${e.invoice}]` : ''}: ${e.message}`);
  for (const w of r.warnings) ctx.out(`Cảnh báo  ${w.file ?? ''}${w.invoice ? ` [${w.invoice}]` : ''}: ${w.message}`);
  if (r.status === 'unconfirmed') ctx.out('Kiểm tra các cảnh báo rồi chạy lại với --accept-warnings để lưu.');
}

async function runInvoiceImport(ctx: CliContext, args: string[]): Promise<number> {
  const parsed = parseImportArgs(args);
  const paths = parsed.positionals;
  if (paths.length === 0) throw new UsageError('Cần ít nhất một PATH (tệp .xml, .zip hoặc thư mục).');
  const sources = sourcesOf(paths);
  const json = parsed.values.json ?? false;
  const deps = await ctx.deps();
  let r: InvoiceImportReport;
  try {
    r = await importInvoices(deps, sources, {
      actor: 'cli',
      audit: cliCaller(),
      dryRun: parsed.values['dry-run'] ?? false,
      acceptWarnings: parsed.values['accept-warnings'] ?? false,
    });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (json) {
      const d = (e.details ?? {}) as { file?: string; invoice?: string };
      const error = { file: d.file ?? '', invoice: d.invoice ?? '', code: e.code, message: e.message };
      const none = { new: 0, duplicate: 0, replaced: 0, adjusted: 0 };
      ctx.out(
        JSON.stringify({
          ok: false,
          invoices: none,
          skipped: [],
          inserted: 0,
          updated: 0,
          unchanged: 0,
          errors: [error],
          warnings: [],
        }),
      );
    } else ctx.err(`Lỗi: ${e.message}`);
    return 1;
  }
  if (json) {
    const { ok, status, invoices, skipped, inserted, updated, unchanged, warnings } = r;
    const errors = r.errors.map((e) => ({ file: e.file, invoice: e.invoice, code: e.code, message: e.message }));
    ctx.out(JSON.stringify({ ok, status, invoices, skipped, inserted, updated, unchanged, errors, warnings }));
  } else printHuman(ctx, r);
  return exitOf(r);
}

export async function runInvoicesCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import') return runInvoiceImport(ctx, rest);
  if (sub === 'accounts') return runImportCommand(ctx, 'invoice-accounts', rest, cliCaller());
  throw new UsageError(`Cần: ${INVOICES_USAGE}`);
}
