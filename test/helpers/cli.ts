/**
 * The operator's CLI as a real child process (`tsx server/cli.ts …`, without npm's start-up) on a
 * test database: exit code, stdout and stderr. BASE_URL is set because Vitest sets it to '/'.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(
  databaseUrl: string,
  args: string[],
  /** compiled: `node build/server/cli.js` (what `npm run cli` runs; build/ must be fresh) instead of tsx. */
  opts: { stdin?: string; env?: Record<string, string>; compiled?: boolean } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      SEED_DEMO: '0',
      NODE_ENV: 'test',
      BASE_URL: 'http://localhost:3000',
      ...opts.env,
    };
    const child = execFile(
      opts.compiled ? process.execPath : path.join(ROOT, 'node_modules/.bin/tsx'),
      [opts.compiled ? 'build/server/cli.js' : 'server/cli.ts', ...args],
      { cwd: ROOT, env, timeout: 60_000, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      },
    );
    child.stdin!.end(opts.stdin ?? '');
  });
}
