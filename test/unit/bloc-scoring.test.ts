import { describe, expect, it } from 'vitest';
import {
  bandLines,
  DEFAULT_SCHEME,
  dueAt,
  proposals,
  punctuality,
  rankingSummaryLines,
  rankMembers,
  scoreMember,
  type MemberFacts,
} from '../../domain/bloc-scoring.ts';
import { BlocSchemeSchema } from '../../domain/schemas/bloc.ts';

const ALL = ['stationery', 'phone', 'electricity', 'other'];
function facts(
  code: string,
  o: { met?: string[]; onTime?: number; manual?: [number, number]; overall?: number | null },
): MemberFacts {
  const met = new Set(o.met ?? ALL);
  return {
    unit: { code, name: `Sở ${code}` },
    categories: Object.fromEntries(
      ALL.map((c) => [c, { met: met.has(c), reduction: met.has(c) ? 20 : 1, target: 10 }]),
    ),
    monthsOnTime: o.onTime ?? 12,
    monthsDue: 12,
    manual: o.manual ? { organisation: o.manual[0], regulation: o.manual[1] } : {},
    overallReduction: o.overall === undefined ? 10 : o.overall,
  };
}

// Hand-computed with the default scheme (45 targets, 15 on time, 20 + 20 manual):
const SEVEN = [
  facts('A', { manual: [19.5, 20] }), //                 45 + 15 + 39.5 = 99.5
  facts('B', { onTime: 11, manual: [19, 20] }), //       45 + 13.8 (15×11/12=13.75→13.8) + 39 = 97.8
  facts('C', { manual: [18.8, 19] }), //                 45 + 15 + 37.8 = 97.8, more automatic points than B
  facts('D', { manual: [17.5, 18], overall: 8.5 }), //   45 + 15 + 35.5 = 95.5
  facts('E', { manual: [17.5, 18], overall: 9.1 }), //   95.5, same automatic and targets as D, better overall reduction
  facts('F', { met: ['stationery', 'phone', 'other'], onTime: 6, manual: [20, 20] }), // 30 + 7.5 + 40 = 77.5
  facts('G', { met: ['stationery', 'phone', 'other'], onTime: 6, manual: [20, 20] }), // identical to F: shared rank
];

describe('bloc scoring', () => {
  it('the default scheme sums to 100 and validates', () => {
    expect(BlocSchemeSchema.safeParse(DEFAULT_SCHEME).success).toBe(true);
    const bad = { ...DEFAULT_SCHEME, criteria: DEFAULT_SCHEME.criteria.slice(1) };
    expect(BlocSchemeSchema.safeParse(bad).success).toBe(false);
  });

  it('scores a member with its breakdown', () => {
    const s = scoreMember(DEFAULT_SCHEME, facts('B', { onTime: 11, manual: [19, 20] }));
    expect(s.totalTenths).toBe(978);
    expect(s.automaticTenths).toBe(588);
    expect(s.breakdown.find((b) => b.code === 'on_time')).toMatchObject({
      points: 13.8,
      max: 15,
      detail: '11/12 tháng nộp đúng hạn',
    });
    expect(s.breakdown.find((b) => b.code === 'stationery')).toMatchObject({
      points: 10,
      detail: 'đạt (tiết kiệm 20%, chỉ tiêu 10%)',
    });
  });

  it('unknown results and missing manual scores give 0 with a reason', () => {
    const f = facts('X', {});
    f.categories.phone = { met: null, reduction: null, target: 20 };
    const s = scoreMember(DEFAULT_SCHEME, f);
    expect(s.breakdown.find((b) => b.code === 'phone')).toMatchObject({
      points: 0,
      detail: 'chưa xác định được kết quả',
    });
    expect(s.breakdown.find((b) => b.code === 'organisation')).toMatchObject({ points: 0, detail: 'chưa chấm' });
    expect(s.totalTenths).toBe(500);
  });

  it('manual points are capped at the criterion maximum', () => {
    const s = scoreMember(DEFAULT_SCHEME, facts('X', { manual: [25, -3] }));
    expect(s.breakdown.filter((b) => b.kind === 'manual').map((b) => b.points)).toEqual([20, 0]);
  });

  it('ranks seven members as hand-computed, ties broken by the documented rule', () => {
    const ranked = rankMembers(SEVEN.map((f) => scoreMember(DEFAULT_SCHEME, f)));
    expect(ranked.map((m) => [m.unit.code, m.rank, m.total])).toEqual([
      ['A', 1, 99.5],
      ['C', 2, 97.8],
      ['B', 3, 97.8],
      ['E', 4, 95.5],
      ['D', 5, 95.5],
      ['F', 6, 77.5],
      ['G', 6, 77.5],
    ]);
    expect(ranked.map((m) => m.tieBreak)).toEqual([
      null,
      null,
      'điểm tiêu chí tự động',
      null,
      'tỷ lệ tiết kiệm chung',
      null,
      'đồng hạng',
    ]);
  });

  it('counts score bands and proposes the flag and the certificate', () => {
    const ranked = rankMembers(SEVEN.map((f) => scoreMember(DEFAULT_SCHEME, f)));
    expect(bandLines(ranked, [96, 90, 80]).map((b) => b.text)).toEqual([
      '3/7 đơn vị đạt từ 96 điểm trở lên',
      '5/7 đơn vị đạt từ 90 điểm trở lên',
      '5/7 đơn vị đạt từ 80 điểm trở lên',
    ]);
    expect(proposals(ranked).map((p) => p.text)).toEqual([
      'Đề nghị tặng Cờ thi đua: Sở A (hạng nhất, 99,5 điểm).',
      'Đề nghị tặng Bằng khen: Sở C (hạng nhì, 97,8 điểm).',
    ]);
  });

  it('a shared first place goes to a vote and the certificate to the next rank', () => {
    const ranked = rankMembers(
      [facts('A', { manual: [20, 20] }), facts('B', { manual: [20, 20] }), facts('C', { manual: [10, 10] })].map((f) =>
        scoreMember(DEFAULT_SCHEME, f),
      ),
    );
    expect(ranked.map((m) => m.rank)).toEqual([1, 1, 3]);
    const p = proposals(ranked);
    expect(p[0]).toMatchObject({ award: 'flag', tie: true });
    expect(p[0].units.map((u) => u.code)).toEqual(['A', 'B']);
    expect(p[1]).toMatchObject({
      award: 'merit',
      tie: false,
      text: 'Đề nghị tặng Bằng khen: Sở C (hạng ba, 80 điểm).',
    });
  });
});

