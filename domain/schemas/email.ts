/** A message of the email outbox as administrators see it (GET /api/emails/outbox). */
import { z } from 'zod';

export const OutboxStatusSchema = z.enum(['pending', 'sending', 'sent', 'failed', 'cancelled']);
export const OutboxKindSchema = z.enum(['summary', 'correction', 'resend']);

export const OutboxMessageSchema = z.object({
  id: z.number().int(),
  recipientId: z.number().int(),
  unitCode: z.string(),
  period: z.string(),
  kind: OutboxKindSchema,
  version: z.number().int(),
  to: z.string(),
  toName: z.string(),
  lang: z.enum(['vi', 'en']),
  subject: z.string(),
  status: OutboxStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  messageId: z.string(),
  sentAt: z.string().nullable(),
  resendOf: z.number().int().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;

/** What one pass of the sender did. */
export const SendReportSchema = z.object({
  claimed: z.number().int(),
  sent: z.number().int(),
  retrying: z.number().int(),
  failed: z.number().int(),
});
export type SendReport = z.infer<typeof SendReportSchema>;
