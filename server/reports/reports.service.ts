/**
 * Reports: the model of a unit's report for a quarter, half-year or year (engine results of the
 * year through the period's last month, or its last ended month while it runs; explanations; the
 * templates in force), and the explanations a unit writes for missed targets, per section.
 */
import type { AppDeps } from '../deps.ts';
import type { Report, Explanation, ExplanationInput } from '../../domain/schemas/report.ts';
import {
  parseReportPeriodKey,
  periodKeyOf,
  reportPeriod,
  splitByTemplate,
  type ReportPeriod,
} from '../../domain/report-periods.ts';
import { lastClosedPeriod } from '../../domain/months.ts';
import { isoNow } from '../clock.ts';
import { badRequest, notFound } from '../errors.ts';
import { computeResults } from '../results/results.service.ts';
import { buildReportModel } from './report.model.ts';
import { findCategory, findUnit, listExplanations, upsertExplanation } from './reports.repository.ts';
import { recordAudit, type AuditActor } from '../audit/audit.repository.ts';
import { loadTemplates } from './templates.ts';
import { renderXlsx } from './report.xlsx.ts';
import { renderPdf } from './report.pdf.ts';
import { renderDocx } from './report.docx.ts';
import type { FiledReport } from '../../domain/schemas/report-document.ts';
import { reportDocument, reportRanking } from '../../domain/report-document.ts';
import { dayOf } from '../../domain/agency-document.ts';
import { getDocumentSettings } from '../settings/document-settings.service.ts';
import { blocRankingForUnit } from '../blocs/blocs.service.ts';

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
  const templates = loadTemplates();
  // Months that have not ended are not counted (domain: Completeness); a period under way is
  // reported through its last ended month.
  const ended = lastClosedPeriod(deps.clock.now());
  const through = ended >= period.to ? period.to : ended >= period.from ? ended : null;
  const keys = [period.key, ...splitByTemplate(templates, period).map((s) => periodKeyOf(s.from, s.to) ?? period.key)];
  const [results, explanations] = await Promise.all([
    computeResults(deps.db, { unitCode: unit.code, year: period.year, through: through ?? period.from }),
    listExplanations(deps.db, unit.id, keys),
  ]);
  return buildReportModel({
    results,
    period,
    through,
    templates,
    explanations: explanations.map((e) => ({
      periodKey: e.period_key,
      categoryCode: e.category_code,
      text: e.text,
      updatedAt: e.updated_at,
      updatedBy: e.updated_by,
    })),
    generatedAt: isoNow(deps.clock),
  });
}

export interface FiledReportRequest extends ReportRequest {
  /** The register number; the document prints "Số: ……/BC-…" without it. */
  number?: number | null;
  /** The document's day 'YYYY-MM-DD'; today in Asia/Ho_Chi_Minh without it. */
  date?: string | null;
}

/**
 * The report as the agency files it (Nghị định 30/2020/NĐ-CP): the report model with the header,
 * "Nơi nhận" and signature blocks from the unit's effective agency document settings, the
 * caller's number and date, and — for a yearly report — the unit's place in its emulation bloc
 * of that year when the unit itself is a member (the ranking is yearly).
 */
export async function buildFiledReport(deps: AppDeps, q: FiledReportRequest): Promise<FiledReport> {
  const report = await buildReport(deps, q);
  const wholeYear = report.period.months.length === 12;
  const [agency, bloc] = await Promise.all([
    getDocumentSettings(deps.db, report.unit.code),
    wholeYear ? blocRankingForUnit(deps.db, report.unit.code, report.period.year, deps.clock.now()) : null,
  ]);
  const document = reportDocument({
    report,
    agency,
    number: q.number ?? null,
    date: q.date ?? dayOf(deps.clock.now()),
    ranking: reportRanking(bloc, report.unit.code, report.template.headings.ranking),
  });
  return { ...report, document };
}

export type ReportFormat = 'json' | 'xlsx' | 'pdf' | 'docx';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** ASCII file name, e.g. bao-cao-tiet-kiem-STTTT-2020-Q2.pdf. */
export function reportFileName(r: Report, format: ReportFormat): string {
  return `bao-cao-tiet-kiem-${r.unit.code}-${r.period.key}.${format}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** The filed report rendered in a format. */
export async function renderReport(r: FiledReport, format: ReportFormat): Promise<Buffer> {
  if (format === 'xlsx') return renderXlsx(r);
  if (format === 'pdf') return renderPdf(r);
  if (format === 'docx') return renderDocx(r);
  return Buffer.from(JSON.stringify(r, null, 2) + '\n', 'utf8');
}

export async function saveExplanation(deps: AppDeps, input: ExplanationInput, by: AuditActor): Promise<Explanation> {
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
  await deps.db.transaction().execute(async (trx) => {
    await upsertExplanation(trx, {
      unitId: unit.id,
      year: input.year,
      periodKey: period.key,
      categoryId: cat.id,
      text: input.text,
      updatedAt,
      updatedBy: by.actor,
    });
    // Explanations go to the party committee's report: audited like corrections.
    await recordAudit(trx, {
      ...by,
      at: updatedAt,
      action: 'report.explanation',
      entityType: 'explanation',
      entityKey: `${input.unitCode}/${input.categoryCode}/${input.periodKey}`,
      unitCode: input.unitCode,
      after: { text: input.text },
    });
  });
  return { ...input, periodKey: period.key, updatedAt, updatedBy: by.actor };
}
