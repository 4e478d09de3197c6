/**
 * CLI: `figures import FILE [--dry-run] [--accept-warnings] [--json]` — import monthly figures
 * (exit 3: warnings to confirm); `figures list --unit CODE [--only] [--from YYYY-MM] [--to YYYY-MM]
 * --json|--csv` — export the stored figures of a unit and its whole subtree (--only: the unit
 * alone), the same rows as GET /api/figures/export.
 */
import { UsageError, type CliCommand, type CliContext } from '../context.ts';
import { parseOptions } from '../args.ts';
import { runImportCommand } from '../imports.ts';
import { exportFigureRows, figuresCsv } from '../../figures/figures.export.ts';
import { isPeriod } from '../../../domain/months.ts';
import { cliCaller } from '../../auth/caller.ts';

const IMPORT_USAGE = 'figures import FILE [--dry-run] [--accept-warnings] [--json]';
const LIST_USAGE = 'figures list --unit CODE [--only] [--from YYYY-MM] [--to YYYY-MM] --json|--csv';

async function list(ctx: CliContext, args: string[]): Promise<number> {
  const v = parseOptions(args, {
    unit: { type: 'string' },
    only: { type: 'boolean' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
  });
  if (!v.unit) throw new UsageError(`--unit CODE là bắt buộc. Cần: ${LIST_USAGE}`);
  if (v.json === v.csv) throw new UsageError(`Chọn một trong --json hoặc --csv. Cần: ${LIST_USAGE}`);
  for (const k of ['from', 'to'] as const)
    if (v[k] !== undefined && !isPeriod(v[k])) throw new UsageError(`--${k} phải có dạng YYYY-MM`);
  const deps = await ctx.deps();
  const rows = await exportFigureRows(deps, { unit: v.unit, only: v.only ?? false, from: v.from, to: v.to });
  if (v.json) ctx.out(JSON.stringify({ unit: v.unit, from: v.from ?? null, to: v.to ?? null, rows }));
  // No BOM on stdout: it is for programs and pipes; the HTTP download adds one for Excel.
  else ctx.out(figuresCsv(rows, { bom: false }).replace(/\r\n$/, ''));
  return 0;
}

export const figuresCommand: CliCommand = {
  name: 'figures',
  summary: `import or list monthly figures (${IMPORT_USAGE}, exit 3: warnings to confirm; ${LIST_USAGE})`,
  usage: `npm run cli -- ${IMPORT_USAGE}\n       npm run cli -- ${LIST_USAGE}`,
  run: (ctx, args) =>
    args[0] === 'list' ? list(ctx, args.slice(1)) : runImportCommand(ctx, 'figures', args, cliCaller()),
};
