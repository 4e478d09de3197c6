/**
 * Months as finance officers write them, to 'YYYY-MM': `2026-10`, `10/2026`, `T10/2026`,
 * `Tháng 10/2026` (with or without diacritics), `10-2026`, a full date `01/10/2026` (day first,
 * the Vietnamese order), an ISO date, an Excel date cell (a Date at UTC midnight) or an Excel
 * date serial. Pure, no I/O. Anything else, or month 13, is null (the reader reports invalid_period).
 */
import { makePeriod } from './months.ts';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

function ym(year: number, month: number): string | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  return makePeriod(year, month);
}

function ymd(year: number, month: number, day: number): string | null {
  const p = ym(year, month);
  if (!p || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth ? p : null;
}

const ISO_MONTH = /^(\d{4})\s*[-/.]\s*(\d{1,2})$/;
const MONTH_WORD = /^(?:thang|th|t)\s*\.?\s*(\d{1,2})\s*(?:[-/.]|\s+nam\s+|\s+)\s*(\d{4})$/;
const MONTH_YEAR = /^(\d{1,2})\s*[-/.]\s*(\d{4})$/;
const DAY_MONTH_YEAR = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t\s][\d:.]+z?)?$/;

/**
 * The period a text cell names, or null.
 * @example parsePeriodText('Tháng 3/2025') // '2025-03'
 */
export function parsePeriodText(text: string): string | null {
  const s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
  if (s === '') return null;
  let m: RegExpExecArray | null;
  if ((m = ISO_MONTH.exec(s))) return ym(Number(m[1]), Number(m[2]));
  if ((m = MONTH_WORD.exec(s))) return ym(Number(m[2]), Number(m[1]));
  if ((m = MONTH_YEAR.exec(s))) return ym(Number(m[2]), Number(m[1]));
  if ((m = DAY_MONTH_YEAR.exec(s))) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  if ((m = ISO_DATE.exec(s))) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** The period of an Excel date cell: exceljs gives dates at UTC midnight, so read them in UTC. */
export function periodOfDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  return ym(d.getUTCFullYear(), d.getUTCMonth() + 1);
}

/** Excel's day serial (1900 system: day 25569 is 1970-01-01) when a date cell lost its format. */
export function periodOfExcelSerial(n: number): string | null {
  if (!Number.isFinite(n) || n < 36526 || n > 73415) return null; // 2000-01-01 .. 2100-12-31
  return periodOfDate(new Date(Math.round((n - 25569) * 86400000)));
}

/** Any cell value: text, Date, or number (an Excel serial). */
export function parsePeriodCell(v: string | number | Date | boolean | null | undefined): string | null {
  if (v instanceof Date) return periodOfDate(v);
  if (typeof v === 'number') return periodOfExcelSerial(v);
  if (typeof v === 'string') return parsePeriodText(v);
  return null;
}
