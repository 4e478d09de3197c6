/**
 * Report periods (quarter, half-year, year → months) and which report template is in force for
 * them. Pure: templates are data (data/report-templates/*.json) handed in by the caller.
 *
 * A template is in force for a month when it is in force on the month's first day. A period whose
 * months fall under two templates (the year 2026: the 2013 law until 30 June, the 2025 law from
 * 1 July) is split into one section per template, in order; the document as a whole (its title
 * and national header) uses the template in force at the period's end, when the report is issued.
 */
import { makePeriod, monthRange, type Period } from './months.ts';

export type ReportPeriodKind = 'year' | 'half' | 'quarter';

export interface ReportPeriod {
  kind: ReportPeriodKind;
  year: number;
  /** 1–4 for a quarter, 1–2 for a half, 1 for the year. */
  index: number;
  /** '2020', '2020-H1', '2020-Q3': the key explanations are stored under. */
  key: string;
  from: Period;
  to: Period;
  months: Period[];
  labelVi: string;
  labelEn: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/**
 * @example reportPeriod(2020, { quarter: 2 }).months // ['2020-04', '2020-05', '2020-06']
 * @example reportPeriod(2020, {}).key // '2020'
 */
export function reportPeriod(year: number, opts: { quarter?: number | null; half?: number | null } = {}): ReportPeriod {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new RangeError(`year out of range: ${year}`);
  const { quarter, half } = opts;
  if (quarter != null && half != null) throw new RangeError('give a quarter or a half, not both');
  if (quarter != null) {
    if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)
      throw new RangeError(`quarter must be 1–4: ${quarter}`);
    const from = makePeriod(year, (quarter - 1) * 3 + 1);
    const to = makePeriod(year, quarter * 3);
    return {
      kind: 'quarter',
      year,
      index: quarter,
      key: `${year}-Q${quarter}`,
      from,
      to,
      months: monthRange(from, to),
      labelVi: `Quý ${ROMAN[quarter - 1]} năm ${year}`,
      labelEn: `Q${quarter} ${year}`,
    };
  }
  if (half != null) {
    if (half !== 1 && half !== 2) throw new RangeError(`half must be 1 or 2: ${half}`);
    const from = makePeriod(year, half === 1 ? 1 : 7);
    const to = makePeriod(year, half === 1 ? 6 : 12);
    return {
      kind: 'half',
      year,
      index: half,
      key: `${year}-H${half}`,
      from,
      to,
      months: monthRange(from, to),
      labelVi: half === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`,
      labelEn: half === 1 ? `First half of ${year}` : `Second half of ${year}`,
    };
  }
  const from = makePeriod(year, 1);
  const to = makePeriod(year, 12);
  return {
    kind: 'year',
    year,
    index: 1,
    key: String(year),
    from,
    to,
    months: monthRange(from, to),
    labelVi: `Năm ${year}`,
    labelEn: `Year ${year}`,
  };
}

const KEY_RE = /^(\d{4})(?:-(Q[1-4]|H[12]))?$/;

/** Inverse of `reportPeriod(...).key`. @example parseReportPeriodKey('2026-H2').months[0] // '2026-07' */
export function parseReportPeriodKey(key: string): ReportPeriod {
  const m = KEY_RE.exec(key);
  if (!m) throw new RangeError(`not a report period key: ${key}`);
  const year = Number(m[1]);
  if (!m[2]) return reportPeriod(year);
  const n = Number(m[2].slice(1));
  return m[2][0] === 'Q' ? reportPeriod(year, { quarter: n }) : reportPeriod(year, { half: n });
}

/** The part of a template this module needs: an id and the days it is in force (ISO dates, inclusive). */
export interface TemplateValidity {
  id: string;
  /** First day in force, 'YYYY-MM-DD'. */
  effectiveFrom: string;
  /** Last day in force, 'YYYY-MM-DD', or null while in force. */
  effectiveUntil: string | null;
}

/** The template in force on a day ('YYYY-MM-DD'); null when none is. */
export function templateInForce<T extends TemplateValidity>(templates: readonly T[], day: string): T | null {
  const hits = templates.filter((t) => t.effectiveFrom <= day && (t.effectiveUntil == null || day <= t.effectiveUntil));
  // Should two overlap (a template published before the old one is retired), the newer one wins.
  hits.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  return hits[0] ?? null;
}

/** The template in force for a month: the one in force on its first day. */
export function templateForMonth<T extends TemplateValidity>(templates: readonly T[], month: Period): T | null {
  return templateInForce(templates, `${month}-01`);
}

export interface TemplateSection<T> {
  template: T;
  months: Period[];
  from: Period;
  to: Period;
}

/**
 * Splits a period into runs of consecutive months under the same template.
 * Throws when a month has no template in force (the template data has a gap).
 * @example splitByTemplate(templates, reportPeriod(2026)).map((s) => s.template.id) // ['thtk-2013', 'tklp-2025']
 */
export function splitByTemplate<T extends TemplateValidity>(
  templates: readonly T[],
  period: Pick<ReportPeriod, 'months'>,
): TemplateSection<T>[] {
  const out: TemplateSection<T>[] = [];
  for (const month of period.months) {
    const t = templateForMonth(templates, month);
    if (!t) throw new RangeError(`no report template in force for ${month}`);
    const last = out[out.length - 1];
    if (last && last.template.id === t.id) {
      last.months.push(month);
      last.to = month;
    } else {
      out.push({ template: t, months: [month], from: month, to: month });
    }
  }
  return out;
}

/** The template the document as a whole uses: the one in force on the period's last month. */
export function documentTemplate<T extends TemplateValidity>(
  templates: readonly T[],
  period: Pick<ReportPeriod, 'to'>,
): T {
  const t = templateForMonth(templates, period.to);
  if (!t) throw new RangeError(`no report template in force for ${period.to}`);
  return t;
}

/** Label of a section's months, e.g. 'từ tháng 1 đến tháng 6 năm 2026', or 'tháng 7 năm 2026' for one month. */
export function monthsLabelVi(from: Period, to: Period): string {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  if (from === to) return `tháng ${fm} năm ${fy}`;
  if (fy === ty) return `từ tháng ${fm} đến tháng ${tm} năm ${fy}`;
  return `từ tháng ${fm}/${fy} đến tháng ${tm}/${ty}`;
}

/**
 * The report period key whose months are exactly `from`..`to` ('2026', '2026-H2', '2026-Q3'), or
 * null when no year, half or quarter has those months.
 * @example periodKeyOf('2026-07', '2026-12') // '2026-H2'
 */
export function periodKeyOf(from: Period, to: Period): string | null {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  if (fy !== ty) return null;
  if (fm === 1 && tm === 12) return String(fy);
  if (fm === 1 && tm === 6) return `${fy}-H1`;
  if (fm === 7 && tm === 12) return `${fy}-H2`;
  if (fm % 3 === 1 && tm === fm + 2) return `${fy}-Q${(fm + 2) / 3}`;
  return null;
}
