/**
 * Serves the built dashboard (dist/, from `vite build`). Hashed files under /assets/ are cached
 * for a year as immutable; index.html is revalidated every time (no-cache) so a deploy shows at
 * once; any other GET outside /api that is not a file gets index.html (the dashboard routes by
 * path, so bookmarked links like /overview?unit=STTTT&year=2020 work).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { projectPath } from '../paths.ts';

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
    const body = inside && !rel.endsWith('/') ? await readFileOrNull(file) : null;
    if (body) {
      const ext = path.extname(file).toLowerCase();
      const hashed = rel.startsWith('/assets/');
      return c.body(new Uint8Array(body), 200, {
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        'cache-control':
          ext === '.html' ? 'no-cache' : hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
        'x-content-type-options': 'nosniff',
      });
    }
    // A missing hashed asset or file with an extension is a real 404, not the app.
    if (rel.startsWith('/assets/') || path.extname(rel) !== '') return next();
    const index = await readFileOrNull(path.join(root, 'index.html'));
    if (!index) {
      return c.text(
        'Giao diện chưa được build: chạy `npm run build`. / The dashboard is not built: run `npm run build`.',
        503,
        { 'cache-control': 'no-store' },
      );
    }
    return c.body(new Uint8Array(index), 200, {
      'content-type': TYPES['.html'],
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
  });
  return app;
}
