/**
 * Reports: the model of a unit's report for a quarter, half-year or year (engine results of the
 * year through the period's last month, explanations, the templates in force), and the
 * explanations a unit writes for missed targets.
 */
import type { AppDeps } from '../deps.ts';
import type { Report, Explanation, ExplanationInput } from '../../domain/schemas/report.ts';
import { parseReportPeriodKey, reportPeriod, type ReportPeriod } from '../../domain/report-periods.ts';
import { isoNow } from '../clock.ts';
import { badRequest, notFound } from '../errors.ts';
import { computeResults } from '../results/results.service.ts';
import { buildReportModel } from './report.model.ts';
import { findCategory, findUnit, listExplanations, upsertExplanation } from './reports.repository.ts';
import { loadTemplates } from './templates.ts';
import { renderXlsx } from './report.xlsx.ts';
import { renderPdf } from './report.pdf.ts';

export interface ReportRequest {
  unitCode: string;
  year: number;
  quarter?: number | null;
  half?: number | null;
}

function periodOf(q: ReportRequest): ReportPeriod {
  try {
    return reportPeriod(q.year, { quarter: q.quarter, half: q.half });
  } catch (e) {
    throw badRequest(
      `Kỳ báo cáo không hợp lệ: chọn một quý (1–4) hoặc một nửa năm (1–2), không chọn cả hai. (${(e as Error).message})`,
    );
  }
}

export async function buildReport(deps: AppDeps, q: ReportRequest): Promise<Report> {
  const period = periodOf(q);
  const unit = await findUnit(deps.db, q.unitCode);
  if (!unit) throw notFound(`đơn vị có mã "${q.unitCode}"`, undefined, { entity: 'unit', key: q.unitCode });
  const [results, explanations] = await Promise.all([
    computeResults(deps.db, { unitCode: unit.code, year: period.year, through: period.to }),
    listExplanations(deps.db, unit.id, period.key),
  ]);
  return buildReportModel({
    results,
    period,
    templates: loadTemplates(),
    explanations: explanations.map((e) => ({
      categoryCode: e.category_code,
      text: e.text,
      updatedAt: e.updated_at,
      updatedBy: e.updated_by,
    })),
    generatedAt: isoNow(deps.clock),
  });
}

export type ReportFormat = 'json' | 'xlsx' | 'pdf';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** ASCII file name, e.g. bao-cao-tiet-kiem-STTTT-2020-Q2.pdf. */
export function reportFileName(r: Report, format: ReportFormat): string {
  return `bao-cao-tiet-kiem-${r.unit.code}-${r.period.key}.${format}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** The report rendered in a format: bytes and file name. */
export async function renderReport(r: Report, format: ReportFormat): Promise<Buffer> {
  if (format === 'xlsx') return renderXlsx(r, loadTemplates());
  if (format === 'pdf') return renderPdf(r, loadTemplates());
  return Buffer.from(JSON.stringify(r, null, 2) + '\n', 'utf8');
}

export async function saveExplanation(
  deps: AppDeps,
  input: ExplanationInput,
  actor: string | null,
): Promise<Explanation> {
  let period: ReportPeriod;
  try {
    period = parseReportPeriodKey(input.periodKey);
  } catch {
    throw badRequest(`Kỳ báo cáo "${input.periodKey}" không hợp lệ (ví dụ: 2020, 2020-H1, 2020-Q3).`);
  }
  if (period.year !== input.year) throw badRequest(`Kỳ báo cáo ${input.periodKey} không thuộc năm ${input.year}.`);
  const unit = await findUnit(deps.db, input.unitCode);
  if (!unit) throw notFound(`đơn vị có mã "${input.unitCode}"`, undefined, { entity: 'unit', key: input.unitCode });
  const cat = await findCategory(deps.db, input.categoryCode);
  if (!cat)
    throw notFound(`khoản chi có mã "${input.categoryCode}"`, undefined, {
      entity: 'category',
      key: input.categoryCode,
    });
  const updatedAt = isoNow(deps.clock);
  await upsertExplanation(deps.db, {
    unitId: unit.id,
    year: input.year,
    periodKey: period.key,
    categoryId: cat.id,
    text: input.text,
    updatedAt,
    updatedBy: actor,
  });
  return { ...input, periodKey: period.key, updatedAt, updatedBy: actor };
}
