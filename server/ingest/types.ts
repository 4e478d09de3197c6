/**
 * The readers' contract: what goes in (a file and the known units/categories) and what comes out
 * (batches of valid records, ImportErrors, rejected rows, and the file's meta). Readers never touch
 * the database; the imports feature stores what they yield.
 */
import type { ImportError } from '../../domain/schemas/import.ts';

export type { ImportError };

/** An uploaded file: exactly one of path/bytes. fileName decides the extension check. */
export interface FileSource {
  fileName: string;
  path?: string;
  bytes?: Uint8Array;
}

export interface IngestLookup {
  units: { id: number; code: string; name: string; aliases: string[] }[];
  categories: {
    id: number;
    code: string;
    nameVi: string;
    nameEn: string;
    quantityUnit: string | null;
    aliases: string[];
    retired: boolean;
  }[];
}

/** The headers (as written) of the cells a figure came from: shared by every record of a column set. */
export interface FigureColumns {
  unit: string;
  amount: string;
  quantity: string | null;
}

export interface FigureRecord {
  row: number;
  columns: FigureColumns;
  unitId: number;
  categoryId: number;
  period: string;
  amount: number;
  quantityMilli: number | null;
  note: string | null;
}

export interface UnitRecord {
  row: number;
  code: string;
  name: string;
  parentCode: string | null;
  headcount: number;
  aliases: string[];
}

export interface NormRecord {
  row: number;
  unitId: number;
  categoryId: number;
  year: number;
  basis: 'norm' | 'previous_year' | null;
  normAmount: number | null;
  normQuantityMilli: number | null;
  normPerCapita: number | null;
  targetTenths: number | null;
}

/** A row of an invoice-accounts file: match fields ('' = any), unit, category (null = fallbacks). */
export interface InvoiceAccountRecord {
  row: number;
  sellerTaxCode: string;
  customerCode: string;
  buyerTaxCode: string;
  buyerBudgetCode: string;
  unitId: number;
  categoryId: number | null;
}

/** Original cells of a row that has errors (for the error file). */
export interface RejectedRow {
  row: number;
  cells: string[];
  /**
   * The known unit the row names, when its unit cell matched: the store checks the caller's scope
   * on rejected rows too, so a 403 lists every out-of-scope row with the file's other errors.
   */
  unit?: RejectedUnit;
}

/** The unit a rejected row names: its id and the column it is in. */
export interface RejectedUnit {
  id: number;
  column: string;
}

export interface Batch<R> {
  records: R[];
  errors: ImportError[];
  rejected: RejectedRow[];
}

export interface IngestMeta {
  format: 'csv' | 'xlsx';
  shape: 'long' | 'wide' | 'units' | 'norms' | 'invoice-accounts';
  encoding: string | null;
  delimiter: string | null;
  /** Excel row number of the header row (0 when none was found). */
  headerRow: number;
  /** Header cells as written (NFC, trimmed). */
  headers: string[];
  /** Data rows seen after the header (blank and totals rows not counted). */
  dataRows: number;
}

export interface ReadOptions {
  batchSize?: number;
  /** XLSX: refuse when the zip's entries decompress to more than this (default 200 MB). */
  maxXlsxBytes?: number;
}

/** A cell as a reader sees it: CSV cells are strings; XLSX cells may be numbers or dates. */
export type Cell = string | number | Date | boolean | null;

/**
 * A cell the table layer found broken: it is reported as an error of its row and column and
 * never read as a value (an unclosed quote, a NUL byte, an XLSX formula error or formula without
 * a cached result, a byte sequence that is not UTF-8 in a UTF-8 file).
 */
export interface CellProblem {
  /** 0-based column index. */
  col: number;
  code: 'unterminated_quote' | 'nul_byte' | 'formula_error' | 'formula_not_cached' | 'invalid_utf8';
  /** The cell as written (the error value `#N/A`, the formula, the cell's first line). */
  value: string;
  /** XLSX: the sheet's name and the cell's address (`C2`). */
  sheet?: string;
  ref?: string;
  /** invalid_utf8: byte offset of the first bad sequence in the file. */
  offset?: number;
}

/** One row of a table, numbered as Excel numbers it (first line = 1). */
export interface TableRow {
  row: number;
  cells: Cell[];
  /** Broken cells of this row (absent when none). */
  problems?: CellProblem[];
}
