/** A spending category (khoản chi), e.g. stationery, phone, electricity. */
import { z } from 'zod';
import { BasisSchema, CodeSchema } from './common.ts';

export const CategorySchema = z.object({
  code: CodeSchema,
  nameVi: z.string().min(1),
  nameEn: z.string().min(1),
  /** Unit of the metered quantity ('kWh', 'm³', 'lít'), null when only đồng are recorded. */
  quantityUnit: z.string().nullable(),
  defaultBasis: BasisSchema,
  /** Default savings target in percent (10 = 10%). */
  defaultTargetPct: z.number().nullable(),
  aliases: z.array(z.string()),
  retired: z.boolean(),
  sortOrder: z.number().int(),
});
export type Category = z.infer<typeof CategorySchema>;
