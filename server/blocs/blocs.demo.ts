/**
 * Demo step: an emulation bloc of seven provincial departments for 2025 — the demo agency and six
 * more departments added as root units with generated 2024–2025 figures (deterministic, shaped so
 * the ranking has a clear first and second, a tie broken by rule and a spread of bands), the
 * default scheme and the secretary's manual scores. Idempotent: does nothing once the bloc exists.
 */
import type { AppDeps } from '../deps.ts';
import { isoNow } from '../clock.ts';
import { markResultsStale } from '../results/staleness.ts';
import { DEFAULT_SCHEME } from '../../domain/bloc-scoring.ts';
import { createBloc, saveManualScores } from './blocs.service.ts';
import { findBlocByNameYear } from './blocs.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';

export const DEMO_BLOC_NAME = 'Khối các cơ quan tham mưu, giúp việc UBND tỉnh';
const YEAR = 2025;
/** The demo loader writes as the system, named 'demo' like the rest of the demo's rows. */
const DEMO_ACTOR: AuditActor = { actor: 'demo', actorKind: 'system', ip: null };

interface DemoMember {
  code: string;
  name: string;
  headcount: number;
  /** Cut versus 2024 in percent, per category paid in đồng. */
  cut: { stationery: number; phone: number; other: number };
  /** Electricity used as a share of the kWh norm (0.8 = 20% below). */
  elec: number;
  /** How many of the last months of 2025 were submitted late. */
  late: number;
  /** Manual points: organisation (of 20), regulation (of 20). */
  manual: [number, number];
}

const MEMBERS: DemoMember[] = [
  {
    code: 'SXD',
    name: 'Sở Xây dựng',
    headcount: 62,
    cut: { stationery: 14, phone: 24, other: 8 },
    elec: 0.78,
    late: 0,
    manual: [19, 19.5],
  },
  {
    code: 'SYT',
    name: 'Sở Y tế',
    headcount: 75,
    cut: { stationery: 12, phone: 22, other: 6 },
    elec: 0.83,
    late: 1,
    manual: [19.5, 19.5],
  },
  {
    code: 'STC',
    name: 'Sở Tài chính',
    headcount: 70,
    cut: { stationery: 11, phone: 21, other: 5.5 },
    elec: 0.84,
    late: 0,
    manual: [18.5, 19],
  },
  {
    code: 'SNV',
    name: 'Sở Nội vụ',
    headcount: 48,
    cut: { stationery: 9, phone: 21, other: 6 },
    elec: 0.86,
    late: 2,
    manual: [16.8, 16.5],
  },
  {
    code: 'STP',
    name: 'Sở Tư pháp',
    headcount: 40,
    cut: { stationery: 12, phone: 18, other: 7 },
    elec: 0.9,
    late: 3,
    manual: [17, 17.5],
  },
  {
    code: 'SCT',
    name: 'Sở Công Thương',
    headcount: 66,
    cut: { stationery: 15, phone: 25, other: 4 },
    elec: 1.05,
    late: 4,
    manual: [16, 17],
  },
];

/** Manual points for the demo agency itself (its figures are the imported demo data). */
const AGENCY_MANUAL: [number, number] = [19.5, 20];

// Seasonal shape of electricity use; sums to exactly 12 so the year's use is elec × 12 × norm.
const SEASON = [0.85, 0.85, 0.95, 1.05, 1.15, 1.2, 1.2, 1.15, 1.05, 0.95, 0.8, 0.8];
const TARIFF = 2_950;

