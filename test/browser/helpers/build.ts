/** Builds the dashboard when dist/ is stale (scripts/build.mjs), and measures its first-load JS. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIST = path.join(ROOT, 'dist');

/** Builds the dashboard into dist/ when it is missing or older than its sources (scripts/build.mjs). */
export function ensureBuilt() {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale', 'web'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the dashboard build failed');
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
