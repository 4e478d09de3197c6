/** CLI: `jobs run monthly --period YYYY-MM [--force]`, `jobs due`, `jobs runs [--job J] [--limit N]`. */
import { UsageError, type CliCommand } from '../context.ts';
import { parseOptions } from '../args.ts';
import { closeDue, runMonthlyClose, type CloseOutcome } from '../../../jobs/monthly-close.ts';
import { listRuns } from '../../job-runs/job-runs.repository.ts';
import { isPeriod } from '../../../domain/months.ts';
import { cliCaller } from '../../auth/caller.ts';

const USAGE =
  'npm run cli -- jobs run monthly --period YYYY-MM [--force] | jobs due | jobs runs [--job monthly-close] [--limit N]';

const TAKEOVER_VI = {
  holder_dead: 'tiến trình đang giữ đã dừng hẳn',
  lease_expired: 'quyền giữ của tiến trình trước đã hết hạn',
} as const;

function describe(o: CloseOutcome): string {
  if (o.status === 'closed')
    return `${o.period}: đã chốt (${o.units} đơn vị, ${o.snapshots} dòng kết quả, ${o.emailsQueued} thư xếp hàng, ${o.ms} ms)${o.staleAgain ? ' — có số liệu thay đổi trong lúc chốt, cần chạy lại' : ''}${o.tookOver ? ` — tiếp quản lần chốt dở dang của ${o.tookOver.from} (${TAKEOVER_VI[o.tookOver.why]})` : ''}`;
  if (o.status === 'skipped') return `${o.period}: đã chốt trước đó, không có thay đổi (dùng --force để chốt lại)`;
  if (o.status === 'failed') return `${o.period}: chốt không thành công: ${o.reason}`;
  return `${o.period}: đang được tiến trình ${o.holder ?? 'khác'} chốt${o.leaseUntil ? ` (giữ đến ${o.leaseUntil}; sau thời điểm đó có thể chạy lại)` : ''}`;
}

export const jobsCommand: CliCommand = {
  name: 'jobs',
  summary: 'run a job by hand (jobs run monthly --period YYYY-MM [--force]; jobs due; jobs runs)',
  usage: USAGE,
  async run(ctx, args) {
    const [sub, ...rest] = args;
    const v = parseOptions(sub === 'run' ? rest.slice(1) : rest, {
      period: { type: 'string' },
      force: { type: 'boolean' },
      job: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (sub === 'run') {
      if (rest[0] !== 'monthly') throw new UsageError('chỉ có công việc "monthly" (chốt tháng)');
      if (!v.period || !isPeriod(v.period)) throw new UsageError('--period YYYY-MM là bắt buộc');
      const deps = await ctx.deps();
      const o = await runMonthlyClose(deps, v.period, { force: v.force, by: cliCaller() });
      ctx.out(v.json ? JSON.stringify(o) : describe(o));
      return o.status === 'busy' ? 1 : 0;
    }
    if (sub === 'due') {
      const deps = await ctx.deps();
      const out = await closeDue(deps, { by: cliCaller() });
      if (v.json) ctx.out(JSON.stringify(out));
      else if (out.length === 0) ctx.out('Không có tháng nào cần chốt.');
      else out.forEach((o) => ctx.out(describe(o)));
      return 0;
    }
    if (sub === 'runs') {
      const limit = v.limit ? Number(v.limit) : 20;
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit phải là số nguyên dương');
      const deps = await ctx.deps();
      const runs = await listRuns(deps.db, { job: v.job, limit });
      if (v.json) ctx.out(JSON.stringify(runs));
      else
        for (const r of runs)
          ctx.out(
            `${r.job} ${r.period} ${r.status} bắt đầu ${r.startedAt} kết thúc ${r.finishedAt ?? '—'}${r.error ? ` lỗi: ${r.error}` : ''}`,
          );
      return 0;
    }
    throw new UsageError('lệnh con: run | due | runs');
  },
};
