/**
 * Emulation blocs: create a bloc (members, scheme), the secretary's manual scores, and the
 * ranking: each member's year results from the engine (targets met, overall reduction), its
 * punctuality from figure timestamps, its manual points, scored and ranked by domain/bloc-scoring.
 *
 * Visibility: the ranking (totals, ranks, bands, proposals) is shared with every member; a member's
 * breakdown only with those who may read that member, unless the bloc shares details.
 */
import type { AppDeps } from '../deps.ts';
import type { Db } from '../db/schema.ts';
import type { Bloc, BlocInput, BlocRanking, BlocScheme, ManualScoresInput } from '../../domain/schemas/bloc.ts';
import { BlocSchemeSchema } from '../../domain/schemas/bloc.ts';
import {
  bandLines,
  DEFAULT_SCHEME,
  proposals,
  punctuality,
  rankMembers,
  scoreMember,
  TIE_BREAK_RULE,
  type MemberFacts,
} from '../../domain/bloc-scoring.ts';
import { tenthsToPct } from '../../domain/reductions.ts';
import { isoNow } from '../clock.ts';
import { AppError, conflict, notFound, unprocessable } from '../errors.ts';
import { computeResults, overallTenths } from '../results/results.service.ts';
import { canReadUnit, SYSTEM_CALLER, type Caller } from '../auth/caller.ts';
import { recordAudit, type AuditActor } from '../audit/audit.repository.ts';
import { subtreeIds } from '../../domain/unit-tree.ts';
import * as repo from './blocs.repository.ts';

const OPEN: Pick<Caller, 'actor' | 'readIds'> = SYSTEM_CALLER;

function toBloc(row: repo.BlocRow, members: repo.MemberRow[]): Bloc {
  return {
    id: row.id,
    name: row.name,
    year: row.year,
    members: members.filter((m) => m.bloc_id === row.id).map((m) => ({ code: m.code, name: m.name })),
    scheme: BlocSchemeSchema.parse(JSON.parse(row.scheme)),
    shareDetails: row.share_details === 1,
  };
}

export async function createBloc(deps: AppDeps, input: BlocInput, by: AuditActor): Promise<Bloc> {
  const codes = [...new Set(input.members)];
  const units = await repo.findUnitsByCode(deps.db, codes);
  const missing = codes.filter((c) => !units.some((u) => u.code === c));
  if (missing.length) throw notFound(`đơn vị có mã ${missing.map((c) => `"${c}"`).join(', ')}`, { missing });
  const scheme: BlocScheme = input.scheme ?? DEFAULT_SCHEME;
  const categories = new Set((await repo.listCategoryCodes(deps.db)).map((c) => c.code));
  const unknown = scheme.criteria.filter((c) => c.kind === 'category_target_met' && !categories.has(c.categoryCode));
  if (unknown.length)
    throw unprocessable(
      'unknown_category',
      `Tiêu chí ${unknown.map((c) => c.code).join(', ')} nêu khoản chi không có trong danh mục.`,
    );
  if (await repo.findBlocByNameYear(deps.db, input.name, input.year))
    throw conflict('bloc_exists', `Đã có khối thi đua "${input.name}" năm ${input.year}.`);
  const at = isoNow(deps.clock);
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertBloc(trx, {
      name: input.name,
      year: input.year,
      scheme: JSON.stringify(scheme),
      shareDetails: input.shareDetails,
      createdAt: at,
      createdBy: by.actor,
      unitIds: units.map((u) => u.id),
    });
    await recordAudit(trx, {
      ...by,
      at,
      action: 'bloc.create',
      entityType: 'bloc',
      entityKey: String(id),
      after: input,
    });
    return id;
  });
  return (await getBloc(deps.db, id))!;
}

export async function getBloc(db: Db, id: number): Promise<Bloc | null> {
  const row = await repo.getBlocRow(db, id);
  return row ? toBloc(row, await repo.listMembers(db, [id])) : null;
}

/** Blocs the caller may see: those with a member the caller can read (all for an administrator). */
export async function listBlocs(
  deps: AppDeps,
  opts: { year?: number },
  caller: Pick<Caller, 'actor' | 'readIds'> = OPEN,
): Promise<Bloc[]> {
  const rows = await repo.listBlocRows(deps.db, opts.year);
  const members = await repo.listMembers(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows
    .filter((r) => members.some((m) => m.bloc_id === r.id && canReadUnit(caller, m.unit_id)))
    .map((r) => toBloc(r, members));
}

export async function saveManualScores(
  deps: AppDeps,
  blocId: number,
  input: ManualScoresInput,
  by: AuditActor,
): Promise<BlocRanking> {
  const bloc = await repo.getBlocRow(deps.db, blocId);
  if (!bloc) throw notFound(`khối thi đua số ${blocId}`);
  const scheme = BlocSchemeSchema.parse(JSON.parse(bloc.scheme));
  const members = await repo.listMembers(deps.db, [blocId]);
  const problems: string[] = [];
  const rows = input.scores.map((s, i) => {
    const member = members.find((m) => m.code === s.unitCode);
    const criterion = scheme.criteria.find((c) => c.code === s.criterionCode);
    if (!member) problems.push(`dòng ${i + 1}: đơn vị ${s.unitCode} không thuộc khối`);
    if (!criterion) problems.push(`dòng ${i + 1}: không có tiêu chí ${s.criterionCode}`);
    else if (criterion.kind !== 'manual')
      problems.push(`dòng ${i + 1}: tiêu chí ${s.criterionCode} được tính tự động, không chấm tay`);
    else if (s.points > criterion.points)
      problems.push(`dòng ${i + 1}: tiêu chí ${s.criterionCode} tối đa ${criterion.points} điểm`);
    return {
      unitId: member?.unit_id ?? 0,
      criterionCode: s.criterionCode,
      pointsTenths: Math.round(s.points * 10),
      note: s.note ?? null,
    };
  });
  if (problems.length)
    throw unprocessable('invalid_scores', `Điểm chấm không hợp lệ: ${problems.join('; ')}.`, { problems });
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    await repo.upsertManualScores(trx, blocId, rows, at, by.actor);
    await recordAudit(trx, {
      ...by,
      at,
      action: 'bloc.scores',
      entityType: 'bloc',
      entityKey: String(blocId),
      after: input,
    });
  });
  return computeRanking(deps.db, blocId, deps.clock.now());
}

