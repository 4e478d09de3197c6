/**
 * Deterministic ingest data: the same rows for the files (CSV long, XLSX wide) and for the bare
 * better-sqlite3 reference loop. No randomness: every value is a function of the row number.
 */
import fs from 'node:fs';
import { addMonths } from '../domain/months.ts';

export const CATEGORY_NAMES = ['Văn phòng phẩm', 'Cước điện thoại', 'Điện', 'Chi phí khác'];
/** Position of the metered category (Điện, kWh). */
export const METERED = 2;

/** Long CSV: 4 categories per (unit, month); at most 300 months per unit (1,000,000 rows: 834 units). */
export function longUnits(rows: number): number {
  return Math.max(50, Math.ceil(rows / 4 / 300));
}

/** The long file's first month: its months run to 2025-12, so every month has ended (as the wide file's). */
export function longFirstMonth(rows: number): string {
  return addMonths('2025-12', 1 - Math.ceil(rows / (4 * longUnits(rows))));
}

export interface LongRow {
  unit: number;
  month: number;
  cat: number;
  amount: number;
  /** Whole kWh or null. */
  quantity: number | null;
}

/**
 * Plausible figures, as the wide file's: each unit and category has its own level (200,000–1,000,000
 * đồng), each month within ±10% of it; electricity at 2,000–3,000 đ/kWh. A file full of warnings
 * measures the warnings, not the import (that case: docs/performance.md).
 */
export function longRow(i: number, units: number): LongRow {
  const cat = i % 4;
  const unit = Math.floor(i / 4) % units;
  const level = 200_000 + (((unit * 4 + cat) * 7919) % 800_000);
  const amount = Math.round((level * (9_000 + ((i * 7919) % 2_000))) / 10_000);
  return {
    unit,
    month: Math.floor(i / (4 * units)),
    cat,
    amount,
    quantity: cat === METERED ? Math.round(amount / (2_000 + (i % 1_000))) : null,
  };
}

export async function writeLongCsv(file: string, rows: number): Promise<void> {
  const units = longUnits(rows);
  const first = longFirstMonth(rows);
  const out = fs.createWriteStream(file);
  const wait = () => new Promise<void>((r) => out.once('drain', r));
  out.write('Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú\n');
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const r = longRow(i, units);
    buf += `DV${r.unit},${addMonths(first, r.month)},${CATEGORY_NAMES[r.cat]},${r.amount},${r.quantity ?? ''},\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await wait();
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((r) => out.end(r));
}

/**
 * Wide XLSX: one row per (unit, month) with the four categories' amounts and the kWh; at most
 * 200 months per unit (100,000 rows: 500 units, 2009-05 … 2025-12; periods start in 2000).
 */
export function wideUnits(rows: number): number {
  return Math.max(50, Math.ceil(rows / 200));
}

/**
 * The wide file's first month: its months run to 2025-12, so every month has ended (a month
 * that has not is a plausibility warning, and so is a figure far from its unit's own history).
 */
export function wideFirstMonth(rows: number): string {
  return addMonths('2025-12', 1 - Math.ceil(rows / wideUnits(rows)));
}

export interface WideRow {
  unit: number;
  month: number;
  amounts: [number, number, number, number];
  kwh: number;
}

/**
 * Plausible figures, as a province uploads them: each unit and category has its own level
 * (200,000–1,000,000 đồng) and each month is within ±10% of it; electricity at 2,000–3,000 đ/kWh.
 * No plausibility warning (docs/domain.md: 5× the median, ±80% on a year, 1,000–10,000 đ/kWh).
 */
export function wideRow(i: number, units: number): WideRow {
  const unit = i % units;
  const a = (c: number) => {
    const level = 200_000 + (((unit * 4 + c) * 7919) % 800_000);
    return Math.round((level * (9_000 + (((i * 4 + c) * 7919) % 2_000))) / 10_000);
  };
  const amounts: WideRow['amounts'] = [a(0), a(1), a(2), a(3)];
  return { unit, month: Math.floor(i / units), amounts, kwh: Math.round(amounts[2] / (2_000 + (i % 1_000))) };
}

export const WIDE_HEADERS = [
  'Đơn vị',
  'Tháng',
  'Văn phòng phẩm',
  'Cước điện thoại',
  'Điện (kWh)',
  'Điện (đồng)',
  'Chi phí khác',
];

export async function writeWideXlsx(file: string, rows: number): Promise<void> {
  const units = wideUnits(rows);
  const first = wideFirstMonth(rows);
  // Loaded here only: the workers import this module, and their RSS must not include exceljs.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Số liệu');
  ws.addRow(WIDE_HEADERS).commit();
  for (let i = 0; i < rows; i++) {
    const r = wideRow(i, units);
    ws.addRow([
      `DV${r.unit}`,
      addMonths(first, r.month),
      r.amounts[0],
      r.amounts[1],
      r.kwh,
      r.amounts[2],
      r.amounts[3],
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}
