import { describe, expect, it } from 'vitest';
import { CsvTokenizer, detectDelimiter, parseCsvText } from '../../server/ingest/csv.ts';
import { decodeChunks, detectEncoding, NfcStream } from '../../server/ingest/decode.ts';
import { FIGURE_FIELDS, isTotalsText, matchFields, missingFields } from '../../server/ingest/headers.ts';
import { buildMatchers, SeenKeys } from '../../server/ingest/lookup.ts';
import { categoryColumn } from '../../server/ingest/figures.reader.ts';
import { demoLookup } from '../fixtures/ingest/lookup.ts';
import { encodeWindows1258, utf16le, utf8 } from '../fixtures/ingest/variants.ts';

describe('CSV tokenizer', () => {
  it('quotes, escaped quotes, delimiters and newlines inside quotes', () => {
    expect(parseCsvText('a,"b,c","say ""hi""",\r\n"multi\nline",x\n', ',')).toEqual([
      ['a', 'b,c', 'say "hi"', ''],
      ['multi line', 'x'],
    ]);
  });
  it('one record per row even when quotes span lines (Excel numbering)', () => {
    expect(parseCsvText('h1;h2\n"a\nb";c\n\nd;e', ';')).toEqual([['h1', 'h2'], ['a b', 'c'], [''], ['d', 'e']]);
  });
  it('CR-only line ends (old Mac Excel)', () => {
    expect(parseCsvText('a,b\rc,d\r', ',')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });
  it('trims and folds whitespace in cells', () => {
    expect(parseCsvText(' a  b ,\u00a0c\u00a0\n', ',')).toEqual([['a b', 'c']]);
  });
  it('gives the same records whatever the chunk boundaries', () => {
    const text = 'h1,h2\r\n"x,""y""\r\nz",2\r\nplain,3\r\n"q",4';
    const whole = parseCsvText(text, ',');
    for (let size = 1; size <= 7; size++) {
      const t = new CsvTokenizer(',');
      const out: string[][] = [];
      for (let i = 0; i < text.length; i += size) t.push(text.slice(i, i + size), out);
      t.end(out);
      expect(out, `chunk ${size}`).toEqual(whole);
    }
  });
});

describe('delimiter detection', () => {
  it.each([
    ['Mã đơn vị,Kỳ,Khoản chi\nA,2025-01,VPP\n', ','],
    ['Đơn vị;Tháng;VPP\nA;Tháng 1/2025;1.250,5\n', ';'],
    ['Đơn vị\tTháng\tVPP\nA\tT1/2025\t12,5\n', '\t'],
    ['TITLE;;;\nĐơn vị;Tháng;VPP;Điện\nA;T1;1,5;2,5\n', ';'],
    ['a,b\n"x;y;z",2\n"p;q",3\n', ','],
  ])('%j → %j', (text, d) => expect(detectDelimiter(text)).toBe(d));
});

describe('encoding detection and decoding', () => {
  it('recognises each encoding from the first bytes', () => {
    expect(detectEncoding(utf8('Mã đơn vị'))).toBe('utf-8');
    expect(detectEncoding(utf8('Mã đơn vị', true))).toBe('utf-8-bom');
    expect(detectEncoding(utf16le('Mã đơn vị,Kỳ'))).toBe('utf-16le');
    expect(detectEncoding(utf16le('Mã đơn vị,Kỳ,Khoản chi', false))).toBe('utf-16le');
    expect(detectEncoding(encodeWindows1258('Mã đơn vị;Kỳ'))).toBe('windows-1258');
    expect(detectEncoding(utf8('plain ascii'))).toBe('utf-8');
  });
  it('a UTF-8 sequence cut at the end of the sniffed head is still UTF-8', () => {
    const b = utf8('aaaaĐ');
    expect(detectEncoding(b.subarray(0, b.length - 1))).toBe('utf-8');
  });
  it('Windows-1258 combining tone marks become NFC, even split across chunks', async () => {
    const bytes = encodeWindows1258('Văn phòng phẩm; Cước điện thoại');
    const chunks = async function* () {
      for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
    };
    const state = { encoding: detectEncoding(bytes) };
    let text = '';
    for await (const t of decodeChunks(chunks(), state)) text += t;
    expect(text).toBe('Văn phòng phẩm; Cước điện thoại'.normalize('NFC'));
    expect(text.length).toBe('Văn phòng phẩm; Cước điện thoại'.normalize('NFC').length);
  });
  it('an ASCII head followed by Windows-1258 later switches encoding without losing text', async () => {
    const bytes = Buffer.concat([utf8('a'.repeat(100) + '\n'), encodeWindows1258('Điện')]);
    const state = { encoding: detectEncoding(bytes.subarray(0, 50)) };
    const chunks = async function* () {
      yield bytes.subarray(0, 101);
      yield bytes.subarray(101);
    };
    let text = '';
    for await (const t of decodeChunks(chunks(), state)) text += t;
    expect(text).toBe('a'.repeat(100) + '\nĐiện');
    expect(state.encoding).toBe('windows-1258');
  });
  it('NfcStream never separates a letter from its marks', () => {
    const n = new NfcStream();
    const nfd = 'phẩm'.normalize('NFD');
    let out = '';
    for (const ch of nfd) out += n.push(ch);
    out += n.end();
    expect(out).toBe('phẩm'.normalize('NFC'));
  });
});

describe('header matching', () => {
  it('finds columns by synonyms, any case and diacritics', () => {
    const m = matchFields(['MA DON VI', 'tháng', 'Loại chi', 'Thành tiền', 'Ghi chú', 'STT'], FIGURE_FIELDS);
    expect(m.cols).toEqual({ unit: 0, period: 1, category: 2, amount: 3, quantity: -1, note: 4 });
    expect(m.others).toEqual([5]);
    expect(missingFields(m, FIGURE_FIELDS)).toEqual([]);
  });
  it('prefers the preferred synonym when two cells could be the unit', () => {
    const m = matchFields(['Tên đơn vị', 'Mã đơn vị', 'Kỳ'], FIGURE_FIELDS);
    expect(m.cols.unit).toBe(1);
  });
  it('totals rows', () => {
    for (const t of ['Tổng cộng', 'TỔNG CỘNG', 'tong cong', 'Tổng', 'Cộng', 'Tổng cộng:'])
      expect(isTotalsText(t), t).toBe(true);
    expect(isTotalsText('Tổng hợp chi phí')).toBe(false);
  });
  it('wide category columns: names, aliases, (đồng)/(đ)/(VND) amounts, (kWh) quantities', () => {
    const m = buildMatchers(demoLookup);
    const c = (t: string) => {
      const r = categoryColumn(t, m);
      return r && [r.hit.item.code, r.kind];
    };
    expect(c('Văn phòng phẩm')).toEqual(['stationery', 'amount']);
    expect(c('VAN PHONG PHAM (VND)')).toEqual(['stationery', 'amount']);
    expect(c('VPP (đ)')).toEqual(['stationery', 'amount']);
    expect(c('Điện (kWh)')).toEqual(['electricity', 'quantity']);
    expect(c('Điện (KWH)')).toEqual(['electricity', 'quantity']);
    expect(c('Tiền điện (đồng)')).toEqual(['electricity', 'amount']);
    expect(c('Điện (số lượng)')).toEqual(['electricity', 'quantity']);
    expect(c('Điện kWh')).toEqual(['electricity', 'quantity']);
    expect(c('Điện - đồng')).toEqual(['electricity', 'amount']);
    expect(c('Tiền điện VNĐ')).toEqual(['electricity', 'amount']);
    expect(c('Điện(kWh)')).toEqual(['electricity', 'quantity']);
    expect(c('Văn phòng phẩm khác')).toBeNull();
    expect(c('Điện (m3)')).toBeNull();
    expect(c('Giấy in')).toBeNull();
  });
});

describe('lookup', () => {
  it('units and categories by code, name or alias, any spelling', () => {
    const m = buildMatchers(demoLookup);
    expect(m.unit('stttt-vp')?.item.id).toBe(2);
    expect(m.unit('VAN PHONG SO')?.item.id).toBe(2);
    expect(m.unit('Văn phòng Sở'.normalize('NFD'))?.item.id).toBe(2);
    expect(m.unit('TT CNTT')?.item.id).toBe(6);
    expect(m.category('vpp')?.item.code).toBe('stationery');
    expect(m.category('Phone charges')?.item.code).toBe('phone');
    expect(m.category('electricity')?.item.code).toBe('electricity');
    expect(m.unit('nope')).toBeNull();
  });
  it('codes win over names and aliases of other items', () => {
    const m = buildMatchers({
      units: [
        { id: 1, code: 'A', name: 'B', aliases: [] },
        { id: 2, code: 'B', name: 'Other', aliases: ['A'] },
      ],
      categories: [],
    });
    expect(m.unit('A')?.item.id).toBe(1);
    expect(m.unit('B')?.item.id).toBe(2);
  });
  it('SeenKeys finds repeats with the bitset and with the large-lookup Set', () => {
    for (const [u, c] of [
      [10, 5],
      [100_000, 100],
    ]) {
      const s = new SeenKeys(u, c);
      expect(s.add(u - 1, c - 1, '2100-12')).toBe(true);
      expect(s.add(0, 0, '2000-01')).toBe(true);
      expect(s.add(u - 1, c - 1, '2100-12')).toBe(false);
      expect(s.add(0, 0, '2000-02')).toBe(true);
    }
  });
});
