/**
 * Issue 12: every stored number is the number the officer meant. Each case below stored a wrong
 * or incomplete figure in silence (`ok: true`); now it is an error naming row and column, or it
 * is read as meant.
 */
import { describe, expect, it } from 'vitest';
import { readFigures, type IngestLookup } from '../../server/ingest/index.ts';
import { demoLookup, drain } from '../fixtures/ingest/lookup.ts';

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
