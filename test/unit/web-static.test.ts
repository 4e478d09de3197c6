/**
 * Serving the built dashboard: cache headers, SPA fallback, no escape from dist/, /api left alone,
 * and the build's .br / .gz copies sent as they are to a client that accepts them (issue 17).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { staticRoutes } from '../../server/web/static.routes.ts';
import type { AppDeps } from '../../server/deps.ts';

let root: string;
let app: Hono;

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tietkiem-static-'));
  root = path.join(dir, 'dist');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Tiết Kiệm</title>');
  fs.writeFileSync(path.join(root, 'assets/index-abc123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'favicon.svg'), '<svg/>');
  // As the build writes them: a .br and a .gz beside each file (the favicon has only a .gz here).
  const js = 'console.log("chart");'.repeat(200);
  fs.writeFileSync(path.join(root, 'assets/chart-def456.js'), js);
  fs.writeFileSync(path.join(root, 'assets/chart-def456.js.br'), zlib.brotliCompressSync(js));
  fs.writeFileSync(path.join(root, 'assets/chart-def456.js.gz'), zlib.gzipSync(js));
  fs.writeFileSync(
    path.join(root, 'index.html.br'),
    zlib.brotliCompressSync('<!doctype html><title>Tiết Kiệm</title>'),
  );
  fs.writeFileSync(path.join(root, 'favicon.svg.gz'), zlib.gzipSync('<svg/>'));
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'no');
  app = new Hono();
  app.route('/', staticRoutes({} as AppDeps, { root }));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'x' } }, 404));
});

afterAll(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

describe('static dashboard', () => {
  it('serves hashed assets as immutable for a year', async () => {
    const r = await app.request('/assets/index-abc123.js');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/javascript');
    expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates index.html every time', async () => {
    const r = await app.request('/index.html');
    expect(r.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a view path with index.html (bookmarks work)', async () => {
    const r = await app.request('/overview?unit=STTTT&year=2020');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(await r.text()).toContain('Tiết Kiệm');
  });

  it('gives 404 for a missing asset and leaves /api paths to the API', async () => {
    expect((await app.request('/assets/missing-123.js')).status).toBe(404);
    expect((await app.request('/api/nothing')).status).toBe(404);
    expect((await app.request('/api/nothing')).headers.get('content-type')).toContain('application/json');
  });

  it('never serves files outside dist/', async () => {
    const r = await app.request('/..%2fsecret.txt');
    expect(await r.text()).not.toBe('no');
    const r2 = await app.request('/%2e%2e/secret.txt');
    expect(await r2.text()).not.toBe('no');
  });

  it('sends the .br copy to a browser that accepts br, the .gz copy to one that accepts only gzip', async () => {
    const js = 'console.log("chart");'.repeat(200);
    const br = await app.request('/assets/chart-def456.js', {
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('content-type')).toContain('text/javascript');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(js);

    const gz = await app.request('/assets/chart-def456.js', { headers: { 'accept-encoding': 'gzip;q=1, br;q=0' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(js);

    const raw = await app.request('/assets/chart-def456.js');
    expect(raw.headers.get('content-encoding')).toBeNull();
    expect(raw.headers.get('vary')).toBe('Accept-Encoding');
    expect(await raw.text()).toBe(js);
  });

  it('falls back to the copy that exists, and to the file itself', async () => {
    const svg = await app.request('/favicon.svg', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(svg.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(Buffer.from(await svg.arrayBuffer())).toString()).toBe('<svg/>');
    const plain = await app.request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe('console.log(1)');
  });

  it('compresses index.html for a view path too', async () => {
    const r = await app.request('/trends', { headers: { 'accept-encoding': 'br' } });
    expect(r.headers.get('content-encoding')).toBe('br');
    expect(r.headers.get('vary')).toBe('Accept-Encoding');
    expect(zlib.brotliDecompressSync(Buffer.from(await r.arrayBuffer())).toString()).toContain('Tiết Kiệm');
  });
});
