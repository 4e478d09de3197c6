/**
 * The CSV tokenizer against the cases that stored wrong numbers (issue 12: unclosed quote, CR-only
 * line ends with a line feed inside quotes, 10 MB lines), against csv-spectrum, and against
 * csv-parse (relax_quotes) as an oracle on 10,000 generated files. Cells are compared after our
 * documented tidying (trim, whitespace runs and line breaks to one space), applied to both sides.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, parseCsvText, tidy } from '../../server/ingest/csv.ts';
import { decodeChunks, detectEncoding } from '../../server/ingest/decode.ts';

/** Tokenizes `text` pushed in chunks of `size` characters. */
function chunked(text: string, delim: string, size: number) {
  const t = new CsvTokenizer(delim);
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += size) t.push(text.slice(i, i + size), out);
  t.end(out);
  return { out, problems: t.problems };
}

describe('CSV tokenizer: the reproductions of issue 12', () => {
  it('an unclosed quote is reported at the row and cell where it opens (point 1)', () => {
    const text =
      'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú\n' +
      'STTTT,2026-01,VPP,100000,,"Mua giấy A4\n' +
      'STTTT,2026-02,VPP,200000,,x\nSTTTT,2026-03,VPP,300000,,y\nSTTTT,2026-04,VPP,400000,,z\n';
    for (const size of [1, 3, 7, 16384]) {
      const { out, problems } = chunked(text, ',', size);
      expect(problems, `chunk ${size}`).toEqual([
        { record: 2, col: 5, code: 'unterminated_quote', value: 'Mua giấy A4' },
      ]);
      expect(out.length).toBe(2);
    }
  });

  it('a closed quote is no problem, even at the very end of the file', () => {
    expect(chunked('a,"b\nc"', ',', 2).problems).toEqual([]);
    expect(chunked('a,"b""', ',', 2).problems.map((p) => p.code)).toEqual(['unterminated_quote']);
  });

  it('a quote inside an unquoted cell is part of the cell, as csv-parse relax_quotes reads it', () => {
    for (const size of [1, 2, 3, 100]) {
      const { out, problems } = chunked('a,b"c,d\ne,f""g,h"\n12" x 5",i\n', ',', size);
      expect(problems, `chunk ${size}`).toEqual([]);
      expect(out, `chunk ${size}`).toEqual([
        ['a', 'b"c', 'd'],
        ['e', 'f""g', 'h"'],
        ['12" x 5"', 'i'],
      ]);
    }
    expect(parse('a,b"c,d\ne,f""g,h"\n12" x 5",i\n', { relax_quotes: true, relax_column_count: true })).toEqual([
      ['a', 'b"c', 'd'],
      ['e', 'f""g', 'h"'],
      ['12" x 5"', 'i'],
    ]);
  });

  it('an unclosed quote after earlier rows names the row where it opens, not the last row', () => {
    const { out, problems } = chunked('h1,h2\nx,y\na,"open\nb,c\nd,e\n', ',', 4);
    expect(problems).toEqual([{ record: 3, col: 1, code: 'unterminated_quote', value: 'open' }]);
    expect(out.length).toBe(3);
  });

  it('CR-only line ends with a line feed inside a quoted cell: three records (point 2)', () => {
    for (const size of [1, 2, 5, 100]) {
      expect(chunked('a,b\r1,"x\ny"\r3,4\r', ',', size).out, `chunk ${size}`).toEqual([
        ['a', 'b'],
        ['1', 'x y'],
        ['3', '4'],
      ]);
    }
  });

  it('the line end is decided outside quotes: CRLF file whose first quoted cell has a lone CR', () => {
    expect(parseCsvText('"a\rb",c\r\nd,e\r\n', ',')).toEqual([
      ['a b', 'c'],
      ['d', 'e'],
    ]);
  });

  it('a 10 MB line read in 16 KB chunks takes linear time (point 9)', { timeout: 15_000 }, () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    for (const text of [
      `a,"${big}",b\nc,d\n`,
      `a,${big},b\nc,d\n`,
      `a;"${big.slice(0, 5_000_000)}""${big.slice(0, 5_000_000)}"\n`,
    ]) {
      const delim = text.includes(';') ? ';' : ',';
      const { out } = chunked(text, delim, 16 * 1024);
      expect(out.length).toBe(text.includes(';') ? 1 : 2);
      expect(out[0][1].length).toBeGreaterThanOrEqual(10_000_000);
    }
  });
});

