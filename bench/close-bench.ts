/**
 * Monthly close for 2,000 and 20,000 units (BENCH_CLOSE_UNITS), each in its own process: seconds,
 * growth, and beside it the floor: one SQLite aggregate scan over the figures the close reads.
 */
import { buildWorker, log, runChild, type Row } from './lib.ts';

interface Report {
  units: number;
  figures: number;
  snapshots: number;
  seconds: number;
  forcedSeconds: number;
  readSeconds: number;
  peakRssMB: number;
}

export async function benchClose(): Promise<Row[]> {
  const sizes = (process.env.BENCH_CLOSE_UNITS ?? '2000,20000').split(',').map(Number);
  const out: Row[] = [];
  const reports: Report[] = [];
  // Compiled (build/, plain node), as production runs the scheduler's close.
  log('close: compiling the server and the worker into build/…');
  const worker = buildWorker('close');
  for (const n of sizes) {
    log(`close: generating ${n.toLocaleString('en')} units × 4 categories × 24 months and closing 2025-12…`);
    const r = await runChild<Report>(worker, [String(n)]);
    log(
      `close: ${r.units} units in ${r.seconds.toFixed(2)} s (forced re-run ${r.forcedSeconds.toFixed(2)} s), peak RSS ${Math.round(r.peakRssMB)} MB`,
    );
    reports.push(r);
    const big = n >= 20_000;
    out.push({
      figure: `monthly close, ${n.toLocaleString('en')} units (${r.figures.toLocaleString('en')} figures), s`,
      ours: r.seconds,
      reference: r.readSeconds,
      unit: '',
      ratio: r.seconds / r.readSeconds,
      goal: big ? '≤3 s' : '—',
      met: big ? r.seconds <= 3 : null,
      note: `forced re-run ${r.forcedSeconds.toFixed(2)} s; ${r.snapshots.toLocaleString('en')} snapshot rows; peak RSS ${Math.round(r.peakRssMB)} MB; reference = the floor, one SQLite aggregate over the ${r.figures.toLocaleString('en')} figures the close reads (count, sums; no row reaches JS)`,
    });
  }
  if (reports.length >= 2) {
    const [a, b] = [reports[0], reports[reports.length - 1]];
    const growth = b.seconds / a.seconds;
    const size = b.units / a.units;
    out.push({
      figure: `close growth ${a.units.toLocaleString('en')} → ${b.units.toLocaleString('en')} units`,
      ours: growth,
      reference: size,
      unit: '×',
      ratio: growth / size,
      goal: '≈linear (≤1.2× size)',
      met: growth <= size * 1.2,
    });
  }
  return out;
}
