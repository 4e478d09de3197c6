/**
 * The error file of a rejected upload: the original header and the rejected rows' cells, plus a
 * column "Lỗi" saying what to fix. UTF-8 with BOM so Excel opens it with the tone marks intact;
 * cells that a spreadsheet would run as a formula are prefixed with ' (OWASP ASVS V1.2.10).
 */
import { stringify } from 'csv-stringify/sync';
import type { StoredImportError } from './imports.repository.ts';
import { safeCell } from '../../domain/spreadsheet.ts';

export { safeCell };

/** CSV text (with BOM) of the rejected rows, in row order, one line per row. */
export function buildErrorCsv(headers: string[] | null, errors: StoredImportError[]): string {
  const byRow = new Map<number, { cells: string[] | undefined; messages: string[] }>();
  for (const e of [...errors].sort((a, b) => a.row - b.row)) {
    const entry = byRow.get(e.row) ?? { cells: undefined, messages: [] };
    entry.cells ??= e.cells;
    entry.messages.push(`Dòng ${e.row}, cột "${e.column}"${e.value ? ` (giá trị "${e.value}")` : ''}: ${e.message}`);
    byRow.set(e.row, entry);
  }
  const head = headers ?? [];
  let width = head.length;
  for (const { cells } of byRow.values()) width = Math.max(width, cells?.length ?? 0);
  const pad = (cells: string[]) => [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill('')];
  const lines: string[][] = [[...pad(head), 'Lỗi']];
  for (const { cells, messages } of byRow.values()) lines.push([...pad(cells ?? []), messages.join('; ')]);
  return (
    '\ufeff' +
    stringify(
      lines.map((l) => l.map((c) => safeCell(String(c ?? '')))),
      { record_delimiter: '\r\n' },
    )
  );
}
