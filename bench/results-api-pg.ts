/**
 * Results-API throughput on PostgreSQL beside SQLite, on the same data: loads the demo agency
 * into a fresh SQLite file (CLI `demo`, then `jobs due` for the month snapshots), copies it into a fresh PostgreSQL database (CLI
 * `db copy`, so both hold exactly the same rows), then for each database starts one app process
 * and drives `GET /api/results?unit=STTTT&year=2026` with autocannon. Prints a table.
 *
 * Usage: npx tsx bench/results-api-pg.ts [seconds=20] [connections=50]
 * Env: PG_TEST_URL (admin URL of a server where we may create databases), BENCH_PATH,
 *      BENCH_TOKEN (a Bearer token; without it the bench signs in as the demo administrator).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../test/helpers/ports.ts';

const SECONDS = Number(process.argv[2] ?? 20);
const CONNECTIONS = Number(process.argv[3] ?? 50);
const PATH = process.env.BENCH_PATH ?? '/api/results?unit=STTTT&year=2026';
const ADMIN_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const autocannon = createRequire(import.meta.url)('autocannon');

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(DATABASE_URL|PORT|BASE_URL|JOBS_ENABLED|SEED_DEMO|NODE_ENV|VITEST.*)$/.test(k)) env[k] = v;
  return { ...env, NODE_ENV: 'production', LOG_LEVEL: 'error', BASE_URL: 'http://localhost:8080', ...extra };
}

function cli(args: string[], env: Record<string, string>): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    env: cleanEnv(env),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

async function withServer<T>(databaseUrl: string, fn: (base: string) => Promise<T>): Promise<T> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: cleanEnv({
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      JOBS_ENABLED: '0',
      SEED_DEMO: '0',
      PG_POOL_MAX: '10',
    }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* starting */
      }
      if (i > 200) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 150));
    }
    return await fn(base);
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
  }
}

interface Row {
  database: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  bytes: number;
  /** sha256 of the answer: the same on both databases when they hold the same data. */
  bodySha: string;
}

/** The demo administrator's session cookie (the demo loads accounts); none when there are no accounts. */
async function signIn(base: string): Promise<Record<string, string>> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email: 'admin@demo.tietkiem.vn', password: 'demo-admin-2026' }),
  });
  if (!r.ok) return {};
  return {
    cookie: r.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}

async function measure(name: string, url: string, headers: Record<string, string>): Promise<Row> {
  return withServer(url, async (base) => {
    if (!headers.authorization) Object.assign(headers, await signIn(base));
    const probe = await fetch(base + PATH, { headers });
    const body = await probe.text();
    if (!probe.ok) throw new Error(`${name}: ${PATH} answered ${probe.status}: ${body.slice(0, 300)}`);
    // Warm up caches, JIT and the pool before measuring.
    await autocannon({ url: base + PATH, connections: 10, duration: 3, headers });
    const r = await autocannon({ url: base + PATH, connections: CONNECTIONS, duration: SECONDS, headers });
    return {
      database: name,
      reqPerSec: Math.round(r.requests.average),
      p50: r.latency.p50,
      p99: r.latency.p99,
      non2xx: r.non2xx,
      errors: r.errors,
      bytes: body.length,
      bodySha: createHash('sha256').update(body).digest('hex').slice(0, 16),
    };
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-bench-pg-'));
  const sqliteFile = path.join(dir, 'bench.sqlite');
  const dbName = `tk_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const u = new URL(ADMIN_URL);
  u.pathname = '/' + dbName;
  const pgUrl = u.toString();
  try {
    console.error('loading the demo agency into SQLite…');
    cli(['demo'], { DATABASE_URL: sqliteFile });
    // Close the months as the scheduler would, so closed months are read from their snapshots.
    console.error('closing the months (snapshots)…');
    cli(['jobs', 'due'], { DATABASE_URL: sqliteFile });
    console.error('copying it into PostgreSQL…');
    cli(['db', 'copy', '--to', pgUrl], { DATABASE_URL: sqliteFile });
    const rows: Row[] = [];
    for (const [name, url] of [
      ['sqlite', sqliteFile],
      ['postgres', pgUrl],
    ] as const) {
      console.error(`measuring ${name}: ${SECONDS} s, ${CONNECTIONS} connections, GET ${PATH}`);
      const headers: Record<string, string> = process.env.BENCH_TOKEN
        ? { authorization: `Bearer ${process.env.BENCH_TOKEN}` }
        : {};
      rows.push(await measure(name, url, headers));
    }
    console.log(
      `GET ${PATH}, ${SECONDS} s, ${CONNECTIONS} connections, ${os.cpus().length} cores, Node ${process.version}`,
    );
    console.log('database   req/s   p50 ms  p99 ms  non-2xx  errors  body bytes  body sha256');
    for (const r of rows) {
      console.log(
        `${r.database.padEnd(9)} ${String(r.reqPerSec).padStart(6)}  ${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}  ${String(r.non2xx).padStart(7)}  ${String(r.errors).padStart(6)}  ${String(r.bytes).padStart(10)}  ${r.bodySha}`,
      );
    }
    console.log(JSON.stringify({ path: PATH, seconds: SECONDS, connections: CONNECTIONS, rows }));
  } finally {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
