/** Units files (parents by code, in any order; cycles and unknown parents refused) and norms files (settings upsert). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFile } from '../../server/imports/imports.service.ts';
import { dumpTables, importFixture } from '../fixtures/imports/fixtures.ts';
import type { ImportKind } from '../../domain/schemas/import.ts';

const UNITS_HEAD = 'Mã đơn vị,Tên đơn vị,Đơn vị cấp trên,Biên chế';
const NORMS_HEAD =
  'Mã đơn vị,Năm,Khoản chi,Cơ sở so sánh,Định mức tháng (đồng),Định mức tháng (số lượng),Chỉ tiêu tiết kiệm (%)';

describe('units and norms files', () => {
  let t: TestApp;
  const run = (kind: ImportKind, lines: string[], dryRun = false) =>
    importFile(
      t.deps,
      { fileName: `${kind}.csv`, bytes: new TextEncoder().encode(lines.join('\n') + '\n') },
      { kind, dryRun, actor: 'test' },
    );
  const tree = async () => {
    const body = (await (await t.request('/api/units')).json()) as {
      units: { code: string; parentCode: string | null; name: string; headcount: number }[];
    };
    return Object.fromEntries(body.units.map((u) => [u.code, u]));
  };

  beforeAll(async () => {
    t = await createTestApp();
    await importFixture(t.deps, 'units.csv', 'units');
  });
  afterAll(() => t.close());

  it('a parent may come later in the file than its children', async () => {
    const r = await run('units', [
      UNITS_HEAD,
      'STTTT-VP-TC,Tổ Tài chính,STTTT-VP-KH,3',
      'STTTT-VP-KH,Phòng Kế hoạch - Tài chính,STTTT-VP,6',
    ]);
    expect(r).toMatchObject({ ok: true, inserted: 2 });
    const u = await tree();
    expect(u['STTTT-VP-TC'].parentCode).toBe('STTTT-VP-KH');
    expect(u['STTTT-VP-KH'].parentCode).toBe('STTTT-VP');
  });

  it('renames, moves and headcounts are updates; the rest unchanged', async () => {
    const r = await run('units', [
      UNITS_HEAD,
      'STTTT-VP-TC,Tổ Tài chính - Kế toán,STTTT-VP,4',
      'STTTT-VP-KH,Phòng Kế hoạch - Tài chính,STTTT-VP,6',
    ]);
    expect(r).toMatchObject({ ok: true, inserted: 0, updated: 1, unchanged: 1 });
    expect(r.changes[0]).toMatchObject({
      key: 'STTTT-VP-TC',
      action: 'update',
      before: { parentCode: 'STTTT-VP-KH', headcount: 3 },
      after: { parentCode: 'STTTT-VP', headcount: 4 },
    });
    expect((await tree())['STTTT-VP-TC']).toMatchObject({
      name: 'Tổ Tài chính - Kế toán',
      parentCode: 'STTTT-VP',
      headcount: 4,
    });
  });

  it('refuses unknown parents, self-parents, cycles and duplicate codes, storing nothing', async () => {
    const before = await dumpTables(t.deps);
    const r = await run('units', [
      UNITS_HEAD,
      'A1,Đơn vị A1,KHONG-CO,1',
      'A2,Đơn vị A2,A2,1',
      'STTTT,Sở Thông tin và Truyền thông,STTTT-VP,48',
      'A3,Đơn vị A3,STTTT,1',
      'A3,Đơn vị A3 lần hai,STTTT,1',
    ]);
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'unknown_parent'],
      [3, 'unit_cycle'],
      [4, 'parent_cycle'],
      [6, 'duplicate_key'],
    ]);
    expect(await dumpTables(t.deps)).toEqual(before);
  });

  it('norms: insert, then update (history-less: settings keep updated_by), then unchanged', async () => {
    const first = await run('norms', [
      NORMS_HEAD,
      'STTTT-VP,2026,Điện,định mức,,1200,15',
      'STTTT,2026,Văn phòng phẩm,cùng kỳ năm trước,,,10',
    ]);
    expect(first).toMatchObject({ ok: true, inserted: 2 });
    const second = await run('norms', [
      NORMS_HEAD,
      'STTTT-VP,2026,Điện,định mức,,1250,12',
      'STTTT,2026,Văn phòng phẩm,cùng kỳ năm trước,,,10',
    ]);
    expect(second).toMatchObject({ ok: true, inserted: 0, updated: 1, unchanged: 1 });
    expect(second.changes[0]).toMatchObject({
      key: 'STTTT-VP/electricity/2026',
      before: { normQuantity: 1200, targetPct: 15 },
      after: { normQuantity: 1250, targetPct: 12 },
    });
    const s = await t.deps.db
      .selectFrom('settings as s')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .select(['s.norm_quantity_milli', 's.target_tenths', 's.basis', 's.updated_by'])
      .where('u.code', '=', 'STTTT-VP')
      .where('s.year', '=', 2026)
      .executeTakeFirstOrThrow();
    expect(s).toEqual({ norm_quantity_milli: 1_250_000, target_tenths: 120, basis: 'norm', updated_by: 'test' });
  });

  it('norms: a unit or category twice for the same year is an error', async () => {
    const r = await run('norms', [
      NORMS_HEAD,
      'STTTT,2027,Cước điện thoại,cùng kỳ năm trước,,,20',
      'STTTT,2027,Cước ĐT,cùng kỳ năm trước,,,25',
    ]);
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.row)).toEqual([3]);
    expect(await t.deps.db.selectFrom('settings').select('id').where('year', '=', 2027).execute()).toEqual([]);
  });

  it('a dry run of a units file stores nothing', async () => {
    const before = await dumpTables(t.deps);
    const r = await run('units', [UNITS_HEAD, 'B1,Đơn vị B1,STTTT,2'], true);
    expect(r).toMatchObject({ ok: true, status: 'dry_run', inserted: 1 });
    expect(await dumpTables(t.deps)).toEqual(before);
  });
});
