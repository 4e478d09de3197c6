/**
 * JSON bodies over 1 KB go out compressed (br or gzip) when the request asks, with
 * `Vary: Accept-Encoding`; smaller bodies and requests that do not ask get them as they are.
 * (Issue 17: a 91 KB results body went out raw.)
 */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('JSON compression', () => {
  it('compresses a large body with br or gzip as asked, the same JSON once decoded', async () => {
    const plain = await t.request('/api/openapi.json');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toContain('Accept-Encoding');
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(1024);

    const br = await t.request('/api/openapi.json', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
    expect(br.headers.get('content-type')).toContain('application/json');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(Number(br.headers.get('content-length'))).toBe(brBytes.length);
    expect(brBytes.length).toBeLessThan(text.length / 3);
    expect(zlib.brotliDecompressSync(brBytes).toString()).toBe(text);

    const gz = await t.request('/api/openapi.json', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(text);
  });

  it('leaves a body under 1 KB as it is', async () => {
    const r = await t.request('/api/health', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-encoding')).toBeNull();
    expect(r.headers.get('vary')).toContain('Accept-Encoding');
    expect(await r.json()).toMatchObject({ status: 'ok' });
  });

  it('compresses error bodies too, keeping the status', async () => {
    const r = await t.request('/api/results?year=abc', { headers: { 'accept-encoding': 'gzip' } });
    expect(r.status).toBe(400);
    const body = Buffer.from(await r.arrayBuffer());
    const json = r.headers.get('content-encoding') === 'gzip' ? zlib.gunzipSync(body).toString() : body.toString();
    expect(JSON.parse(json)).toMatchObject({ error: { code: 'invalid_request' } });
  });
});
