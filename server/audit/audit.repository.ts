/**
 * The audit trail: recordAudit() appends one row per change; listAudit() reads them back with
 * filters for the administrators' view. There is deliberately no update or delete here, and
 * the database refuses both (trigger in the migration).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AuditEntry, AuditQuery } from '../../domain/schemas/audit.ts';
import './audit.tables.ts';

export interface AuditRecord {
  /** Email of the person (or token owner); null for the system. */
  actor: string | null;
  actorKind?: 'user' | 'token' | 'cli' | 'system';
  ip?: string | null;
  /** Dotted verb, e.g. 'figures.import', 'figure.correct', 'setting.update', 'period.lock', 'user.create'. */
  action: string;
  entityType: string;
  entityKey?: string | null;
  unitCode?: string | null;
  before?: unknown;
  after?: unknown;
  /** ISO time; pass isoNow(deps.clock) so tests control it. Defaults to the system clock. */
  at?: string;
}

/** Who did it and from where: a Caller (server/auth/caller.ts) from callerOf(c), cliCaller() or SYSTEM_CALLER. */
export type AuditActor = Pick<AuditRecord, 'actor' | 'actorKind' | 'ip'>;

// A before/after larger than this is cut (an import's audit row carries a summary, not the file).
const MAX_JSON = 64 * 1024;

function toJson(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const s = JSON.stringify(v);
  return s.length > MAX_JSON ? JSON.stringify({ truncated: true, preview: s.slice(0, 2000) }) : s;
}

/**
 * Appends one audit row. Call it inside the same transaction as the change when there is one
 * (pass the trx), so that the change and its trace commit or roll back together.
 * @example await recordAudit(trx, { ...by, action: 'setting.update', entityType: 'setting', entityKey: 'STTTT/phone/2026', before, after })
 */
export async function recordAudit(db: Kysely<Database>, entry: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at ?? new Date().toISOString(),
      actor: entry.actor,
      actor_kind: entry.actorKind ?? (entry.actor ? 'user' : 'system'),
      ip: entry.ip ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_key: entry.entityKey ?? null,
      unit_code: entry.unitCode ?? null,
      before_json: toJson(entry.before),
      after_json: toJson(entry.after),
    })
    .execute();
}

/** Newest first, filtered; `before` pages backwards by id. */
export async function listAudit(db: Kysely<Database>, q: AuditQuery): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (q.actor) query = query.where('actor', '=', q.actor.trim().toLowerCase());
  if (q.action) {
    // A prefix is compared as text, never through LIKE: '%' and '_' in the filter mean themselves.
    const prefix = `${q.action.replace(/\.$/, '')}.`;
    query =
      q.action.endsWith('.') || !q.action.includes('.')
        ? query.where(sql`substr(action, 1, ${sql.lit(prefix.length)})`, '=', prefix)
        : query.where('action', '=', q.action);
  }
  if (q.entityType) query = query.where('entity_type', '=', q.entityType);
  if (q.entityKey) query = query.where('entity_key', '=', q.entityKey);
  if (q.unit) query = query.where('unit_code', '=', q.unit);
  if (q.from) query = query.where('at', '>=', q.from);
  // A bare date as upper bound means the whole day.
  if (q.to) query = query.where('at', '<=', /^\d{4}-\d{2}-\d{2}$/.test(q.to) ? `${q.to}T23:59:59.999Z` : q.to);
  if (q.before) query = query.where('id', '<', q.before);
  const rows = await query.orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actor: r.actor,
    actorKind: r.actor_kind,
    ip: r.ip,
    action: r.action,
    entityType: r.entity_type,
    entityKey: r.entity_key,
    unitCode: r.unit_code,
    before: r.before_json == null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json == null ? null : (JSON.parse(r.after_json) as unknown),
  }));
}
