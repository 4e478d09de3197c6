/**
 * The report an agency files (Nghị định 30/2020/NĐ-CP), read back from each format: the PDF's
 * text (pdfjs) and fonts, the DOCX's word/document.xml (fflate), the XLSX's cells; LibreOffice
 * converts the DOCX to PDF; unset fields print as dotted blanks with warnings (API and CLI); the
 * emulation ranking joins a yearly report of a bloc member.
 */
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { strFromU8 } from 'fflate';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { runCli } from '../helpers/cli.ts';
import { importWorkedExample, insertUnit } from './reports.fixture.ts';
import {
  docxParts,
  docxText,
  findSoffice,
  libreOfficeToPdf,
  pdfFonts,
  pdfPageSizes,
  pdfText,
  positionsInOrder,
} from '../helpers/documents.ts';
import type { FiledReport } from '../../domain/schemas/report-document.ts';
import { createBloc } from '../../server/blocs/blocs.service.ts';
import { SYSTEM_CALLER } from '../../server/auth/caller.ts';
import { DEMO_AGENCY_DOCUMENT } from '../../server/settings/document-settings.demo.ts';

const SENTENCE =
  'Năm 2020: văn phòng phẩm giảm 10%; cước điện thoại giảm 20%; các khoản chi phí khác giảm 5%; tiết kiệm điện đạt 15% so với định mức.';
/** What the filed document holds, in this order (left header block before the right one). */
const IN_ORDER = [
  'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
  'Số: 15/BC-STTTT',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'Trà Vinh, ngày 05 tháng 01 năm 2021',
  'BÁO CÁO',
  'Kết quả thực hành tiết kiệm, chống lãng phí năm 2020',
  SENTENCE,
  'Nơi nhận:',
  '- UBND tỉnh (b/c);',
  'KT. GIÁM ĐỐC',
  'PHÓ GIÁM ĐỐC',
  'Nguyễn Văn An',
];
const Q = '/api/reports?unit=STTTT&year=2020&number=15&date=2021-01-05';

