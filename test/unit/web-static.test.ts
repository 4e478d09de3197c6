/** Serving the built dashboard: cache headers, SPA fallback, no escape from dist/, /api left alone. */
import fs from 'node:fs';
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
});
