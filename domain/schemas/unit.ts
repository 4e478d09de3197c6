/** A unit (đơn vị) of the agency tree. */
import { z } from 'zod';
import { CodeSchema } from './common.ts';

export const UnitSchema = z.object({
  code: CodeSchema,
  name: z.string().min(1),
  parentCode: CodeSchema.nullable(),
  headcount: z.number().int().min(0),
  aliases: z.array(z.string()),
});
export type Unit = z.infer<typeof UnitSchema>;
