/**
 * The XLSX reader (server/ingest/xlsx.ts) reads the sheet's XML itself: every kind of cell Excel,
 * LibreOffice and exceljs write, read as before (exceljs's reader), and the streaming edges (a row
 * across two inflated chunks, a sheet larger than any chunk).
 */
import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { isDateFormat, xlsxRows, xmlText } from '../../server/ingest/xlsx.ts';
import type { TableRow } from '../../server/ingest/types.ts';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

interface Book {
  /** Sheets in the workbook's order: name and sheetData rows; `file` is its number in xl/worksheets. */
  sheets: { name: string; rows: string; file: number }[];
  sst?: string[];
  styles?: string;
  date1904?: boolean;
}

function book(b: Book): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '_rels/.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${REL}">${b.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>` +
        b.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="${PKG}">` +
        b.sheets
          .map(
            (s, i) =>
              `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${i % 2 ? '/xl/' : ''}worksheets/sheet${s.file}.xml"/>`,
          )
          .join('') +
        '</Relationships>',
    ),
  };
  for (const s of b.sheets)
    files[`xl/worksheets/sheet${s.file}.xml`] = strToU8(
      `<?xml version="1.0"?><worksheet xmlns="${NS}"><cols><col min="1" max="2" width="9"/></cols><sheetData>${s.rows}</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><conditionalFormatting sqref="A1"><cfRule type="cellIs"/></conditionalFormatting></worksheet>`,
    );
  if (b.sst)
    files['xl/sharedStrings.xml'] = strToU8(
      `<?xml version="1.0"?><sst xmlns="${NS}" count="${b.sst.length}">${b.sst.join('')}</sst>`,
    );
  if (b.styles)
    files['xl/styles.xml'] = strToU8(`<?xml version="1.0"?><styleSheet xmlns="${NS}">${b.styles}</styleSheet>`);
  return zipSync(files);
}

async function rows(bytes: Uint8Array): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const g of await xlsxRows({ fileName: 'f.xlsx', bytes }, {})) out.push(...g);
  return out;
}
const one = (rowsXml: string, extra: Omit<Book, 'sheets'> = {}) =>
  rows(book({ sheets: [{ name: 'Số liệu', rows: rowsXml, file: 1 }], ...extra }));

const STYLES =
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0 &quot;đ&quot;"/></numFmts>' +
  '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
  '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="9"/><xf numFmtId="165"/><xf numFmtId="10"/></cellXfs>';