describe('punctuality', () => {
  it('figures are due by the 5th of the next month, end of day in Asia/Ho_Chi_Minh', () => {
    expect(dueAt('2025-01').toISOString()).toBe('2025-02-05T16:59:59.999Z');
    expect(dueAt('2025-12').toISOString()).toBe('2026-01-05T16:59:59.999Z');
  });

  it('counts months every reporting unit submitted on time, among those due', () => {
    const times = [
      { unitId: 1, period: '2025-01', at: '2025-02-05T16:00:00.000Z' }, // on time
      { unitId: 2, period: '2025-01', at: '2025-02-03T00:00:00.000Z' },
      { unitId: 1, period: '2025-02', at: '2025-03-05T17:30:00.000Z' }, // 6 March 00:30 in Hanoi: late
      { unitId: 2, period: '2025-02', at: '2025-03-01T00:00:00.000Z' },
      { unitId: 1, period: '2025-03', at: '2025-04-01T00:00:00.000Z' }, // unit 2 missing March
    ];
    expect(punctuality(2025, times, new Date('2025-04-10T00:00:00Z'))).toEqual({ monthsDue: 3, monthsOnTime: 1 });
    expect(punctuality(2025, [], new Date('2026-02-01T00:00:00Z'))).toEqual({ monthsDue: 12, monthsOnTime: 0 });
  });
});

describe('ranking summary lines (for the January email)', () => {
  it('says where the unit stands, the proposals and the bands', () => {
    const ranked = rankMembers(SEVEN.map((f) => scoreMember(DEFAULT_SCHEME, f)));
    const r = {
      bloc: { id: 1, name: 'Khối A', year: 2025 },
      members: ranked,
      bands: bandLines(ranked, [96]),
      proposals: proposals(ranked),
      tieBreakRule: '',
    };
    const lines = rankingSummaryLines(r, 'B');
    expect(lines.vi).toEqual([
      'Khối thi đua "Khối A" năm 2025: Sở B xếp hạng 3/7 với 97,8 điểm.',
      'Đề nghị tặng Cờ thi đua: Sở A (hạng nhất, 99,5 điểm).',
      'Đề nghị tặng Bằng khen: Sở C (hạng nhì, 97,8 điểm).',
      '3/7 đơn vị đạt từ 96 điểm trở lên.',
    ]);
    expect(lines.en[0]).toBe('Emulation bloc "Khối A" 2025: Sở B ranks 3 of 7 with 97.8 points.');
  });
});
