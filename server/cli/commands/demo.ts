/** CLI: `demo` — load (or refresh) the demo agency; every step is idempotent. */
import { UsageError, type CliCommand } from '../context.ts';
import { loadDemo } from '../../demo/demo.service.ts';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'load the demo agency (units, norms, figures 2019–2020, 2024–last closed month)',
  usage: 'npm run cli -- demo',
  async run(ctx, args) {
    if (args.length) throw new UsageError(`Lệnh demo không nhận tham số: ${args.join(' ')}`);
    const reports = await loadDemo(await ctx.deps());
    for (const r of reports)
      ctx.out(`${r.fileName}: thêm mới ${r.inserted}, cập nhật ${r.updated}, không đổi ${r.unchanged}`);
    ctx.out('Đã nạp dữ liệu mẫu.');
    return 0;
  },
};
