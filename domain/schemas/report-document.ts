/**
 * The filed report: the report model plus the parts of the administrative document around it
 * (Nghị định 30/2020/NĐ-CP): header blocks, title and subject, "Nơi nhận", signature, and the
 * emulation ranking. Every format (JSON, PDF, XLSX, DOCX, the printable page) renders this.
 */
import { z } from 'zod';
import { DaySchema, ReportSchema } from './report.ts';

export { DaySchema };

export const ReportRankingSchema = z.object({
  heading: z.string(),
  /** "Khối thi đua "…" năm 2025: … xếp hạng 2/7 với 97,8 điểm.", the proposals, the bands. */
  lines: z.array(z.string()),
  members: z.array(
    z.object({ rank: z.number().int(), unitCode: z.string(), name: z.string(), total: z.number(), own: z.boolean() }),
  ),
});
export type ReportRanking = z.infer<typeof ReportRankingSchema>;

export const DocumentWarningSchema = z.object({
  field: z.string(),
  message: z.string(),
});

export const ReportDocumentSchema = z.object({
  /** Superior body, uppercase; null when the agency has none (no line). */
  superiorBody: z.string().nullable(),
  /** Issuing body, uppercase (printed bold). */
  issuerName: z.string(),
  /** "Số: 15/BC-STTTT", or "Số: ……/BC-STTTT" without a number. */
  numberLine: z.string(),
  /** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc". */
  nationalHeader: z.array(z.string()),
  /** "Trà Vinh, ngày 05 tháng 01 năm 2021" (italic). */
  placeDate: z.string(),
  /** "BÁO CÁO". */
  docType: z.string(),
  /** "Kết quả thực hành tiết kiệm, chống lãng phí năm 2020". */
  subject: z.string(),
  recipientsLabel: z.string(),
  /** "- UBND tỉnh (b/c);" … */
  recipients: z.array(z.string()),
  signer: z.object({
    /** "KT. GIÁM ĐỐC"; null when the head signs in their own name. */
    authority: z.string().nullable(),
    title: z.string(),
    name: z.string(),
  }),
  ranking: ReportRankingSchema.nullable(),
  /** The register number, when given. */
  number: z.number().int().nullable(),
  /** The document's date, 'YYYY-MM-DD' (Asia/Ho_Chi_Minh). */
  date: DaySchema,
  /** Fields printed as a dotted blank because nobody set them. */
  warnings: z.array(DocumentWarningSchema),
});
export type ReportDocument = z.infer<typeof ReportDocumentSchema>;

export const FiledReportSchema = ReportSchema.extend({ document: ReportDocumentSchema });
export type FiledReport = z.infer<typeof FiledReportSchema>;
