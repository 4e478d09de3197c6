/**
 * Deterministic, plausible demo figures for every division: a seeded PRNG (never Math.random),
 * levels around the divisions' real 2025 sample (data/demo/figures-wide-vi-2025.csv), a summer
 * peak for electricity, a gentle downward trend (2024 above 2025, 2026 below) with one division
 * overspending on phone, and two divisions that have not submitted the last closed month.
 * Pure: returns long-format CSV text for the import service.
 */
import { monthRange, splitPeriod, type Period } from '../../domain/months.ts';

/** Mulberry32: a small, fast, seeded PRNG with a uniform output in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Monthly levels (đồng; kWh) of a division, about its 2025 average. */
export interface Profile {
  stationery: number;
  phone: number;
  kwh: number;
  other: number;
}

/** The 2025 monthly averages of the sample's divisions. */
const KNOWN: Record<string, Profile> = {
  'STTTT-VP': { stationery: 997_500, phone: 742_833, kwh: 1310, other: 3_107_333 },
  'STTTT-BCXB': { stationery: 528_667, phone: 403_167, kwh: 960, other: 3_058_333 },
  'STTTT-BCVT': { stationery: 567_583, phone: 412_250, kwh: 878, other: 3_143_250 },
  'STTTT-TT': { stationery: 568_250, phone: 373_417, kwh: 1034, other: 2_896_833 },
  'STTTT-TTCNTT': { stationery: 1_920_250, phone: 1_104_000, kwh: 3102, other: 2_823_750 },
};

export function profileOf(code: string, headcount: number): Profile {
  const n = Math.max(1, headcount);
  return KNOWN[code] ?? { stationery: 70_000 * n, phone: 50_000 * n, kwh: 150 * n, other: 400_000 + 50_000 * n };
}

/** Electricity use by month: a summer peak (air conditioning), a winter low. */
const SEASON = [0.85, 0.8, 0.9, 1.0, 1.15, 1.3, 1.35, 1.3, 1.15, 1.0, 0.9, 0.85];
/** Electricity tariff, đồng per kWh (the 2025 sample uses 2,950). */
const TARIFF: Record<number, number> = { 2024: 2870, 2025: 2950, 2026: 3050 };
/** Spending level relative to 2025: the programme makes each year a little thriftier. */
const LEVEL: Record<number, number> = { 2024: 1.08, 2025: 1, 2026: 0.93 };

export const OVERSPENDER = { unit: 'STTTT-TT', category: 'phone', factor: 1.25 } as const;
/** Divisions that have not submitted the last closed month, so "chưa nộp" shows. */
export const LATE_UNITS = ['STTTT-BCVT', 'STTTT-TT'];

export interface Division {
  code: string;
  headcount: number;
}

export interface GeneratedFigure {
  unit: string;
  period: Period;
  category: 'stationery' | 'phone' | 'electricity' | 'other';
  amount: number;
  kwh: number | null;
}

/** Periods the demo generates: every month of 2024, and 2026 through the last closed month. */
export function demoPeriods(lastClosed: Period): Period[] {
  const out = monthRange('2024-01', '2024-12');
  if (lastClosed >= '2026-01') out.push(...monthRange('2026-01', lastClosed));
  return out;
}

export function generateFigures(divisions: Division[], lastClosed: Period, seed = 20201231): GeneratedFigure[] {
  const out: GeneratedFigure[] = [];
  for (const d of divisions) {
    const rnd = mulberry32(seed ^ [...d.code].reduce((h, ch) => Math.imul(h, 31) + ch.charCodeAt(0), 7));
    const p = profileOf(d.code, d.headcount);
    for (const period of demoPeriods(lastClosed)) {
      const { year, month } = splitPeriod(period);
      const level = LEVEL[year] ?? LEVEL[2026];
      const noise = (spread: number) => 1 + (rnd() * 2 - 1) * spread;
      const money = (base: number, f = 1) => Math.round((base * level * f * noise(0.15)) / 1000) * 1000;
      const phoneFactor = year >= 2026 && d.code === OVERSPENDER.unit ? OVERSPENDER.factor : 1;
      const kwh = Math.round(p.kwh * SEASON[month - 1] * level * noise(0.08));
      const rows: GeneratedFigure[] = [
        { unit: d.code, period, category: 'stationery', amount: money(p.stationery), kwh: null },
        { unit: d.code, period, category: 'phone', amount: money(p.phone, phoneFactor), kwh: null },
        { unit: d.code, period, category: 'electricity', amount: kwh * (TARIFF[year] ?? TARIFF[2026]), kwh },
        { unit: d.code, period, category: 'other', amount: money(p.other), kwh: null },
      ];
      if (period === lastClosed && LATE_UNITS.includes(d.code)) continue;
      out.push(...rows);
    }
  }
  return out;
}

/** Monthly electricity norm (kWh) per division: its 2024 average × 1.1, rounded to 10 kWh. */
export function electricityNorms(figures: GeneratedFigure[]): Map<string, number> {
  const sums = new Map<string, { total: number; n: number }>();
  for (const f of figures) {
    if (f.category !== 'electricity' || !f.period.startsWith('2024-') || f.kwh == null) continue;
    const s = sums.get(f.unit) ?? { total: 0, n: 0 };
    s.total += f.kwh;
    s.n++;
    sums.set(f.unit, s);
  }
  return new Map([...sums].map(([u, s]) => [u, Math.round(((s.total / s.n) * 1.1) / 10) * 10]));
}

const csvLine = (cells: (string | number | null)[]) => cells.map((c) => (c == null ? '' : String(c))).join(',');

/** The generated figures as a long CSV (plain integers, comma separated). */
export function figuresCsv(figures: GeneratedFigure[], categoryName: (code: string) => string): string {
  const lines = ['Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú'];
  for (const f of figures) lines.push(csvLine([f.unit, f.period, categoryName(f.category), f.amount, f.kwh, null]));
  return lines.join('\n') + '\n';
}

/**
 * Settings for 2024–2026 so every year has baselines: each division's electricity norm, and on
 * the agency (root) every category's default basis and target.
 */
export function normsCsv(
  root: string,
  norms: Map<string, number>,
  cats: { code: string; nameVi: string; basis: 'norm' | 'previous_year'; targetPct: number | null }[],
  years = [2024, 2025, 2026],
): string {
  const basisVi = { norm: 'định mức', previous_year: 'cùng kỳ năm trước' } as const;
  const lines = [
    'Mã đơn vị,Năm,Khoản chi,Cơ sở so sánh,Định mức tháng (đồng),Định mức tháng (số lượng),Chỉ tiêu tiết kiệm (%)',
  ];
  const elec = cats.find((c) => c.code === 'electricity');
  for (const y of years) {
    for (const c of cats) {
      if (c.code === 'electricity') continue;
      lines.push(csvLine([root, y, c.nameVi, basisVi[c.basis], null, null, c.targetPct]));
    }
    if (elec)
      for (const [unit, kwh] of norms)
        lines.push(csvLine([unit, y, elec.nameVi, basisVi.norm, null, kwh, elec.targetPct]));
  }
  return lines.join('\n') + '\n';
}
