/**
 * The figures export: GET /api/figures/export (JSON, CSV, XLSX) and `figures list` on the CLI
 * give the same rows of a unit and its subtree (or the unit alone), within a month range, scoped
 * like every read, with formula-looking text neutralised.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { runCli } from '../helpers/cli.ts';
import { insertWorkedExample } from './results.fixtures.ts';
import type { FigureExportRow } from '../../domain/schemas/figure.ts';

const NOW = '2026-01-01T00:00:00.000Z';

describe('figures export', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const { units, cats } = await insertWorkedExample(t.deps.db);
    const row = (
      unit: string,
      cat: string,
      period: string,
      amount: number,
      kwh: number | null,
      note: string | null,
    ) => ({
      unit_id: units.get(unit)!,
      category_id: cats.get(cat)!,
      period,
      amount,
      quantity_milli: kwh == null ? null : Math.round(kwh * 1000),
      note,
      import_id: null,
      updated_at: NOW,
      updated_by: 'test',
    });
    await t.deps.db
      .insertInto('figures')
      .values([
        row('STTTT-VP', 'stationery', '2020-01', 1_250_000, null, '=HYPERLINK("http://x","bấm")'),
        row('STTTT-VP', 'electricity', '2020-01', 6_342_500, 2150.5, 'Hóa đơn EVN'),
        row('STTTT-TT', 'phone', '2020-02', 500_000, null, null),
      ])
      .execute();
  });
  afterAll(() => t.close());

  const rowsOf = async (q: string, as?: string) => {
    const r = await t.request(`/api/figures/export?${q}`, { as });
    expect(r.status, await r.clone().text()).toBe(200);
    return ((await r.json()) as { rows: FigureExportRow[] }).rows;
  };

  it('gives the unit and its whole subtree, or the unit alone, within the range', async () => {
    const all = await rowsOf('unit=STTTT&from=2020-01&to=2020-02');
    expect(all.filter((r) => r.unit === 'STTTT')).toHaveLength(8); // 4 categories × 2 months at the department
    expect(all.filter((r) => r.unit !== 'STTTT').map((r) => [r.unit, r.period, r.category])).toEqual([
      ['STTTT-VP', '2020-01', 'stationery'],
      ['STTTT-VP', '2020-01', 'electricity'],
      ['STTTT-TT', '2020-02', 'phone'],
    ]);
    expect(all.find((r) => r.unit === 'STTTT-VP' && r.category === 'electricity')).toEqual({
      unit: 'STTTT-VP',
      period: '2020-01',
      category: 'electricity',
      amount: 6_342_500,
      quantity: 2150.5,
      note: 'Hóa đơn EVN',
      source: 'manual',
    });
    const only = await rowsOf('unit=STTTT&only=1&from=2020-01&to=2020-02');
    expect(only).toHaveLength(8);
    expect(only.every((r) => r.unit === 'STTTT')).toBe(true);
    expect(await rowsOf('unit=STTTT-VP&from=2020-02')).toEqual([]);
    const bad = await t.request('/api/figures/export?unit=STTTT&from=2020-03&to=2020-01');
    expect(bad.status).toBe(400);
    expect((await t.request('/api/figures/export?unit=NOPE')).status).toBe(404);
  });

  it('is scoped like every read: an officer sees only their units', async () => {
    const mine = await rowsOf('unit=STTTT-VP', 'officer:STTTT-VP');
    expect(mine.map((r) => r.unit)).toEqual(['STTTT-VP', 'STTTT-VP']);
    expect((await t.request('/api/figures/export?unit=STTTT', { as: 'officer:STTTT-VP' })).status).toBe(403);
    expect((await t.request('/api/figures/export', { as: 'officer:STTTT-VP' })).status).toBe(403);
    expect((await t.request('/api/figures/export?unit=STTTT-TT&format=csv', { as: 'viewer:STTTT-VP' })).status).toBe(
      403,
    );
    expect((await t.request('/api/figures/export?unit=STTTT-VP', { as: 'anonymous' })).status).toBe(401);
  });

  it('CSV: the field names, plain numbers, formula-looking text neutralised', async () => {
    const r = await t.request('/api/figures/export?unit=STTTT-VP&format=csv');
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.headers.get('content-disposition')).toContain('so-lieu-STTTT-VP.csv');
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, for Excel
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines[0]).toBe('unit,period,category,amount,quantity,note,source');
    expect(lines).toContain(`STTTT-VP,2020-01,stationery,1250000,,"'=HYPERLINK(""http://x"",""bấm"")",manual`);
    expect(lines).toContain('STTTT-VP,2020-01,electricity,6342500,2150.5,Hóa đơn EVN,manual');
  });

  it('XLSX: Vietnamese headings, numeric cells with separators, neutralised text', async () => {
    const r = await t.request('/api/figures/export?unit=STTTT-VP&format=xlsx');
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'Mã đơn vị',
      'Kỳ',
      'Khoản chi',
      'Số tiền (đồng)',
      'Số lượng',
      'Ghi chú',
      'Nguồn',
    ]);
    const rows = [2, 3].map((i) => ws.getRow(i));
    const stationery = rows.find((x) => x.getCell(3).value === 'stationery')!;
    expect(stationery.getCell(4).value).toBe(1_250_000);
    expect(stationery.getCell(4).numFmt).toBe('#,##0');
    expect(stationery.getCell(6).value).toBe(`'=HYPERLINK("http://x","bấm")`);
    const el = rows.find((x) => x.getCell(3).value === 'electricity')!;
    expect(el.getCell(5).value).toBe(2150.5);
  });

  it('the CLI lists the same rows as JSON or CSV; usage errors exit 2', async () => {
    const json = await runCli(t.tdb.url, [
      'figures',
      'list',
      '--unit',
      'STTTT',
      '--from',
      '2020-01',
      '--to',
      '2020-02',
      '--json',
    ]);
    expect(json.code, json.stderr).toBe(0);
    const api = await rowsOf('unit=STTTT&from=2020-01&to=2020-02');
    expect(JSON.parse(json.stdout)).toEqual({ unit: 'STTTT', from: '2020-01', to: '2020-02', rows: api });
    const csv = await runCli(t.tdb.url, ['figures', 'list', '--unit', 'STTTT-VP', '--only', '--csv']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.trim().split('\r\n')).toEqual([
      'unit,period,category,amount,quantity,note,source',
      `STTTT-VP,2020-01,stationery,1250000,,"'=HYPERLINK(""http://x"",""bấm"")",manual`,
      'STTTT-VP,2020-01,electricity,6342500,2150.5,Hóa đơn EVN,manual',
    ]);
    expect((await runCli(t.tdb.url, ['figures', 'list', '--unit', 'STTTT'])).code).toBe(2);
    expect((await runCli(t.tdb.url, ['figures', 'list', '--json'])).code).toBe(2);
    expect((await runCli(t.tdb.url, ['figures', 'list', '--unit', 'STTTT', '--json', '--from', '2020'])).code).toBe(2);
  }, 240_000);
});
