/**
 * The ingest readers: uploaded CSV/TSV/TXT/XLSX files → validated records, errors and rejected
 * rows, streamed in batches. The imports feature stores what these yield; nothing here touches
 * the database.
 */
export type {
  Batch,
  FigureRecord,
  FileSource,
  IngestLookup,
  IngestMeta,
  NormRecord,
  ReadOptions,
  RejectedRow,
  UnitRecord,
} from './types.ts';
export { readFigures } from './figures.reader.ts';
export { LONG_HEADERS, WIDE_BASE_HEADERS, UNITS_HEADERS, NORMS_HEADERS } from './headers.ts';
export { readUnits } from './units.reader.ts';
export { readNorms } from './norms.reader.ts';
