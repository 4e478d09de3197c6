/**
 * The error list as a CSV the officer opens in Excel (UTF-8 BOM so Vietnamese shows; cells that
 * a spreadsheet would run as formulas are prefixed with ' per OWASP). Used when the server gave
 * no stored import id to download the error file from.
 */
import type { ImportError } from '../../../../domain/schemas/import.ts';

function cell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r\0]/.test(s)) s = `'${s}`;
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function errorsCsv(errors: ImportError[]): string {
  const lines = [['Dòng', 'Cột', 'Giá trị', 'Lỗi', 'Mã lỗi'].join(',')];
  for (const e of errors) lines.push([e.row, e.column, e.value, e.message, e.code].map(cell).join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
