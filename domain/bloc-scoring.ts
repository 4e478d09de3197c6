/**
 * Emulation bloc scoring, pure: the scheme is data (criteria with points summing to 100), each
 * member's facts (targets met, months on time, manual points) give a score with its breakdown,
 * members are ranked with a documented tie-break, then the score bands and the award proposals.
 *
 * Points are computed as integer tenths so that 9,5 + 0,5 is exactly 10.
 *
 * Tie-break (TIE_BREAK_RULE): total score; then points from automatic criteria (measured results
 * weigh more than judged ones); then the number of category targets met; then the overall
 * reduction in đồng (unknown last). Members equal on all four share the rank (1, 1, 3) and are
 * listed by unit code.
 */
import type { BlocRanking, BlocScheme, Criterion, RankedMember } from './schemas/bloc.ts';
import type { UnitRef } from './schemas/results.ts';

export const TIE_BREAK_RULE =
  'Xếp theo tổng điểm; bằng điểm thì xét lần lượt: điểm các tiêu chí tự động (kết quả đo được), số khoản chi đạt chỉ tiêu, tỷ lệ tiết kiệm chung (đồng); vẫn bằng nhau thì đồng hạng.';

/** What the scheme needs to know about one member for one year. */
export interface MemberFacts {
  unit: UnitRef;
  /** Year-to-date result per category code (reduction in percent, target in percent). */
  categories: Record<string, { met: boolean | null; reduction: number | null; target: number | null }>;
  monthsOnTime: number;
  monthsDue: number;
  /** Manual points entered by the secretary, per criterion code. */
  manual: Record<string, number>;
  /** (Σ baseline đồng − Σ actual đồng) / Σ baseline đồng, percent; null when unknown. */
  overallReduction: number | null;
}

export interface BreakdownItem {
  code: string;
  label: string;
  kind: Criterion['kind'];
  max: number;
  points: number;
  detail: string;
}

export interface MemberScore {
  unit: UnitRef;
  totalTenths: number;
  automaticTenths: number;
  targetsMet: number;
  overallReduction: number | null;
  breakdown: BreakdownItem[];
}

const tenths = (points: number) => Math.round(points * 10);
/** Integer division rounded half away from zero (both operands non-negative here). */
const divRound = (num: number, den: number) => Math.floor((2 * num + den) / (2 * den));

const viNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
/** @example formatPoints(97.5) // '97,5' */
export const formatPoints = (n: number) => viNumber.format(n);

/** One member's score and breakdown under a scheme. */
export function scoreMember(scheme: BlocScheme, facts: MemberFacts): MemberScore {
  let total = 0;
  let automatic = 0;
  let targetsMet = 0;
  const breakdown: BreakdownItem[] = [];
  for (const c of scheme.criteria) {
    const max = tenths(c.points);
    let got = 0;
    let detail: string;
    if (c.kind === 'category_target_met') {
      const r = facts.categories[c.categoryCode];
      if (!r || r.met == null) detail = 'chưa xác định được kết quả';
      else {
        const what = `tiết kiệm ${formatPoints(r.reduction ?? 0)}%, chỉ tiêu ${r.target == null ? '—' : formatPoints(r.target) + '%'}`;
        if (r.met) {
          got = max;
          targetsMet++;
          detail = `đạt (${what})`;
        } else detail = `chưa đạt (${what})`;
      }
      automatic += got;
    } else if (c.kind === 'submitted_on_time') {
      // Nothing due yet means nothing was late.
      got =
        facts.monthsDue === 0 ? max : divRound(max * Math.min(facts.monthsOnTime, facts.monthsDue), facts.monthsDue);
      detail = `${facts.monthsOnTime}/${facts.monthsDue} tháng nộp đúng hạn`;
      automatic += got;
    } else {
      const entered = facts.manual[c.code];
      if (entered == null) detail = 'chưa chấm';
      else {
        got = Math.min(max, Math.max(0, tenths(entered)));
        detail = 'khối chấm';
      }
    }
    total += got;
    breakdown.push({ code: c.code, label: c.label, kind: c.kind, max: max / 10, points: got / 10, detail });
  }
  return {
    unit: facts.unit,
    totalTenths: total,
    automaticTenths: automatic,
    targetsMet,
    overallReduction: facts.overallReduction,
    breakdown,
  };
}

