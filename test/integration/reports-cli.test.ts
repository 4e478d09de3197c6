/** The operator's commands `report` and `bloc`, run as child processes on the test database. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { runCli } from '../helpers/cli.ts';
import { importWorkedExample } from './reports.fixture.ts';
import { createBloc } from '../../server/blocs/blocs.service.ts';
import { SYSTEM_CALLER } from '../../server/auth/caller.ts';
import { categoryIds, insertUnit } from './reports.fixture.ts';

describe('report and bloc CLI', () => {
  let t: TestApp;
  let blocId = 0;
  const cli = async (...args: string[]) => {
    const r = await runCli(t.tdb.url, args);
    return { code: r.code, out: r.stdout, err: r.stderr };
  };
  beforeAll(async () => {
    t = await createTestApp();
    await importWorkedExample(t.deps);
    await insertUnit(t.deps.db, 'SXD', 'Sở Xây dựng', null);
    blocId = (
      await createBloc(
        t.deps,
        { name: 'Khối thử', year: 2020, members: ['STTTT', 'SXD'], shareDetails: false },
        SYSTEM_CALLER,
      )
    ).id;
  });
  afterAll(() => t.close());

  it('says on stderr when the report is tạm tính (a month with a unit missing) or has no figures', async () => {
    // SYT's two divisions send stationery every month of 2020, but SYT-B skips November.
    await insertUnit(t.deps.db, 'SYT', 'Sở Y tế', null);
    const ids = [
      await insertUnit(t.deps.db, 'SYT-A', 'Phòng A', 'SYT'),
      await insertUnit(t.deps.db, 'SYT-B', 'Phòng B', 'SYT'),
    ];
    const stationery = (await categoryIds(t.deps.db)).stationery;
    const rows = ids.flatMap((unitId, i) =>
      Array.from({ length: 12 }, (_, m) => `2020-${String(m + 1).padStart(2, '0')}`)
        .filter((period) => !(i === 1 && period === '2020-11'))
        .map((period) => ({
          unit_id: unitId,
          category_id: stationery,
          period,
          amount: 1_000_000,
          quantity_milli: null,
          note: null,
          import_id: null,
          updated_at: '2021-01-04T03:00:00.000Z',
          updated_by: null,
        })),
    );
    await t.deps.db.insertInto('figures').values(rows).execute();

    let r = await cli('report', '--unit', 'SYT', '--year', '2020', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).provisional).toBe(true);
    expect(r.err).toContain('Tạm tính: Tháng 11/2020: 1/2 đơn vị đã nộp');
    // A complete year says nothing of the kind; a year without figures says so.
    r = await cli('report', '--unit', 'STTTT', '--year', '2020', '--format', 'json', '--number', '15');
    expect(r.err).not.toContain('Tạm tính');
    expect(r.err).not.toContain('chưa có số liệu');
    r = await cli('report', '--unit', 'SXD', '--year', '2020', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.err).toContain('Cảnh báo: Năm 2020: chưa có số liệu.');
    expect(r.err).not.toContain('Tạm tính');
  }, 90_000);

  it('writes the XLSX report to a file and JSON to stdout; usage errors exit 2', async () => {
    const out = path.join(t.tdb.dir, 'r.xlsx');
    let r = await cli('report', '--unit', 'STTTT', '--year', '2020', '--format', 'xlsx', '--out', out);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const texts: unknown[] = [];
    wb.getWorksheet('Báo cáo')!.eachRow((row) => texts.push(...(row.values as unknown[])));
    expect(texts).toContain(
      'Năm 2020: văn phòng phẩm giảm 10%; cước điện thoại giảm 20%; các khoản chi phí khác giảm 5%; tiết kiệm điện đạt 15% so với định mức.',
    );
    r = await cli('report', '--unit', 'STTTT', '--year', '2020', '--quarter', '4', '--format', 'json');
    expect(JSON.parse(r.out).period.key).toBe('2020-Q4');
    r = await cli('report', '--unit', 'STTTT', '--year', '2020', '--quarter', '1', '--half', '1');
    expect(r.code).toBe(2);
    r = await cli('report', '--unit', 'NOPE', '--year', '2020');
    expect(r.code).toBe(1);
  }, 90_000);

  it('ranks a bloc as text and as JSON', async () => {
    let r = await cli('bloc', 'rank', '--bloc', String(blocId), '--year', '2020');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Khối thử — năm 2020');
    expect(r.out).toContain('Đề nghị tặng Cờ thi đua: Sở Thông tin và Truyền thông');
    r = await cli('bloc', 'rank', '--bloc', String(blocId), '--json');
    expect(JSON.parse(r.out).members.map((m: { unit: { code: string } }) => m.unit.code)).toEqual(['STTTT', 'SXD']);
    r = await cli('bloc', 'rank', '--bloc', String(blocId), '--year', '2021');
    expect(r.code).toBe(1);
    r = await cli('bloc', 'rank');
    expect(r.code).toBe(2);
    r = await cli(
      'bloc',
      'score',
      '--bloc',
      String(blocId),
      '--unit',
      'SXD',
      '--criterion',
      'organisation',
      '--points',
      '19,5',
    );
    expect(r.out).toContain('Đã chấm organisation cho SXD: 19,5 điểm; tổng');
    r = await cli('bloc', 'score', '--bloc', String(blocId), '--unit', 'SXD', '--criterion', 'phone', '--points', '5');
    expect(r.code).toBe(1);
    expect(r.err).toContain('tự động');
    r = await cli('bloc', 'create', '--name', 'Cụm hai', '--year', '2020', '--members', 'STTTT,SXD');
    expect(r.out).toContain('Đã tạo khối thi đua số');
    r = await cli('bloc', 'list', '--year', '2020', '--json');
    expect(
      JSON.parse(r.out)
        .blocs.map((b: { name: string }) => b.name)
        .sort(),
    ).toEqual(['Cụm hai', 'Khối thử']);
  }, 90_000);
});