describe('CSV tokenizer against csv-spectrum', () => {
  const dir = join(import.meta.dirname, '../../node_modules/csv-spectrum');
  const names = readdirSync(join(dir, 'csvs'))
    .map((f) => f.replace(/\.csv$/, ''))
    .filter((n) => n !== 'location_coordinates'); // its expected JSON disagrees with its own CSV
  it.each(names)('%s', (name) => {
    const text = readFileSync(join(dir, 'csvs', `${name}.csv`), 'utf8');
    const expected = JSON.parse(readFileSync(join(dir, 'json', `${name}.json`), 'utf8')) as Record<string, string>[];
    for (const size of [1, 4, text.length]) {
      const [header, ...rows] = chunked(text, ',', size).out;
      const got = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
      const want = expected.map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [tidy(k), tidy(v)])));
      expect(got, `${name}, chunk ${size}`).toEqual(want);
    }
  });
});

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EOLS = ['\n', '\r\n', '\r'] as const;
const DELIMS = [',', ';', '\t'] as const;

/** One random CSV file: its text and the line end and delimiter it was written with. */
function randomCsv(r: () => number) {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const delim = pick(DELIMS);
  const eol = pick(EOLS);
  const alphabet = [
    'a',
    'B',
    '1',
    '0',
    ' ',
    '  ',
    'ă',
    'Đ',
    'ệ',
    '.',
    '-',
    ',',
    ';',
    '\t',
    '"',
    '\n',
    '\r',
    '\r\n',
    'x"y',
  ];
  const rows = 1 + Math.floor(r() * 6);
  const width = 1 + Math.floor(r() * 5);
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const w = r() < 0.8 ? width : 1 + Math.floor(r() * 5);
    const cells: string[] = [];
    for (let j = 0; j < w; j++) {
      let v = '';
      const n = r() < 0.25 ? 0 : Math.floor(r() * 6);
      for (let k = 0; k < n; k++) v += pick(alphabet);
      const mustQuote = v.includes(delim) || v.includes('\n') || v.includes('\r') || v.startsWith('"');
      if (mustQuote || r() < 0.3) cells.push(`"${v.replace(/"/g, '""')}"`);
      else cells.push(v);
    }
    lines.push(cells.join(delim));
  }
  // An empty line that csv-parse and we would both read as one empty cell: written as "" so a CR
  // file's empty line is not mistaken for a CRLF.
  const text = lines.map((l) => (l === '' ? '""' : l)).join(eol) + (r() < 0.5 ? eol : '');
  const bom = r() < 0.1;
  return { text, delim, eol, bom };
}

async function ourRecords(bytes: Uint8Array, delim: string, r: () => number): Promise<string[][]> {
  const state = { encoding: detectEncoding(bytes.subarray(0, 65536)) };
  async function* byteChunks() {
    for (let i = 0; i < bytes.length;) {
      const n = 1 + Math.floor(r() * 40);
      yield bytes.subarray(i, i + n);
      i += n;
    }
  }
  const t = new CsvTokenizer(delim);
  const out: string[][] = [];
  for await (const text of decodeChunks(byteChunks(), state)) {
    // Feed each decoded chunk in random pieces too.
    for (let i = 0; i < text.length;) {
      const n = 1 + Math.floor(r() * 30);
      t.push(text.slice(i, i + n), out);
      i += n;
    }
  }
  t.end(out);
  expect(t.problems).toEqual([]);
  return out;
}

describe('CSV tokenizer against csv-parse (relax_quotes) on generated files', () => {
  it(
    '10,000 files with random quoting, delimiters, CR/LF/CRLF, empty fields and BOM agree',
    { timeout: 120_000 },
    async () => {
      const r = rng(12);
      let compared = 0;
      for (let n = 0; n < 10_000; n++) {
        const f = randomCsv(r);
        const bytes = new TextEncoder().encode((f.bom ? '\ufeff' : '') + f.text);
        const records: string[][] = parse(Buffer.from(bytes), {
          delimiter: f.delim,
          record_delimiter: f.eol,
          relax_quotes: true,
          relax_column_count: true,
          bom: true,
        });
        const oracle = records.map((row) => row.map((c) => tidy(c.normalize('NFC'))));
        const ours = await ourRecords(bytes, f.delim, r);
        expect(ours, JSON.stringify(f)).toEqual(oracle);
        compared++;
      }
      expect(compared).toBe(10_000);
    },
  );
});
