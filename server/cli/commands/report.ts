/**
 * CLI: `report` — a unit's official thrift report as the agency files it (Nghị định 30/2020/NĐ-CP)
 * as PDF, DOCX, XLSX or JSON, written to a file or stdout. Fields of the agency document settings
 * nobody set print as "……" and are warned about on stderr; the document number is blank unless
 * given with --number.
 */
import fs from 'node:fs';
import { UsageError, type CliCommand } from '../context.ts';
import { parseOptions } from '../args.ts';
import { isCalendarDay } from '../../../domain/months.ts';
import { buildFiledReport, renderReport, reportFileName, type ReportFormat } from '../../reports/reports.service.ts';
import { coverageLineVi, hasNoData } from '../../../domain/coverage.ts';
import type { Report } from '../../../domain/schemas/report.ts';

const USAGE =
  'npm run cli -- report --unit CODE --year YYYY [--quarter N | --half N] --format pdf|docx|xlsx|json [--number N] [--date YYYY-MM-DD] [--out FILE]';

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'official thrift report of a unit for a year, half or quarter, as filed (pdf, docx, xlsx, json)',
  usage: USAGE,
  async run(ctx, args) {
    const v = parseOptions(args, {
      unit: { type: 'string' },
      year: { type: 'string' },
      quarter: { type: 'string' },
      half: { type: 'string' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
      number: { type: 'string' },
      date: { type: 'string' },
    });
    if (!v.unit || !v.year) throw new UsageError('--unit and --year are required');
    if (!/^\d{4}$/.test(v.year)) throw new UsageError('--year must be YYYY');
    if (v.quarter && v.half) throw new UsageError('give --quarter or --half, not both');
    if (v.quarter && !/^[1-4]$/.test(v.quarter)) throw new UsageError('--quarter must be 1–4');
    if (v.half && !/^[12]$/.test(v.half)) throw new UsageError('--half must be 1 or 2');
    if (!['xlsx', 'pdf', 'docx', 'json'].includes(v.format))
      throw new UsageError('--format must be pdf, docx, xlsx or json');
    if (v.number !== undefined && !/^[1-9]\d{0,5}$/.test(v.number))
      throw new UsageError('--number must be a positive whole number (the register number, e.g. 15)');
    if (v.date !== undefined && !isCalendarDay(v.date)) throw new UsageError('--date must be a day YYYY-MM-DD');
    const format = v.format as ReportFormat;
    const deps = await ctx.deps();
    const report = await buildFiledReport(deps, {
      unitCode: v.unit,
      year: Number(v.year),
      quarter: v.quarter ? Number(v.quarter) : null,
      half: v.half ? Number(v.half) : null,
      number: v.number ? Number(v.number) : null,
      date: v.date ?? null,
    });
    const bytes = await renderReport(report, format);
    const coverage = coverageLine(report);
    if (coverage) ctx.err(coverage);
    for (const w of report.document.warnings) ctx.err(`Cảnh báo: ${w.message}`);
    if (report.document.number == null)
      ctx.err('Cảnh báo: chưa có số văn bản: in là "……" để ghi tay theo sổ đăng ký (hoặc chạy lại với --number N).');
    const out = v.out ?? (format === 'json' ? '-' : reportFileName(report, format));
    if (out === '-') process.stdout.write(bytes);
    else {
      fs.writeFileSync(out, bytes);
      ctx.err(`Đã ghi ${out} (${bytes.length} byte)${report.incomplete ? ' — còn thiếu giải trình bắt buộc' : ''}`);
    }
    return 0;
  },
};

/**
 * What the report may claim, for the operator (the document says the same under each part):
 * "Tạm tính: Tháng 11/2026: 3/5 đơn vị đã nộp" when a counted month is incomplete, "Năm 2023: chưa
 * có số liệu" when none has a figure, else null.
 */
export function coverageLine(r: Pick<Report, 'whole' | 'period'>): string | null {
  const months = r.whole.months;
  if (months.length > 0 && hasNoData(months)) return `Cảnh báo: ${r.period.labelVi}: chưa có số liệu.`;
  const open = months.filter((m) => !m.complete);
  return open.length ? `Tạm tính: ${open.map((m) => coverageLineVi(m, true)).join('; ')}` : null;
}
