/**
 * Issue 12: every stored number is the number the officer meant. Each case below stored a wrong
 * or incomplete figure in silence (`ok: true`); now it is an error naming row and column, or it
 * is read as meant.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.ts';
import { readFigures, readUnits, type IngestLookup } from '../../server/ingest/index.ts';
import { demoLookup, drain } from '../fixtures/ingest/lookup.ts';
import { num, rawXlsx, row, str } from '../fixtures/ingest/xlsx-raw.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const H = 'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú';
const csv = (text: string | Uint8Array) => ({ fileName: 'f.csv', bytes: typeof text === 'string' ? enc(text) : text });
const brief = (errors: { row: number; column: string; code: string; value: string }[]) =>
  errors.map((e) => [e.row, e.column, e.code, e.value]);
const recs = (
  records: { row: number; unitId: number; amount: number; quantityMilli: number | null; note: string | null }[],
) => records.map((r) => [r.row, r.unitId, r.amount, r.quantityMilli, r.note]);

async function read(src: { fileName: string; bytes: Uint8Array }, lookup: IngestLookup = demoLookup) {
  return drain(readFigures(src, lookup));
}

describe('1. an unclosed quote', () => {
  it('is an error at the row and column where the quote opens; nothing is read from the swallowed rows', async () => {
    const r = await read(
      csv(
        `${H}\nSTTTT,2026-01,VPP,100000,,"Mua giấy A4\nSTTTT,2026-02,VPP,200000,,x\nSTTTT,2026-03,VPP,300000,,y\nSTTTT,2026-04,VPP,400000,,z\n`,
      ),
    );
    expect(brief(r.errors)).toEqual([[2, 'Ghi chú', 'unterminated_quote', 'Mua giấy A4']]);
    expect(r.errors[0].message).toContain('dấu " đóng');
    expect(r.records).toEqual([]);
  });

  it('an unclosed quote above the header is named too (with no_header)', async () => {
    const r = await read(csv(`"Báo cáo tháng\n${H}\nSTTTT,2026-01,VPP,100000,,\n`));
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([
      [1, 'no_header'],
      [1, 'unterminated_quote'],
    ]);
  });
});

describe('2. CR-only line ends with a line feed inside a quoted cell', () => {
  it('reads three records', async () => {
    const r = await read(
      csv(`${H}\rSTTTT,2026-01,VPP,100000,,"x\ny"\rSTTTT,2026-02,VPP,200000,,\rSTTTT,2026-03,VPP,300000,,\r`),
    );
    expect(r.errors).toEqual([]);
    expect(recs(r.records)).toEqual([
      [2, 1, 100000, null, 'x y'],
      [3, 1, 200000, null, null],
      [4, 1, 300000, null, null],
    ]);
  });
});

describe('5. invalid UTF-8 is decided on the whole file', () => {
  const bytes = (...parts: (string | number[])[]) =>
    new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc(p)] : p)));

  it('a stray 0xFF in a UTF-8 file (in the first 64 KB) is an error naming row, column and byte offset', async () => {
    const b = bytes(`${H}\nSTTTT,2026-01,VPP,100000,,Mua mực in\nSTTTT,2026-02,VPP,200000,,x`, [0xff], 'y\n');
    const r = await read(csv(b));
    const at = b.indexOf(0xff);
    expect(brief(r.errors)).toEqual([[3, 'Ghi chú', 'invalid_utf8', '0xFF']]);
    expect(r.errors[0].params).toEqual({ offset: at, byte: '0xFF' });
    expect(r.errors[0].message).toContain(`byte thứ ${at}`);
  });

  it('after 64 KB too (no U+FFFD stored), and when the valid multi-byte sequence comes after the bad byte', async () => {
    const filler = Array.from(
      { length: 1500 },
      (_, i) => `STTTT-VP,${2000 + (i % 100)}-${String((i % 12) + 1).padStart(2, '0')},Khác,1,,${'a'.repeat(50)}\n`,
    );
    const late = bytes(
      `${H}\nSTTTT,2026-01,VPP,100000,,Mua mực in\n`,
      filler.join(''),
      'STTTT,2026-02,VPP,1,,x',
      [0xff],
      'y\n',
    );
    expect(late.indexOf(0xff)).toBeGreaterThan(65536);
    const r1 = await read(csv(late));
    expect(brief(r1.errors.filter((e) => e.code === 'invalid_utf8'))).toEqual([
      [1503, 'Ghi chú', 'invalid_utf8', '0xFF'],
    ]);
    // ASCII head, a bad byte, then real UTF-8 text later: still an error at the bad byte.
    const mixed = bytes(
      'Ma don vi,Ky,Khoan chi,So tien (dong),So luong,Ghi chu\nSTTTT,2026-01,VPP,1,,a',
      [0xff],
      '\n',
      filler.join(''),
      'STTTT,2026-02,VPP,1,,Mua mực in\n',
    );
    const r2 = await read(csv(mixed));
    expect(brief(r2.errors.filter((e) => e.code === 'invalid_utf8'))).toEqual([[2, 'Ghi chu', 'invalid_utf8', '0xFF']]);
  });

  it('a file with no valid multi-byte sequence is Windows-1258', async () => {
    // "Mua mực in" in Windows-1258: ự = ư (0xFD) + dot below (0xF2).
    const b = bytes(
      'Ma don vi,Ky,Khoan chi,So tien (dong),So luong,Ghi chu\nSTTTT,2026-01,VPP,100000,,Mua m',
      [0xfd, 0xf2],
      'c in\n',
    );
    const r = await read(csv(b));
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => x.note)).toEqual(['Mua mực in']);
    expect(r.meta.encoding).toBe('windows-1258');
  });
});

describe('6. NUL bytes in cells', () => {
  it.each([
    ['a note', `${H}\nSTTTT,2026-01,VPP,100000,,abc\0def\n`, [2, 'Ghi chú', 'nul_byte', 'abc␀def']],
    ['a unit code', `${H}\nSTTTT-\0TT,2026-01,VPP,100000,,\n`, [2, 'Mã đơn vị', 'nul_byte', 'STTTT-␀TT']],
  ])('in %s: an error naming row and column, nothing stored', async (_n, text, want) => {
    const r = await read(csv(text));
    expect(brief(r.errors)).toEqual([want]);
    expect(r.records).toEqual([]);
  });

  it('after the first 4 KB too', async () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) =>
        `STTTT-VP,2025-${String((i % 12) + 1).padStart(2, '0')},${['VPP', 'Khác', 'Điện', 'Cước điện thoại'][Math.floor(i / 12)]},1,,${'n'.repeat(100)}\n`,
    );
    const text = `${H}\n${rows.join('')}STTTT,2026-01,VPP,100000,,abc\0def\n`;
    expect(text.indexOf('\0')).toBeGreaterThan(4096);
    const r = await read(csv(text));
    expect(brief(r.errors)).toEqual([[42, 'Ghi chú', 'nul_byte', 'abc␀def']]);
  });
});

describe('3. XLSX formula cells', () => {
  const header = row(1, str('A1', 'Mã đơn vị'), str('B1', 'Kỳ'), str('C1', 'Khoản chi'), str('D1', 'Số tiền (đồng)'));
  const key = (n: number) => [str(`A${n}`, 'STTTT'), str(`B${n}`, `2026-0${n}`), str(`C${n}`, 'VPP')];
  const xlsx = (...rows: string[]) => ({ fileName: 'f.xlsx', bytes: rawXlsx([header, ...rows]) });

  it.each(['#N/A', '#REF!', '#DIV/0!', '#VALUE!'])(
    'a cached error %s is an error naming sheet, cell and value',
    async (v) => {
      const r = await read(xlsx(row(2, ...key(2), `<c r="D2" t="e"><f>VLOOKUP(A2,B:B,2,0)</f><v>${v}</v></c>`)));
      expect(brief(r.errors)).toEqual([[2, 'Số tiền (đồng)', 'formula_error', v]]);
      expect(r.errors[0].params).toEqual({ sheet: 'Số liệu', cell: 'D2', value: v });
      expect(r.errors[0].message).toContain('Ô D2 (trang "Số liệu"');
      expect(r.records).toEqual([]);
    },
  );

  it('an error value typed without a formula is an error too', async () => {
    const r = await read(xlsx(row(2, ...key(2), `<c r="D2" t="e"><v>#N/A</v></c>`)));
    expect(brief(r.errors)).toEqual([[2, 'Số tiền (đồng)', 'formula_error', '#N/A']]);
  });

  it('a formula without a cached value says to open the file in Excel and save it again', async () => {
    const r = await read(xlsx(row(2, ...key(2), `<c r="D2"><f>1000*3</f></c>`)));
    expect(brief(r.errors)).toEqual([[2, 'Số tiền (đồng)', 'formula_not_cached', '=1000*3']]);
    expect(r.errors[0].message).toContain('mở tệp bằng Excel và lưu lại');
    expect(r.errors[0].params).toEqual({ sheet: 'Số liệu', cell: 'D2', formula: '=1000*3' });
  });

  it('cached results are read, 0 included; broken formulas outside the read columns or in a totals row lose nothing', async () => {
    const r = await read(
      xlsx(
        row(2, ...key(2), `<c r="D2"><f>1000*3</f><v>3000</v></c>`, `<c r="E2"><f>1/0</f></c>`),
        row(3, ...key(3), `<c r="D3"><f>0*3</f><v>0</v></c>`),
        row(4, str('A4', 'Tổng cộng'), `<c r="D4"><f>SUM(D2:D3)</f></c>`),
      ),
    );
    expect(r.errors).toEqual([]);
    expect(recs(r.records)).toEqual([
      [2, 1, 3000, null, null],
      [3, 1, 0, null, null],
    ]);
  });
});

describe('7. ZIP entries outside the central directory', () => {
  const header = row(1, str('A1', 'Mã đơn vị'), str('B1', 'Kỳ'), str('C1', 'Khoản chi'), str('D1', 'Số tiền (đồng)'));
  const good = rawXlsx([header, row(2, str('A2', 'STTTT'), str('B2', '2026-01'), str('C2', 'VPP'), num('D2', 100000))]);

  /** `zip` with a local entry (a 64 MiB deflate bomb named like a worksheet) the central directory does not list. */
  function withHiddenEntry(zip: Uint8Array): Buffer {
    const b = Buffer.from(zip);
    const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const cdOffset = b.readUInt32LE(eocd + 16);
    const data = deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    const name = Buffer.from('xl/worksheets/sheet2.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(64 * 1024 * 1024, 22);
    local.writeUInt16LE(name.length, 26);
    const hidden = Buffer.concat([local, name, data]);
    const out = Buffer.concat([b.subarray(0, cdOffset), hidden, b.subarray(cdOffset)]);
    out.writeUInt32LE(cdOffset + hidden.length, eocd + hidden.length + 16);
    return out;
  }

  it('a local entry the central directory does not list is refused (415), before exceljs inflates anything', async () => {
    const bomb = withHiddenEntry(good);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const e = await read({ fileName: 'f.xlsx', bytes: bomb }).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(AppError);
    expect([(e as AppError).status, (e as AppError).code]).toEqual([415, 'unsupported_file_type']);
  });

  it('a local header whose name differs from its directory entry is refused', async () => {
    const b = Buffer.from(good);
    const at = b.indexOf(Buffer.from('xl/worksheets/sheet1.xml'));
    b.write('xl/worksheets/sheet9.xml', at);
    await expect(read({ fileName: 'f.xlsx', bytes: b })).rejects.toMatchObject({ status: 415 });
  });

  it('the honest file still reads', async () => {
    const r = await read({ fileName: 'f.xlsx', bytes: good });
    expect(recs(r.records)).toEqual([[2, 1, 100000, null, null]]);
  });
});

