/** Builds the dashboard (vite build) when dist/ is missing or older than web/, and measures its first-load JS. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIST = path.join(ROOT, 'dist');

function newest(dir: string): number {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

export function ensureBuilt() {
  const index = path.join(DIST, 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (built > 0 && built >= newest(path.join(ROOT, 'web'))) return;
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}

/** Gzip size of the JS and CSS index.html loads before any view (entry script + modulepreloads + stylesheets). */
export function firstLoadSizes(): {
  files: Array<{ file: string; raw: number; gzip: number }>;
  jsGzip: number;
  totalGzip: number;
} {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const files = [...new Set(refs)].map((ref) => {
    const buf = fs.readFileSync(path.join(DIST, ref.replace(/^\//, '')));
    return { file: ref, raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
  });
  const jsGzip = files.filter((f) => f.file.endsWith('.js')).reduce((s, f) => s + f.gzip, 0);
  return { files, jsGzip, totalGzip: files.reduce((s, f) => s + f.gzip, 0) };
}
