/**
 * The report model, built from the engine's results (ResultsResponse of the period's year through
 * its last counted month) for the months of a quarter, half-year or year. Pure: every format (JSON,
 * XLSX, PDF, the printable page) renders this model and nothing else.
 *
 * One verdict per report: the whole period first (`whole`, in the document's template), then one
 * section per legal period (two only for 2026, split on 1 July); a category is explained for each
 * section where that section missed its target. Months that have not ended are not counted; a
 * section whose counted months include an incomplete one is provisional, with its coverage.
 *
 * A category's figure for a run of months follows the engine's year-to-date rule: actual and
 * baseline are summed over the months that have both (comparable months), so saved is always like
 * for like; without any comparable month the actual is the sum of the submitted months and the
 * baseline is unknown. Quantities are summed as integer thousandths so kWh never drift.
 */
import type { CategoryResult, ResultsResponse } from '../../domain/schemas/results.ts';
import type { Report, ReportRow, ReportSection, ReportTemplate } from '../../domain/schemas/report.ts';
import {
  documentTemplate,
  monthsLabelVi,
  periodKeyOf,
  splitByTemplate,
  type ReportPeriod,
} from '../../domain/report-periods.ts';
import { isProvisional } from '../../domain/coverage.ts';
import { evaluate, pctToTenths, tenthsToPct } from '../../domain/reductions.ts';
import { annualSentence } from '../../domain/sentence.ts';
import type { Period } from '../../domain/months.ts';

