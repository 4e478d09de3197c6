import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { insertUnit, categoryIds, importWorkedExample } from './reports.fixture.ts';
import type { Report } from '../../domain/schemas/report.ts';
import { neutralise } from '../../server/reports/report.xlsx.ts';
import { loadDemo } from '../../server/demo/demo.service.ts';
import { docxText, pdfText, positionsInOrder } from '../helpers/documents.ts';

const SENTENCE =
  'Năm 2020: văn phòng phẩm giảm 10%; cước điện thoại giảm 20%; các khoản chi phí khác giảm 5%; tiết kiệm điện đạt 15% so với định mức.';

describe('reports: the worked example (STTTT, 2020)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await importWorkedExample(t.deps);
  });
  afterAll(() => t.close());

  it('JSON: the sentence and the numbers of each category', async () => {
    const res = await t.request('/api/reports?unit=STTTT&year=2020');
    expect(res.status).toBe(200);
    const r = (await res.json()) as Report;
    expect(r.sentence.vi).toBe(SENTENCE);
    expect(r.template.id).toBe('thtk-2013');
    expect(r.sections).toHaveLength(1);
    const rows = Object.fromEntries(r.sections[0].rows.map((x) => [x.categoryCode, x]));
    expect(rows.stationery).toMatchObject({
      baseline: 48_000_000,
      actual: 43_200_000,
      saved: 4_800_000,
      reduction: 10,
      target: 10,
      met: true,
    });
    expect(rows.phone).toMatchObject({
      baseline: 30_000_000,
      actual: 24_000_000,
      saved: 6_000_000,
      reduction: 20,
      met: true,
    });
    expect(rows.other).toMatchObject({
      baseline: 120_000_000,
      actual: 114_000_000,
      saved: 6_000_000,
      reduction: 5,
      met: true,
    });
    expect(rows.electricity).toMatchObject({
      measure: 'quantity',
      quantityUnit: 'kWh',
      baseline: 60_000,
      actual: 51_000,
      saved: 9_000,
      reduction: 15,
      met: true,
      actualAmount: 147_900_000,
    });
    expect(r.explanations).toEqual([]);
    expect(r.incomplete).toBe(false);
  });

  it('XLSX: read back with exceljs, Vietnamese headers, the sentence and the numbers', async () => {
    const res = await t.request('/api/reports?unit=STTTT&year=2020&format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain('bao-cao-tiet-kiem-STTTT-2020.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('Báo cáo')!;
    const rows: unknown[][] = [];
    const numbers: number[] = [];
    ws.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
      numbers.push(row.number);
    });
    const texts = rows.flat().filter((v): v is string => typeof v === 'string');
    expect(texts).toContain('BÁO CÁO');
    expect(texts).toContain(SENTENCE);
    // No issuer set: the subject names the unit.
    expect(texts).toContain('Kết quả thực hành tiết kiệm, chống lãng phí của Sở Thông tin và Truyền thông năm 2020');
    const header = rows.find((r) => r[0] === 'STT')!;
    expect(header).toEqual([
      'STT',
      'Nội dung chi',
      'Đơn vị tính',
      'Cơ sở so sánh',
      'Định mức / cùng kỳ',
      'Thực hiện',
      'Tiết kiệm',
      'Tỷ lệ tiết kiệm (%)',
      'Chỉ tiêu (%)',
      'Đánh giá',
    ]);
    const byName = (n: string) => rows.find((r) => r[1] === n)!;
    expect(byName('Văn phòng phẩm')).toEqual([
      '1',
      'Văn phòng phẩm',
      'đồng',
      'Cùng kỳ năm trước',
      48_000_000,
      43_200_000,
      4_800_000,
      10,
      10,
      'Đạt',
    ]);
    expect(byName('Cước điện thoại').slice(4, 9)).toEqual([30_000_000, 24_000_000, 6_000_000, 20, 20]);
    expect(byName('Điện')).toEqual(['3', 'Điện', 'kWh', 'Định mức', 60_000, 51_000, 9_000, 15, 15, 'Đạt']);
    expect(byName('Điện (thành tiền)')[2]).toBe('đồng');
    expect(byName('Điện (thành tiền)')[5]).toBe(147_900_000);
    expect(byName('Chi phí khác').slice(4, 9)).toEqual([120_000_000, 114_000_000, 6_000_000, 5, 5]);
    const cell = ws.getRow(numbers[rows.indexOf(byName('Văn phòng phẩm'))]).getCell(5);
    expect(cell.numFmt).toBe('#,##0');
  });

  it('PDF: the extracted text has the sentence and the numbers, diacritics included', async () => {
    const res = await t.request('/api/reports?unit=STTTT&year=2020&format=pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(flat).toContain('BÁO CÁO');
    expect(flat).toContain('Kết quả thực hành tiết kiệm, chống lãng phí của Sở Thông tin và Truyền thông năm 2020');
    expect(flat).toContain(SENTENCE);
    for (const s of [
      '48.000.000',
      '43.200.000',
      '4.800.000',
      '30.000.000',
      '24.000.000',
      '6.000.000',
      '120.000.000',
      '114.000.000',
      '60.000',
      '51.000',
      '9.000',
      '147.900.000',
      '10,0',
      '20,0',
      '5,0',
      '15,0',
      'Văn phòng phẩm',
      'Cước điện thoại',
      'Chi phí khác',
      'Cùng kỳ năm trước',
      'Định mức',
      'Đạt',
    ]) {
      expect(flat).toContain(s);
    }
  });

  it('a quarter sums its three months; explanations are listed and required for electricity overruns', async () => {
    const q = (await (await t.request('/api/reports?unit=STTTT&year=2020&quarter=1')).json()) as Report;
    expect(q.period).toMatchObject({ key: '2020-Q1', from: '2020-01', to: '2020-03', labelVi: 'Quý I năm 2020' });
    expect(q.sentence.vi.startsWith('Quý I năm 2020: ')).toBe(true);
    const el = q.sections[0].rows.find((r) => r.categoryCode === 'electricity')!;
    expect(el.baseline).toBe(15_000);
    expect(el.monthsSubmitted).toBe(3);

    // A unit that overran its electricity norm in 2020-Q1 must explain it.
    const cats = await categoryIds(t.deps.db);
    const id = await insertUnit(t.deps.db, 'OVR', '=Sở thử nghiệm', null);
    await t.deps.db
      .insertInto('settings')
      .values({
        unit_id: id,
        category_id: cats.electricity,
        year: 2020,
        basis: 'norm',
        norm_amount: null,
        norm_quantity_milli: 1_000_000,
        norm_per_capita: null,
        target_tenths: 150,
        updated_at: 'x',
        updated_by: null,
      })
      .execute();
    await t.deps.db
      .insertInto('figures')
      .values(
        ['2020-01', '2020-02', '2020-03'].map((period) => ({
          unit_id: id,
          category_id: cats.electricity,
          period,
          amount: 3_000_000,
          quantity_milli: 1_100_000,
          note: null,
          import_id: null,
          updated_at: 'x',
          updated_by: null,
        })),
      )
      .execute();
    let r = (await (await t.request('/api/reports?unit=OVR&year=2020&quarter=1')).json()) as Report;
    expect(r.explanations).toEqual([
      expect.objectContaining({ categoryCode: 'electricity', required: true, text: null }),
    ]);
    expect(r.incomplete).toBe(true);
    expect(r.sentence.vi).toBe('Quý I năm 2020: điện vượt định mức 10%.');

    const put = await t.request('/api/reports/explanations', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        unitCode: 'OVR',
        year: 2020,
        periodKey: '2020-Q1',
        categoryCode: 'electricity',
        text: '=Nắng nóng kéo dài, thêm ca trực',
      }),
    });
    expect(put.status).toBe(200);
    r = (await (await t.request('/api/reports?unit=OVR&year=2020&quarter=1')).json()) as Report;
    expect(r.explanations[0].text).toBe('=Nắng nóng kéo dài, thêm ca trực');
    expect(r.incomplete).toBe(false);

    // The XLSX neutralises text typed by people: a unit name, a signer or an explanation starting with '='.
    const sign = await t.request('/api/settings/document', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        unitCode: 'OVR',
        ...Object.fromEntries(
          [
            'superiorBody',
            'issuerName',
            'issuerCode',
            'place',
            'signerAuthority',
            'signerTitle',
            'recipients',
            'numberPattern',
          ].map((k) => [k, null]),
        ),
        signerName: '=HYPERLINK("http://x")',
      }),
    });
    expect(sign.status).toBe(200);
    const res = await t.request('/api/reports?unit=OVR&year=2020&quarter=1&format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const values: unknown[] = [];
    wb.getWorksheet('Báo cáo')!.eachRow((row) => values.push(...(row.values as unknown[])));
    expect(values).toContain('Kết quả thực hành tiết kiệm, chống lãng phí của =Sở thử nghiệm quý I năm 2020');
    expect(values).toContain('Điện: =Nắng nóng kéo dài, thêm ca trực');
    expect(values).toContain(`'=HYPERLINK("http://x")`);
    expect(values.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
  });

  it('respects roles: a viewer reads its own subtree only; only officers write explanations', async () => {
    expect((await t.request('/api/reports?unit=STTTT&year=2020', { as: 'viewer:STTTT' })).status).toBe(200);
    expect((await t.request('/api/reports?unit=STTTT-VP&year=2020&format=pdf', { as: 'viewer:STTTT' })).status).toBe(
      200,
    );
    expect((await t.request('/api/reports?unit=STTTT&year=2020', { as: 'viewer:STTTT-VP' })).status).toBe(403);
    const body = JSON.stringify({ unitCode: 'STTTT', year: 2020, periodKey: '2020', categoryCode: 'phone', text: 'x' });
    const put = (as: string) =>
      t.request('/api/reports/explanations', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body,
        as,
      });
    expect((await put('viewer:STTTT')).status).toBe(403);
    expect((await put('officer:STTTT-VP')).status).toBe(403);
    expect((await put('officer:STTTT')).status).toBe(200);
  });

  it('neutralises formula starts', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(s)).toBe(`'${s}`);
    expect(neutralise('Điện')).toBe('Điện');
  });

  it('rejects bad requests with Vietnamese messages', async () => {
    expect((await t.request('/api/reports?unit=NOPE&year=2020')).status).toBe(404);
    const both = await t.request('/api/reports?unit=STTTT&year=2020&quarter=1&half=1');
    expect(both.status).toBe(400);
    const badKey = await t.request('/api/reports/explanations', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unitCode: 'STTTT', year: 2020, periodKey: '2021-Q1', categoryCode: 'phone', text: 'x' }),
    });
    expect(badKey.status).toBe(400);
  });
});

