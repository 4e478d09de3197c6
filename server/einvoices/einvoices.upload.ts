/**
 * POST /api/imports with kind=invoices: one or more `file` fields (XML, ZIP; other files are
 * skipped and listed), `dryRun`, `acceptWarnings`. 200 stored or previewed; 422 with the report
 * when any error; 409 with the report when warnings were not confirmed; the service audits the
 * stored import with the warnings confirmed.
 */
import type { Context } from 'hono';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { callerOf } from '../auth/context.ts';
import type { InvoiceImportReport } from '../../domain/schemas/einvoice.ts';
import { importInvoices } from './einvoices.service.ts';

const isTrue = (v: unknown) => v === '1' || v === 'true';

export async function uploadInvoices(
  deps: AppDeps,
  c: Context,
  form: { file?: unknown; dryRun?: string; acceptWarnings?: string },
): Promise<InvoiceImportReport> {
  const files = (Array.isArray(form.file) ? form.file : [form.file]).filter((f): f is File => f instanceof File);
  if (files.length === 0)
    throw new AppError(400, 'file_missing', 'Chưa chọn tệp: gửi các tệp hóa đơn (.xml, .zip) trong trường "file".');
  const total = files.reduce((s, f) => s + f.size, 0);
  if (total > deps.env.UPLOAD_MAX_BYTES) throw new AppError(413, 'payload_too_large', 'Tệp quá lớn.');
  // Names are only shown and matched for their extension; nothing is written to disk.
  const sources = await Promise.all(
    files.map(async (f) => ({ fileName: f.name || 'upload.xml', bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
  const caller = callerOf(c);
  const report = await importInvoices(deps, sources, {
    dryRun: isTrue(form.dryRun),
    acceptWarnings: isTrue(form.acceptWarnings),
    actor: caller.actor,
    allowedUnitIds: caller.writeIds,
    audit: caller,
  });
  if (report.status === 'rejected')
    throw new AppError(
      422,
      'import_rejected',
      `${report.fileName}: ${report.errorCount} lỗi, không có hóa đơn nào được lưu`,
      report,
    );
  if (report.status === 'unconfirmed')
    throw new AppError(
      409,
      'warnings_unconfirmed',
      `Có ${report.warnings.length} cảnh báo cần xác nhận trước khi lưu; chưa lưu gì.`,
      report,
    );
  return report;
}