/** Categories whose overrun must be explained in writing (domain rule: electricity). */
export const EXPLANATION_REQUIRED_ON_OVERRUN = new Set(['electricity']);

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** One category over a set of months. */
export function aggregateCategory(
  cat: CategoryResult,
  months: readonly Period[],
  monthsInPeriod = months.length,
): ReportRow {
  const want = new Set(months);
  const submitted = cat.months.filter((m) => want.has(m.period) && m.status === 'submitted' && m.actual != null);
  const scale = cat.measure === 'quantity' ? 1000 : 1;
  const toInt = (v: number) => Math.round(v * scale);
  const comparable = submitted.filter((m) => m.baseline != null);
  const used = comparable.length > 0 ? comparable : submitted;
  const actualI = used.length ? sum(used.map((m) => toInt(m.actual!))) : null;
  const baselineI = comparable.length ? sum(comparable.map((m) => toInt(m.baseline!))) : null;
  const ev = evaluate(baselineI, actualI, pctToTenths(cat.target));
  const amounts = (get: (m: (typeof used)[number]) => number | null) =>
    used.length && used.every((m) => get(m) != null) ? sum(used.map((m) => get(m)!)) : null;
  const actualAmount = amounts((m) => m.actualAmount);
  const baselineAmount = comparable.length ? amounts((m) => m.baselineAmount) : null;
  return {
    categoryCode: cat.code,
    nameVi: cat.nameVi,
    nameEn: cat.nameEn,
    basis: cat.basis,
    measure: cat.measure,
    quantityUnit: cat.quantityUnit,
    baseline: baselineI == null ? null : baselineI / scale,
    actual: actualI == null ? null : actualI / scale,
    saved: ev.saved == null ? null : ev.saved / scale,
    reduction: tenthsToPct(ev.reductionTenths),
    target: cat.target,
    met: ev.met,
    baselineAmount,
    actualAmount,
    savedAmount: baselineAmount != null && actualAmount != null ? baselineAmount - actualAmount : null,
    monthsSubmitted: submitted.length,
    monthsInPeriod,
  };
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/**
 * The seed-style sentence for a run of months, worded by the engine's annual sentence with the
 * period's own label in front ("Quý II năm 2020: ...").
 */
export function periodSentence(
  year: number,
  labelVi: string,
  labelEn: string,
  rows: ReportRow[],
): { vi: string; en: string } {
  const s = annualSentence(
    year,
    `${year}-12`,
    rows.map((r) => ({
      code: r.categoryCode,
      nameVi: r.nameVi,
      nameEn: r.nameEn,
      basis: r.basis,
      reduction: r.reduction,
    })),
  );
  return { vi: labelVi + s.vi.slice(`Năm ${year}`.length), en: labelEn + s.en.slice(String(year).length) };
}

export interface ExplanationText {
  /** The report period key it is stored under ('2026-H2'). */
  periodKey: string;
  categoryCode: string;
  text: string;
  updatedAt: string;
  updatedBy: string | null;
}

export function buildReportModel(input: {
  results: ResultsResponse;
  period: ReportPeriod;
  /** Last month counted (the period's end, or the last month that has ended); null: none has. */
  through: Period | null;
  templates: ReportTemplate[];
  explanations: ExplanationText[];
  generatedAt: string;
}): Report {
  const { results, period, templates, through } = input;
  const cats = results.categories;
  const counted = (months: readonly Period[]) => months.filter((m) => through != null && m <= through);
  const coverage = (months: readonly Period[]) => {
    const want = new Set(counted(months));
    return results.months.filter((m) => want.has(m.period));
  };
  const split = splitByTemplate(templates, period);
  const whole = split.length === 1;
  const section = (
    template: ReportTemplate,
    from: Period,
    to: Period,
    months: readonly Period[],
    labelVi: string,
    labelEn: string,
  ): ReportSection => {
    const rows = cats.map((c) => aggregateCategory(c, counted(months), months.length));
    const cov = coverage(months);
    return {
      key: periodKeyOf(from, to) ?? period.key,
      templateId: template.id,
      from,
      to,
      heading: template.headings.section.replace('{months}', lowerFirst(labelVi)),
      legalBasis: template.legalBasis,
      headings: template.headings,
      columns: template.columns,
      words: template.words,
      rows,
      sentence: periodSentence(period.year, upperFirst(labelVi), labelEn, rows).vi,
      months: cov,
      provisional: isProvisional(cov),
    };
  };
  const sections: ReportSection[] = split.map((s) =>
    whole
      ? section(s.template, s.from, s.to, s.months, period.labelVi, period.labelEn)
      : section(s.template, s.from, s.to, s.months, monthsLabelVi(s.from, s.to), `${s.from} to ${s.to}`),
  );
  const template = documentTemplate(templates, period);
  // The whole period of a split report: "… cả năm 2026", apart from the subject above it.
  const overall = whole
    ? sections[0]
    : {
        ...section(template, period.from, period.to, period.months, period.labelVi, period.labelEn),
        heading: template.headings.section.replace('{months}', `cả ${lowerFirst(period.labelVi)}`),
      };
  const byKey = new Map(input.explanations.map((e) => [`${e.periodKey}/${e.categoryCode}`, e]));
  // Asked per section: a category that missed in a legal period is explained for that period,
  // whatever the whole year says.
  const explanations = sections.flatMap((s) =>
    s.rows
      .filter((r) => r.met === false || (r.saved != null && r.saved < 0))
      .map((r) => {
        const e = byKey.get(`${s.key}/${r.categoryCode}`);
        return {
          periodKey: s.key,
          sectionLabel: whole ? lowerFirst(period.labelVi) : monthsLabelVi(s.from, s.to),
          categoryCode: r.categoryCode,
          nameVi: r.nameVi,
          required: EXPLANATION_REQUIRED_ON_OVERRUN.has(r.categoryCode) && r.saved != null && r.saved < 0,
          text: e?.text ?? null,
          updatedAt: e?.updatedAt ?? null,
          updatedBy: e?.updatedBy ?? null,
        };
      }),
  );
  return {
    unit: results.unit,
    period,
    template,
    whole: overall,
    sections,
    sentence: periodSentence(period.year, period.labelVi, period.labelEn, overall.rows),
    through: through == null ? null : through < period.to ? through : period.to,
    provisional: overall.provisional,
    explanations,
    incomplete: explanations.some((e) => e.required && !e.text),
    generatedAt: input.generatedAt,
  };
}
