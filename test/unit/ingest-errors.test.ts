import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.ts';
import { readFigures, readNorms, readUnits, type IngestLookup } from '../../server/ingest/index.ts';
import { demoLookup, drain, SAMPLES } from '../fixtures/ingest/lookup.ts';
import { toCsv, utf8 } from '../fixtures/ingest/variants.ts';

const csv = (rows: string[][], delim = ',') => ({ fileName: 'f.csv', bytes: utf8(toCsv(rows, delim)) });
const codes = (errors: { row: number; column: string; code: string; value: string }[]) =>
  errors.map((e) => [e.row, e.column, e.code, e.value]);

async function rejects(p: Promise<unknown>, status: number, code: string) {
  const e = await p.then(
    () => null,
    (x) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  expect([e.status, e.code]).toEqual([status, code]);
}

/** A one-entry zip whose central directory claims `declared` bytes for `data`. */
function zipOf(data: Buffer, declared: number): Buffer {
  const comp = deflateRawSync(data);
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(comp.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const cd = Buffer.alloc(46);
  cd.writeUInt32LE(0x02014b50, 0);
  cd.writeUInt16LE(20, 4);
  cd.writeUInt16LE(20, 6);
  cd.writeUInt16LE(8, 10);
  cd.writeUInt32LE(comp.length, 20);
  cd.writeUInt32LE(declared, 24);
  cd.writeUInt16LE(name.length, 28);
  cd.writeUInt32LE(0, 42);
  const cdOffset = local.length + name.length + comp.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(cd.length + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, comp, cd, name, eocd]);
}

describe('file-level problems', () => {
  it('no recognisable header row → no_header at row 1, and the reader ends', async () => {
    const r = await drain(
      readFigures(
        csv([
          ['a', 'b'],
          ['1', '2'],
        ]),
        demoLookup,
      ),
    );
    expect(codes(r.errors)).toEqual([[1, '', 'no_header', '']]);
    expect(r.records).toEqual([]);
    expect(r.batches).toBe(1);
    expect(r.errors[0].message).toContain('"Khoản chi"');
    const u = await drain(readUnits(csv([['a', 'b']])));
    expect(u.errors[0].code).toBe('no_header');
    expect(u.errors[0].message).toContain('"Đơn vị cấp trên"');
  });

  it('a headerless data file is no_header too', async () => {
    const r = await drain(readFigures(csv([['STTTT', '2019-01', 'Văn phòng phẩm', '4126828']]), demoLookup));
    expect(codes(r.errors)).toEqual([[1, '', 'no_header', '']]);
  });

  it('an empty file is no_header', async () => {
    const r = await drain(readFigures({ fileName: 'e.csv', bytes: new Uint8Array() }, demoLookup));
    expect(r.errors.map((e) => e.code)).toEqual(['no_header']);
  });

  it('a required column missing → missing_column at the header row, named canonically', async () => {
    const r = await drain(
      readFigures(csv([['Báo cáo'], ['Mã đơn vị', 'Kỳ', 'Số tiền (đồng)'], ['STTTT', '2025-01', '1']]), demoLookup),
    );
    expect(codes(r.errors)).toEqual([[2, 'Khoản chi', 'missing_column', '']]);
    const l = await drain(
      readFigures(
        csv([
          ['Mã đơn vị', 'Kỳ', 'Khoản chi'],
          ['STTTT', '2025-01', 'VPP'],
        ]),
        demoLookup,
      ),
    );
    expect(codes(l.errors)).toEqual([[1, 'Số tiền (đồng)', 'missing_column', '']]);
    const w = await drain(
      readFigures(
        csv([
          ['Đơn vị', 'Văn phòng phẩm'],
          ['STTTT', '1'],
        ]),
        demoLookup,
      ),
    );
    expect(codes(w.errors)).toEqual([[1, 'Kỳ', 'missing_column', '']]);
  });

  it('unsupported files throw 415', async () => {
    await rejects(
      drain(readFigures({ fileName: 'f.pdf', bytes: utf8('%PDF-1.4') }, demoLookup)),
      415,
      'unsupported_file_type',
    );
    await rejects(
      drain(readFigures({ fileName: 'f.xlsx', bytes: utf8('Mã đơn vị,Kỳ') }, demoLookup)),
      415,
      'unsupported_file_type',
    );
    await rejects(
      drain(readFigures({ fileName: 'f.csv', bytes: zipOf(Buffer.from('x'), 1) }, demoLookup)),
      415,
      'unsupported_file_type',
    );
    await rejects(
      drain(readFigures({ fileName: 'f.csv', bytes: new Uint8Array([1, 0, 2, 0, 0, 0, 7, 0, 0]) }, demoLookup)),
      415,
      'unsupported_file_type',
    );
    await rejects(
      drain(readFigures({ fileName: 'f.xlsx', bytes: Buffer.from([0x50, 0x4b, 3, 4, 0, 0]) }, demoLookup)),
      415,
      'unsupported_file_type',
    );
  });

  it('an XLSX over the decompressed-size limit throws 413 before exceljs reads it', async () => {
    const src = { fileName: 'w.xlsx', path: `${SAMPLES}/figures-wide-2026-01.xlsx` };
    await rejects(drain(readFigures(src, demoLookup, { maxXlsxBytes: 1000 })), 413, 'xlsx_too_large');
  });

  it('a zip bomb that lies in its central directory is caught while inflating, in constant memory', async () => {
    const bomb = zipOf(Buffer.alloc(8 * 1024 * 1024), 10);
    expect(bomb.length).toBeLessThan(20_000);
    await rejects(
      drain(readFigures({ fileName: 'b.xlsx', bytes: bomb }, demoLookup, { maxXlsxBytes: 1024 * 1024 })),
      413,
      'xlsx_too_large',
    );
  });
});

describe('row problems in figures files', () => {
  const retiredLookup: IngestLookup = {
    units: demoLookup.units,
    categories: [
      ...demoLookup.categories,
      { id: 9, code: 'fuel', nameVi: 'Xăng dầu', nameEn: 'Fuel', quantityUnit: 'lít', aliases: [], retired: true },
    ],
  };

  it('long: missing values, retired category, too many decimals, several errors on one row', async () => {
    const r = await drain(
      readFigures(
        csv([
          ['Mã đơn vị', 'Kỳ', 'Khoản chi', 'Số tiền', 'Số lượng'],
          ['', '2025-01', 'VPP', '1'],
          ['STTTT', '', 'VPP', '5'],
          ['STTTT', '2025-02', 'Điện', '', '12,5'],
          ['STTTT', '2025-01', 'Xăng dầu', '100'],
          ['STTTT', '2025-01', 'Điện', '100', '1,2345'],
          ['NOPE', '2025-99', 'nope', '-1', 'x'],
        ]),
        retiredLookup,
      ),
    );
    expect(codes(r.errors)).toEqual([
      [2, 'Mã đơn vị', 'missing_value', ''],
      [3, 'Kỳ', 'missing_value', ''],
      [4, 'Số lượng', 'missing_amount', '12,5'],
      [5, 'Khoản chi', 'category_retired', 'Xăng dầu'],
      [6, 'Số lượng', 'too_many_decimals', '1,2345'],
      [7, 'Mã đơn vị', 'unknown_unit', 'NOPE'],
      [7, 'Kỳ', 'invalid_period', '2025-99'],
      [7, 'Khoản chi', 'unknown_category', 'nope'],
      [7, 'Số tiền', 'negative_amount', '-1'],
      [7, 'Số lượng', 'not_a_number', 'x'],
    ]);
    expect(r.rejected.map((x) => x.row)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(r.rejected[0].cells).toEqual(['', '2025-01', 'VPP', '1']);
  });

  it('long: a row without amount and quantity is no figure (an unfilled template row), not an error', async () => {
    const r = await drain(
      readFigures(
        csv([
          ['Mã đơn vị', 'Kỳ', 'Khoản chi', 'Số tiền (đồng)', 'Số lượng', 'Ghi chú'],
          ['STTTT-VP', '2025-01', 'VPP', '', '', ''],
          ['STTTT-VP', '2025-01', 'Điện', '1.000', '2', ''],
        ]),
        demoLookup,
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [x.row, x.categoryId, x.amount, x.quantityMilli])).toEqual([[3, 3, 1000, 2000]]);
  });

  it('wide: empty cells are no figure, quantity without amount, duplicates, unknown columns, retired', async () => {
    const r = await drain(
      readFigures(
        csv(
          [
            ['STT', 'Đơn vị', 'Tháng', 'VPP', 'Điện (kWh)', 'Điện (đồng)', 'Giấy in', 'Xăng dầu (đồng)', 'Tổng'],
            ['1', 'Văn phòng Sở', 'T1/2025', '1.000', '', '', '', '', '1.000'],
            ['2', 'van phong so', 'T2/2025', '', '12,5', '', '', '', ''],
            ['3', 'STTTT-VP', 'Tháng 1/2025', '2.000', '', '', '', '', ''],
            ['4', 'STTTT-VP', '2025-03', '', '', '', '', '5', ''],
            ['5', 'STTTT-VP', '2025-04', '', '', '', '', '', ''],
          ],
          ';',
        ),
        retiredLookup,
      ),
    );
    expect(r.meta.shape).toBe('wide');
    expect(codes(r.errors)).toEqual([
      [1, 'Giấy in', 'unknown_category', 'Giấy in'],
      [3, 'Điện (kWh)', 'missing_amount', '12,5'],
      [4, 'VPP', 'duplicate_key', '2.000'],
      [5, 'Xăng dầu (đồng)', 'category_retired', '5'],
    ]);
    expect(r.records).toEqual([
      {
        row: 2,
        columns: { unit: 'Đơn vị', amount: 'VPP', quantity: null },
        unitId: 2,
        categoryId: 1,
        period: '2025-01',
        amount: 1000,
        quantityMilli: null,
        note: null,
      },
    ]);
  });

  it('batches hold about batchSize records and the generator returns the meta', async () => {
    const rows = [['Mã đơn vị', 'Kỳ', 'Khoản chi', 'Số tiền (đồng)']];
    for (let m = 1; m <= 12; m++)
      for (const c of ['VPP', 'Điện', 'Khác']) rows.push(['STTTT', `${m}/2025`, c, String(m * 1000)]);
    const r = await drain(readFigures(csv(rows), demoLookup, { batchSize: 10 }));
    expect(r.records).toHaveLength(36);
    expect(r.batches).toBe(4);
    expect(r.meta.dataRows).toBe(36);
  });
});

describe('units files', () => {
  it('parents may come later; unknown parents, cycles, duplicates, bad codes and headcounts', async () => {
    const r = await drain(
      readUnits(
        csv([
          ['Mã đơn vị', 'Tên đơn vị', 'Đơn vị cấp trên', 'Biên chế', 'Tên khác'],
          ['A-1', 'Phòng một', 'ROOT', '5', 'P1; Phòng 1'],
          ['ROOT', 'Sở', '', '', ''],
          ['B', 'Phòng hai', 'NOWHERE', '3', ''],
          ['C', 'Vòng C', 'D', '1', ''],
          ['D', 'Vòng D', 'C', '1', ''],
          ['A-1', 'Trùng', 'ROOT', '1', ''],
          ['bad code!', 'X', '', '1', ''],
          ['E', '', 'old', '2,5', ''],
          ['F', 'Phòng F', 'OLD', '-2', ''],
        ]),
        { knownUnitCodes: ['OLD'] },
      ),
    );
    expect(codes(r.errors)).toEqual([
      [7, 'Mã đơn vị', 'duplicate_key', 'A-1'],
      [8, 'Mã đơn vị', 'invalid_code', 'bad code!'],
      [9, 'Tên đơn vị', 'missing_value', ''],
      [9, 'Biên chế', 'too_many_decimals', '2,5'],
      [10, 'Biên chế', 'negative_amount', '-2'],
      [4, 'Đơn vị cấp trên', 'unknown_parent', 'NOWHERE'],
      [5, 'Đơn vị cấp trên', 'unit_cycle', 'D'],
      [6, 'Đơn vị cấp trên', 'unit_cycle', 'C'],
    ]);
    expect(r.records).toEqual([
      { row: 2, code: 'A-1', name: 'Phòng một', parentCode: 'ROOT', headcount: 5, aliases: ['P1', 'Phòng 1'] },
      { row: 3, code: 'ROOT', name: 'Sở', parentCode: null, headcount: 0, aliases: [] },
    ]);
  });

  it('without knownUnitCodes, parents outside the file are left to the caller', async () => {
    const r = await drain(
      readUnits(
        csv([
          ['Mã đơn vị', 'Tên đơn vị', 'Đơn vị cấp trên', 'Biên chế'],
          ['X', 'X', 'STORED', '1'],
          ['Y', 'Y', 'Y', '1'],
        ]),
      ),
    );
    expect(codes(r.errors)).toEqual([[3, 'Đơn vị cấp trên', 'unit_cycle', 'Y']]);
    expect(r.records.map((u) => [u.code, u.parentCode])).toEqual([['X', 'STORED']]);
  });

  it('a known parent typed in another case is given its stored code', async () => {
    const r = await drain(
      readUnits(
        csv([
          ['Mã đơn vị', 'Tên đơn vị', 'Đơn vị cấp trên', 'Biên chế'],
          ['X', 'X', 'old', '1'],
        ]),
        { knownUnitCodes: ['OLD'] },
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.records[0].parentCode).toBe('OLD');
  });
});

describe('norms files', () => {
  it('basis, year, target and money checks; duplicates', async () => {
    const header = [
      'Mã đơn vị',
      'Năm',
      'Khoản chi',
      'Cơ sở so sánh',
      'Định mức tháng (đồng)',
      'Định mức tháng (số lượng)',
      'Chỉ tiêu tiết kiệm (%)',
      'Định mức theo người (đồng)',
    ];
    const r = await drain(
      readNorms(
        csv(
          [
            header,
            ['STTTT-VP', '2025', 'VPP', 'Định mức', '1.500.000', '', '7,5', '100.000'],
            ['Văn phòng Sở', '2025', 'Điện', 'cung ky nam truoc', '', '1.200,5', '', ''],
            ['STTTT-VP', '2025', 'Văn phòng phẩm', 'định mức', '', '', '10', ''],
            ['STTTT-VP', '25', 'VPP', 'theo ý', '-1', '', '7,55', ''],
            ['STTTT-VP', '2026', 'VPP', '', '', '', '150', ''],
          ],
          ';',
        ),
        demoLookup,
      ),
    );
    expect(codes(r.errors)).toEqual([
      [4, 'Khoản chi', 'duplicate_key', 'Văn phòng phẩm'],
      [5, 'Năm', 'invalid_year', '25'],
      [5, 'Cơ sở so sánh', 'invalid_basis', 'theo ý'],
      [5, 'Định mức tháng (đồng)', 'negative_amount', '-1'],
      [5, 'Chỉ tiêu tiết kiệm (%)', 'invalid_target', '7,55'],
      [6, 'Chỉ tiêu tiết kiệm (%)', 'invalid_target', '150'],
    ]);
    expect(r.records).toEqual([
      {
        row: 2,
        unitId: 2,
        categoryId: 1,
        year: 2025,
        basis: 'norm',
        normAmount: 1500000,
        normQuantityMilli: null,
        normPerCapita: 100000,
        targetTenths: 75,
      },
      {
        row: 3,
        unitId: 2,
        categoryId: 3,
        year: 2025,
        basis: 'previous_year',
        normAmount: null,
        normQuantityMilli: 1200500,
        normPerCapita: null,
        targetTenths: null,
      },
    ]);
  });
});
