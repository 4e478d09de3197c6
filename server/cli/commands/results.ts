/** CLI: `results --year YYYY [--unit CODE] [--through YYYY-MM] [--json]`: reductions for a unit subtree. */
import { UsageError, type CliCommand } from '../context.ts';
import { parseOptions } from '../args.ts';
import { computeResults } from '../../results/results.service.ts';
import { isPeriod } from '../../../domain/months.ts';
import { formatDong } from '../../../domain/money.ts';
import type { CategoryResult } from '../../../domain/schemas/results.ts';
import { hasNoData, provisionalNote } from '../../../domain/coverage.ts';
import { AppError } from '../../errors.ts';
import { outlookSentence } from '../../../domain/outlook-sentence.ts';

const num = (n: number | null, c: CategoryResult) =>
  n == null
    ? '—'
    : c.measure === 'quantity'
      ? `${n.toLocaleString('vi-VN')} ${c.quantityUnit ?? ''}`.trim()
      : formatDong(n);
const pct = (n: number | null) => (n == null ? 'chưa xác định' : `${String(n).replace('.', ',')}%`);

export const resultsCommand: CliCommand = {
  name: 'results',
  summary: 'reductions for a unit and year (results --year YYYY [--unit CODE] [--through YYYY-MM] [--json])',
  usage: 'npm run cli -- results --year YYYY [--unit CODE] [--through YYYY-MM] [--json]',
  async run(ctx, args) {
    const v = parseOptions(args, {
      year: { type: 'string' },
      unit: { type: 'string' },
      through: { type: 'string' },
      json: { type: 'boolean' },
    });
    const year = Number(v.year);
    if (!v.year || !Number.isInteger(year) || year < 2000 || year > 2100)
      throw new UsageError('--year YYYY là bắt buộc');
    if (v.through !== undefined && !isPeriod(v.through)) throw new UsageError('--through phải có dạng YYYY-MM');
    const deps = await ctx.deps();
    let r;
    try {
      r = await computeResults(deps.db, { unitCode: v.unit, year, through: v.through, now: ctx.clock.now() });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      ctx.err(`Lỗi: ${e.message}`);
      return 1;
    }
    if (v.json) {
      ctx.out(
        JSON.stringify({
          unit: r.unit.code,
          year: r.year,
          through: r.through,
          months: r.months,
          provisional: r.provisional,
          categories: r.categories.map((c) => ({
            code: c.code,
            basis: c.basis,
            measure: c.measure,
            baseline: c.ytd.baseline,
            actual: c.ytd.actual,
            saved: c.ytd.saved,
            reduction: c.ytd.reduction,
            target: c.target,
            met: c.ytd.met,
            // Year-end outlook: in the measure (đồng or kWh), projected in percent; null without a target.
            outlook: c.outlook
              ? { allowance: c.outlook.allowance, perMonth: c.outlook.perMonth, projected: c.outlook.projected }
              : null,
          })),
        }),
      );
      return 0;
    }
    ctx.out(`${r.unit.name} (${r.unit.code}) — năm ${r.year}, lũy kế đến ${r.through}`);
    if (hasNoData(r.months)) {
      ctx.out(`Năm ${r.year}: chưa có số liệu.`);
      return 0;
    }
    const note = provisionalNote(r.months, true);
    if (note) ctx.out(`${note.vi}.`);
    for (const c of r.categories) {
      const y = c.ytd;
      const cs = c.basis === 'norm' ? 'định mức' : 'cùng kỳ năm trước';
      const verdict =
        (y.met == null ? '' : y.met ? ' — đạt chỉ tiêu' : ' — chưa đạt chỉ tiêu') +
        (y.met != null && r.provisional ? ' (tạm tính)' : '');
      ctx.out(
        `  ${c.nameVi}: thực hiện ${num(y.actual, c)}; so với ${cs} ${num(y.baseline, c)}; tiết kiệm ${num(y.saved, c)} (${pct(y.reduction)}); chỉ tiêu ${pct(c.target)}${verdict}; ${y.monthsSubmitted}/${y.monthsInRange} tháng có số liệu`,
      );
      const outlook = outlookSentence(c, 'vi');
      if (outlook) ctx.out(`    ${outlook}`);
    }
    ctx.out(r.sentence.vi);
    if (r.submission.notSubmitted.length)
      ctx.out(`Chưa nộp ${r.through}: ${r.submission.notSubmitted.map((u) => u.code).join(', ')}`);
    return 0;
  },
};
