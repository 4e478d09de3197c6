import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { categoryIds, insertUnit } from './reports.fixture.ts';
import type { Bloc, BlocRanking } from '../../domain/schemas/bloc.ts';
import { blocRankingForUnit, computeRanking } from '../../server/blocs/blocs.service.ts';

/**
 * Seven departments, 2024 as the baseline year and 2025 scored with the default scheme
 * (targets 10 + 10 + 15 + 10, on time 15, manual 20 + 20). Hand-computed totals:
 *   B1 all targets, 12/12 on time, manual 19,5 + 20       = 45 + 15   + 39,5 = 99,5
 *   B2 all targets, 11/12 (Dec late), manual 19 + 20      = 45 + 13,8 + 39   = 97,8
 *   B3 all targets, 12/12, manual 18,8 + 19               = 45 + 15   + 37,8 = 97,8 (more automatic points than B2 → above it)
 *   B4 all targets, 12/12, manual 17,5 + 18, stationery −15%  = 95,5
 *   B5 as B4 but stationery −20% (better overall reduction → above B4)
 *   B6 electricity over target (−5% vs norm, target 15%), 6/12 on time, manual 20 + 20 = 30 + 7,5 + 40 = 77,5
 *   B7 identical to B6 → shares rank 6
 */
const MEMBERS = [
  { code: 'B1', name: 'Sở Xây dựng', stationery: 20, elec: 800, late: 0, manual: [19.5, 20] },
  { code: 'B2', name: 'Sở Tư pháp', stationery: 20, elec: 800, late: 1, manual: [19, 20] },
  { code: 'B3', name: 'Sở Y tế', stationery: 20, elec: 800, late: 0, manual: [18.8, 19] },
  { code: 'B4', name: 'Sở Công Thương', stationery: 15, elec: 800, late: 0, manual: [17.5, 18] },
  { code: 'B5', name: 'Sở Giáo dục và Đào tạo', stationery: 20, elec: 800, late: 0, manual: [17.5, 18] },
  { code: 'B6', name: 'Sở Nội vụ', stationery: 20, elec: 950, late: 6, manual: [20, 20] },
  { code: 'B7', name: 'Sở Tài chính', stationery: 20, elec: 950, late: 6, manual: [20, 20] },
];

