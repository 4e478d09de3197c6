/** POST /api/imports and friends through the real Hono app: 200, 422 with the report, 413, 415, error file, templates. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { dumpTables, readFixture, seedAgency } from '../fixtures/imports/fixtures.ts';

function upload(t: TestApp, name: string, bytes: Uint8Array | string, fields: Record<string, string> = {}) {
  const form = new FormData();
  // A lying Content-Type: the server must decide by extension and signature only.
  form.set('file', new File([bytes as BlobPart], name, { type: 'application/octet-stream' }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return t.request('/api/imports', { method: 'POST', body: form });
}

describe('imports over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedAgency(t.deps);
  });
  afterAll(() => t.close());

  it('stores a file and returns the report; GET /api/imports/:id and the list show it', async () => {
    const res = await upload(t, 'figures-long-2019-2020.csv', readFixture('figures-long-2019-2020.csv'));
    expect(res.status).toBe(200);
    const report = (await res.json()) as { id: number; status: string; inserted: number };
    expect(report).toMatchObject({ status: 'stored', inserted: 96, ok: true });
    const one = await t.request(`/api/imports/${report.id}`);
    expect(await one.json()).toMatchObject({
      id: report.id,
      status: 'stored',
      inserted: 96,
      fileName: 'figures-long-2019-2020.csv',
      kind: 'figures',
    });
    const list = (await (await t.request('/api/imports?limit=5')).json()) as { imports: { id: number }[] };
    expect(list.imports[0].id).toBe(report.id);
    expect((await t.request('/api/imports/99999')).status).toBe(404);
  });

  it('answers 422 with every error for a rejected file, and serves the error file', async () => {
    const before = await dumpTables(t.deps);
    const res = await upload(t, 'figures-with-errors.csv', readFixture('figures-with-errors.csv'));
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      error: { code: string; message: string; details: { id: number; errors: { row: number }[] } };
    };
    expect(body.error.code).toBe('import_rejected');
    expect(body.error.message).toBe('figures-with-errors.csv: 7 lỗi, không có dòng nào được lưu');
    expect(body.error.details.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7, 8, 10]);
    expect(await dumpTables(t.deps)).toEqual(before);

    const file = await t.request(`/api/imports/${body.error.details.id}/errors.csv`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true })
      .decode(bytes)
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú,Lỗi');
    expect(lines).toHaveLength(8);
    expect(lines[1].startsWith('STTTT-XX,2025-01,Văn phòng phẩm,350000,,,')).toBe(true);
    // -120000 would run as a formula in Excel: it is prefixed.
    expect(lines.find((l) => l.includes('120000'))).toContain("'-120000");
  });

  it('dryRun=1 previews without storing', async () => {
    const before = await dumpTables(t.deps);
    const res = await upload(t, 'wide.csv', readFixture('figures-wide-vi-2025.csv'), { dryRun: '1' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'dry_run', dryRun: true, inserted: 240 });
    expect(await dumpTables(t.deps)).toEqual(before);
  });

  it('refuses other file types with 415, whatever the Content-Type says', async () => {
    for (const [name, bytes] of [
      ['virus.exe', 'MZ\x90\x00'],
      ['figures.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2])],
      ['figures.xlsx', 'Mã đơn vị,Kỳ\n'],
      ['anh.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47])],
    ] as const) {
      const res = await upload(t, name, bytes);
      expect(res.status, name).toBe(415);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_file_type');
    }
  });

  it('refuses a body over UPLOAD_MAX_BYTES with 413', async () => {
    const small = await createTestApp({ UPLOAD_MAX_BYTES: '2048' });
    try {
      const res = await upload(small, 'big.csv', 'Mã đơn vị,Kỳ\n' + 'x,2025-01\n'.repeat(500));
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    } finally {
      await small.close();
    }
  });

  it('answers 400 without a file', async () => {
    const form = new FormData();
    form.set('kind', 'figures');
    const res = await t.request('/api/imports', { method: 'POST', body: form });
    expect(res.status).toBe(400);
  });

  it('templates: long CSV with every division × category for the last closed month (none stored yet)', async () => {
    const res = await t.request('/api/templates/figures.csv?shape=long');
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú');
    expect(lines).toHaveLength(1 + 5 * 4);
    expect(lines[1]).toBe('STTTT-VP,2026-10,Văn phòng phẩm,,,');
  });

  it('templates: a filled-in wide template imports', async () => {
    const text = (await (await t.request('/api/templates/figures.csv?shape=wide')).text()).replace(/^\ufeff/, '');
    const [head, ...rows] = text.trim().split('\r\n');
    expect(head).toBe('Đơn vị,Tháng,Văn phòng phẩm,Cước điện thoại,Điện (kWh),Điện (đồng),Chi phí khác');
    const filled = [head, ...rows.map((r) => r.replace(/,,,,,$/, ',100000,200000,1000,3050000,400000'))].join('\n');
    const res = await upload(t, 'mau.csv', filled);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'stored', inserted: 20 });
  });

  it('templates: never pre-fill a month already stored; each row proposes the first month not stored', async () => {
    const long = async () =>
      (await (await t.request('/api/templates/figures.csv?shape=long')).text())
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n');
    // The filled wide template above stored 2026-10 (the last closed month) for every division.
    expect((await long()).slice(1).every((l) => l.split(',')[1] === '2026-11')).toBe(true);
    const put = await t.request('/api/figures', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unitCode: 'STTTT-VP', categoryCode: 'stationery', period: '2026-11', amount: 500000 }),
    });
    expect(put.status).toBe(200);
    const lines = await long();
    expect(lines).toContain('STTTT-VP,2026-12,Văn phòng phẩm,,,');
    expect(lines).toContain('STTTT-VP,2026-11,Cước điện thoại,,,');
    // Wide: a row per unit, in the earliest month one of its categories lacks.
    const wide = (await (await t.request('/api/templates/figures.csv?shape=wide')).text()).split('\r\n');
    expect(wide.filter((l) => l.startsWith('Văn phòng Sở,'))).toEqual(['Văn phòng Sở,Tháng 11/2026,,,,,']);
  });

  it('templates: XLSX, units and norms', async () => {
    const x = await t.request('/api/templates/figures.xlsx?shape=long');
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.arrayBuffer());
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('Mã đơn vị');
    expect(wb.worksheets[0].rowCount).toBe(21);
    const units = (await (await t.request('/api/templates/units.csv')).text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(units).toHaveLength(7);
    expect(units[1]).toMatch(/^STTTT,Sở Thông tin và Truyền thông,,48/);
    const norms = (await (await t.request('/api/templates/norms.csv')).text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(norms[0].startsWith('Mã đơn vị,Năm,Khoản chi')).toBe(true);
    expect(norms.length).toBeGreaterThanOrEqual(5);
  });

  it('an officer gets a template of their own units and cannot upload rows of others (403, nothing stored)', async () => {
    const lines = (await (await t.request('/api/templates/figures.csv?shape=long', { as: 'officer:STTTT-VP' })).text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines.slice(1).every((l) => l.startsWith('STTTT-VP,'))).toBe(true);
    expect(lines).toHaveLength(1 + 4);
    const before = await dumpTables(t.deps);
    const form = new FormData();
    form.set('file', new File([readFixture('figures-wide-vi-2025.csv') as BlobPart], 'wide.csv'));
    const res = await t.request('/api/imports', { method: 'POST', body: form, as: 'officer:STTTT-VP' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'unit_forbidden',
      message: expect.stringContaining('STTTT-BCXB'),
    });
    expect(await dumpTables(t.deps)).toEqual(before);
  });

  it('lists the routes in the OpenAPI document', async () => {
    const doc = (await (await t.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(doc.paths['/api/imports'].post.responses)).toEqual(
      expect.arrayContaining(['200', '413', '415', '422']),
    );
    expect(doc.paths).toHaveProperty(['/api/imports/{id}/errors.csv']);
    expect(doc.paths).toHaveProperty(['/api/figures']);
    expect(doc.paths).toHaveProperty(['/api/templates/figures.xlsx']);
  });
});
