/** SQL for emulation blocs: blocs, members, manual scores, and the submission times scoring needs. */
import type { Db } from '../db/schema.ts';
import './blocs.tables.ts';

export interface BlocRow {
  id: number;
  name: string;
  year: number;
  scheme: string;
  share_details: number;
}

export interface MemberRow {
  bloc_id: number;
  unit_id: number;
  code: string;
  name: string;
}

export async function insertBloc(
  db: Db,
  v: {
    name: string;
    year: number;
    scheme: string;
    shareDetails: boolean;
    createdAt: string;
    createdBy: string | null;
    unitIds: number[];
  },
): Promise<number> {
  // The service calls this inside its transaction (with the audit row): the bloc and its members go together.
  const { id } = await db
    .insertInto('blocs')
    .values({
      name: v.name,
      year: v.year,
      scheme: v.scheme,
      share_details: v.shareDetails ? 1 : 0,
      created_at: v.createdAt,
      created_by: v.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('bloc_members')
    .values(v.unitIds.map((unit_id) => ({ bloc_id: id, unit_id })))
    .execute();
  return id;
}

export function findBlocByNameYear(db: Db, name: string, year: number) {
  return db.selectFrom('blocs').select('id').where('name', '=', name).where('year', '=', year).executeTakeFirst();
}

export function listBlocRows(db: Db, year?: number): Promise<BlocRow[]> {
  let q = db.selectFrom('blocs').select(['id', 'name', 'year', 'scheme', 'share_details']);
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').orderBy('name').execute();
}

export function getBlocRow(db: Db, id: number): Promise<BlocRow | undefined> {
  return db
    .selectFrom('blocs')
    .select(['id', 'name', 'year', 'scheme', 'share_details'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listMembers(db: Db, blocIds: number[]): Promise<MemberRow[]> {
  if (blocIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('bloc_members as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .select(['m.bloc_id', 'm.unit_id', 'u.code', 'u.name'])
    .where('m.bloc_id', 'in', blocIds)
    .orderBy('u.code')
    .execute();
}

/** Blocs of a year having one of the given units as a member. */
export function blocIdsWithMember(
  db: Db,
  unitIds: number[],
  year: number,
): Promise<Array<{ bloc_id: number; unit_id: number }>> {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('bloc_members as m')
    .innerJoin('blocs as b', 'b.id', 'm.bloc_id')
    .select(['m.bloc_id', 'm.unit_id'])
    .where('m.unit_id', 'in', unitIds)
    .where('b.year', '=', year)
    .orderBy('m.bloc_id')
    .execute();
}

export function listManualScores(db: Db, blocId: number) {
  return db
    .selectFrom('bloc_manual_scores')
    .select(['unit_id', 'criterion_code', 'points_tenths', 'note'])
    .where('bloc_id', '=', blocId)
    .execute();
}

export async function upsertManualScores(
  db: Db,
  blocId: number,
  rows: Array<{ unitId: number; criterionCode: string; pointsTenths: number; note: string | null }>,
  at: string,
  by: string | null,
): Promise<void> {
  // Called inside the service's transaction (with the audit row).
  for (const r of rows) {
    await db
      .insertInto('bloc_manual_scores')
      .values({
        bloc_id: blocId,
        unit_id: r.unitId,
        criterion_code: r.criterionCode,
        points_tenths: r.pointsTenths,
        note: r.note,
        updated_at: at,
        updated_by: by,
      })
      .onConflict((oc) =>
        oc
          .columns(['bloc_id', 'unit_id', 'criterion_code'])
          .doUpdateSet({ points_tenths: r.pointsTenths, note: r.note, updated_at: at, updated_by: by }),
      )
      .execute();
  }
}

export function listUnitTree(db: Db) {
  return db.selectFrom('units').select(['id', 'code', 'name', 'parent_id']).execute();
}

export function findUnitsByCode(db: Db, codes: string[]) {
  return db.selectFrom('units').select(['id', 'code', 'name']).where('code', 'in', codes).execute();
}

export function listCategoryCodes(db: Db) {
  return db.selectFrom('categories').select('code').execute();
}

/**
 * Earliest known time each unit stored a figure for each month of a year: the figure's own
 * updated_at, or an earlier replaced value's changed_at from the history (the first value existed
 * before it was replaced). A correction made late can therefore make an on-time month look late.
 */
export async function firstSubmissionTimes(
  db: Db,
  unitIds: number[],
  year: number,
): Promise<Array<{ unit_id: number; period: string; at: string }>> {
  if (unitIds.length === 0) return [];
  const from = `${year}-01`;
  const to = `${year}-12`;
  const figures = await db
    .selectFrom('figures')
    .select(['unit_id', 'period', (eb) => eb.fn.min('updated_at').as('at')])
    .where('unit_id', 'in', unitIds)
    .where('period', '>=', from)
    .where('period', '<=', to)
    .groupBy(['unit_id', 'period'])
    .execute();
  const history = await db
    .selectFrom('figure_history as h')
    .innerJoin('figures as f', 'f.id', 'h.figure_id')
    .select(['f.unit_id', 'f.period', (eb) => eb.fn.min('h.changed_at').as('at')])
    .where('f.unit_id', 'in', unitIds)
    .where('f.period', '>=', from)
    .where('f.period', '<=', to)
    .groupBy(['f.unit_id', 'f.period'])
    .execute();
  const best = new Map<string, { unit_id: number; period: string; at: string }>();
  for (const r of [...figures, ...history]) {
    const key = `${r.unit_id}|${r.period}`;
    const at = String(r.at);
    const cur = best.get(key);
    if (!cur || at < cur.at) best.set(key, { unit_id: r.unit_id, period: r.period, at });
  }
  return [...best.values()];
}
