/**
 * Serves the built dashboard (dist/, from `vite build`). Hashed files under /assets/ are cached
 * for a year as immutable; index.html is revalidated every time (no-cache) so a deploy shows at
 * once; any other GET outside /api that is not a file gets index.html (the dashboard routes by
 * path, so bookmarked links like /overview?unit=STTTT&year=2020 work).
 *
 * The build writes `file.br` and `file.gz` beside each file (vite.config.ts); a browser that
 * accepts br or gzip gets that copy as it is, with `Content-Encoding` and `Vary: Accept-Encoding`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { projectPath } from '../paths.ts';
import { pickEncoding, type Encoding } from './compression.ts';

const DEFAULT_ROOT = projectPath('dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

async function readFileOrNull(file: string): Promise<Buffer | null> {
  try {
    const st = await fs.stat(file);
    return st.isFile() ? await fs.readFile(file) : null;
  } catch {
    return null;
  }
}

/** Types the build does not precompress (compressed already). */
const PRECOMPRESSED = /\.(html|js|css|svg|json|webmanifest|txt|map|ico)$/;

/**
 * The file as the client wants it: its .br or .gz copy when the client accepts that encoding and
 * the copy exists, or the file itself. `vary` is true when the answer depends on Accept-Encoding.
 */
async function negotiated(
  file: string,
  acceptEncoding: string | undefined,
): Promise<{ body: Buffer; encoding: Encoding | null; vary: boolean } | null> {
  const vary = PRECOMPRESSED.test(file);
  if (vary) {
    const offered: Encoding[] = ['br', 'gzip'];
    for (let enc = pickEncoding(acceptEncoding, offered); enc; enc = pickEncoding(acceptEncoding, offered)) {
      const body = await readFileOrNull(`${file}.${enc === 'br' ? 'br' : 'gz'}`);
      if (body) return { body, encoding: enc, vary };
      offered.splice(offered.indexOf(enc), 1); // that copy is missing: try the other
    }
  }
  const body = await readFileOrNull(file);
  return body ? { body, encoding: null, vary } : null;
}

function fileHeaders(type: string, cacheControl: string, got: { encoding: Encoding | null; vary: boolean }) {
  return {
    'content-type': type,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
    ...(got.vary ? { vary: 'Accept-Encoding' } : {}),
    ...(got.encoding ? { 'content-encoding': got.encoding } : {}),
  };
}

export function staticRoutes(_deps: AppDeps, opts: { root?: string } = {}) {
  const root = opts.root ?? DEFAULT_ROOT;
  const app = new Hono();
  app.get('*', async (c, next) => {
    const urlPath = c.req.path;
    if (urlPath === '/api' || urlPath.startsWith('/api/')) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(urlPath);
    } catch {
      return next();
    }
    const file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
    const inside = file === root || file.startsWith(root + path.sep);
    const accept = c.req.header('accept-encoding');
    const got = inside && !rel.endsWith('/') ? await negotiated(file, accept) : null;
    if (got) {
      const ext = path.extname(file).toLowerCase();
      const hashed = rel.startsWith('/assets/');
      return c.body(
        new Uint8Array(got.body),
        200,
        fileHeaders(
          TYPES[ext] ?? 'application/octet-stream',
          ext === '.html' ? 'no-cache' : hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
          got,
        ),
      );
    }
    // A missing hashed asset or file with an extension is a real 404, not the app.
    if (rel.startsWith('/assets/') || path.extname(rel) !== '') return next();
    const index = await negotiated(path.join(root, 'index.html'), accept);
    if (!index) {
      return c.text(
        'Giao diện chưa được build: chạy `npm run build`. / The dashboard is not built: run `npm run build`.',
        503,
        { 'cache-control': 'no-store' },
      );
    }
    return c.body(new Uint8Array(index.body), 200, fileHeaders(TYPES['.html'], 'no-cache', index));
  });
  return app;
}
