/**
 * Reading e-invoice XML: the same invoice written with namespaces, a BOM, CRLF, on one line or
 * indented, with `.000000` decimals or in UTF-16 reads the same (same content hash); DOCTYPE and
 * ENTITY are refused before any parser expands them (billion laughs, XXE).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeXml, parseXml } from '../../server/einvoices/xml.ts';
import { readInvoices } from '../../server/einvoices/invoice-read.ts';
import { EINVOICES } from '../fixtures/imports/einvoices.ts';

const sample = (name: string) => fs.readFileSync(path.join(EINVOICES, name), 'utf8');
const ORIGINAL = sample('2026-10/evn-PB14010012345.xml');

function read(bytes: Uint8Array | string) {
  const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const text = decodeXml(b);
  if (!text.ok) return { problem: text.problem.code };
  const tree = parseXml(text.value);
  if (!tree.ok) return { problem: tree.problem.code };
  return readInvoices(tree.value);
}

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    out[2 + i * 2] = s.charCodeAt(i) & 0xff;
    out[3 + i * 2] = s.charCodeAt(i) >> 8;
  }
  return out;
}

const variants: [string, string | Uint8Array][] = [
  [
    'a namespace prefix on every element',
    ORIGINAL.replace(/<(\/?)(?=[A-Za-z])/g, '<$1inv:').replace(
      '<inv:HDon>',
      '<inv:HDon xmlns:inv="http://khdon.tct.gov.vn/HDon">',
    ),
  ],
  ['a default namespace', ORIGINAL.replace('<HDon>', '<HDon xmlns="http://khdon.tct.gov.vn/HDon">')],
  ['a UTF-8 BOM', '\uFEFF' + ORIGINAL],
  ['CRLF line ends', ORIGINAL.replace(/\n/g, '\r\n')],
  ['one line', ORIGINAL.replace(/>\s*\n\s*</g, '><')],
  ['indented with tabs and spaces', ORIGINAL.replace(/\n</g, '\n\t  <')],
  [
    'trailing .000000 decimals',
    ORIGINAL.replace('<SLuong>1192</SLuong>', '<SLuong>1192.000000</SLuong>')
      .replace('<ThTien>2506776</ThTien>', '<ThTien>2506776.000000</ThTien>')
      .replace('<TgTTTBSo>2707318</TgTTTBSo>', '<TgTTTBSo>2707318.000000</TgTTTBSo>'),
  ],
  ['UTF-16 LE with a BOM', utf16le('\uFEFF' + ORIGINAL.replace('encoding="UTF-8"', 'encoding="UTF-16"'))],
  ['the number written without leading zeros', ORIGINAL.replace('<SHDon>0001201</SHDon>', '<SHDon>1201</SHDon>')],
];

describe('one invoice, many spellings', () => {
  const base = read(ORIGINAL);
  it('reads the sample', () => {
    expect(base).toMatchObject({ problems: [] });
    const inv = (base as ReturnType<typeof readInvoices>).invoices[0];
    expect(inv.label).toBe('0300942001-012/1C26TAA/0001201');
    expect(inv.invoice).toMatchObject({
      id: { sellerTaxCode: '0300942001-012', form: '1', symbol: 'C26TAA', number: '1201' },
      issuedOn: '2026-11-04',
      currency: 'VND',
      buyer: { customerCode: 'PB14010012345', taxCode: '2100987654' },
      totals: { beforeTax: '2506776', tax: '200542', total: '2707318' },
      taxAuthorityCode: '0000001201A1B2C3D4E5F6A7B8C9D0E1F2',
      hasSellerSignature: true,
    });
    expect(inv.invoice.otherFields.general[0]).toEqual({ name: 'KyHoaDon', value: '10/2026' });
  });

  it.each(variants)('%s reads the same', (_name, text) => {
    const r = read(text) as ReturnType<typeof readInvoices>;
    expect(r.problems).toEqual([]);
    const want = (base as ReturnType<typeof readInvoices>).invoices[0];
    const { numberText: _a, ...got } = r.invoices[0].invoice;
    const { numberText: _b, ...exp } = want.invoice;
    expect(got).toEqual(exp);
    expect(r.invoices[0].contentHash).toBe(want.contentHash);
  });

  it('other content has another hash', () => {
    const other = read(ORIGINAL.replace('<SLuong>1192</SLuong>', '<SLuong>1193</SLuong>')) as ReturnType<
      typeof readInvoices
    >;
    expect(other.invoices[0].contentHash).not.toBe((base as ReturnType<typeof readInvoices>).invoices[0].contentHash);
  });

  it('decodes the predefined entities once, never more', () => {
    const r = read(
      ORIGINAL.replace('<Ten>Công ty Điện lực', '<Ten>A &amp; B &amp;lt;C&amp;gt; &#272;iện lực'),
    ) as ReturnType<typeof readInvoices>;
    expect(r.invoices[0].invoice.seller.name.startsWith('A & B &lt;C&gt; Điện lực')).toBe(true);
  });

  it('finds HDon inside an envelope and reports a missing field by name', () => {
    const env = read(`<TDiep><DLieu>${ORIGINAL.replace(/<\?xml[^>]*>/, '')}</DLieu></TDiep>`) as ReturnType<
      typeof readInvoices
    >;
    expect(env.invoices).toHaveLength(1);
    const missing = read(ORIGINAL.replace(/<TgTTTBSo>.*<\/TgTTTBSo>/, '')) as ReturnType<typeof readInvoices>;
    expect(missing.problems).toEqual([
      {
        code: 'invoice_field_missing',
        params: { field: 'NDHDon/TToan/TgTTTBSo' },
        invoice: '0300942001-012/1C26TAA/0001201',
      },
    ]);
    expect(read('<Khac><A>1</A></Khac>')).toMatchObject({ problems: [{ code: 'invoice_not_found' }] });
  });
});

describe('refused before parsing', () => {
  const laughs =
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
    Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n') +
    '\n]>\n<HDon><DLHDon><TTChung><SHDon>&lol9;</SHDon></TTChung></DLHDon></HDon>';

  it('billion laughs: refused at once, nothing expanded', () => {
    const t0 = performance.now();
    expect(read(laughs)).toEqual({ problem: 'xml_doctype' });
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('XXE (the sample bad/xxe.xml) is refused', () => {
    expect(read(sample('bad/xxe.xml'))).toEqual({ problem: 'xml_doctype' });
  });

  it.each([
    ['a DOCTYPE without entities', '<!DOCTYPE HDon>' + ORIGINAL.replace(/<\?xml[^>]*>/, '')],
    ['a lower-case doctype', ORIGINAL.replace('<HDon>', '<!doctype HDon SYSTEM "http://x/y.dtd"><HDon>')],
    ['an ENTITY in a comment', ORIGINAL.replace('<HDon>', '<!-- <!ENTITY x "y"> --><HDon>')],
  ])('%s is refused', (_n, text) => expect(read(text)).toEqual({ problem: 'xml_doctype' }));

  it('not XML, another encoding, broken XML', () => {
    expect(read('%PDF-1.4 sample')).toEqual({ problem: 'xml_not_xml' });
    expect(read(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]))).toEqual({ problem: 'xml_encoding' });
    expect(read(ORIGINAL.replace('encoding="UTF-8"', 'encoding="windows-1258"'))).toEqual({ problem: 'xml_encoding' });
    expect(read(ORIGINAL.replace('</TTChung>', ''))).toEqual({ problem: 'xml_invalid' });
  });
});