describe('8. no exceljs temp files are left in TMPDIR', () => {
  const mine = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`));
  const header = row(1, str('A1', 'Mã đơn vị'), str('B1', 'Kỳ'), str('C1', 'Khoản chi'), str('D1', 'Số tiền (đồng)'));
  const rows = Array.from({ length: 30 }, (_, i) =>
    row(
      i + 2,
      str(`A${i + 2}`, 'STTTT'),
      str(`B${i + 2}`, `2024-${String((i % 12) + 1).padStart(2, '0')}`),
      str(`C${i + 2}`, ['VPP', 'Khác', 'Điện'][Math.floor(i / 12)]),
      num(`D${i + 2}`, 1000 + i),
    ),
  );

  it('after a success, an error and an abort', async () => {
    const before = mine();
    // Success: a workbook written by exceljs itself (shared strings after the worksheets).
    const ok = await drain(
      readFigures(
        { fileName: 'x.xlsx', path: join(import.meta.dirname, '../fixtures/ingest/long-title-dates.xlsx') },
        demoLookup,
      ),
    );
    expect(ok.errors).toEqual([]);
    // Error: a formula error.
    const bad = await read({
      fileName: 'f.xlsx',
      bytes: rawXlsx([header, row(2, `<c r="A2" t="e"><v>#REF!</v></c>`)]),
    });
    expect(bad.errors.length).toBeGreaterThan(0);
    // Abort: the reader is closed after its first batch.
    const gen = readFigures({ fileName: 'f.xlsx', bytes: rawXlsx([header, ...rows]) }, demoLookup, { batchSize: 5 });
    expect((await gen.next()).done).toBe(false);
    await gen.return(undefined as never);
    expect(mine()).toEqual(before);
  });
});