/** A small deterministic generator so the demo is the same on every machine. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const pad = (m: number) => String(m).padStart(2, '0');
const nextMonth = (y: number, m: number) => (m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`);

async function addMember(deps: AppDeps, m: DemoMember, cats: Record<string, number>, seed: number): Promise<void> {
  const db = deps.db;
  const now = isoNow(deps.clock);
  const existing = await db.selectFrom('units').select('id').where('code', '=', m.code).executeTakeFirst();
  if (existing) return;
  const { id } = await db
    .insertInto('units')
    .values({
      code: m.code,
      name: m.name,
      parent_id: null,
      headcount: m.headcount,
      aliases: '[]',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rnd = lcg(seed);
  const normKwh = Math.round(m.headcount * 45) * 10; // a monthly kWh norm in proportion to headcount
  await db
    .insertInto('settings')
    .values({
      unit_id: id,
      category_id: cats.electricity,
      year: YEAR,
      basis: 'norm',
      norm_amount: null,
      norm_quantity_milli: normKwh * 1000,
      norm_per_capita: null,
      target_tenths: null,
      updated_at: now,
      updated_by: 'demo',
    })
    .execute();
  const rows = [];
  const base = { unit_id: id, note: null, import_id: null, updated_by: 'demo' };
  for (let month = 1; month <= 12; month++) {
    const late = month > 12 - m.late;
    const prevAt = `${nextMonth(YEAR - 1, month)}-03T02:00:00.000Z`;
    const at = late
      ? `${nextMonth(YEAR, month)}-12T02:00:00.000Z`
      : `${nextMonth(YEAR, month)}-0${2 + Math.floor(rnd() * 3)}T02:00:00.000Z`;
    for (const [code, perHead] of [
      ['stationery', 18_000],
      ['phone', 11_000],
      ['other', 52_000],
    ] as const) {
      const before = Math.round((m.headcount * perHead * (0.9 + rnd() * 0.2)) / 1000) * 1000;
      const after = Math.round(before * (1 - m.cut[code] / 100));
      rows.push({
        ...base,
        category_id: cats[code],
        period: `${YEAR - 1}-${pad(month)}`,
        amount: before,
        quantity_milli: null,
        updated_at: prevAt,
      });
      rows.push({
        ...base,
        category_id: cats[code],
        period: `${YEAR}-${pad(month)}`,
        amount: after,
        quantity_milli: null,
        updated_at: at,
      });
    }
    const kwh = Math.round(normKwh * m.elec * SEASON[month - 1]);
    const kwhBefore = Math.round(normKwh * 0.95 * SEASON[month - 1]);
    rows.push({
      ...base,
      category_id: cats.electricity,
      period: `${YEAR - 1}-${pad(month)}`,
      amount: kwhBefore * TARIFF,
      quantity_milli: kwhBefore * 1000,
      updated_at: prevAt,
    });
    rows.push({
      ...base,
      category_id: cats.electricity,
      period: `${YEAR}-${pad(month)}`,
      amount: kwh * TARIFF,
      quantity_milli: kwh * 1000,
      updated_at: at,
    });
  }
  await db.insertInto('figures').values(rows).execute();
}

export const blocsDemoStep = {
  name: 'emulation bloc of seven departments (2025)',
  async run(deps: AppDeps): Promise<void> {
    if (await findBlocByNameYear(deps.db, DEMO_BLOC_NAME, YEAR)) return;
    const agency = await deps.db
      .selectFrom('units')
      .select(['code'])
      .where('parent_id', 'is', null)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    const cats = Object.fromEntries(
      (await deps.db.selectFrom('categories').select(['id', 'code']).execute()).map((c) => [c.code, c.id]),
    );
    for (const [i, m] of MEMBERS.entries()) await addMember(deps, m, cats, 20250 + i);
    await markResultsStale(deps.db, [`${YEAR - 1}-01`]);
    const codes = [
      ...(agency && !MEMBERS.some((m) => m.code === agency.code) ? [agency.code] : []),
      ...MEMBERS.map((m) => m.code),
    ];
    const bloc = await createBloc(
      deps,
      { name: DEMO_BLOC_NAME, year: YEAR, members: codes, scheme: DEFAULT_SCHEME, shareDetails: true },
      DEMO_ACTOR,
    );
    const manual = new Map<string, [number, number]>(MEMBERS.map((m) => [m.code, m.manual]));
    if (agency) manual.set(agency.code, AGENCY_MANUAL);
    await saveManualScores(
      deps,
      bloc.id,
      {
        scores: codes.flatMap((code) => [
          { unitCode: code, criterionCode: 'organisation', points: manual.get(code)![0] },
          { unitCode: code, criterionCode: 'regulation', points: manual.get(code)![1] },
        ]),
      },
      DEMO_ACTOR,
    );
  },
};