async function memberFacts(
  db: Db,
  member: repo.MemberRow,
  year: number,
  manual: Record<string, number>,
  tree: Array<{ id: number; parent_id: number | null }>,
  now: Date,
): Promise<MemberFacts> {
  const results = await computeResults(db, { unitCode: member.code, year, through: `${year}-12` });
  const ids = subtreeIds(tree, member.unit_id);
  const times = await repo.firstSubmissionTimes(db, ids, year);
  const p = punctuality(
    year,
    times.map((t) => ({ unitId: t.unit_id, period: t.period, at: t.at })),
    now,
  );
  return {
    unit: { code: member.code, name: member.name },
    categories: Object.fromEntries(
      results.categories.map((c) => [c.code, { met: c.ytd.met, reduction: c.ytd.reduction, target: c.target }]),
    ),
    monthsOnTime: p.monthsOnTime,
    monthsDue: p.monthsDue,
    manual,
    overallReduction: tenthsToPct(overallTenths(results.categories.map((c) => c.ytd))),
  };
}

/**
 * The ranking of a bloc. `caller` decides which breakdowns are shown (all when the bloc shares
 * details); a caller who can read no member gets 403.
 */
export async function computeRanking(
  db: Db,
  blocId: number,
  now: Date,
  caller: Pick<Caller, 'actor' | 'readIds'> = OPEN,
): Promise<BlocRanking> {
  const bloc = await repo.getBlocRow(db, blocId);
  if (!bloc) throw notFound(`khối thi đua số ${blocId}`);
  const members = await repo.listMembers(db, [blocId]);
  if (!members.some((m) => canReadUnit(caller, m.unit_id)))
    throw new AppError(403, 'forbidden_bloc', 'Bạn không thuộc đơn vị thành viên của khối thi đua này.');
  const scheme = BlocSchemeSchema.parse(JSON.parse(bloc.scheme));
  const manualRows = await repo.listManualScores(db, blocId);
  const tree = await repo.listUnitTree(db);
  const facts: MemberFacts[] = [];
  for (const m of members) {
    const manual = Object.fromEntries(
      manualRows.filter((r) => r.unit_id === m.unit_id).map((r) => [r.criterion_code, r.points_tenths / 10]),
    );
    facts.push(await memberFacts(db, m, bloc.year, manual, tree, now));
  }
  const ranked = rankMembers(facts.map((f) => scoreMember(scheme, f)));
  const idByCode = new Map(members.map((m) => [m.code, m.unit_id]));
  const shown = (code: string) => bloc.share_details === 1 || canReadUnit(caller, idByCode.get(code)!);
  return {
    bloc: { id: bloc.id, name: bloc.name, year: bloc.year },
    members: ranked.map(({ totalTenths: _t, ...m }) => ({ ...m, breakdown: shown(m.unit.code) ? m.breakdown : null })),
    bands: bandLines(ranked, scheme.bands),
    proposals: proposals(ranked),
    tieBreakRule: TIE_BREAK_RULE,
  };
}

/**
 * For the January summary email (D): the ranking of the bloc of `year` that has the unit, or the
 * nearest ancestor of it, as a member; null when none. Breakdowns are those the unit itself may
 * see (its own, or all when the bloc shares details).
 */
export async function blocRankingForUnit(
  db: Db,
  unitCode: string,
  year: number,
  now: Date = new Date(),
): Promise<BlocRanking | null> {
  const tree = await repo.listUnitTree(db);
  const byId = new Map(tree.map((u) => [u.id, u]));
  let unit = tree.find((u) => u.code === unitCode);
  const chain: number[] = [];
  while (unit) {
    chain.push(unit.id);
    unit = unit.parent_id == null ? undefined : byId.get(unit.parent_id);
  }
  const hits = await repo.blocIdsWithMember(db, chain, year);
  if (hits.length === 0) return null;
  // The nearest member in the chain wins; among blocs of that member, the first created.
  hits.sort((a, b) => chain.indexOf(a.unit_id) - chain.indexOf(b.unit_id) || a.bloc_id - b.bloc_id);
  const member = hits[0].unit_id;
  return computeRanking(db, hits[0].bloc_id, now, { actor: null, readIds: new Set(subtreeIds(tree, member)) });
}