describe('4. two columns for one category', () => {
  it('Văn phòng phẩm and VPP in one wide header: an error naming both, nothing stored', async () => {
    const r = await read(csv('Đơn vị,Tháng,Văn phòng phẩm,VPP\nSTTTT,2026-01,100000,200000\n'));
    expect(brief(r.errors)).toEqual([[1, 'VPP', 'duplicate_column', 'VPP']]);
    expect(r.errors[0].params).toEqual({ first: 'Văn phòng phẩm', second: 'VPP' });
    expect(r.errors[0].message).toContain('"Văn phòng phẩm" và "VPP"');
  });
  it('Số tiền and Thành tiền in one long header too', async () => {
    const r = await read(csv('Mã đơn vị,Kỳ,Khoản chi,Số tiền,Thành tiền\nSTTTT,2026-01,VPP,100000,200000\n'));
    expect(brief(r.errors)).toEqual([[1, 'Thành tiền', 'duplicate_column', 'Thành tiền']]);
  });
  it('Điện (kWh) and Điện (đồng) are two columns of one category, not duplicates', async () => {
    const r = await read(csv('Đơn vị,Tháng,Điện (kWh),Điện (đồng)\nSTTTT,2026-01,1200,3000000\n'));
    expect(r.errors).toEqual([]);
  });
});