describe('reports: a period spanning 1 July 2026', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const cats = await categoryIds(t.deps.db);
    const id = await insertUnit(t.deps.db, 'S26', 'Sở Tài chính', null);
    const months = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
    const rows = months.flatMap((m) => [
      { period: `2025-${m}`, amount: 1_000_000 },
      { period: `2026-${m}`, amount: 900_000 },
    ]);
    await t.deps.db
      .insertInto('figures')
      .values(
        rows.map((r) => ({
          unit_id: id,
          category_id: cats.stationery,
          ...r,
          quantity_milli: null,
          note: null,
          import_id: null,
          updated_at: 'x',
          updated_by: null,
        })),
      )
      .execute();
  });
  afterAll(() => t.close());

  it('gives the whole year first, then a section under each law; one word for a missed target', async () => {
    t.clock.set('2027-01-10T02:00:00Z');
    const r = (await (await t.request('/api/reports?unit=S26&year=2026')).json()) as Report;
    expect(r.template.id).toBe('tklp-2025');
    expect(r.template.title).toBe('BÁO CÁO KẾT QUẢ TIẾT KIỆM, CHỐNG LÃNG PHÍ');
    expect(r.through).toBe('2026-12');
    expect(r.provisional).toBe(false);
    expect(r.sections.map((s) => [s.key, s.templateId, s.from, s.to])).toEqual([
      ['2026-H1', 'thtk-2013', '2026-01', '2026-06'],
      ['2026-H2', 'tklp-2025', '2026-07', '2026-12'],
    ]);
    // The one verdict of the year, in the document's template.
    expect([r.whole.key, r.whole.templateId, r.whole.from, r.whole.to]).toEqual([
      '2026',
      'tklp-2025',
      '2026-01',
      '2026-12',
    ]);
    expect(r.whole.heading).toBe('Kết quả tiết kiệm, chống lãng phí cả năm 2026');
    expect(r.whole.rows[0]).toMatchObject({ baseline: 12_000_000, actual: 10_800_000, reduction: 10, met: true });
    expect(r.whole.sentence).toBe('Năm 2026: văn phòng phẩm giảm 10%.');
    expect(r.sections[0].legalBasis).toContain('44/2013/QH13');
    expect(r.sections[1].legalBasis).toContain('Luật Tiết kiệm, chống lãng phí năm 2025');
    expect([r.sections[0].columns.no, r.sections[1].columns.no]).toEqual(['STT', 'TT']);
    expect([r.sections[0].words.notMet, r.sections[1].words.notMet, r.whole.words.notMet]).toEqual([
      'Chưa đạt',
      'Chưa đạt',
      'Chưa đạt',
    ]);
    expect(r.sections[0].sentence).toBe('Từ tháng 1 đến tháng 6 năm 2026: văn phòng phẩm giảm 10%.');
    expect(r.sections[0].rows[0]).toMatchObject({ baseline: 6_000_000, actual: 5_400_000 });
    expect(r.sentence.vi).toBe('Năm 2026: văn phòng phẩm giảm 10%.');

    const pdf = await t.request('/api/reports?unit=S26&year=2026&format=pdf');
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    positionsInOrder(text, [
      'Kết quả tiết kiệm, chống lãng phí cả năm 2026',
      'Năm 2026: văn phòng phẩm giảm 10%.',
      'Căn cứ Luật Thực hành tiết kiệm, chống lãng phí số 44/2013/QH13',
      'II. KẾT QUẢ TIẾT KIỆM TRONG CHI THƯỜNG XUYÊN',
      'Căn cứ Luật Tiết kiệm, chống lãng phí năm 2025',
      'II. KẾT QUẢ TIẾT KIỆM CHI THƯỜNG XUYÊN THEO KHOẢN CHI',
      'III. GIẢI TRÌNH NGUYÊN NHÂN CHƯA ĐẠT CHỈ TIÊU',
    ]);
    expect(text).not.toMatch(/không đạt/i);
  });

  it('while the year runs, counts only the months that have ended', async () => {
    t.clock.set('2026-11-06T02:00:00Z');
    const r = (await (await t.request('/api/reports?unit=S26&year=2026')).json()) as Report;
    expect(r.through).toBe('2026-10');
    expect(r.whole.rows[0]).toMatchObject({ actual: 9_000_000, monthsSubmitted: 10, monthsInPeriod: 12 });
    expect(r.sections[1].rows[0]).toMatchObject({ actual: 3_600_000, monthsSubmitted: 4, monthsInPeriod: 6 });
    const pdf = await t.request('/api/reports?unit=S26&year=2026&format=pdf');
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('Số liệu tính đến hết tháng 10/2026; các tháng chưa kết thúc không được tính.');
    t.clock.set('2027-01-10T02:00:00Z');
  });

  it('a half-year on either side uses one template', async () => {
    t.clock.set('2027-01-10T02:00:00Z');
    const h1 = (await (await t.request('/api/reports?unit=S26&year=2026&half=1')).json()) as Report;
    const h2 = (await (await t.request('/api/reports?unit=S26&year=2026&half=2')).json()) as Report;
    expect([h1.template.id, h1.sections.length]).toEqual(['thtk-2013', 1]);
    expect([h2.template.id, h2.sections.length]).toEqual(['tklp-2025', 1]);
    expect(h2.sentence.vi).toBe('6 tháng cuối năm 2026: văn phòng phẩm giảm 10%.');
  });
});