type Key = 'total' | 'automatic' | 'targets' | 'reduction';
const TIE_KEYS: Array<{ key: Key; label: string; value: (s: MemberScore) => number }> = [
  { key: 'total', label: 'tổng điểm', value: (s) => s.totalTenths },
  { key: 'automatic', label: 'điểm tiêu chí tự động', value: (s) => s.automaticTenths },
  { key: 'targets', label: 'số khoản chi đạt chỉ tiêu', value: (s) => s.targetsMet },
  {
    key: 'reduction',
    label: 'tỷ lệ tiết kiệm chung',
    value: (s) => (s.overallReduction == null ? -Infinity : s.overallReduction),
  },
];

function compare(a: MemberScore, b: MemberScore): number {
  for (const k of TIE_KEYS) {
    const d = k.value(b) - k.value(a);
    if (d !== 0) return d;
  }
  return 0;
}

/** The first rule (after the total) that tells a and b apart, or null. */
function separatingRule(a: MemberScore, b: MemberScore): string | null {
  if (a.totalTenths !== b.totalTenths) return null;
  for (const k of TIE_KEYS.slice(1)) if (k.value(a) !== k.value(b)) return k.label;
  return 'đồng hạng';
}

/** Ranks members by the documented tie-break; fully equal members share a rank (1, 1, 3). */
export function rankMembers(scores: MemberScore[]): Array<RankedMember & { totalTenths: number }> {
  const sorted = [...scores].sort(
    (a, b) => compare(a, b) || (a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : 0),
  );
  const out: Array<RankedMember & { totalTenths: number }> = [];
  sorted.forEach((s, i) => {
    const prev = sorted[i - 1];
    const rank = prev && compare(prev, s) === 0 ? out[i - 1].rank : i + 1;
    out.push({
      unit: s.unit,
      rank,
      total: s.totalTenths / 10,
      totalTenths: s.totalTenths,
      automaticPoints: s.automaticTenths / 10,
      targetsMet: s.targetsMet,
      overallReduction: s.overallReduction,
      tieBreak: prev ? separatingRule(prev, s) : null,
      breakdown: s.breakdown,
    });
  });
  return out;
}

/** "3/7 đơn vị đạt từ 96 điểm trở lên" for each threshold, highest first. */
export function bandLines(ranked: Array<{ total: number }>, thresholds: number[]) {
  const of = ranked.length;
  return [...thresholds]
    .sort((a, b) => b - a)
    .map((threshold) => {
      const count = ranked.filter((m) => tenths(m.total) >= tenths(threshold)).length;
      return { threshold, count, of, text: `${count}/${of} đơn vị đạt từ ${formatPoints(threshold)} điểm trở lên` };
    });
}

const RANK_WORDS = ['nhất', 'nhì', 'ba'];

/**
 * The proposal line: the emulation flag for the first, a certificate of merit for the second.
 * When several share the first rank the meeting votes (tie = true) and the certificate goes to
 * the next rank.
 */
export function proposals(ranked: RankedMember[]) {
  if (ranked.length === 0) return [];
  const first = ranked.filter((m) => m.rank === 1);
  const nextRank = ranked.find((m) => m.rank > 1)?.rank;
  const second = nextRank == null ? [] : ranked.filter((m) => m.rank === nextRank);
  const names = (ms: RankedMember[]) => ms.map((m) => m.unit.name).join(', ');
  const out = [];
  const flagTie = first.length > 1;
  out.push({
    award: 'flag' as const,
    units: first.map((m) => m.unit),
    tie: flagTie,
    text: flagTie
      ? `Đề nghị tặng Cờ thi đua: ${names(first)} đồng hạng nhất (${formatPoints(first[0].total)} điểm), Hội nghị khối bỏ phiếu chọn một đơn vị.`
      : `Đề nghị tặng Cờ thi đua: ${names(first)} (hạng nhất, ${formatPoints(first[0].total)} điểm).`,
  });
  if (second.length > 0) {
    const place = RANK_WORDS[Math.min(nextRank! - 1, 2)] ?? String(nextRank);
    out.push({
      award: 'merit' as const,
      units: second.map((m) => m.unit),
      tie: second.length > 1,
      text: `Đề nghị tặng Bằng khen: ${names(second)} (${second.length > 1 ? 'đồng ' : ''}hạng ${place}, ${formatPoints(second[0].total)} điểm).`,
    });
  }
  return out;
}