describe('10. a two-level merged header', () => {
  it('Điện merged over kWh / đồng (CSV: the merged cell is empty) is electricity quantity and amount', async () => {
    const r = await read(csv('Đơn vị,Tháng,Văn phòng phẩm,Điện,\n,,,kWh,đồng\nSTTTT,2026-01,500000,1200,3000000\n'));
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [x.row, x.categoryId, x.amount, x.quantityMilli, x.columns])).toEqual([
      [3, 1, 500000, null, { unit: 'Đơn vị', amount: 'Văn phòng phẩm', quantity: null }],
      [3, 3, 3000000, 1200000, { unit: 'Đơn vị', amount: 'Điện (đồng)', quantity: 'Điện (kWh)' }],
    ]);
    expect(r.meta.headerRow).toBe(2);
  });
  it('the same in XLSX with a real merge', async () => {
    const x = rawXlsx(
      [
        row(1, str('A1', 'Đơn vị'), str('B1', 'Tháng'), str('C1', 'Điện')),
        row(2, str('C2', 'kWh'), str('D2', 'Thành tiền')),
        row(3, str('A3', 'STTTT'), str('B3', '2026-01'), num('C3', 1200.5), num('D3', 3000000)),
      ],
      { merges: ['C1:D1', 'A1:A2', 'B1:B2'] },
    );
    const r = await read({ fileName: 'f.xlsx', bytes: x });
    expect(r.errors).toEqual([]);
    expect(r.records.map((y) => [y.row, y.categoryId, y.amount, y.quantityMilli])).toEqual([[3, 3, 3000000, 1200500]]);
  });
});