describe('reports: the demo agency on 1 December 2026 (issue 13)', () => {
  let t: TestApp;
  const HANOI = (local: string) => new Date(`${local}+07:00`).toISOString();
  const report = async (q: string) => {
    const res = await t.request(`/api/reports?${q}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Report;
  };
  const pdf = async (q: string) =>
    (await pdfText(new Uint8Array(await (await t.request(`/api/reports?${q}&format=pdf`)).arrayBuffer()))).replace(
      /\s+/g,
      ' ',
    );
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(HANOI('2026-12-01T09:00:00'));
    await loadDemo(t.deps);
  }, 240_000);
  afterAll(() => t.close());

  it('the year first, then each law; explanations asked for each section that missed', async () => {
    const r = await report('unit=STTTT&year=2026');
    expect(r.through).toBe('2026-11');
    expect(r.provisional).toBe(true);
    expect(r.whole.months.at(-1)).toEqual({ period: '2026-11', expected: 5, submitted: 3, complete: false });
    expect(r.whole.months).toHaveLength(11);
    expect([r.sections[0].provisional, r.sections[1].provisional]).toEqual([false, true]);
    const met = (rows: Report['whole']['rows']) => Object.fromEntries(rows.map((x) => [x.categoryCode, x.met]));
    // The whole year misses stationery and phone; the second half misses electricity and other
    // costs too: each is asked for in the section where it missed.
    expect(met(r.whole.rows)).toEqual({ stationery: false, phone: false, electricity: true, other: true });
    expect(met(r.sections[0].rows)).toEqual({ stationery: false, phone: false, electricity: true, other: true });
    expect(met(r.sections[1].rows)).toEqual({ stationery: true, phone: false, electricity: false, other: false });
    expect(r.explanations.map((e) => [e.periodKey, e.categoryCode])).toEqual([
      ['2026-H1', 'stationery'],
      ['2026-H1', 'phone'],
      ['2026-H2', 'phone'],
      ['2026-H2', 'electricity'],
      ['2026-H2', 'other'],
    ]);

    const text = await pdf('unit=STTTT&year=2026');
    positionsInOrder(text, [
      'Kết quả tiết kiệm, chống lãng phí cả năm 2026',
      'Số liệu tính đến hết tháng 11/2026; các tháng chưa kết thúc không được tính.',
      'Tạm tính — Tháng 11/2026: 3/5 đơn vị đã nộp.',
      'Căn cứ Luật Thực hành tiết kiệm',
      'Căn cứ Luật Tiết kiệm, chống lãng phí năm 2025',
      'Tạm tính — Tháng 11/2026: 3/5 đơn vị đã nộp.',
      'III. GIẢI TRÌNH NGUYÊN NHÂN CHƯA ĐẠT CHỈ TIÊU',
      'Văn phòng phẩm (từ tháng 1 đến tháng 6 năm 2026): Chưa có giải trình',
      'Điện (từ tháng 7 đến tháng 12 năm 2026): Chưa có giải trình',
    ]);
    expect(text).toContain('Chưa đạt (tạm tính)');
    expect(text).not.toMatch(/không đạt/i);
    const docx = docxText(
      new Uint8Array(await (await t.request('/api/reports?unit=STTTT&year=2026&format=docx')).arrayBuffer()),
    );
    expect(docx).toContain('Tạm tính — Tháng 11/2026: 3/5 đơn vị đã nộp.');
    expect(docx).toContain('Chưa đạt (tạm tính)');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (await t.request('/api/reports?unit=STTTT&year=2026&format=xlsx')).arrayBuffer());
    const cells: unknown[] = [];
    wb.getWorksheet('Báo cáo')!.eachRow((row) => cells.push(...(row.values as unknown[])));
    expect(cells).toContain('Tạm tính — Tháng 11/2026: 3/5 đơn vị đã nộp.');
    expect(cells).toContain('Chưa đạt (tạm tính)');
  });

  it('an explanation written for a half is the one its section of the year shows', async () => {
    const put = await t.request('/api/reports/explanations', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        unitCode: 'STTTT',
        year: 2026,
        periodKey: '2026-H2',
        categoryCode: 'electricity',
        text: 'Tháng 7 nắng nóng kéo dài.',
      }),
    });
    expect(put.status).toBe(200);
    const year = await report('unit=STTTT&year=2026');
    const h2 = await report('unit=STTTT&year=2026&half=2');
    const el = (r: Report, key: string) =>
      r.explanations.find((e) => e.periodKey === key && e.categoryCode === 'electricity');
    expect(el(year, '2026-H2')?.text).toBe('Tháng 7 nắng nóng kéo dài.');
    expect(el(h2, '2026-H2')?.text).toBe('Tháng 7 nắng nóng kéo dài.');
    expect(h2.sections.map((s) => s.key)).toEqual(['2026-H2']);
  });

  it('December stored on the 1st counts nowhere; an empty year says it has no data', async () => {
    const before = await report('unit=STTTT&year=2026');
    const put = await t.request('/api/figures', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unitCode: 'STTTT-VP', categoryCode: 'stationery', period: '2026-12', amount: 900_000 }),
    });
    expect(put.status).toBe(200);
    const after = await report('unit=STTTT&year=2026');
    expect(after.whole.rows).toEqual(before.whole.rows);
    expect(after.whole.months.map((m) => m.period)).not.toContain('2026-12');

    const empty = await report('unit=STTTT&year=2023');
    expect(empty.explanations).toEqual([]);
    const text = await pdf('unit=STTTT&year=2023');
    expect(text).toContain('Chưa có số liệu.');
    expect(text).not.toContain('Tất cả các chỉ tiêu đều đạt');
  });
});