/** The scheme a new bloc gets when none is given: 45 points for targets, 15 for punctuality, 40 judged. */
export const DEFAULT_SCHEME: BlocScheme = {
  criteria: [
    {
      code: 'stationery',
      kind: 'category_target_met',
      categoryCode: 'stationery',
      label: 'Đạt chỉ tiêu tiết kiệm văn phòng phẩm',
      points: 10,
    },
    {
      code: 'phone',
      kind: 'category_target_met',
      categoryCode: 'phone',
      label: 'Đạt chỉ tiêu tiết kiệm cước điện thoại',
      points: 10,
    },
    {
      code: 'electricity',
      kind: 'category_target_met',
      categoryCode: 'electricity',
      label: 'Đạt chỉ tiêu tiết kiệm điện',
      points: 15,
    },
    {
      code: 'other',
      kind: 'category_target_met',
      categoryCode: 'other',
      label: 'Đạt chỉ tiêu tiết kiệm chi phí khác',
      points: 10,
    },
    { code: 'on_time', kind: 'submitted_on_time', label: 'Nộp số liệu đúng hạn (trước ngày 5 tháng sau)', points: 15 },
    {
      code: 'organisation',
      kind: 'manual',
      label: 'Tổ chức thực hiện, phổ biến, tuyên truyền pháp luật về tiết kiệm, chống lãng phí',
      points: 20,
    },
    {
      code: 'regulation',
      kind: 'manual',
      label: 'Xây dựng, thực hiện Quy chế chi tiêu nội bộ và Chương trình tiết kiệm',
      points: 20,
    },
  ],
  bands: [96, 90, 80],
};

/** The end of the day figures for a month are due: the 5th of the next month, 23:59:59 in Asia/Ho_Chi_Minh (UTC+7). */
export function dueAt(month: string): Date {
  const [y, m] = month.split('-').map(Number);
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return new Date(Date.UTC(ny, nm - 1, 5, 23 - 7, 59, 59, 999));
}

/**
 * Months of a year due by `now`, and how many of them every reporting unit of a member's subtree
 * (a unit with any figure in the year) had submitted by the due time.
 */
export function punctuality(
  year: number,
  firstTimes: Array<{ unitId: number; period: string; at: string }>,
  now: Date,
): { monthsDue: number; monthsOnTime: number } {
  const reporting = new Set(firstTimes.map((t) => t.unitId));
  const at = new Map(firstTimes.map((t) => [`${t.unitId}|${t.period}`, Date.parse(t.at)]));
  let monthsDue = 0;
  let monthsOnTime = 0;
  for (let m = 1; m <= 12; m++) {
    const period = `${year}-${String(m).padStart(2, '0')}`;
    const due = dueAt(period).getTime();
    if (due > now.getTime()) continue;
    monthsDue++;
    if (reporting.size === 0) continue;
    const ok = [...reporting].every((u) => {
      const t = at.get(`${u}|${period}`);
      return t !== undefined && !Number.isNaN(t) && t <= due;
    });
    if (ok) monthsOnTime++;
  }
  return { monthsDue, monthsOnTime };
}

/**
 * A few plain lines for an email or a summary: the unit's place, the proposals and the bands.
 * @example rankingSummaryLines(r, 'STTTT').vi[0] // 'Khối thi đua "Khối ..." năm 2025: Sở ... xếp hạng 2/7 với 97,8 điểm.'
 */
export function rankingSummaryLines(r: BlocRanking, unitCode: string): { vi: string[]; en: string[] } {
  const me = r.members.find((m) => m.unit.code === unitCode);
  const n = r.members.length;
  const vi = [
    me
      ? `Khối thi đua "${r.bloc.name}" năm ${r.bloc.year}: ${me.unit.name} xếp hạng ${me.rank}/${n} với ${formatPoints(me.total)} điểm.`
      : `Khối thi đua "${r.bloc.name}" năm ${r.bloc.year}.`,
  ];
  vi.push(...r.proposals.map((p) => p.text), ...r.bands.map((b) => `${b.text}.`));
  const en = [
    me
      ? `Emulation bloc "${r.bloc.name}" ${r.bloc.year}: ${me.unit.name} ranks ${me.rank} of ${n} with ${me.total} points.`
      : `Emulation bloc "${r.bloc.name}" ${r.bloc.year}.`,
  ];
  for (const p of r.proposals)
    en.push(
      `${p.award === 'flag' ? 'Proposed for the emulation flag' : 'Proposed for a certificate of merit'}: ${p.units.map((u) => u.name).join(', ')}${p.tie ? ' (tied, the bloc votes)' : ''}.`,
    );
  for (const b of r.bands) en.push(`${b.count}/${b.of} members scored ${b.threshold} or more.`);
  return { vi, en };
}
