/**
 * API: a database of 2,000 units × 4 categories × 10 years of monthly figures (raw prepared
 * inserts; a kWh norm so electricity compares on quantity, last year's figures as the other
 * baselines), the months of the measured year closed (snapshots) as the scheduler would. The real
 * app (server/index.ts, NODE_ENV=production) runs in a child process; autocannon (here, the
 * parent) drives each endpoint the overview and compare views call with 50 connections, then
 * does the same against a bare node:http server (another child) answering the identical bytes.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../server/db/connection.ts';
import { migrateToLatest } from '../server/db/migrator.ts';
import { parseEnv } from '../server/env.ts';
import { createLogger } from '../server/logger.ts';
import type { AppDeps } from '../server/deps.ts';
import { runMonthlyClose } from '../jobs/monthly-close.ts';
import { createUser } from '../server/users/users.service.ts';
import { createApiToken } from '../server/auth/auth.service.ts';
import { generateProvince } from './close-data.ts';
import { cleanEnv, log, medianBy, ROOT, startApp, tempDir, type Row } from './lib.ts';

const autocannon = createRequire(import.meta.url)('autocannon');
const UNITS = 2000;
const YEARS = Array.from({ length: 10 }, (_, k) => 2016 + k);
const YEAR = 2025;

interface Measured {
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function drive(url: string, headers: Record<string, string>, seconds: number): Promise<Measured> {
  await autocannon({ url, connections: 10, duration: 2, headers });
  const r = await autocannon({ url, connections: 50, duration: seconds, headers });
  return { reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

async function startBare(bodiesFile: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/bare-server.ts'), bodiesFile], {
    cwd: ROOT,
    env: cleanEnv({}),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /"port":(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (c) => reject(new Error(`bare server exited ${c}`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function benchApi(): Promise<Row[]> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const dir = tempDir('api');
  const file = path.join(dir, 'api.sqlite');
  const out: Row[] = [];
  try {
    log(`api: generating ${UNITS} units × 4 categories × ${YEARS.length} years of monthly figures…`);
    const handle = openDatabase(file);
    let token: string;
    try {
      await migrateToLatest(handle.db);
      const figures = generateProvince(handle.sqlite!, UNITS, YEARS);
      const env = parseEnv({
        NODE_ENV: 'production',
        DATABASE_URL: file,
        SEED_DEMO: '0',
        JOBS_ENABLED: '0',
        OUTBOX_DIR: path.join(dir, 'outbox'),
      });
      const deps: AppDeps = {
        db: handle.db,
        dialect: 'sqlite',
        env,
        logger: createLogger('silent'),
        clock: { now: () => new Date(`${YEAR + 1}-01-10T00:00:00Z`) },
      };
      log(`api: ${figures.toLocaleString('en')} figures; closing the 12 months of ${YEAR} (snapshots)…`);
      for (let m = 1; m <= 12; m++) await runMonthlyClose(deps, `${YEAR}-${String(m).padStart(2, '0')}`);
      const by = { actor: 'bench', actorKind: 'cli' as const, ip: null };
      await createUser(
        deps,
        { email: 'bench@example.gov.vn', name: 'Bench', grants: [{ role: 'admin', unitCode: null }] },
        by,
      );
      token = (await createApiToken(deps, 'bench@example.gov.vn', 'bench', by)).token;
    } finally {
      await handle.close();
    }

    const paths = [
      { label: 'GET /api/results (root, closed year)', path: `/api/results?unit=P&year=${YEAR}` },
      { label: 'GET /api/results/compare (root)', path: `/api/results/compare?unit=P&year=${YEAR}` },
      { label: 'GET /api/results/submissions (root)', path: `/api/results/submissions?unit=P&period=${YEAR}-12` },
    ];
    const headers = { authorization: `Bearer ${token}` };
    const rounds = Math.max(1, Number(process.env.BENCH_API_ROUNDS ?? 1));
    const app = await startApp(file, {}, dir);
    let bare: Awaited<ReturnType<typeof startBare>> | undefined;
    try {
      const bodies: Record<string, string> = {};
      for (const p of paths) {
        const r = await fetch(app.base + p.path, { headers });
        const body = Buffer.from(await r.arrayBuffer());
        if (!r.ok) throw new Error(`${p.path} answered ${r.status}: ${body.toString().slice(0, 300)}`);
        bodies[p.path] = body.toString('base64');
      }
      const bodiesFile = path.join(dir, 'bodies.json');
      fs.writeFileSync(bodiesFile, JSON.stringify(bodies));
      bare = await startBare(bodiesFile);
      // Ours and bare one right after the other for each endpoint (both servers up, the idle one
      // costs nothing), so that each pair is measured under the same load of a shared machine;
      // with BENCH_API_ROUNDS=n the pairs are repeated and the median run of each side is kept.
      for (const p of paths) {
        const size = Buffer.from(bodies[p.path], 'base64').length;
        const runs: { o: Measured; b: Measured }[] = [];
        for (let k = 0; k < rounds; k++) {
          log(`api: ${p.label}: ${size.toLocaleString('en')} bytes; ours, then bare, ${seconds} s × 50 connections…`);
          const o = await drive(app.base + p.path, headers, seconds);
          const b = await drive(bare.base + p.path, headers, seconds);
          log(
            `api:   ours ${Math.round(o.reqPerSec)} req/s p99 ${o.p99} ms; bare ${Math.round(b.reqPerSec)} req/s p99 ${b.p99} ms`,
          );
          runs.push({ o, b });
        }
        const midRun = (ms: (typeof runs)[number]['o'][]) => ({
          ...medianBy(ms, (m) => m.reqPerSec),
          p99: medianBy(ms, (m) => m.p99).p99,
        });
        const o = midRun(runs.map((r) => r.o));
        const b = midRun(runs.map((r) => r.b));
        const ratio = o.reqPerSec / b.reqPerSec;
        out.push({
          figure: `${p.label}, req/s`,
          ours: o.reqPerSec,
          reference: b.reqPerSec,
          unit: '',
          ratio,
          goal: '≥0.7× ref',
          met: ratio >= 0.7,
          note:
            `${size.toLocaleString('en')}-byte body; p50 ${o.p50} ms (bare ${b.p50} ms); non-2xx ${o.non2xx}, errors ${o.errors}` +
            (rounds > 1
              ? `; ratios per round ${runs.map((r) => (r.o.reqPerSec / r.b.reqPerSec).toFixed(2)).join(', ')}`
              : ''),
        });
        out.push({
          figure: `${p.label}, p99 ms`,
          ours: o.p99,
          reference: b.p99,
          unit: '',
          ratio: b.p99 > 0 ? o.p99 / b.p99 : null,
          // 20 ms absolute is below what the bare server itself reaches on 2 cores (issue 20).
          goal: '≤1.5× ref',
          met: o.p99 <= 1.5 * b.p99,
        });
      }
    } finally {
      await app.stop();
      await bare?.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
