/** CLI: `bloc` — emulation blocs: list them, and rank one (scores, bands, proposals). */
import { UsageError, type CliCommand } from '../context.ts';
import { parseOptions } from '../args.ts';
import { formatPoints } from '../../../domain/bloc-scoring.ts';
import { computeRanking, createBloc, listBlocs, saveManualScores } from '../../blocs/blocs.service.ts';
import { cliCaller } from '../../auth/caller.ts';

const USAGE = [
  'npm run cli -- bloc list [--year YYYY] [--json]',
  'npm run cli -- bloc rank --bloc ID [--year YYYY] [--json]',
  'npm run cli -- bloc create --name NAME --year YYYY --members CODE,CODE,... [--share-details]',
  'npm run cli -- bloc score --bloc ID --unit CODE --criterion CODE --points N [--note TEXT]',
].join('\n       ');

export const blocCommand: CliCommand = {
  name: 'bloc',
  summary: 'emulation blocs: bloc list | rank --bloc ID --year YYYY | create | score',
  usage: USAGE,
  async run(ctx, args) {
    const [sub, ...rest] = args;
    const v = parseOptions(rest, {
      bloc: { type: 'string' },
      year: { type: 'string' },
      json: { type: 'boolean', default: false },
      name: { type: 'string' },
      members: { type: 'string' },
      'share-details': { type: 'boolean', default: false },
      unit: { type: 'string' },
      criterion: { type: 'string' },
      points: { type: 'string' },
      note: { type: 'string' },
    });
    if (v.year && !/^\d{4}$/.test(v.year)) throw new UsageError('--year must be YYYY');
    if (sub === 'list') {
      const blocs = await listBlocs(await ctx.deps(), { year: v.year ? Number(v.year) : undefined });
      if (v.json) ctx.out(JSON.stringify({ blocs }));
      else for (const b of blocs) ctx.out(`${b.id}\t${b.year}\t${b.name}\t${b.members.length} đơn vị`);
      return 0;
    }
    if (sub === 'create') {
      if (!v.name || !v.year || !v.members) throw new UsageError('--name, --year and --members are required');
      const members = v.members
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean);
      const bloc = await createBloc(
        await ctx.deps(),
        { name: v.name, year: Number(v.year), members, shareDetails: v['share-details'] ?? false },
        cliCaller(),
      );
      ctx.out(
        v.json
          ? JSON.stringify(bloc)
          : `Đã tạo khối thi đua số ${bloc.id}: ${bloc.name} (${bloc.year}), ${bloc.members.length} đơn vị.`,
      );
      return 0;
    }
    if (sub === 'score') {
      if (!v.bloc || !/^\d+$/.test(v.bloc) || !v.unit || !v.criterion || !v.points)
        throw new UsageError('--bloc, --unit, --criterion and --points are required');
      const points = Number(v.points.replace(',', '.'));
      if (!Number.isFinite(points) || points < 0 || Math.abs(points * 10 - Math.round(points * 10)) > 1e-9)
        throw new UsageError('--points must be a number ≥ 0 with at most one decimal');
      const deps = await ctx.deps();
      const r = await saveManualScores(
        deps,
        Number(v.bloc),
        { scores: [{ unitCode: v.unit, criterionCode: v.criterion, points, note: v.note ?? null }] },
        cliCaller(),
      );
      const me = r.members.find((m) => m.unit.code === v.unit);
      ctx.out(
        `Đã chấm ${v.criterion} cho ${v.unit}: ${formatPoints(points)} điểm${me ? `; tổng ${formatPoints(me.total)} điểm, hạng ${me.rank}/${r.members.length}` : ''}.`,
      );
      return 0;
    }
    if (sub !== 'rank') throw new UsageError(`unknown sub-command: ${sub ?? '(none)'}`);
    if (!v.bloc || !/^\d+$/.test(v.bloc)) throw new UsageError('--bloc ID is required');
    const deps = await ctx.deps();
    const r = await computeRanking(deps.db, Number(v.bloc), deps.clock.now());
    if (v.year && Number(v.year) !== r.bloc.year) {
      ctx.err(`Khối ${r.bloc.name} là khối thi đua năm ${r.bloc.year}, không phải năm ${v.year}.`);
      return 1;
    }
    if (v.json) {
      ctx.out(JSON.stringify(r));
      return 0;
    }
    ctx.out(`${r.bloc.name} — năm ${r.bloc.year}`);
    for (const m of r.members) {
      ctx.out(
        `${String(m.rank).padStart(2)}. ${m.unit.name} (${m.unit.code}): ${formatPoints(m.total)} điểm${m.tieBreak ? ` [${m.tieBreak}]` : ''}`,
      );
      for (const b of m.breakdown ?? [])
        ctx.out(`      ${b.label}: ${formatPoints(b.points)}/${formatPoints(b.max)} — ${b.detail}`);
    }
    for (const b of r.bands) ctx.out(b.text);
    for (const p of r.proposals) ctx.out(p.text);
    ctx.out(`Quy tắc xếp hạng: ${r.tieBreakRule}`);
    return 0;
  },
};
