/** Shapes every boundary shares: periods, codes, the error envelope. */
import { z } from 'zod';
import { PERIOD_RE } from '../months.ts';

export const PeriodSchema = z.string().regex(PERIOD_RE, 'kỳ phải có dạng YYYY-MM');
export const YearSchema = z.coerce.number().int().min(2000).max(2100);
export const CodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  // Letters of any script (STTTT-CĐ, TTKĐ-01), digits and punctuation; no spaces, control or
  // invisible characters, and none of the separators files and lists use (, ; | / \).
  // Written without the `u` flag (\s already covers every Unicode space and separator; control,
  // zero-width and bidi characters are listed) so that the OpenAPI document carries a plain
  // pattern that every JSON Schema validator reads the same way.
  .regex(
    // eslint-disable-next-line no-control-regex -- control characters are exactly what the pattern refuses
    /^[^\s\x00-\x1f\x7f-\x9f\xad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb,;|/\\]+$/,
    'mã không được có khoảng trắng, ký tự điều khiển hay các dấu , ; | / \\',
  );
/** Percent with at most one decimal, e.g. 10 or 7.5. Stored as tenths of a percent. */
export const PercentSchema = z
  .number()
  .min(-100)
  .max(100)
  .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, 'tối đa một chữ số thập phân');
export const BasisSchema = z.enum(['norm', 'previous_year']);
export type Basis = z.infer<typeof BasisSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    /** Vietnamese, says what to do. */
    message: z.string(),
    /** The values the code's wording needs (the dashboard words errors from code + params). */
    params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
