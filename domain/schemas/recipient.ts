/** A recipient of a unit's monthly summary email (party committee, leaders, finance officers). */
import { z } from 'zod';
import { CodeSchema } from './common.ts';

export const LangSchema = z.enum(['vi', 'en']);
export type Lang = z.infer<typeof LangSchema>;

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
});
export type Recipient = z.infer<typeof RecipientSchema>;

/** Body of POST /api/recipients. */
export const RecipientCreateSchema = z.object({
  unitCode: CodeSchema,
  email: EmailSchema,
  name: NameSchema.optional(),
  lang: LangSchema.default('vi'),
  active: z.boolean().default(true),
});
export type RecipientCreate = z.infer<typeof RecipientCreateSchema>;

/** Body of PATCH /api/recipients/:id: any subset. */
export const RecipientPatchSchema = z.object({
  email: EmailSchema.optional(),
  name: NameSchema.optional(),
  lang: LangSchema.optional(),
  active: z.boolean().optional(),
});
export type RecipientPatch = z.infer<typeof RecipientPatchSchema>;
