/**
 * npm run bench [-- ingest|api|close|web|cli ...]: generates its own data (fixed seeds, temp dirs,
 * cleaned up), runs each benchmark and prints ONE table: figure, ours, the reference measured in
 * the same run, the ratio, the goal and whether it is met. Progress goes to stderr.
 * Env: BENCH_ROWS (CSV rows, default 1,000,000), BENCH_XLSX_ROWS (100,000), BENCH_SECONDS
 * (autocannon seconds, 10), BENCH_CLOSE_UNITS ("2000,20000"), BENCH_LOADS (page loads, 5),
 * BENCH_CLI_RUNS (CLI runs, 7), BENCH_PG_UNITS ("2000,20000": PostgreSQL sizes; PG_TEST_URL the server).
 */
import os from 'node:os';
import { execSync } from 'node:child_process';
import { printTable, log, type Row } from './lib.ts';

const ALL = ['ingest', 'api', 'close', 'web', 'cli', 'pg'] as const;
type Name = (typeof ALL)[number];

const load: Record<Name, () => Promise<() => Promise<Row[]>>> = {
  ingest: async () => (await import('./ingest.ts')).benchIngest,
  api: async () => (await import('./api.ts')).benchApi,
  close: async () => (await import('./close-bench.ts')).benchClose,
  web: async () => (await import('./web.ts')).benchWeb,
  cli: async () => (await import('./cli.ts')).benchCli,
  pg: async () => (await import('./pg.ts')).benchPg,
};

const asked = process.argv.slice(2).filter((a) => a !== '--');
const bad = asked.filter((a) => !(ALL as readonly string[]).includes(a));
if (bad.length) {
  console.error(`unknown benchmark: ${bad.join(', ')} (choose from ${ALL.join(', ')})`);
  process.exit(2);
}
const names = (asked.length ? asked : ALL) as Name[];

let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
try {
  cpu = /Model name:\s*(.+)/.exec(execSync('lscpu', { encoding: 'utf8' }))?.[1]?.trim() ?? cpu;
} catch {
  /* no lscpu */
}
const rows: Row[] = [];
const failed: string[] = [];
for (const n of names) {
  const t0 = performance.now();
  log(`${n}: starting`);
  try {
    rows.push(...(await (await load[n]())()));
  } catch (e) {
    failed.push(`${n}: ${(e as Error).stack ?? String(e)}`);
  }
  log(`${n}: done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
console.log(
  `\nTiết Kiệm benchmarks — ${new Date().toISOString()}, ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()} ${os.release()}\n`,
);
printTable(rows);
if (failed.length) {
  console.log('\nFAILED:\n' + failed.join('\n'));
  process.exit(1);
}
