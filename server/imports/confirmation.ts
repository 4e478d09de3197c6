/**
 * How an import ends, one rule for every kind of import (figures, units, norms, e-invoices):
 * errors win (nothing stored; warnings still listed); a dry run stores nothing and lists both;
 * a file with warnings is stored only when the person confirmed them (dashboard checkbox, API
 * `acceptWarnings: true`, CLI `--accept-warnings`), otherwise nothing is stored and the answer is
 * 409 `warnings_unconfirmed` (API) or exit code 3 (CLI), with the warnings.
 *
 * Reuse for another kind: decide with `outcomeOf`, answer HTTP with `throwUnlessStored(report)`
 * (403 unit_forbidden / 422 import_rejected / 409 warnings_unconfirmed, the report in `details`),
 * exit the CLI with `exitCodeOf(status)`, read the form field with `formFlag`.
 */
import { AppError } from '../errors.ts';
import type { ImportError, ImportStatus, ImportWarning } from '../../domain/schemas/import.ts';

export type ImportOutcome = Extract<ImportStatus, 'stored' | 'rejected' | 'dry_run' | 'unconfirmed'>;

/** The end of an import from what reading found and what the caller asked. */
export function outcomeOf(f: {
  errorCount: number;
  warningCount: number;
  dryRun: boolean;
  acceptWarnings: boolean;
}): ImportOutcome {
  if (f.errorCount > 0) return 'rejected';
  if (f.dryRun) return 'dry_run';
  if (f.warningCount > 0 && !f.acceptWarnings) return 'unconfirmed';
  return 'stored';
}

/** What the answers below need of a report (ImportReport has it; so can an e-invoice report). */
export interface ReportLike {
  fileName: string;
  status: ImportStatus;
  errors: ImportError[];
  errorCount?: number;
  warnings: ImportWarning[];
  warningCount?: number;
}

/** The 422 message of a rejected file. */
export function rejectedMessage(r: ReportLike): string {
  return `${r.fileName}: ${r.errorCount ?? r.errors.length} lỗi, không có dòng nào được lưu`;
}

/** The 409 message of a file whose warnings were not confirmed. */
export function unconfirmedMessage(r: ReportLike): string {
  const n = r.warningCount ?? r.warnings.length;
  return `${r.fileName}: ${n} cảnh báo cần xác nhận, chưa lưu gì. Hãy kiểm tra từng số; nếu đúng, xác nhận rồi lưu lại (acceptWarnings).`;
}

/**
 * The HTTP answer of a report that was not stored: 403 when rows name units outside the caller's
 * scope (every error listed), 422 for other errors, 409 for unconfirmed warnings. Stored and dry
 * runs pass through.
 */
export function throwUnlessStored(r: ReportLike): void {
  if (r.status === 'rejected') {
    const forbidden = r.errors.filter((e) => e.code === 'unit_forbidden');
    if (forbidden.length) {
      const units = [...new Set(forbidden.map((e) => e.params?.unit ?? e.value))].join(', ');
      throw new AppError(
        403,
        'unit_forbidden',
        `Bạn không được nhập số liệu cho đơn vị ${units}; tệp không được lưu. Hãy bỏ các dòng của đơn vị này (xem danh sách lỗi).`,
        r,
        undefined,
        { unit: units, access: 'write', subject: 'figures', file: r.fileName },
      );
    }
    throw new AppError(422, 'import_rejected', rejectedMessage(r), r, undefined, {
      file: r.fileName,
      n: r.errorCount ?? r.errors.length,
    });
  }
  if (r.status === 'unconfirmed')
    throw new AppError(409, 'warnings_unconfirmed', unconfirmedMessage(r), r, undefined, {
      file: r.fileName,
      n: r.warningCount ?? r.warnings.length,
    });
}

/** CLI exit codes: 0 stored or dry run, 1 rejected or refused, 2 usage error, 3 warnings not confirmed. */
export const EXIT = { ok: 0, rejected: 1, usage: 2, unconfirmed: 3 } as const;

export function exitCodeOf(status: ImportStatus): number {
  if (status === 'stored' || status === 'dry_run') return EXIT.ok;
  if (status === 'unconfirmed') return EXIT.unconfirmed;
  return EXIT.rejected;
}

/** A multipart flag: '1'/'true' → true. */
export function formFlag(v: string | undefined): boolean {
  return v === '1' || v === 'true';
}
