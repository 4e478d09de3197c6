/**
 * A chart's or table's numbers as a file: CSV (UTF-8 with BOM; in Vietnamese `;`-separated with
 * vi-VN numbers, 43.200.000 and 10,0, as a Vietnamese Excel expects) and XLSX (numeric cells with
 * thousands-separator formats, built by xlsx.ts, loaded only when asked for). Headings are in the
 * page's language (Vietnamese by default). Text cells are formula-safe.
 */
import { safeCell } from '../../../domain/spreadsheet.ts';
import { getLang, type Lang } from '../i18n/i18n.ts';
import { FRACTION_DIGITS, plainDecimal } from '../format.ts';

/** How a column's numbers are written: đồng, a quantity (up to 3 decimals), a percent (1 decimal). */
export type ColumnKind = 'text' | 'money' | 'quantity' | 'percent';

export interface ExportColumn {
  label: string;
  kind: ColumnKind;
}

export type ExportCell = string | number | null;

export interface ExportTable {
  /** Sheet name and the start of the file name. */
  title: string;
  /** File name without extension, e.g. 'dien-bien-STTTT-2020-stationery'. */
  fileName: string;
  columns: ExportColumn[];
  rows: ExportCell[][];
}

/** A number in a column of each kind is written as the dashboard shows it (a stray number in text as money). */
const DIGITS: Record<ColumnKind, readonly [number, number]> = { text: FRACTION_DIGITS.money, ...FRACTION_DIGITS };

/** One CSV field: numbers in the language's style, text formula-safe, quoted when needed. */
function csvField(v: ExportCell, kind: ColumnKind, lang: Lang, sep: string): string {
  const s = v == null ? '' : typeof v === 'number' ? plainDecimal(v, lang, ...DIGITS[kind]) : safeCell(v);
  return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** @example tableCsv(t, 'vi') // '\ufeffTháng;Thực chi (đ)\r\nTháng 1/2020;3.600.000\r\n' */
export function tableCsv(t: ExportTable, lang: Lang = getLang()): string {
  const sep = lang === 'vi' ? ';' : ',';
  const lines = [
    t.columns.map((c) => csvField(c.label, 'text', lang, sep)).join(sep),
    ...t.rows.map((r) => t.columns.map((c, i) => csvField(r[i] ?? null, c.kind, lang, sep)).join(sep)),
  ];
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

/** Saves a Blob or a data: URL under a file name (an <a download> click). */
export function saveFile(name: string, data: Blob | string): void {
  const url = typeof data === 'string' ? data : URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  if (typeof data !== 'string') setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(t: ExportTable): void {
  saveFile(`${t.fileName}.csv`, new Blob([tableCsv(t)], { type: 'text/csv;charset=utf-8' }));
}

export async function downloadXlsx(t: ExportTable): Promise<void> {
  const { tableXlsx } = await import('./xlsx.ts');
  saveFile(
    `${t.fileName}.xlsx`,
    new Blob([tableXlsx(t) as Uint8Array<ArrayBuffer>], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
  );
}

/** A file-name part from any text: no diacritics, lower case, dashes. */
export function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