describe('the filed report (ND30)', () => {
  let t: TestApp;
  const bytes = async (url: string) => {
    const res = await t.request(url);
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };
  beforeAll(async () => {
    t = await createTestApp();
    await importWorkedExample(t.deps);
    const res = await t.request('/api/settings/document', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unitCode: 'STTTT', ...DEMO_AGENCY_DOCUMENT.fields }),
    });
    expect(res.status).toBe(200);
  });
  afterAll(() => t.close());

  it('JSON: the document around the report; number and date from the query', async () => {
    const r = (await (await t.request(Q)).json()) as FiledReport;
    expect(r.document).toMatchObject({
      superiorBody: 'UBND TỈNH TRÀ VINH',
      issuerName: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      numberLine: 'Số: 15/BC-STTTT',
      placeDate: 'Trà Vinh, ngày 05 tháng 01 năm 2021',
      docType: 'BÁO CÁO',
      subject: 'Kết quả thực hành tiết kiệm, chống lãng phí năm 2020',
      signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn An' },
      ranking: null,
      warnings: [],
    });
    // Without a number the number is a dotted blank; without a date, today (the test clock) in Asia/Ho_Chi_Minh.
    const plain = (await (await t.request('/api/reports?unit=STTTT&year=2020')).json()) as FiledReport;
    expect(plain.document.numberLine).toBe('Số: ……/BC-STTTT');
    expect(plain.document.date).toBe('2026-11-06');
    // A division inherits every field; the subject names the division.
    const vp = (await (await t.request('/api/reports?unit=STTTT-VP&year=2020')).json()) as FiledReport;
    expect(vp.document.issuerName).toBe('SỞ THÔNG TIN VÀ TRUYỀN THÔNG');
    expect(vp.document.subject).toBe('Kết quả thực hành tiết kiệm, chống lãng phí của Văn phòng Sở năm 2020');
    for (const bad of ['number=0', 'number=1.5', 'number=x', 'date=2021-02-30', 'date=05/01/2021'])
      expect((await t.request(`/api/reports?unit=STTTT&year=2020&${bad}`)).status, bad).toBe(400);
  });

  it('PDF: A4 portrait; header, title, sentence, Nơi nhận and signer in order; fonts are the embedded Tinos', async () => {
    const pdf = await bytes(`${Q}&format=pdf`);
    const sizes = await pdfPageSizes(pdf);
    for (const [w, h] of sizes) expect([Math.round(w), Math.round(h)]).toEqual([595, 842]);
    const text = await pdfText(pdf);
    positionsInOrder(text, IN_ORDER);
    for (const s of ['48.000.000', '43.200.000', '147.900.000', '10,0', 'Đánh giá', 'Tất cả các chỉ tiêu đều đạt.'])
      expect(text.replace(/\s+/g, ' ')).toContain(s);
    const fonts = pdfFonts(pdf);
    expect(fonts.names.length).toBeGreaterThanOrEqual(3);
    for (const n of fonts.names) expect(n).toMatch(/^[A-Z]{6}\+Tinos-(Regular|Bold|Italic|BoldItalic)$/);
    expect(fonts.names.some((n) => /DejaVu|Helvetica|Times-Roman/.test(n))).toBe(false);
    expect(fonts.embedded).toBe(fonts.descriptors);
  });

  it('DOCX: real paragraphs and tables in order, Times New Roman named, no images, A4 with the ND30 margins', async () => {
    const res = await t.request(`${Q}&format=docx`);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers.get('content-disposition')).toContain('bao-cao-tiet-kiem-STTTT-2020.docx');
    const docx = new Uint8Array(await res.arrayBuffer());
    positionsInOrder(docxText(docx), IN_ORDER);
    const parts = docxParts(docx);
    expect(Object.keys(parts).filter((p) => p.startsWith('word/media/'))).toEqual([]);
    const xml = strFromU8(parts['word/document.xml']);
    expect(/<w:drawing|<w:pict|<v:shape|<pic:/.test(xml)).toBe(false);
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBeGreaterThanOrEqual(3); // header, results, signature
    const fontNames = new Set([...xml.matchAll(/w:(?:ascii|hAnsi|cs|eastAsia)="([^"]+)"/g)].map((m) => m[1]));
    expect([...fontNames]).toEqual(['Times New Roman']);
    // A4 portrait (11906 × 16838 twips); margins 20/20/30/15 mm.
    const sect = /<w:sectPr>.*<\/w:sectPr>/.exec(xml)?.[0] ?? '';
    expect(sect).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    expect(sect).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(sect).toContain('<w:titlePg/>'); // no page number on the first page
    for (const s of ['48.000.000', '147.900.000', 'Đánh giá']) expect(xml.includes(s), s).toBe(true);
  });

  it('LibreOffice converts the DOCX to PDF without error; the PDF keeps the text', async () => {
    const soffice = findSoffice();
    if (!soffice) {
      // scripts/ensure-test-services.sh installs it; only outside CI may it be missing.
      expect(process.env.CI, 'libreoffice-writer-nogui is required under CI').not.toBe('true');
      return;
    }
    const r = await libreOfficeToPdf(soffice, await bytes(`${Q}&format=docx`));
    expect(r.code, r.stderr).toBe(0);
    expect(r.pdf).not.toBeNull();
    const sizes = await pdfPageSizes(r.pdf!);
    expect(sizes.map(([w, h]) => [Math.round(w), Math.round(h)])).toEqual(sizes.map(() => [595, 842]));
    positionsInOrder(await pdfText(r.pdf!), IN_ORDER);
  }, 300_000);

  it('XLSX: the header blocks, title and signature around the numeric table; A4 portrait', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await bytes(`${Q}&format=xlsx`)).buffer);
    const ws = wb.getWorksheet('Báo cáo')!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToWidth: 1 });
    expect(ws.pageSetup.margins).toMatchObject({ left: 1.18, right: 0.59, top: 0.79, bottom: 0.79 });
    const texts: string[] = [];
    ws.eachRow((row) => {
      for (const v of (row.values as unknown[]).slice(1)) if (typeof v === 'string') texts.push(v);
    });
    const joined = texts.join('\n');
    positionsInOrder(joined, [
      'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      'Số: 15/BC-STTTT',
      'BÁO CÁO',
      SENTENCE,
      'Nơi nhận:',
      'Nguyễn Văn An',
    ]);
    expect(texts).toContain('Trà Vinh, ngày 05 tháng 01 năm 2021');
    expect(texts).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const row = ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(2).value === 'Văn phòng phẩm')!;
    expect([5, 6, 7, 8, 9].map((c) => row.getCell(c).value)).toEqual([48_000_000, 43_200_000, 4_800_000, 10, 10]);
    expect(row.getCell(5).numFmt).toBe('#,##0');
  });
});

