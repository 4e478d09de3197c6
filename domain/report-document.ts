/**
 * The parts of the filed report around its body (Nghị định 30/2020/NĐ-CP, Phụ lục I): header
 * blocks, "BÁO CÁO" and subject, "Nơi nhận", signature block and the emulation ranking, from the
 * report model, the unit's effective agency document settings and the caller's number and date.
 * Pure; each renderer lays these strings out and decides nothing.
 */
import type { BlocRanking } from './schemas/bloc.ts';
import type { Report } from './schemas/report.ts';
import type { EffectiveAgencyDocument } from './schemas/agency-document.ts';
import type { ReportDocument, ReportRanking } from './schemas/report-document.ts';
import { AGENCY_FIELD_LABELS_VI, DOTS, documentNumber, placeDateLine } from './agency-document.ts';
import { rankingSummaryLines } from './bloc-scoring.ts';

export const DOC_TYPE = 'BÁO CÁO';
export const RECIPIENTS_LABEL = 'Nơi nhận:';

const upper = (s: string) => s.toLocaleUpperCase('vi');
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** "- UBND tỉnh (b/c);" from what was typed, with or without its own dash. */
export const recipientLine = (s: string) => `- ${s.replace(/^\s*[-–+•]\s*/, '')}`;

/** The unit's place in its bloc for the report, or null when the unit itself is not a member. */
export function reportRanking(r: BlocRanking | null, unitCode: string, heading: string): ReportRanking | null {
  if (!r || !r.members.some((m) => m.unit.code === unitCode)) return null;
  return {
    heading,
    lines: rankingSummaryLines(r, unitCode).vi,
    members: r.members.map((m) => ({
      rank: m.rank,
      unitCode: m.unit.code,
      name: m.unit.name,
      total: m.total,
      own: m.unit.code === unitCode,
    })),
  };
}

export interface DocumentInput {
  report: Report;
  agency: Pick<EffectiveAgencyDocument, 'effective'>;
  /** The register number, when the agency gives one. */
  number: number | null;
  /** The document's day, 'YYYY-MM-DD'. */
  date: string;
  ranking: ReportRanking | null;
}

export function reportDocument({ report, agency, number, date, ranking }: DocumentInput): ReportDocument {
  const e = agency.effective;
  const warnings: ReportDocument['warnings'] = [];
  const blank = (field: keyof typeof AGENCY_FIELD_LABELS_VI) =>
    warnings.push({
      field,
      message: `Chưa đặt ${AGENCY_FIELD_LABELS_VI[field]}: in là "${DOTS}" để điền tay. Quản trị viên đặt ở Định mức & chỉ tiêu → Thông tin văn bản báo cáo.`,
    });
  const text = (field: 'superiorBody' | 'issuerName' | 'place' | 'signerAuthority' | 'signerTitle' | 'signerName') => {
    const v = e[field].value;
    if (v == null) blank(field);
    return v;
  };

  const superior = text('superiorBody');
  const issuer = text('issuerName');
  if (e.numberPattern.value == null) blank('numberPattern');
  const place = text('place');
  const authority = text('signerAuthority');
  const title = text('signerTitle');
  const name = text('signerName');
  if (e.recipients.value == null) blank('recipients');

  // A report on a unit that is not itself the issuer (a division under its department's
  // header, or no issuer set) names the unit in the subject, so the document says whose it is.
  const issuerIsUnit = e.issuerName.source.kind === 'unit' && e.issuerName.source.unitCode === report.unit.code;
  const subject = [
    report.template.subject,
    issuerIsUnit ? null : `của ${report.unit.name}`,
    lowerFirst(report.period.labelVi),
  ]
    .filter(Boolean)
    .join(' ');

  return {
    // "" = the agency has no superior body: no line at all.
    superiorBody: superior === '' ? null : upper(superior ?? DOTS),
    issuerName: upper(issuer ?? DOTS),
    numberLine: `Số: ${documentNumber(e.numberPattern.value, number)}`,
    nationalHeader: report.template.nationalHeader,
    placeDate: placeDateLine(place, date),
    docType: DOC_TYPE,
    subject,
    recipientsLabel: RECIPIENTS_LABEL,
    recipients: (e.recipients.value ?? [DOTS]).map(recipientLine),
    signer: {
      authority: authority === '' ? null : upper(authority ?? DOTS),
      title: upper(title ?? DOTS),
      name: name ?? DOTS,
    },
    ranking,
    number,
    date,
    warnings,
  };
}
