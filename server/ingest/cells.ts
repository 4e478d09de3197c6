/** Reading one cell as text, money, quantity or month, whichever the format gave us (text or XLSX value). */
import {
  dongOfNumber,
  milliOfNumber,
  parseDong,
  parseMilli,
  type NumberResult,
  type NumberStyle,
} from '../../domain/numbers.ts';
import { parsePeriodCell } from '../../domain/period-parse.ts';
import { cleanText } from '../../domain/text.ts';
import type { Cell } from './types.ts';

/** The cell as written, for error values and the error file. */
export function cellText(c: Cell | undefined): string {
  if (c == null) return '';
  if (typeof c === 'string') return c;
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
  if (typeof c === 'number') return String(Number(c.toPrecision(15)));
  return c ? 'TRUE' : 'FALSE';
}

export function isEmptyCell(c: Cell | undefined): boolean {
  return c == null || (typeof c === 'string' && c === '');
}

export function isBlankRow(cells: Cell[]): boolean {
  for (const c of cells) if (!isEmptyCell(c)) return false;
  return true;
}

/** XLSX strings are not tidied by the tokenizer: give them the same NFC/whitespace treatment. */
export function normaliseCell(c: Cell): Cell {
  return typeof c === 'string' ? cleanText(c) : c;
}

export function amountOf(c: Cell, style: NumberStyle): NumberResult {
  if (typeof c === 'number') return dongOfNumber(c);
  return parseDong(cellText(c), style);
}

export function quantityOf(c: Cell, style: NumberStyle): NumberResult {
  if (typeof c === 'number') return milliOfNumber(c);
  return parseMilli(cellText(c), style);
}

const periodMemo = new Map<string, string | null>();

/** Month of a cell; text months are remembered (a file has few distinct spellings). */
export function periodOf(c: Cell): string | null {
  if (typeof c !== 'string') return parsePeriodCell(c);
  let p = periodMemo.get(c);
  if (p === undefined) {
    p = parsePeriodCell(c);
    if (periodMemo.size > 10_000) periodMemo.clear();
    periodMemo.set(c, p);
  }
  return p;
}
