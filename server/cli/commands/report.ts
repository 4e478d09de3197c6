/** CLI: `report` — a unit's official thrift report as XLSX, PDF or JSON, written to a file or stdout. */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../context.ts';
import { buildReport, renderReport, reportFileName, type ReportFormat } from '../../reports/reports.service.ts';

const USAGE =
  'npm run cli -- report --unit CODE --year YYYY [--quarter N | --half N] --format xlsx|pdf|json [--out FILE]';

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'official thrift report of a unit for a year, half or quarter (xlsx, pdf, json)',
  usage: USAGE,
  async run(ctx, args) {
    let v;
    try {
      ({ values: v } = parseArgs({
        args,
        options: {
          unit: { type: 'string' },
          year: { type: 'string' },
          quarter: { type: 'string' },
          half: { type: 'string' },
          format: { type: 'string', default: 'json' },
          out: { type: 'string' },
        },
      }));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (!v.unit || !v.year) throw new UsageError('--unit and --year are required');
    if (!/^\d{4}$/.test(v.year)) throw new UsageError('--year must be YYYY');
    if (v.quarter && v.half) throw new UsageError('give --quarter or --half, not both');
    if (v.quarter && !/^[1-4]$/.test(v.quarter)) throw new UsageError('--quarter must be 1–4');
    if (v.half && !/^[12]$/.test(v.half)) throw new UsageError('--half must be 1 or 2');
    if (!['xlsx', 'pdf', 'json'].includes(v.format)) throw new UsageError('--format must be xlsx, pdf or json');
    const format = v.format as ReportFormat;
    const deps = await ctx.deps();
    const report = await buildReport(deps, {
      unitCode: v.unit,
      year: Number(v.year),
      quarter: v.quarter ? Number(v.quarter) : null,
      half: v.half ? Number(v.half) : null,
    });
    const bytes = await renderReport(report, format);
    const out = v.out ?? (format === 'json' ? '-' : reportFileName(report, format));
    if (out === '-') process.stdout.write(bytes);
    else {
      fs.writeFileSync(out, bytes);
      ctx.err(`Đã ghi ${out} (${bytes.length} byte)${report.incomplete ? ' — còn thiếu giải trình bắt buộc' : ''}`);
    }
    return 0;
  },
};
