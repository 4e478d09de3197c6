#!/usr/bin/env node
/**
 * `npm run build`: compiles server/, jobs/ and domain/ to JavaScript in build/ (tsc with
 * tsconfig.build.json; types are checked by `npm run typecheck`, not here) and builds the
 * dashboard into dist/ (Vite, with a .br and .gz copy beside every file).
 *
 * `node scripts/build.mjs --if-stale` (what `npm start` runs first) builds only the part whose
 * sources are newer than its last build, and does nothing when both are fresh. It then exits, so
 * that `npm start` runs the server itself as the one process npm started. `server` or `web` after
 * the options limits it to that part.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);

const SERVER_STAMP = 'build/.built';
const WEB_STAMP = 'dist/.built';
const parts = {
  server: { stamp: SERVER_STAMP, sources: ['server', 'jobs', 'domain', 'tsconfig.json', 'tsconfig.build.json'] },
  web: { stamp: WEB_STAMP, sources: ['web', 'domain', 'vite.config.ts', 'package-lock.json'] },
};

/** Newest modification time under a file or folder (0 when missing). */
function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs; // a deleted file changes its folder's time
  for (const e of fs.readdirSync(p)) t = Math.max(t, newest(path.join(p, e)));
  return t;
}

function stale(part) {
  const { stamp, sources } = parts[part];
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  return built === 0 || Math.max(...sources.map(newest)) > built;
}

/** A build tool from devDependencies, or a clear stop when it is not installed. */
function tool(rel, what) {
  const file = path.join(ROOT, 'node_modules', rel);
  if (!fs.existsSync(file)) {
    console.error(
      `${what} is missing or older than its sources, and the build tools (devDependencies) are not installed.\n` +
        'Run `npm ci && npm run build` (then `npm prune --omit=dev` if you want) before `npm start`.',
    );
    process.exit(1);
  }
  return file;
}

function run(file, args) {
  const r = spawnSync(process.execPath, [file, ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function buildServer() {
  const tsc = tool('typescript/bin/tsc', 'build/ (the compiled server)');
  console.error('build: compiling server, jobs and domain into build/ …');
  // From scratch: a source that was deleted or renamed must not live on as a stale .js file.
  fs.rmSync('build', { recursive: true, force: true });
  run(tsc, ['-p', 'tsconfig.build.json', '--noCheck']);
  fs.writeFileSync(SERVER_STAMP, new Date().toISOString() + '\n');
}

function buildWeb() {
  const vite = tool('vite/bin/vite.js', 'dist/ (the built dashboard)');
  console.error('build: building the dashboard into dist/ …');
  run(vite, ['build', '--logLevel', 'warn']);
  fs.writeFileSync(WEB_STAMP, new Date().toISOString() + '\n');
}

const args = process.argv.slice(2);
const ifStale = args.includes('--if-stale');
// `server` or `web` builds that part only (benchmarks and browser tests need only one).
const only = args.filter((a) => a in parts);
const wanted = (part) => only.length === 0 || only.includes(part);
if (wanted('server') && (!ifStale || stale('server'))) buildServer();
if (wanted('web') && (!ifStale || stale('web'))) buildWeb();