describe('11. unit codes with Vietnamese letters', () => {
  const lookup: IngestLookup = {
    ...demoLookup,
    units: [
      ...demoLookup.units,
      { id: 7, code: 'STTTT-CĐ', name: 'Chi đoàn Sở', aliases: [] },
      { id: 8, code: 'STTTT-CD', name: 'Công đoàn Sở', aliases: [] },
      { id: 9, code: 'TTKĐ-01', name: 'Trung tâm Kiểm định', aliases: [] },
    ],
  };
  it('are accepted in a units file; spaces, control characters and separators are not', async () => {
    const u = await drain(
      readUnits(
        csv(
          'Mã đơn vị,Tên đơn vị,Đơn vị cấp trên,Biên chế\nSTTTT-CĐ,Chi đoàn,STTTT,3\nTTKĐ-01,Trung tâm,stttt-cđ,4\nSTTTT CĐ,Sai,STTTT,1\n"A;B",Sai,STTTT,1\nA/B,Sai,STTTT,1\n',
        ),
        { knownUnitCodes: ['STTTT'] },
      ),
    );
    expect(u.errors.map((e) => [e.row, e.code, e.value])).toEqual([
      [4, 'invalid_code', 'STTTT CĐ'],
      [5, 'invalid_code', 'A;B'],
      [6, 'invalid_code', 'A/B'],
    ]);
    expect(u.records.map((x) => [x.code, x.parentCode])).toEqual([
      ['STTTT-CĐ', 'STTTT'],
      ['TTKĐ-01', 'STTTT-CĐ'],
    ]);
  });
  it('match exactly after NFC and case folding: CĐ is not CD; names still match without accents', async () => {
    const r = await read(
      csv(
        `${H}\nSTTTT-CĐ,2026-01,VPP,1,,\nSTTTT-CD,2026-01,VPP,2,,\nstttt-cđ,2026-02,VPP,3,,\n${'TTKĐ-01'.normalize('NFD')},2026-01,VPP,4,,\ncong doan so,2026-03,VPP,5,,\n`,
      ),
      lookup,
    );
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [x.row, x.unitId])).toEqual([
      [2, 7],
      [3, 8],
      [4, 7],
      [5, 9],
      [6, 8],
    ]);
  });
  it('a code is not matched with its accents folded', async () => {
    const only = { ...demoLookup, units: [{ id: 7, code: 'STTTT-CĐ', name: 'Chi đoàn Sở', aliases: [] }] };
    const r = await read(csv(`${H}\nSTTTT-CD,2026-01,VPP,1,,\n`), only);
    expect(brief(r.errors)).toEqual([[2, 'Mã đơn vị', 'unknown_unit', 'STTTT-CD']]);
  });
});

