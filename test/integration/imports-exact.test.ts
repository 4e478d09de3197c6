/**
 * Issue 12 through POST /api/imports (SQLite and PostgreSQL, TEST_DB): each reproduction that
 * stored a wrong number with `ok: true` is now a 422 naming row and column with nothing stored,
 * or is stored as the officer meant it.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { dumpTables, seedAgency } from '../fixtures/imports/fixtures.ts';
import { num, rawXlsx, row, str } from '../fixtures/ingest/xlsx-raw.ts';

const H = 'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú';
const enc = (s: string) => new TextEncoder().encode(s);

interface Report {
  ok: boolean;
  status: string;
  inserted: number;
  errors: { row: number; column: string; code: string; value: string; message: string }[];
}

describe('issue 12 over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedAgency(t.deps);
  });
  afterAll(() => t.close());

  function upload(name: string, bytes: Uint8Array | string, fields: Record<string, string> = {}) {
    const form = new FormData();
    form.set('file', new File([(typeof bytes === 'string' ? enc(bytes) : bytes) as BlobPart], name));
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return t.request('/api/imports', { method: 'POST', body: form });
  }

  /** Uploads a file that must be refused: 422, nothing stored; returns [row, column, code, value] of each error. */
  async function refused(name: string, bytes: Uint8Array | string, fields: Record<string, string> = {}) {
    const before = await dumpTables(t.deps);
    const res = await upload(name, bytes, fields);
    const body = (await res.json()) as { error: { code: string; details: Report } };
    expect(res.status, JSON.stringify(body)).toBe(422);
    expect(body.error.code).toBe('import_rejected');
    expect(await dumpTables(t.deps)).toEqual(before);
    return body.error.details.errors.map((e) => [e.row, e.column, e.code, e.value]);
  }

  async function stored(name: string, bytes: Uint8Array | string, fields: Record<string, string> = {}) {
    const res = await upload(name, bytes, { acceptWarnings: '1', ...fields });
    const body = (await res.json()) as Report;
    expect(res.status, JSON.stringify(body)).toBe(200);
    return body;
  }

  async function figure(unit: string, category: string, period: string) {
    const res = await t.request(`/api/figures?unit=${encodeURIComponent(unit)}&from=${period}&to=${period}&subtree=0`);
    const body = (await res.json()) as {
      figures: {
        unitCode: string;
        categoryCode: string;
        amount: number;
        quantity: number | null;
        note: string | null;
      }[];
    };
    return body.figures.find((f) => f.categoryCode === category && f.unitCode === unit);
  }

  it('1. an unclosed quote: 422 at the row where it opens', async () => {
    expect(
      await refused(
        'quote.csv',
        `${H}\nSTTTT,2026-01,VPP,100000,,"Mua giấy A4\nSTTTT,2026-02,VPP,200000,,x\nSTTTT,2026-03,VPP,300000,,y\nSTTTT,2026-04,VPP,400000,,z\n`,
      ),
    ).toEqual([[2, 'Ghi chú', 'unterminated_quote', 'Mua giấy A4']]);
  });

  it('1b. a quote inside an unquoted cell is part of the cell (csv-parse relax_quotes)', async () => {
    const r = await stored(
      'inch.csv',
      `${H}\nSTTTT-VP,2024-09,VPP,100000,,Giấy khổ 12" x 5"\nSTTTT-VP,2024-10,VPP,200000,,\n`,
    );
    expect(r).toMatchObject({ ok: true, inserted: 2 });
    expect(await figure('STTTT-VP', 'stationery', '2024-09')).toMatchObject({ note: 'Giấy khổ 12" x 5"' });
  });

  it('2. CR-only line ends with a line feed inside quotes: three figures stored', async () => {
    const r = await stored(
      'cr.csv',
      `${H}\rSTTTT-VP,2024-01,VPP,100000,,"x\ny"\rSTTTT-VP,2024-02,VPP,200000,,\rSTTTT-VP,2024-03,VPP,300000,,\r`,
    );
    expect(r).toMatchObject({ ok: true, inserted: 3 });
    expect(await figure('STTTT-VP', 'stationery', '2024-01')).toMatchObject({ amount: 100000, note: 'x y' });
  });

  it('3. XLSX formula errors and uncached formulas: 422 naming sheet and cell', async () => {
    const header = row(1, str('A1', 'Mã đơn vị'), str('B1', 'Kỳ'), str('C1', 'Khoản chi'), str('D1', 'Số tiền (đồng)'));
    const x = rawXlsx([
      header,
      row(
        2,
        str('A2', 'STTTT'),
        str('B2', '2026-01'),
        str('C2', 'VPP'),
        '<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
      ),
      row(3, str('A3', 'STTTT'), str('B3', '2026-02'), str('C3', 'VPP'), '<c r="D3"><f>D2*2</f></c>'),
    ]);
    const res = await upload('f.xlsx', x);
    expect(res.status).toBe(422);
    const errors = ((await res.json()) as { error: { details: Report } }).error.details.errors;
    expect(errors.map((e) => [e.row, e.code, e.value])).toEqual([
      [2, 'formula_error', '#DIV/0!'],
      [3, 'formula_not_cached', '=D2*2'],
    ]);
    expect(errors[0].message).toContain('Ô D2 (trang "Số liệu"');
    expect(errors[1].message).toContain('mở tệp bằng Excel và lưu lại');
  });

  it('4. two columns for one category: 422 naming both', async () => {
    expect(await refused('wide.csv', 'Đơn vị,Tháng,Văn phòng phẩm,VPP\nSTTTT,2026-01,100000,200000\n')).toEqual([
      [1, 'VPP', 'duplicate_column', 'VPP'],
    ]);
  });

  it('5. a stray 0xFF in a UTF-8 file: 422 naming row and byte offset (no mojibake stored)', async () => {
    const b = new Uint8Array([
      ...enc(`${H}\nSTTTT,2026-01,VPP,100000,,Mua mực in\nSTTTT,2026-02,VPP,1,,x`),
      0xff,
      ...enc('\n'),
    ]);
    expect(await refused('utf8.csv', b)).toEqual([[3, 'Ghi chú', 'invalid_utf8', '0xFF']]);
  });

  it('6. a NUL byte in a cell: 422 naming row and column', async () => {
    expect(await refused('nul.csv', `${H}\nSTTTT-\0TT,2026-01,VPP,100000,,\n`)).toEqual([
      [2, 'Mã đơn vị', 'nul_byte', 'STTTT-␀TT'],
    ]);
  });

  it('7. a zip with a local entry outside its central directory: 415, nothing inflated', async () => {
    const good = Buffer.from(rawXlsx([row(1, str('A1', 'Mã đơn vị'))]));
    const eocd = good.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const cdOffset = good.readUInt32LE(eocd + 16);
    const data = deflateRawSync(Buffer.alloc(32 * 1024 * 1024, 0x20));
    const name = Buffer.from('xl/worksheets/sheet2.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt16LE(name.length, 26);
    const hidden = Buffer.concat([local, name, data]);
    const bomb = Buffer.concat([good.subarray(0, cdOffset), hidden, good.subarray(cdOffset)]);
    bomb.writeUInt32LE(cdOffset + hidden.length, eocd + hidden.length + 16);
    const res = await upload('bomb.xlsx', bomb);
    expect(res.status).toBe(415);
  });

  it('10. a two-level merged header is read as electricity quantity and amount', async () => {
    await stored('merged.csv', 'Đơn vị,Tháng,Điện,\n,,kWh,đồng\nSTTTT-VP,2024-04,1200,3000000\n');
    expect(await figure('STTTT-VP', 'electricity', '2024-04')).toMatchObject({ amount: 3000000, quantity: 1200 });
  });

  it('11. unit codes with Vietnamese letters are stored and matched exactly (CĐ is not CD)', async () => {
    const units = await stored(
      'units.csv',
      'Mã đơn vị,Tên đơn vị,Đơn vị cấp trên,Biên chế\nSTTTT-CĐ,Chi đoàn Sở,STTTT,3\nTTKĐ-01,Trung tâm Kiểm định,stttt-cđ,4\n',
      { kind: 'units' },
    );
    expect(units).toMatchObject({ ok: true, inserted: 2 });
    const list = (await (await t.request('/api/units')).json()) as {
      units: { code: string; parentCode: string | null }[];
    };
    expect(list.units.filter((u) => /Đ/.test(u.code)).map((u) => [u.code, u.parentCode])).toEqual([
      ['STTTT-CĐ', 'STTTT'],
      ['TTKĐ-01', 'STTTT-CĐ'],
    ]);
    await stored('cd.csv', `${H}\nstttt-cđ,2024-05,VPP,120000,,\nTTKĐ-01,2024-05,VPP,130000,,\n`);
    expect(await figure('STTTT-CĐ', 'stationery', '2024-05')).toMatchObject({ amount: 120000 });
    expect(await figure('TTKĐ-01', 'stationery', '2024-05')).toMatchObject({ amount: 130000 });
    expect(await refused('cd2.csv', `${H}\nSTTTT-CD,2024-06,VPP,1,,\n`)).toEqual([
      [2, 'Mã đơn vị', 'unknown_unit', 'STTTT-CD'],
    ]);
  });

  it('12. money with a fraction of a đồng: 422 naming the cell; ,00 is whole', async () => {
    expect(await refused('frac.csv', `${H}\nSTTTT,2026-01,VPP,"1.250.000,5",,\n`)).toEqual([
      [2, 'Số tiền (đồng)', 'fractional_amount', '1.250.000,5'],
    ]);
    const header = row(1, str('A1', 'Mã đơn vị'), str('B1', 'Kỳ'), str('C1', 'Khoản chi'), str('D1', 'Số tiền (đồng)'));
    await stored(
      'float.xlsx',
      rawXlsx([
        header,
        row(2, str('A2', 'STTTT-VP'), str('B2', '2024-07'), str('C2', 'VPP'), num('D2', 1250000.0000004)),
      ]),
    );
    expect(await figure('STTTT-VP', 'stationery', '2024-07')).toMatchObject({ amount: 1250000 });
  });

  it('13. 690,000 in a file that groups thousands with dots: 422 showing both readings', async () => {
    const res = await upload('amb.csv', `${H}\nSTTTT,2026-01,VPP,1.250.000,,\nSTTTT,2026-02,VPP,"690,000",,\n`);
    expect(res.status).toBe(422);
    const [e] = ((await res.json()) as { error: { details: Report } }).error.details.errors;
    expect([e.row, e.column, e.code, e.value]).toEqual([3, 'Số tiền (đồng)', 'ambiguous_number', '690,000']);
    expect(e.message).toContain('690.000 đ');
    expect(e.message).toContain('690 đ');
  });

  it('8. no exceljs temp files are left after XLSX uploads that are stored or refused', async () => {
    const mine = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`));
    const before = mine();
    const header = row(1, str('A1', 'Mã đơn vị'), str('B1', 'Kỳ'), str('C1', 'Khoản chi'), str('D1', 'Số tiền (đồng)'));
    const rows = Array.from({ length: 40 }, (_, i) =>
      row(
        i + 2,
        str(`A${i + 2}`, 'STTTT-VP'),
        str(`B${i + 2}`, `2023-${String((i % 12) + 1).padStart(2, '0')}`),
        str(`C${i + 2}`, ['VPP', 'Khác', 'Điện', 'Cước điện thoại'][Math.floor(i / 12)]),
        num(`D${i + 2}`, 100000 + i),
      ),
    );
    await stored('ok.xlsx', rawXlsx([header, ...rows]));
    await refused('bad.xlsx', rawXlsx([header, row(2, str('A2', 'STTTT'), `<c r="B2" t="e"><v>#REF!</v></c>`)]));
    expect(mine()).toEqual(before);
  });

  it("14. rows outside the officer's scope: 403 unit_forbidden listing every row error with its row, nothing stored", async () => {
    const before = await dumpTables(t.deps);
    const form = new FormData();
    form.set(
      'file',
      new File(
        [
          enc(
            `${H}\nSTTTT-VP,2024-08,VPP,100000,,\nSTTTT-BCXB,2024-08,VPP,100000,,\nSTTTT-VP,2024-08,Không có khoản này,1,,\nSTTTT-TTCNTT,2024-08,VPP,abc,,\nSTTTT-VP,2024-09,VPP,"1.250.000,5",,\n`,
          ),
        ],
        'scope.csv',
      ),
    );
    const res = await t.request('/api/imports', { method: 'POST', body: form, as: 'officer:STTTT-VP' });
    const body = (await res.json()) as { error: { code: string; message: string; details: Report } };
    expect(res.status, JSON.stringify(body)).toBe(403);
    expect(body.error.code).toBe('unit_forbidden');
    expect(body.error.message).toContain('STTTT-BCXB');
    expect(body.error.message).toContain('STTTT-TTCNTT');
    expect(body.error.details.errors.map((e) => [e.row, e.code])).toEqual([
      [3, 'unit_forbidden'],
      [4, 'unknown_category'],
      [5, 'unit_forbidden'],
      [5, 'not_a_number'],
      [6, 'fractional_amount'],
    ]);
    expect(await dumpTables(t.deps)).toEqual(before);
  });

  it('15. refused uploads (413, 415) are recorded in the import history', async () => {
    const small = await createTestApp({ UPLOAD_MAX_BYTES: '2048' });
    try {
      const send = (name: string, bytes: Uint8Array | string) => {
        const form = new FormData();
        form.set('file', new File([(typeof bytes === 'string' ? enc(bytes) : bytes) as BlobPart], name));
        return small.request('/api/imports', { method: 'POST', body: form });
      };
      expect((await send('lon.csv', `${H}\n${'STTTT,2026-01,VPP,1,,\n'.repeat(200)}`)).status).toBe(413);
      expect((await send('virus.exe', 'MZ\x90\x00')).status).toBe(415);
      const list = (await (await small.request('/api/imports')).json()) as {
        imports: { fileName: string; status: string; httpStatus: number | null; errorCount: number }[];
      };
      expect(list.imports.slice(0, 2).map((i) => [i.fileName, i.status, i.httpStatus])).toEqual([
        ['virus.exe', 'refused', 415],
        ['lon.csv', 'refused', 413],
      ]);
    } finally {
      await small.close();
    }
  });
});
