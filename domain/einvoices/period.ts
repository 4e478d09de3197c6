/**
 * The month an invoice belongs to: a free field (TTKhac) of TTChung, then of NDHDon, then of the
 * lines, named like "Kỳ hóa đơn", "KyHoaDon", "Kỳ" or "Tháng" (case and accents ignored) whose
 * value holds MM/YYYY ("Kỳ 2 tháng 11/2026" → 2026-11); else a "tháng MM/YYYY" in a line's name;
 * else the month of NLap. Pure.
 */
import { makePeriod, type Period } from '../months.ts';
import { foldKey } from '../text.ts';
import type { Invoice, OtherField } from './invoice.ts';

export type PeriodSource = 'field' | 'line' | 'date';

export interface InvoicePeriod {
  period: Period;
  source: PeriodSource;
  /** The field name or line text the month was read from ('' for the date). */
  from: string;
  /** Other months named by other lines (line source only): the caller warns. */
  others: Period[];
}

const FIELD_NAMES = new Set(['kyhoadon', 'ky', 'thang']);
const MM_YYYY = /(?:^|\D)(\d{1,2})\s*\/\s*(\d{4})(?!\d)/;
// After foldKey: "tháng 10/2026", "Tháng 10-2026", "tháng 10 năm 2026" all read "thang 10 2026" (or "thang 10 nam 2026").
const LINE_MONTH = /(?:^| )thang (\d{1,2})(?: nam)? (\d{4})(?: |$)/;

function monthOf(m: string, y: string): Period | null {
  const month = Number(m);
  const year = Number(y);
  if (month < 1 || month > 12 || year < 2000 || year > 2100) return null;
  return makePeriod(year, month);
}

/** Is this free field a period field ("Kỳ hóa đơn", "KyHoaDon", "Kỳ", "Tháng")? */
export function isPeriodFieldName(name: string): boolean {
  return FIELD_NAMES.has(foldKey(name).replace(/ /g, ''));
}

function fromFields(fields: OtherField[]): { period: Period; from: string } | null {
  for (const f of fields) {
    if (!isPeriodFieldName(f.name)) continue;
    const m = MM_YYYY.exec(f.value);
    const p = m && monthOf(m[1], m[2]);
    if (p) return { period: p, from: f.name };
  }
  return null;
}

export function invoicePeriod(inv: Invoice): InvoicePeriod {
  const groups = [inv.otherFields.general, inv.otherFields.content, inv.lines.flatMap((l) => l.other)];
  for (const g of groups) {
    const hit = fromFields(g);
    if (hit) return { ...hit, source: 'field', others: [] };
  }
  const named: { period: Period; from: string }[] = [];
  for (const l of inv.lines) {
    const m = LINE_MONTH.exec(foldKey(l.name));
    const p = m && monthOf(m[1], m[2]);
    if (p) named.push({ period: p, from: l.name });
  }
  if (named.length) {
    const others = [...new Set(named.map((n) => n.period))].filter((p) => p !== named[0].period);
    return { period: named[0].period, from: named[0].from, source: 'line', others };
  }
  return { period: inv.issuedOn.slice(0, 7), source: 'date', from: '', others: [] };
}
