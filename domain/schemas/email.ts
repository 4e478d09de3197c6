/** A message of the email outbox as administrators see it (GET /api/emails/outbox), and the reminders. */
import { z } from 'zod';
import { RecipientRoleSchema } from './recipient.ts';

export const OutboxStatusSchema = z.enum(['pending', 'sending', 'sent', 'failed', 'cancelled']);

/**
 * The reminder stages (domain.md "Completeness"): the finance officer of a unit that has not
 * submitted last month is reminded on REMINDER_SCHEDULE (the 3rd), its head told on
 * ESCALATION_SCHEDULE (the 5th, the due day) when the unit is still missing.
 */
export const ReminderStageSchema = z.enum(['reminder', 'escalation']);
export type ReminderStage = z.infer<typeof ReminderStageSchema>;

export const OutboxKindSchema = z.enum(['summary', 'correction', 'resend', ...ReminderStageSchema.options]);
export type OutboxKind = z.infer<typeof OutboxKindSchema>;

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

/** Who was reminded when (GET /api/emails/reminders): one outbox message of a reminder stage. */
export const ReminderEntrySchema = z.object({
  id: z.number().int(),
  unitCode: z.string(),
  unitName: z.string(),
  period: z.string(),
  stage: ReminderStageSchema,
  recipientName: z.string(),
  role: RecipientRoleSchema.nullable(),
  status: OutboxStatusSchema,
  /** When it was queued (the schedule fired) and when it went out (null until sent). */
  queuedAt: z.string(),
  sentAt: z.string().nullable(),
});
export type ReminderEntry = z.infer<typeof ReminderEntrySchema>;
