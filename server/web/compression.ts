/**
 * Compression on the wire. Built files are compressed once, at build time (vite.config.ts writes
 * `.br` and `.gz` beside each), and served as they are (server/web/static.routes.ts); JSON bodies
 * over 1 KB are compressed per response (brotli at a fast level, or gzip) when the client asks.
 * Either way the response says `Vary: Accept-Encoding`, so that a cache keeps the copies apart.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { memoizable } from './response-memo.ts';

export type Encoding = 'br' | 'gzip';

/** What the client accepts, best first among `offered` (server preference breaks ties), or null. */
export function pickEncoding(acceptEncoding: string | undefined, offered: readonly Encoding[]): Encoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const enc of offered) {
    const v = q.get(enc) ?? q.get('*') ?? 0;
    if (v > bestQ) [best, bestQ] = [enc, v];
  }
  return best;
}

/** Adds Accept-Encoding to a Vary header value. */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get('vary');
  if (vary === '*' || (vary && /(^|,)\s*accept-encoding\s*(,|$)/i.test(vary))) return;
  headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Bodies smaller than this go out as they are: compressing them saves less than it costs. */
export const JSON_COMPRESS_MIN_BYTES = 1024;

/**
 * Compresses JSON responses of at least JSON_COMPRESS_MIN_BYTES when the request accepts br or
 * gzip. Brotli at quality 5: about gzip's speed, a tenth smaller (a 91 KB results body: ~6 KB).
 */
export function compressJson(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (!/^application\/json\b/i.test(res.headers.get('content-type') ?? '')) return;
    varyOnEncoding(res.headers);
    if (c.req.method === 'HEAD' || res.headers.has('content-encoding')) return;
    const encoding = pickEncoding(c.req.header('accept-encoding'), ['br', 'gzip']);
    // Checked last: reading `body` turns the adapter's light response into a full web Response
    // (a ReadableStream per request: ~10 % of an uncompressed cached results request).
    if (!encoding || !res.body) return;
    const raw = Buffer.from(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    let body: Buffer = raw;
    if (raw.length >= JSON_COMPRESS_MIN_BYTES) {
      body =
        encoding === 'br'
          ? await brotli(raw, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
              },
            })
          : await gzip(raw, { level: 6 });
      headers.set('content-encoding', encoding);
    }
    headers.set('content-length', String(body.length));
    const bytes = new Uint8Array(body);
    // A memoizable answer (server/web/response-memo.ts) is repeated compressed, not compressed again.
    if (c.get('memoBody')) memoizable(c, bytes);
    // Replaced, not merged: Hono's c.res setter would copy the old headers over the new ones.
    c.res = undefined;
    c.res = new Response(bytes, { status: res.status, statusText: res.statusText, headers });
  };
}
