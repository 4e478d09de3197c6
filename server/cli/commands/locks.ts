/** CLI: `locks add --period P`, `locks remove --period P`, `locks list [--period P]` (khóa sổ). */
import { UsageError, type CliCommand } from '../context.ts';
import { parseOptions } from '../args.ts';
import { listLocks, lockPeriod, unlockPeriod } from '../../locks/locks.service.ts';
import { isPeriod } from '../../../domain/months.ts';
import { cliCaller } from '../../auth/caller.ts';

export const locksCommand: CliCommand = {
  name: 'locks',
  summary: 'lock or reopen a period (khóa sổ): locks add|remove|list [--period YYYY-MM]',
  usage:
    'npm run cli -- locks add --period YYYY-MM | locks remove --period YYYY-MM | locks list [--period YYYY-MM] [--json]',
  async run(ctx, args) {
    const [sub, ...rest] = args;
    const v = parseOptions(rest, { period: { type: 'string' }, json: { type: 'boolean' } });
    if (v.period !== undefined && !isPeriod(v.period)) throw new UsageError('--period phải có dạng YYYY-MM');
    if (sub === 'list') {
      const locks = await listLocks((await ctx.deps()).db, v.period);
      if (v.json) ctx.out(JSON.stringify({ locks }));
      else if (locks.length === 0) ctx.out('Chưa có kỳ nào bị khóa sổ.');
      else
        for (const l of locks) ctx.out(`${l.period} khóa lúc ${l.lockedAt}${l.lockedBy ? ` bởi ${l.lockedBy}` : ''}`);
      return 0;
    }
    if (sub !== 'add' && sub !== 'remove') throw new UsageError('lệnh con: add | remove | list');
    if (!v.period) throw new UsageError('--period YYYY-MM là bắt buộc');
    const deps = await ctx.deps();
    try {
      if (sub === 'add') {
        await lockPeriod(deps.db, deps.clock, v.period, cliCaller());
        ctx.out(`Đã khóa sổ ${v.period}.`);
      } else {
        await unlockPeriod(deps.db, deps.clock, v.period, cliCaller());
        ctx.out(`Đã mở khóa ${v.period}.`);
      }
    } catch (e) {
      ctx.err((e as Error).message);
      return 1;
    }
    return 0;
  },
};