describe('the filed report without settings, and with a bloc', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await importWorkedExample(t.deps);
    await insertUnit(t.deps.db, 'SXD', 'Sở Xây dựng', null);
    await createBloc(
      t.deps,
      { name: 'Khối thử', year: 2020, members: ['STTTT', 'SXD'], shareDetails: false },
      SYSTEM_CALLER,
    );
  });
  afterAll(() => t.close());

  it('prints each unset field as a dotted blank with a warning; the number blank unless given', async () => {
    const r = (await (await t.request('/api/reports?unit=STTTT&year=2020')).json()) as FiledReport;
    expect(r.document.numberLine).toBe('Số: ……/BC-……');
    expect(r.document.issuerName).toBe('……');
    expect(r.document.placeDate).toBe('……, ngày 06 tháng 11 năm 2026');
    expect(r.document.signer).toEqual({ authority: '……', title: '……', name: '……' });
    expect(r.document.warnings.map((w) => w.field)).toEqual([
      'superiorBody',
      'issuerName',
      'numberPattern',
      'place',
      'signerAuthority',
      'signerTitle',
      'signerName',
      'recipients',
    ]);
    const text = (
      await pdfText(
        new Uint8Array(await (await t.request('/api/reports?unit=STTTT&year=2020&format=pdf')).arrayBuffer()),
      )
    ).replace(/\s+/g, ' ');
    positionsInOrder(text, ['……', 'Số: ……/BC-……', 'BÁO CÁO', SENTENCE, 'Nơi nhận:', '- ……']);
  });

  it('a yearly report of a bloc member carries its place in the bloc (IV.), a quarter does not', async () => {
    const r = (await (await t.request('/api/reports?unit=STTTT&year=2020')).json()) as FiledReport;
    expect(r.document.ranking?.heading).toBe('IV. KẾT QUẢ XẾP HẠNG TRONG KHỐI THI ĐUA');
    expect(r.document.ranking?.members.map((m) => [m.unitCode, m.own])).toEqual([
      ['STTTT', true],
      ['SXD', false],
    ]);
    expect(r.document.ranking?.lines[0]).toMatch(
      /^Khối thi đua "Khối thử" năm 2020: Sở Thông tin và Truyền thông xếp hạng 1\/2/,
    );
    const q = (await (await t.request('/api/reports?unit=STTTT&year=2020&quarter=4')).json()) as FiledReport;
    expect(q.document.ranking).toBeNull();
    const docx = new Uint8Array(await (await t.request('/api/reports?unit=STTTT&year=2020&format=docx')).arrayBuffer());
    positionsInOrder(docxText(docx), [
      SENTENCE,
      'IV. KẾT QUẢ XẾP HẠNG TRONG KHỐI THI ĐUA',
      'Xếp hạng',
      'Sở Xây dựng',
      'Nơi nhận:',
    ]);
  });

  it('CLI: warns about every blank on stderr; --number fills the number; --format docx', async () => {
    const out = path.join(t.tdb.dir, 'r.docx');
    let r = await runCli(t.tdb.url, ['report', '--unit', 'STTTT', '--year', '2020', '--format', 'docx', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Cảnh báo: Chưa đặt tên cơ quan ban hành: in là "……" để điền tay.');
    expect(r.stderr).toContain('Cảnh báo: chưa có số văn bản');
    expect(docxText(new Uint8Array(fs.readFileSync(out)))).toContain('Số: ……/BC-……');
    r = await runCli(t.tdb.url, [
      'report',
      '--unit',
      'STTTT',
      '--year',
      '2020',
      '--format',
      'json',
      '--number',
      '15',
      '--date',
      '2021-01-05',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as FiledReport;
    expect([j.document.numberLine, j.document.placeDate]).toEqual(['Số: 15/BC-……', '……, ngày 05 tháng 01 năm 2021']);
    expect(r.stderr).not.toContain('chưa có số văn bản');
    for (const bad of [
      ['--number', '0'],
      ['--date', '2021-13-01'],
    ])
      expect(
        (await runCli(t.tdb.url, ['report', '--unit', 'STTTT', '--year', '2020', ...bad])).code,
        bad.join(' '),
      ).toBe(2);
  }, 300_000);
});
