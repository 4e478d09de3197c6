/**
 * Agency document settings: what the header, "Nơi nhận" and signature blocks of a filed report
 * print (Nghị định 30/2020/NĐ-CP). Set per unit by an administrator; each field is inherited on
 * its own from the nearest unit up the tree that sets it (null = inherit).
 */
import { z } from 'zod';
import { CodeSchema } from './common.ts';
import { UnitRefSchema } from './results.ts';

const line = (max: number) => z.string().trim().max(max);
const text = (max: number) => line(max).min(1, 'để trống thì chọn "kế thừa" (null) thay vì chuỗi rỗng');

import {
  AGENCY_DOCUMENT_FIELDS as FIELDS,
  NUMBER_PLACEHOLDER,
  normaliseNumberPattern,
} from '../agency-document-fields.ts';
export { NUMBER_PLACEHOLDER, normaliseNumberPattern };

export const AgencyDocumentFieldsSchema = z.object({
  /** Cơ quan chủ quản (the superior body), printed uppercase. "" = the agency has none: no line. */
  superiorBody: line(200).nullable(),
  /** Tên cơ quan ban hành, printed bold uppercase. */
  issuerName: text(200).nullable(),
  /** Short code of the issuer (STTTT): the symbol of the document number, "BC-STTTT". */
  issuerCode: text(40)
    // A refinement, not a regex: the pattern needs the `u` flag (capitals of any script, ĐĐBQ),
    // which the OpenAPI document's JSON Schema pattern cannot carry.
    .refine(
      (s) => /^[\p{Lu}\p{N}][\p{Lu}\p{N}.-]*$/u.test(s),
      'tên viết tắt gồm chữ in hoa, số, dấu - hoặc . (ví dụ STTTT)',
    )
    .nullable(),
  /** Địa danh of the place-and-date line (Trà Vinh). */
  place: text(100).nullable(),
  /** Thẩm quyền ký: "KT. GIÁM ĐỐC", "TL. GIÁM ĐỐC"... "" = the head signs in their own name: no line. */
  signerAuthority: line(120).nullable(),
  /** Chức vụ người ký: "PHÓ GIÁM ĐỐC". */
  signerTitle: text(120).nullable(),
  /** Họ và tên người ký. */
  signerName: text(120).nullable(),
  /** "Nơi nhận" lines, printed each after "- " ("UBND tỉnh (b/c);", "Lưu: VT, VP."). */
  recipients: z.array(text(200)).min(1).max(30).nullable(),
  /** Số, ký hiệu with "…" where the register number goes: "…/BC-STTTT". Unset: "…/BC-" + issuerCode. */
  numberPattern: text(80)
    .refine(
      (s) => normaliseNumberPattern(s).split(NUMBER_PLACEHOLDER).length === 2,
      'mẫu số văn bản phải có đúng một dấu … (chỗ ghi số), ví dụ …/BC-STTTT',
    )
    .nullable(),
});
export type AgencyDocumentFields = z.infer<typeof AgencyDocumentFieldsSchema>;
export type AgencyDocumentField = keyof AgencyDocumentFields;

/** The fields in order (declared zod-free in domain/agency-document-fields.ts for the web bundle). */
export const AGENCY_DOCUMENT_FIELDS = FIELDS satisfies readonly AgencyDocumentField[];
/** Checked when compiling: every field of the schema is in the list (one left out turns the type to false). */
export const AGENCY_DOCUMENT_FIELDS_COMPLETE: [Exclude<AgencyDocumentField, (typeof FIELDS)[number]>] extends [never]
  ? true
  : false = true;

export const AgencyDocumentInputSchema = AgencyDocumentFieldsSchema.extend({ unitCode: CodeSchema });
export type AgencyDocumentInput = z.infer<typeof AgencyDocumentInputSchema>;

/** Where an effective value comes from. */
export const FieldSourceSchema = z.object({
  /** unit: set on `unitCode` (the unit itself or an ancestor); derived: built from another field; unset: nobody set it. */
  kind: z.enum(['unit', 'derived', 'unset']),
  unitCode: z.string().nullable(),
});
export type FieldSource = z.infer<typeof FieldSourceSchema>;

const effective = <T extends z.ZodTypeAny>(value: T) =>
  z.object({ value: value.nullable(), source: FieldSourceSchema });

export const EffectiveAgencyDocumentSchema = z.object({
  unit: UnitRefSchema,
  /** The unit's own row (null fields inherit), or null without one. */
  own: AgencyDocumentFieldsSchema.nullable(),
  effective: z.object({
    superiorBody: effective(z.string()),
    issuerName: effective(z.string()),
    issuerCode: effective(z.string()),
    place: effective(z.string()),
    signerAuthority: effective(z.string()),
    signerTitle: effective(z.string()),
    signerName: effective(z.string()),
    recipients: effective(z.array(z.string())),
    numberPattern: effective(z.string()),
  }),
  /** Fields nobody up the tree set: printed as a dotted blank "……" to fill in by hand. */
  missing: z.array(z.enum(AGENCY_DOCUMENT_FIELDS)),
});
export type EffectiveAgencyDocument = z.infer<typeof EffectiveAgencyDocumentSchema>;
