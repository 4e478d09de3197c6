/** A recipient of a unit's monthly summary email (party committee, leaders, finance officers). */
import { z } from 'zod';
import { CodeSchema } from './common.ts';

export const LangSchema = z.enum(['vi', 'en']);
export type Lang = z.infer<typeof LangSchema>;

/**
 * What a recipient is to the unit: kế toán (finance officer: gets the reminder on REMINDER_SCHEDULE),
 * thủ trưởng (unit head: told on ESCALATION_SCHEDULE when the unit is still missing), cấp ủy (party
 * committee). null: other (monthly summaries only).
 */
export const RecipientRoleSchema = z.enum(['finance', 'head', 'committee']);
export type RecipientRole = z.infer<typeof RecipientRoleSchema>;
export const ROLE_NAMES_VI: Record<RecipientRole, string> = {
  finance: 'kế toán',
  head: 'thủ trưởng',
  committee: 'cấp ủy',
};

const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('địa chỉ email không hợp lệ'))
  .pipe(z.string().max(254));
const NameSchema = z.string().trim().max(200);

export const RecipientSchema = z.object({
  id: z.number().int(),
  unitCode: z.string(),
  name: z.string(),
  email: z.string(),
  lang: LangSchema,
  active: z.boolean(),
  role: RecipientRoleSchema.nullable(),
});
export type Recipient = z.infer<typeof RecipientSchema>;

/** Body of POST /api/recipients. */
export const RecipientCreateSchema = z.object({
  unitCode: CodeSchema,
  email: EmailSchema,
  name: NameSchema.optional(),
  lang: LangSchema.default('vi'),
  active: z.boolean().default(true),
  role: RecipientRoleSchema.nullable().default(null),
});
export type RecipientCreate = z.infer<typeof RecipientCreateSchema>;

/** Body of PATCH /api/recipients/:id: any subset. */
export const RecipientPatchSchema = z.object({
  email: EmailSchema.optional(),
  name: NameSchema.optional(),
  lang: LangSchema.optional(),
  active: z.boolean().optional(),
  role: RecipientRoleSchema.nullable().optional(),
});
export type RecipientPatch = z.infer<typeof RecipientPatchSchema>;
