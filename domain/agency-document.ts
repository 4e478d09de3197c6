/**
 * Agency document settings after inheritance, and the small formatting rules of Nghị định
 * 30/2020/NĐ-CP (Phụ lục I) the filed report follows. Pure.
 *
 * Rules decided here:
 * - Each field is inherited on its own from the nearest unit up the tree that sets it.
 * - The number pattern, when no unit sets it, is derived from the issuer's short code: the
 *   symbol of a report is "BC-" + the issuer's short code (ND30: loại văn bản viết tắt - tên
 *   cơ quan viết tắt).
 * - A field nobody sets prints as a dotted blank for the agency to fill in by hand, never a guess.
 * - Numbers below 10 and days below 10 take a leading zero; months take one only for 1 and 2
 *   ("ngày 05 tháng 01", "ngày 15 tháng 3", "ngày 01 tháng 12").
 */
// Values from the zod-free module only: this file is bundled into the web's report view.
import { AGENCY_DOCUMENT_FIELDS, NUMBER_PLACEHOLDER } from './agency-document-fields.ts';
import type {
  AgencyDocumentField,
  AgencyDocumentFields,
  EffectiveAgencyDocument,
  FieldSource,
} from './schemas/agency-document.ts';
import { inheritFields } from './effective-settings.ts';

/** What a field nobody set prints as: room to write by hand. */
export const DOTS = '……';

/** Vietnamese names of the fields, as warnings and the settings form say them. */
export const AGENCY_FIELD_LABELS_VI: Record<AgencyDocumentField, string> = {
  superiorBody: 'cơ quan chủ quản (cấp trên)',
  issuerName: 'tên cơ quan ban hành',
  issuerCode: 'tên viết tắt của cơ quan ban hành',
  place: 'địa danh',
  signerAuthority: 'thẩm quyền ký (KT., TL., TM.)',
  signerTitle: 'chức vụ người ký',
  signerName: 'họ và tên người ký',
  recipients: 'nơi nhận',
  numberPattern: 'số, ký hiệu văn bản',
};

/**
 * The effective settings of a unit from its own row and its ancestors' rows.
 * `chain[k]` = {unitId, unitCode, row} from the unit itself (k = 0) up to the root.
 */
export function resolveAgencyDocument(
  chain: ReadonlyArray<{ unitId: number; unitCode: string; row: AgencyDocumentFields | undefined }>,
): Pick<EffectiveAgencyDocument, 'effective' | 'missing'> {
  const got = inheritFields(chain, AGENCY_DOCUMENT_FIELDS);
  const codeOf = (id: number | null) => chain.find((c) => c.unitId === id)?.unitCode ?? null;
  const src = (from: number | null): FieldSource =>
    from == null ? { kind: 'unset', unitCode: null } : { kind: 'unit', unitCode: codeOf(from) };
  const field = <V>(k: AgencyDocumentField): { value: V | null; source: FieldSource } => ({
    value: got[k].value as V | null,
    source: src(got[k].from),
  });
  const missing = AGENCY_DOCUMENT_FIELDS.filter((k) => got[k].value == null);
  const numberPattern = field<string>('numberPattern');
  if (numberPattern.value == null && got.issuerCode.value != null) {
    numberPattern.value = `${NUMBER_PLACEHOLDER}/BC-${got.issuerCode.value}`;
    numberPattern.source = { kind: 'derived', unitCode: codeOf(got.issuerCode.from) };
  }
  return {
    effective: {
      superiorBody: field<string>('superiorBody'),
      issuerName: field<string>('issuerName'),
      issuerCode: field<string>('issuerCode'),
      place: field<string>('place'),
      signerAuthority: field<string>('signerAuthority'),
      signerTitle: field<string>('signerTitle'),
      signerName: field<string>('signerName'),
      recipients: field<string[]>('recipients'),
      numberPattern,
    },
    missing,
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * "Số, ký hiệu" without the "Số:" label: the register number in the pattern's "…", a number
 * below 10 with a leading zero; without a number, a dotted blank.
 * @example documentNumber('…/BC-STTTT', 15) // '15/BC-STTTT'
 * @example documentNumber('…/BC-STTTT', 5) // '05/BC-STTTT'
 * @example documentNumber(null, null) // '……/BC-……'
 */
export function documentNumber(pattern: string | null, n: number | null): string {
  const num = n == null ? DOTS : pad2(n);
  return (pattern ?? `${NUMBER_PLACEHOLDER}/BC-${DOTS}`).replace(NUMBER_PLACEHOLDER, num);
}

/**
 * The place-and-date line (ND30: days below 10 and months 1 and 2 with a leading zero).
 * @example placeDateLine('Trà Vinh', '2021-01-05') // 'Trà Vinh, ngày 05 tháng 01 năm 2021'
 * @example placeDateLine('Trà Vinh', '2021-03-15') // 'Trà Vinh, ngày 15 tháng 3 năm 2021'
 */
export function placeDateLine(place: string | null, day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const monthText = month <= 2 ? pad2(month) : String(month);
  return `${place ?? DOTS}, ngày ${pad2(date)} tháng ${monthText} năm ${year}`;
}

/** The day of `date` in Asia/Ho_Chi_Minh, 'YYYY-MM-DD'. */
export function dayOf(date: Date, timeZone = 'Asia/Ho_Chi_Minh'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
