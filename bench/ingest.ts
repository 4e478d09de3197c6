/**
 * Ingest: a long CSV (BENCH_ROWS, default 1,000,000 rows) and a wide XLSX (BENCH_XLSX_ROWS,
 * default 100,000 rows × 4 categories) through importFile, each in its own process; beside each
 * the ceiling, a bare better-sqlite3 prepared-insert loop of the same figures in one transaction.
 * BENCH_INGEST=csv or =xlsx runs only that file. The workers run the compiled JavaScript
 * (build/, plain node, as `npm start` runs the server), not tsx. Both imports confirm their plausibility warnings
 * (neither file has any: their figures are plausible, as a real upload's are).
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeLongCsv, writeWideXlsx } from './ingest-data.ts';
import { buildWorker, log, runChild, tempDir, type Row } from './lib.ts';

interface Report {
  rows: number;
  figures: number;
  warnings?: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMB: number;
  rssBeforeMB: number;
}

export async function benchIngest(): Promise<Row[]> {
  const csvRows = Number(process.env.BENCH_ROWS ?? 1_000_000);
  const xlsxRows = Number(process.env.BENCH_XLSX_ROWS ?? 100_000);
  const dir = tempDir('ingest');
  const out: Row[] = [];
  // Both ours and the reference run compiled (build/, plain node), as `npm start` runs the server.
  log('ingest: compiling the server and the worker into build/…');
  const worker = buildWorker();
  try {
    const only = process.env.BENCH_INGEST;
    if (only && only !== 'csv' && only !== 'xlsx') throw new Error(`BENCH_INGEST=${only}: csv or xlsx`);
    for (const kind of only ? [only] : (['csv', 'xlsx'] as const)) {
      const rows = kind === 'csv' ? csvRows : xlsxRows;
      const file = path.join(dir, `figures.${kind}`);
      log(`ingest: writing a ${rows.toLocaleString('en')}-row ${kind === 'csv' ? 'long CSV' : 'wide XLSX'}…`);
      await (kind === 'csv' ? writeLongCsv(file, rows) : writeWideXlsx(file, rows));
      const mb = fs.statSync(file).size / 1048576;
      log(`ingest: importing ${path.basename(file)} (${mb.toFixed(1)} MB) through importFile…`);
      const ours = await runChild<Report>(worker, ['importer', kind, file, String(rows)]);
      log(
        `ingest: ${Math.round(ours.rowsPerSecond).toLocaleString('en')} rows/s, peak RSS ${Math.round(ours.peakRssMB)} MB; bare better-sqlite3 loop…`,
      );
      const bare = await runChild<Report>(worker, ['bare', kind, String(rows)]);
      const label =
        kind === 'csv'
          ? `import ${rows.toLocaleString('en')}-row long CSV`
          : `import ${rows.toLocaleString('en')}-row wide XLSX (${ours.figures.toLocaleString('en')} figures)`;
      const ratio = ours.rowsPerSecond / bare.rowsPerSecond;
      out.push({
        figure: `${label}, rows/s`,
        ours: ours.rowsPerSecond,
        reference: bare.rowsPerSecond,
        unit: '',
        ratio,
        goal: kind === 'csv' ? '≥100,000 and ≥0.5× ref' : '≥0.5× ref',
        met: kind === 'csv' ? ours.rowsPerSecond >= 100_000 && ratio >= 0.5 : ratio >= 0.5,
        note: `ours ${ours.seconds.toFixed(2)} s (${(ours.warnings ?? 0).toLocaleString('en')} plausibility warnings confirmed), bare insert loop ${bare.seconds.toFixed(2)} s (reference = prepared INSERT of the same ${bare.figures.toLocaleString('en')} figures, no parsing)`,
      });
      out.push({
        figure: `${label}, peak RSS MB`,
        ours: ours.peakRssMB,
        reference: bare.peakRssMB,
        unit: '',
        ratio: ours.peakRssMB / bare.peakRssMB,
        goal: '≤250 MB',
        met: ours.peakRssMB <= 250,
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
