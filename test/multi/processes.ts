/**
 * Harness for tests with real processes: a clean environment for children (Vitest leaks
 * BASE_URL='/' and friends into process.env), free ports, app instances started with
 * `node --import tsx server/index.ts` and awaited on /api/health, and cleanup that kills every
 * child even when a test fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/ports.ts';
export { freePort };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const LEAKED =
  /^(BASE_URL|MODE|DEV|PROD|SSR|VITEST.*|TEST|NODE_ENV|DATABASE_URL|PORT|JOBS_ENABLED|SEED_DEMO|SMTP_URL|CLOSE_.*|LOG_LEVEL)$/;

/** process.env without test-runner leftovers, plus `extra`. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!LEAKED.test(k)) base[k] = v;
  return { ...base, NODE_ENV: 'test', LOG_LEVEL: 'warn', BASE_URL: 'http://localhost:8080', ...extra };
}

export interface AppProcess {
  name: string;
  port: number;
  url: string;
  proc: ChildProcess;
  /** Everything the process wrote so far (for assertion messages). */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
}

const started = new Set<AppProcess>();

/** Starts one app instance and waits until /api/health answers 200. */
export async function startApp(
  name: string,
  env: Record<string, string>,
  opts: { timeoutMs?: number } = {},
): Promise<AppProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: childEnv({ HOST: '127.0.0.1', PORT: String(port), SEED_DEMO: '0', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  let alive = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    }),
  );
  const app: AppProcess = {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    proc,
    output: () => out,
    exited,
    alive: () => alive,
  };
  started.add(app);
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (!alive) throw new Error(`${name} exited before it was healthy:\n${out}`);
    try {
      const r = await fetch(`${app.url}/api/health`);
      if (r.ok) return app;
    } catch {
      /* not listening yet */
    }
    await sleep(150);
  }
  throw new Error(`${name} not healthy after ${opts.timeoutMs ?? 30_000} ms:\n${out}`);
}

/** SIGKILL every process this file started that is still running (afterAll). */
export async function killAll(): Promise<void> {
  for (const a of started) {
    if (a.alive()) {
      a.proc.kill('SIGKILL');
      await a.exited;
    }
  }
  started.clear();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value or the time is up (then throws with `what`). */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Runs the CLI (`server/cli.ts`) in a child process; throws with its output unless it exits 0. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 180_000): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: ROOT,
    env: childEnv(env),
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')} exited ${r.status}:\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

/** The demo administrator (server/auth/accounts.demo.ts), loaded by the CLI `demo`. */
export const DEMO_ADMIN = { email: 'admin@demo.tietkiem.vn', password: 'demo-admin-2026' };

/**
 * Signs in on `app` and returns the headers that carry the session: the cookie, and Origin so
 * that cookie-authenticated writes pass the same-origin rule. Empty when there are no accounts.
 */
export async function signIn(app: AppProcess, who = DEMO_ADMIN): Promise<Record<string, string>> {
  const r = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify(who),
  });
  if (r.status === 404) return {};
  if (!r.ok) throw new Error(`sign-in on ${app.name} failed: ${r.status} ${await r.text()}`);
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie };
}
