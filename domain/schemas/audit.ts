/** One row of the audit trail, as the API and the audit view show it. */
import { z } from 'zod';

export const AuditActorKindSchema = z.enum(['user', 'token', 'cli', 'system']);

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  /** ISO-8601 UTC. */
  at: z.string(),
  actor: z.string().nullable(),
  actorKind: AuditActorKindSchema,
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityKey: z.string().nullable(),
  unitCode: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = z.object({
  actor: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityKey: z.string().max(200).optional(),
  unit: z.string().max(64).optional(),
  /** Inclusive ISO date/time bounds. */
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  /** Rows with id below this (paging backwards). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