describe('XLSX cells read from the sheet XML', () => {
  it('shared strings (rich text runs joined, phonetic guides left out), inline strings, entities, NFC and spaces', async () => {
    const r = await one(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>' +
        '<c r="D1" t="inlineStr"><is><r><t>Điện </t></r><r><rPr><b/></rPr><t xml:space="preserve">(kWh)</t></r></is></c>' +
        '<c r="E1" t="str"><f>A1&amp;"x"</f><v>R&amp;D &lt;1&gt; &#272;&#x1EC7;</v></c></row>',
      {
        sst: [
          '<si><t>Mã   đơn vị</t></si>',
          '<si><r><t>Văn phòng</t></r><r><t xml:space="preserve"> phẩm</t></r><rPh sb="0" eb="1"><t>X</t></rPh></si>',
          `<si><t>${'Kỳ'.normalize('NFD')}</t></si>`,
        ],
      },
    );
    expect(r).toEqual([{ row: 1, cells: ['Mã đơn vị', 'Văn phòng phẩm', 'Kỳ', 'Điện (kWh)', 'R&D <1> Đệ'] }]);
  });

  it('numbers, booleans, dates by style (built-in 14 and custom), 1904 dates, percents, currency formats stay numbers', async () => {
    const cells =
      '<row r="2"><c r="A2"><v>1250000</v></c><c r="B2" s="1"><v>46023</v></c><c r="C2" s="2"><v>46054</v></c>' +
      '<c r="D2" s="3"><v>0.1</v></c><c r="E2" s="4"><v>690000</v></c><c r="F2" t="b"><v>1</v></c><c r="G2" t="b"><v>0</v></c>' +
      '<c r="H2" s="5"><f>A2/1</f><v>0.125</v></c><c r="I2"><v>1.5E3</v></c></row>';
    const r = await one(cells, { styles: STYLES });
    expect(r[0].cells).toEqual([
      1250000,
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-02-01T00:00:00Z'),
      10,
      690000,
      true,
      false,
      12.5,
      1500,
    ]);
    const r1904 = await one('<row r="2"><c r="A2" s="1"><v>44561</v></c></row>', { styles: STYLES, date1904: true });
    expect(r1904[0].cells).toEqual([new Date('2026-01-01T00:00:00Z')]);
  });

  it('gaps and empty cells are null; cells without r follow the previous one; rows keep their numbers', async () => {
    const r = await one(
      '<row r="3"><c r="B3"><v>1</v></c><c r="C3" s="1"/><c><v>2</v></c><c r="F3"><v>3</v></c></row><row r="5"/>' +
        '<row r="7" spans="1:2"><c r="A7" t="inlineStr"><is><t/></is></c></row><row><c r="A8"><v>4</v></c></row>',
    );
    expect(r).toEqual([
      { row: 3, cells: [null, 1, null, 2, null, 3] },
      { row: 5, cells: [] },
      { row: 7, cells: [''] },
      { row: 8, cells: [4] },
    ]);
  });

  it('errors and uncached formulas are problems naming the sheet and cell, with the value as written', async () => {
    const r = await one(
      '<row r="2"><c r="A2" t="e"><f>VLOOKUP(1,B:B,2,0)</f><v>#N/A</v></c><c r="B2" t="e"><v>#REF!</v></c>' +
        '<c r="C2"><f>IF(A1&lt;2,1,0)</f></c><c r="D2"><f t="shared" si="0"/></c><c r="E2"><f>1/0</f><v>#DIV/0!</v></c></row>',
    );
    expect(r[0].cells).toEqual([null, null, null, null, null]);
    expect(r[0].problems).toEqual([
      { col: 0, code: 'formula_error', value: '#N/A', sheet: 'Số liệu', ref: 'A2' },
      { col: 1, code: 'formula_error', value: '#REF!', sheet: 'Số liệu', ref: 'B2' },
      { col: 2, code: 'formula_not_cached', value: '=IF(A1<2,1,0)', sheet: 'Số liệu', ref: 'C2' },
      { col: 3, code: 'formula_not_cached', value: '=', sheet: 'Số liệu', ref: 'D2' },
      { col: 4, code: 'formula_error', value: '#DIV/0!', sheet: 'Số liệu', ref: 'E2' },
    ]);
  });

  it('the first worksheet with anything in it, in the workbook order (not the zip order), by its shown name', async () => {
    const r = await rows(
      book({
        sheets: [
          { name: 'Trống', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t> </t></is></c></row>', file: 3 },
          { name: 'Dữ liệu', rows: '<row r="1"><c r="A1" t="e"><v>#N/A</v></c></row>', file: 2 },
          { name: 'Khác', rows: '<row r="1"><c r="A1"><v>9</v></c></row>', file: 1 },
        ],
      }),
    );
    expect(r).toEqual([
      { row: 1, cells: [''] },
      {
        row: 1,
        cells: [null],
        problems: [{ col: 0, code: 'formula_error', value: '#N/A', sheet: 'Dữ liệu', ref: 'A1' }],
      },
    ]);
  });

  it('a 20,000-row sheet (several MB, many inflated chunks) reads every row and cell whole', async () => {
    const n = 20_000;
    let xml = '';
    for (let i = 1; i <= n; i++)
      xml += `<row r="${i}"><c r="A${i}" t="s"><v>${i % 3}</v></c><c r="B${i}"><v>${i * 1000 + 0.5}</v></c><c r="C${i}" t="inlineStr"><is><t>Đơn vị số ${i} — ghi chú dài ${'x'.repeat(i % 50)}</t></is></c></row>`;
    const r = await one(xml, { sst: ['<si><t>Điện</t></si>', '<si><t>Nước</t></si>', '<si><t>Xăng dầu</t></si>'] });
    expect(r).toHaveLength(n);
    for (const i of [1, 2, 4095, 10_001, n]) {
      expect(r[i - 1]).toEqual({
        row: i,
        cells: [
          ['Điện', 'Nước', 'Xăng dầu'][i % 3],
          i * 1000 + 0.5,
          `Đơn vị số ${i} — ghi chú dài ${'x'.repeat(i % 50)}`.trim(),
        ],
      });
    }
  });
});

describe('XLSX helpers', () => {
  it('xmlText decodes the five named entities and numeric references, leaves unknown ones', () => {
    expect(xmlText('a &amp; b &lt;&gt; &quot;&apos; &#65;&#x1EA0; &nbsp;')).toBe('a & b <> "\' AẠ &nbsp;');
  });
  it('isDateFormat: d, m, y, h, s outside quotes and brackets', () => {
    expect(isDateFormat('dd/mm/yyyy')).toBe(true);
    expect(isDateFormat('[$-42A]mmmm yyyy')).toBe(true);
    expect(isDateFormat('#,##0 "đ"')).toBe(false);
    expect(isDateFormat('[Red]#,##0')).toBe(false);
    expect(isDateFormat('0%')).toBe(false);
  });
});

describe('parts written with a namespace prefix', () => {
  it('refuses a worksheet whose elements carry a prefix (<x:row>) by name, never reads it as empty', async () => {
    const files: Record<string, Uint8Array> = {
      '_rels/.rels': strToU8(
        `<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      'xl/workbook.xml': strToU8(
        `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        `<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
      'xl/worksheets/sheet1.xml': strToU8(
        `<?xml version="1.0" encoding="utf-8"?>\n<x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Mã đơn vị</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>5</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      ),
    };
    const err = await rows(zipSync(files)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ status: 415, code: 'unsupported_file_type' });
    expect((err as Error).message).toContain('<x:worksheet>');
  });
});