describe('12. money with a fraction of a đồng', () => {
  it('1.250.000,5 is an error naming the cell; ,00 and .000000 are whole', async () => {
    const r = await read(csv(`${H}\nSTTTT,2026-01,VPP,"1.250.000,5",,\nSTTTT,2026-02,VPP,"1.250.000,00",,\n`));
    expect(brief(r.errors)).toEqual([[2, 'Số tiền (đồng)', 'fractional_amount', '1.250.000,5']]);
    expect(recs(r.records)).toEqual([[3, 1, 1250000, null, null]]);
    // An en-style file (proved by 1,250,000): .000000 is whole, .5 is not.
    const en = await read(
      csv(`${H}\nSTTTT,2026-01,VPP,"1,250,000",,\nSTTTT,2026-02,VPP,1250000.000000,,\nSTTTT,2026-03,VPP,1250000.5,,\n`),
    );
    expect(brief(en.errors)).toEqual([[4, 'Số tiền (đồng)', 'fractional_amount', '1250000.5']]);
    expect(en.records.map((x) => x.amount)).toEqual([1250000, 1250000]);
  });
  it('an XLSX float within 1e-6 of a whole number is whole; 0.5 đ off is an error', async () => {
    const header = row(1, str('A1', 'Mã đơn vị'), str('B1', 'Kỳ'), str('C1', 'Khoản chi'), str('D1', 'Số tiền (đồng)'));
    const line = (n: number, v: number) =>
      row(n, str(`A${n}`, 'STTTT'), str(`B${n}`, `2026-0${n}`), str(`C${n}`, 'VPP'), num(`D${n}`, v));
    const r = await read({
      fileName: 'f.xlsx',
      bytes: rawXlsx([header, line(2, 1250000.0000004), line(3, 1249999.9999996), line(4, 1250000.5)]),
    });
    expect(brief(r.errors)).toEqual([[4, 'Số tiền (đồng)', 'fractional_amount', '1250000.5']]);
    expect(recs(r.records)).toEqual([
      [2, 1, 1250000, null, null],
      [3, 1, 1250000, null, null],
    ]);
  });
});

describe('13. ambiguous thousands', () => {
  it('690,000 in a file that groups thousands with dots: an error showing both readings', async () => {
    const r = await read(
      csv(`${H}\nSTTTT,2026-01,VPP,1.250.000,,\nSTTTT,2026-02,VPP,"690,000",,\nSTTTT,2026-03,VPP,2.100.000,,\n`),
    );
    expect(brief(r.errors)).toEqual([[3, 'Số tiền (đồng)', 'ambiguous_number', '690,000']]);
    expect(r.errors[0].params).toEqual({ value: '690,000', thousands: 690000, decimal: 690, separator: ',' });
    expect(r.errors[0].message).toContain('690.000 đ');
    expect(r.errors[0].message).toContain('hoặc 690 đ');
    expect(r.records.length).toBe(2);
  });
  it('1,250 in an en file is 1250 (its own thousands); 1.250 there is ambiguous; 1.250 in a vi file is 1250', async () => {
    const en = await read(
      csv(`${H}\nSTTTT,2026-01,VPP,"1,250,000",,\nSTTTT,2026-02,VPP,"1,250",,\nSTTTT,2026-03,VPP,1.250,,\n`),
    );
    expect(brief(en.errors)).toEqual([[4, 'Số tiền (đồng)', 'ambiguous_number', '1.250']]);
    expect(en.records.map((x) => x.amount)).toEqual([1250000, 1250]);
    const vi = await read(csv(`${H}\nSTTTT,2026-01,VPP,1.250,,\n`));
    expect(vi.records.map((x) => x.amount)).toEqual([1250]);
  });
  it('a quantity 12,500 kWh in a vi file stays 12.5 (quantities have decimals)', async () => {
    const r = await read(csv(`${H}\nSTTTT,2026-01,Điện,3.000.000,"12,500",\n`));
    expect(r.errors).toEqual([]);
    expect(r.records[0].quantityMilli).toBe(12500);
  });
});
