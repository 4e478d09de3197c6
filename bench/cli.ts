/**
 * CLI start: `results --year 2020` on the demo database, the compiled CLI run by node directly
 * (node build/server/cli.js, as an operator's script or cron job would; `npm run cli` adds npm's
 * own ~0.4 s), wall time from spawn to exit, median of BENCH_CLI_RUNS (7) runs after one warm-up.
 * The reference is bare node starting and exiting (`node -e ''`), measured the same way.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, cleanEnv, ensureBuilt, log, median, tempDir, type Row } from './lib.ts';

function timed(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return ms;
}

export async function benchCli(): Promise<Row[]> {
  const runs = Number(process.env.BENCH_CLI_RUNS ?? 7);
  ensureBuilt('server');
  const dir = tempDir('cli');
  try {
    const env = cleanEnv({ DATABASE_URL: path.join(dir, 'demo.sqlite'), OUTBOX_DIR: path.join(dir, 'outbox') });
    log('cli: loading the demo agency…');
    timed(['build/server/cli.js', 'demo'], env);
    const cli = ['build/server/cli.js', 'results', '--year', '2020'];
    const ours: number[] = [];
    const bare: number[] = [];
    for (let k = 0; k <= runs; k++) {
      const o = timed(cli, env);
      const b = timed(['-e', ''], env);
      if (k > 0) {
        ours.push(o);
        bare.push(b);
      }
    }
    const o = median(ours) / 1000;
    const b = median(bare) / 1000;
    log(`cli: results --year 2020 ${o.toFixed(2)} s, bare node ${b.toFixed(2)} s`);
    return [
      {
        figure: 'CLI `results --year 2020` on the demo database (node build/server/cli.js), s',
        ours: o,
        reference: b,
        unit: '',
        ratio: o / b,
        goal: '≤0.5 s',
        met: o <= 0.5,
        note: `median of ${runs} runs; ref = bare \`node -e ''\`; runs ${ours.map((t) => Math.round(t)).join(', ')} ms`,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
