/**
 * Shared pieces of the benchmarks (bench/run.ts): the result rows and their table, child
 * processes that report one JSON line, temp dirs, free ports, the app as a child process.
 * Benchmarks print figures; they are never timed tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/helpers/ports.ts';
export { freePort };

export const ROOT = path.resolve(import.meta.dirname, '..');

/** One line of the table: our figure beside its reference measured in the same run. */
export interface Row {
  figure: string;
  ours: number;
  reference: number | null;
  unit: string;
  /** What the ratio column means, e.g. 'ours/ref' or 'ours/goal'. */
  ratio: number | null;
  goal: string;
  met: boolean | null;
  /** Extra context printed under the table. */
  note?: string;
}

const fmt = (v: number | null, unit = '') => {
  if (v == null || Number.isNaN(v)) return '—';
  const abs = Math.abs(v);
  const s =
    abs >= 1000
      ? Math.round(v).toLocaleString('en')
      : abs >= 100
        ? v.toFixed(0)
        : abs >= 10
          ? v.toFixed(1)
          : v.toFixed(2);
  return unit ? `${s} ${unit}` : s;
};

export function printTable(rows: Row[], out: (s: string) => void = console.log) {
  const head = ['figure', 'ours', 'reference', 'ratio', 'goal', 'met?'];
  const cells = rows.map((r) => [
    r.figure,
    fmt(r.ours, r.unit),
    fmt(r.reference, r.unit),
    r.ratio == null ? '—' : `${r.ratio.toFixed(2)}×`,
    r.goal,
    r.met == null ? '—' : r.met ? 'yes' : 'NO',
  ]);
  const w = head.map((h, k) => Math.max(h.length, ...cells.map((c) => c[k].length)));
  const line = (c: string[]) =>
    '| ' + c.map((x, k) => (k === 0 || k === 4 ? x.padEnd(w[k]) : x.padStart(w[k]))).join(' | ') + ' |';
  out(line(head));
  out('|' + w.map((n, k) => (k === 0 || k === 4 ? ':' + '-'.repeat(n + 1) : '-'.repeat(n + 1) + ':')).join('|') + '|');
  for (const c of cells) out(line(c));
  const notes = rows.filter((r) => r.note);
  if (notes.length) {
    out('');
    for (const r of notes) out(`- ${r.figure}: ${r.note}`);
  }
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tk-bench-${prefix}-`));
}

export const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** Environment for children: the caller's, without anything that would point the app elsewhere. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(DATABASE_URL|PORT|HOST|BASE_URL|JOBS_ENABLED|SEED_DEMO|NODE_ENV|LOG_LEVEL|OUTBOX_DIR|VITEST.*)$/.test(k))
      env[k] = v;
  return { ...env, ...extra };
}

/**
 * Runs `node --import tsx <script> ...args` (plain `node --enable-source-maps` for a compiled
 * .js script, as `npm start` runs build/server) and resolves with the last stdout line parsed as
 * JSON (the child's report); stderr passes through. Each child has its own peak RSS.
 */
export function runChild<T>(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<T> {
  return new Promise((resolve, reject) => {
    // A compiled worker (.js under build/) runs on plain node, as production does; a .ts one under tsx.
    const loader = script.endsWith('.js') ? ['--enable-source-maps'] : ['--import', 'tsx'];
    const child = spawn(process.execPath, [...nodeArgs, ...loader, path.join(ROOT, script), ...args], {
      cwd: ROOT,
      env: cleanEnv(env),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} ${args.join(' ')} exited with ${code}:\n${out}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script}: no JSON report:\n${out}`));
      }
    });
  });
}

/** Peak resident set of this process so far, in MB (VmHWM; maxRSS where /proc is absent). */
export function peakRssMB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    /* not Linux */
  }
  return process.resourceUsage().maxRSS / 1024;
}

export interface AppProcess {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Compiles the server (as `npm run build` does, same tsc options: tsconfig.build.json) together
 * with a bench worker into build/, so the worker measures the JavaScript production runs, not
 * tsx's on-the-fly transform (which alone held ~40 MB more before the measured work began).
 * Returns the worker's compiled path.
 */
export function buildWorker(worker: 'ingest' | 'close' = 'ingest'): string {
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.bench.json'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('compiling the bench worker (tsconfig.bench.json) failed');
  return `build/bench/${worker}-worker.js`;
}

/** Builds build/ (the compiled server and CLI) or dist/ when stale, as `npm start` does. */
export function ensureBuilt(part: 'server' | 'web'): void {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale', part], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`building ${part} failed`);
}

/**
 * The real server as `npm start` runs it (node on build/server/index.js, built first when stale)
 * in a child process, NODE_ENV=production, scheduler off.
 */
export async function startApp(
  databaseUrl: string,
  extra: Record<string, string> = {},
  dir = path.dirname(databaseUrl),
): Promise<AppProcess> {
  ensureBuilt('server');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []),
      'build/server/index.js',
    ],
    {
      cwd: ROOT,
      env: cleanEnv({
        NODE_ENV: 'production',
        LOG_LEVEL: 'error',
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        BASE_URL: base,
        JOBS_ENABLED: '0',
        SEED_DEMO: '0',
        OUTBOX_DIR: path.join(dir, 'outbox'),
        ...extra,
      }),
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  for (let i = 0; ; i++) {
    if (child.exitCode != null) throw new Error(`server exited with ${child.exitCode}:\n${err}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 600) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    child,
    stop: async () => {
      if (child.exitCode == null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

/** Session cookie of the demo administrator (or of any account the bench created with that email). */
export async function signIn(
  base: string,
  email = 'admin@demo.tietkiem.vn',
  password = 'demo-admin-2026',
): Promise<Record<string, string>> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password }),
  });
  if (!r.ok) throw new Error(`sign-in failed: ${r.status} ${await r.text()}`);
  return {
    cookie: r.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}

/** The middle element by `by` (the lower of the two middle ones for an even count): a whole run, not an average. */
export const medianBy = <T>(xs: T[], by: (x: T) => number): T =>
  [...xs].sort((x, y) => by(x) - by(y))[(xs.length - 1) >> 1];

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