const json = (body: unknown, method = 'POST') => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('emulation blocs: seven members ranked as hand-computed', () => {
  let t: TestApp;
  let bloc: Bloc;
  beforeAll(async () => {
    t = await createTestApp();
    const db = t.deps.db;
    const cats = await categoryIds(db);
    for (const m of MEMBERS) {
      const id = await insertUnit(db, m.code, m.name, null, 30);
      await db
        .insertInto('settings')
        .values({
          unit_id: id,
          category_id: cats.electricity,
          year: 2025,
          basis: 'norm',
          norm_amount: null,
          norm_quantity_milli: 1_000_000,
          norm_per_capita: null,
          target_tenths: 150,
          updated_at: 'x',
          updated_by: null,
        })
        .execute();
      const rows = [];
      for (let month = 1; month <= 12; month++) {
        const mm = String(month).padStart(2, '0');
        const next = month === 12 ? '2026-01' : `2025-${String(month + 1).padStart(2, '0')}`;
        const late = month > 12 - m.late;
        const at = late ? `${next}-10T02:00:00.000Z` : `${next}-03T02:00:00.000Z`;
        const base = { unit_id: id, note: null, import_id: null, updated_by: null };
        for (const [cat, before, cut] of [
          ['stationery', 1_000_000, m.stationery],
          ['phone', 2_000_000, 25],
          ['other', 4_000_000, 10],
        ] as const) {
          rows.push({
            ...base,
            category_id: cats[cat],
            period: `2024-${mm}`,
            amount: before,
            quantity_milli: null,
            updated_at: 'x',
          });
          rows.push({
            ...base,
            category_id: cats[cat],
            period: `2025-${mm}`,
            amount: (before * (100 - cut)) / 100,
            quantity_milli: null,
            updated_at: at,
          });
        }
        rows.push({
          ...base,
          category_id: cats.electricity,
          period: `2025-${mm}`,
          amount: m.elec * 3000,
          quantity_milli: m.elec * 1000,
          updated_at: at,
        });
      }
      await db.insertInto('figures').values(rows).execute();
    }
    await insertUnit(db, 'B1-VP', 'Văn phòng Sở Xây dựng', 'B1', 5);
    const res = await t.request(
      '/api/blocs',
      json({ name: 'Khối các sở quản lý nhà nước', year: 2025, members: MEMBERS.map((m) => m.code) }),
    );
    expect(res.status).toBe(201);
    bloc = (await res.json()) as Bloc;
    const scores = MEMBERS.flatMap((m) => [
      { unitCode: m.code, criterionCode: 'organisation', points: m.manual[0] },
      { unitCode: m.code, criterionCode: 'regulation', points: m.manual[1] },
    ]);
    const put = await t.request(`/api/blocs/${bloc.id}/scores`, json({ scores }, 'PUT'));
    expect(put.status).toBe(200);
  });
  afterAll(() => t.close());

  it('lists the bloc with its members and the default scheme', async () => {
    const body = (await (await t.request('/api/blocs?year=2025')).json()) as { blocs: Bloc[] };
    expect(body.blocs).toHaveLength(1);
    expect(body.blocs[0].members.map((m) => m.code)).toEqual(MEMBERS.map((m) => m.code));
    expect(body.blocs[0].scheme.criteria.reduce((s, c) => s + c.points, 0)).toBe(100);
  });

  it('ranks, breaks ties by the documented rule, counts bands and proposes awards', async () => {
    const r = (await (await t.request(`/api/blocs/${bloc.id}/ranking`)).json()) as BlocRanking;
    expect(r.members.map((m) => [m.unit.code, m.rank, m.total])).toEqual([
      ['B1', 1, 99.5],
      ['B3', 2, 97.8],
      ['B2', 3, 97.8],
      ['B5', 4, 95.5],
      ['B4', 5, 95.5],
      ['B6', 6, 77.5],
      ['B7', 6, 77.5],
    ]);
    expect(r.members.map((m) => m.tieBreak)).toEqual([
      null,
      null,
      'điểm tiêu chí tự động',
      null,
      'tỷ lệ tiết kiệm chung',
      null,
      'đồng hạng',
    ]);
    expect(r.bands.map((b) => b.text)).toEqual([
      '3/7 đơn vị đạt từ 96 điểm trở lên',
      '5/7 đơn vị đạt từ 90 điểm trở lên',
      '5/7 đơn vị đạt từ 80 điểm trở lên',
    ]);
    expect(r.proposals.map((p) => p.text)).toEqual([
      'Đề nghị tặng Cờ thi đua: Sở Xây dựng (hạng nhất, 99,5 điểm).',
      'Đề nghị tặng Bằng khen: Sở Y tế (hạng nhì, 97,8 điểm).',
    ]);
    const b2 = r.members.find((m) => m.unit.code === 'B2')!;
    expect(b2.breakdown!.find((b) => b.code === 'on_time')).toMatchObject({
      points: 13.8,
      detail: '11/12 tháng nộp đúng hạn',
    });
    const b6 = r.members.find((m) => m.unit.code === 'B6')!;
    expect(b6.breakdown!.find((b) => b.code === 'electricity')).toMatchObject({
      points: 0,
      detail: 'chưa đạt (tiết kiệm 5%, chỉ tiêu 15%)',
    });
  });

  it('a member sees the ranking and only its own breakdown; an outsider is refused', async () => {
    const ids = Object.fromEntries(
      (await t.deps.db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
    );
    const r = await computeRanking(t.deps.db, bloc.id, t.clock.now(), {
      actor: 'viewer@b2',
      readIds: new Set([ids.B2]),
    });
    expect(r.members).toHaveLength(7);
    expect(r.members.filter((m) => m.breakdown !== null).map((m) => m.unit.code)).toEqual(['B2']);
    await expect(
      computeRanking(t.deps.db, bloc.id, t.clock.now(), { actor: 'x', readIds: new Set([ids['B1-VP']]) }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('through the API: a viewer of a member sees the ranking with only its own breakdown; others are refused', async () => {
    const mine = await t.request(`/api/blocs/${bloc.id}/ranking`, { as: 'viewer:B2' });
    expect(mine.status).toBe(200);
    const r = (await mine.json()) as BlocRanking;
    expect(r.members.filter((m) => m.breakdown !== null).map((m) => m.unit.code)).toEqual(['B2']);
    expect(r.proposals).toHaveLength(2);
    const listed = (await (await t.request('/api/blocs?year=2025', { as: 'viewer:B2' })).json()) as { blocs: Bloc[] };
    expect(listed.blocs.map((b) => b.id)).toEqual([bloc.id]);
    expect((await t.request(`/api/blocs/${bloc.id}/ranking`, { as: 'viewer:B1-VP' })).status).toBe(403);
    expect(
      ((await (await t.request('/api/blocs?year=2025', { as: 'viewer:B1-VP' })).json()) as { blocs: Bloc[] }).blocs,
    ).toEqual([]);
    expect(
      (await t.request('/api/blocs', { ...json({ name: 'Y', year: 2025, members: ['B1', 'B2'] }), as: 'officer:B1' }))
        .status,
    ).toBe(403);
    expect(
      (
        await t.request(`/api/blocs/${bloc.id}/scores`, {
          ...json({ scores: [{ unitCode: 'B1', criterionCode: 'organisation', points: 20 }] }, 'PUT'),
          as: 'viewer:B1',
        })
      ).status,
    ).toBe(403);
  });

  it('blocRankingForUnit finds the bloc of a unit or of its nearest member ancestor', async () => {
    const r = await blocRankingForUnit(t.deps.db, 'B1-VP', 2025, t.clock.now());
    expect(r?.bloc.id).toBe(bloc.id);
    expect(r?.members[0].breakdown).not.toBeNull();
    expect(r?.members[1].breakdown).toBeNull();
    expect(await blocRankingForUnit(t.deps.db, 'B1', 2024, t.clock.now())).toBeNull();
  });

  it('refuses bad manual scores and unknown members with Vietnamese messages', async () => {
    const over = await t.request(
      `/api/blocs/${bloc.id}/scores`,
      json({ scores: [{ unitCode: 'B1', criterionCode: 'organisation', points: 21 }] }, 'PUT'),
    );
    expect(over.status).toBe(422);
    const auto = await t.request(
      `/api/blocs/${bloc.id}/scores`,
      json({ scores: [{ unitCode: 'B1', criterionCode: 'phone', points: 5 }] }, 'PUT'),
    );
    expect(((await auto.json()) as { error: { message: string } }).error.message).toContain('tự động');
    const unknown = await t.request('/api/blocs', json({ name: 'X', year: 2025, members: ['B1', 'NOPE'] }));
    expect(unknown.status).toBe(404);
    const dup = await t.request(
      '/api/blocs',
      json({ name: 'Khối các sở quản lý nhà nước', year: 2025, members: ['B1', 'B2'] }),
    );
    expect(dup.status).toBe(409);
    expect((await t.request('/api/blocs/999/ranking')).status).toBe(404);
  });
});
