/** Kysely type of the append-only audit log (migration 20261123230001_audit). */
import type { Generated } from 'kysely';

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** Email of the user (or token owner); null for the system (jobs). */
  actor: string | null;
  actor_kind: 'user' | 'token' | 'cli' | 'system';
  ip: string | null;
  /** e.g. 'figures.import', 'figure.correct', 'setting.update', 'period.lock', 'user.create'. */
  action: string;
  entity_type: string;
  entity_key: string | null;
  unit_code: string | null;
  before_json: string | null;
  after_json: string | null;
}

declare module '../db/schema.ts' {
  interface Database {
    audit_log: AuditLogTable;
  }
}
