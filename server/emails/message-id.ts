/**
 * Deterministic identities: the Message-ID of an outbox message is a function of (recipient,
 * unit, period, kind, version), so a message re-sent after a crash carries the same Message-ID
 * as the copy that may already have gone out, and mail clients and servers treat the two as one.
 */
import { createHash } from 'node:crypto';
import type { OutboxKind } from '../../domain/schemas/email.ts';

export interface MessageKey {
  recipientId: number;
  unitCode: string;
  period: string;
  kind: OutboxKind;
  version: number;
}

/** The domain after '@' in MAIL_FROM ("Tiết Kiệm <tk@so.gov.vn>" → "so.gov.vn"), or "tietkiem.local". */
export function mailDomain(mailFrom: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom.trim());
  return m ? m[1].toLowerCase() : 'tietkiem.local';
}

/**
 * @example messageIdFor({recipientId: 3, unitCode: 'STTTT', period: '2026-10', kind: 'summary', version: 1}, 'so.gov.vn')
 * // '<tk.2026-10.summary.1.5f0c…@so.gov.vn>'
 */
export function messageIdFor(key: MessageKey, domain: string): string {
  const h = createHash('sha256')
    .update(`${key.recipientId}|${key.unitCode}|${key.period}|${key.kind}|${key.version}`)
    .digest('hex')
    .slice(0, 20);
  return `<tk.${key.period}.${key.kind}.${key.version}.${h}@${domain}>`;
}

/** sha256 of a canonical JSON of what a message reports. */
export function contentHash(content: unknown): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
