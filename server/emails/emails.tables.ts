/** Table types for the email outbox (migration 20261123220000), added to Database by augmentation. */
import type { Generated } from 'kysely';
import type { OutboxKind } from '../../domain/schemas/email.ts';
import '../recipients/recipients.tables.ts';

export type { OutboxKind };
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface EmailOutboxTable {
  id: Generated<number>;
  /** No foreign key: the outbox outlives a deleted recipient. */
  recipient_id: number;
  unit_id: number;
  period: string;
  kind: OutboxKind;
  /** 1 for the summary and for a reminder stage (so each is queued once); corrections and resends count up per (recipient, unit, period, kind). */
  version: number;
  to_address: string;
  to_name: string;
  lang: 'vi' | 'en';
  subject: string;
  html: string;
  text_body: string;
  /** sha256 of the language-independent numbers the message reports; decides whether a correction is due. */
  content_hash: string;
  message_id: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  lease_owner: string | null;
  last_error: string | null;
  sent_at: string | null;
  resend_of: number | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

declare module '../db/schema.ts' {
  interface Database {
    email_outbox: EmailOutboxTable;
  }
}
