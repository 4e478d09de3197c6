/**
 * The delivery loop: claim due outbox rows with a lease, send each through the transport, mark
 * it sent; a failure goes back to pending with exponential backoff, and after
 * EMAIL_MAX_ATTEMPTS tries it is failed for good (listed at GET /api/emails/outbox?status=failed).
 *
 * Guarantee: at-least-once delivery, every copy with the same deterministic Message-ID, which
 * mail servers and clients treat as one message, so effectively once. The only window for a
 * second copy is between the SMTP server accepting the message and our UPDATE marking it sent
 * (a crash there leaves the row "sending"; when its lease expires it is sent again, same
 * Message-ID). Rows are claimed one at a time by a conditional UPDATE, so two instances never
 * send the same row at the same moment, and each row is tried on its own: one refusing address
 * never holds up the others.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../deps.ts';
import type { SendReport } from '../../domain/schemas/email.ts';
import * as repo from './outbox.repository.ts';
import { createMailTransport, type MailTransport } from './transport.ts';
import { mailDomain, messageIdFor } from './message-id.ts';

export interface RunSenderOptions {
  /** Defaults to deps.clock.now(). */
  now?: Date;
  /** Most rows to claim in this pass (default 100). */
  limit?: number;
  /** Defaults to the transport named by the environment. */
  transport?: MailTransport;
  /**
   * Tests only: simulate the process dying right after the transport accepted a message and
   * before the database marks it sent. The pass throws SimulatedCrash with the row left "sending".
   */
  crashAfterSend?: boolean;
  /**
   * Asked before each claim: once it answers true the pass ends after the message being sent
   * (shutdown: that one is finished and marked sent, the rest stay due for the next pass).
   */
  stopRequested?: () => boolean;
}

export class SimulatedCrash extends Error {}

/** Seconds to wait after the n-th failed try (n ≥ 1): base, 2·base, 4·base, ... */
export function backoffSeconds(n: number, base: number): number {
  return base * 2 ** Math.max(0, n - 1);
}

const addSeconds = (d: Date, s: number) => new Date(d.getTime() + s * 1000).toISOString();

/** SMTP errors carry a response code; keep the message short and free of credentials. */
function describeError(e: unknown): string {
  const err = e as { responseCode?: number; response?: string; code?: string; message?: string };
  const text = err.response ?? err.message ?? String(e);
  return [err.responseCode, err.code, text].filter(Boolean).join(' ').slice(0, 500);
}

/** A correction threads under the summary it corrects in the reader's mail client. */
function threadHeaders(row: repo.OutboxRow, mailFrom: string): Record<string, string> {
  if (row.kind !== 'correction') return {};
  const original = messageIdFor(
    { recipientId: row.recipient_id, unitCode: row.unit_code, period: row.period, kind: 'summary', version: 1 },
    mailDomain(mailFrom),
  );
  return { 'In-Reply-To': original, References: original };
}

/** One pass: sends every due message (up to limit) and returns what happened. */
export async function runSender(deps: AppDeps, opts: RunSenderOptions = {}): Promise<SendReport> {
  const { env, db, logger } = deps;
  const now = opts.now ?? deps.clock.now();
  const nowIso = now.toISOString();
  const owner = randomUUID();
  const report: SendReport = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  const ids = await repo.dueIds(db, nowIso, opts.limit ?? 100);
  if (!ids.length) return report;

  const transport = opts.transport ?? createMailTransport(env, logger);
  try {
    for (const id of ids) {
      if (opts.stopRequested?.()) break;
      const leaseUntil = addSeconds(now, env.EMAIL_LEASE_SECONDS);
      if (!(await repo.claim(db, id, nowIso, leaseUntil, owner))) continue; // another sender took it
      report.claimed++;
      const row = (await repo.getMessage(db, id))!;
      try {
        await transport.send({
          from: env.MAIL_FROM,
          to: { name: row.to_name, address: row.to_address },
          subject: row.subject,
          html: row.html,
          text: row.text_body,
          messageId: row.message_id,
          headers: {
            'X-Tietkiem-Kind': row.kind,
            'X-Tietkiem-Period': row.period,
            'X-Tietkiem-Unit': row.unit_code,
            ...threadHeaders(row, env.MAIL_FROM),
          },
        });
      } catch (e) {
        const error = describeError(e);
        const final = row.attempts >= env.EMAIL_MAX_ATTEMPTS;
        const next = final ? null : addSeconds(now, backoffSeconds(row.attempts, env.EMAIL_RETRY_BASE_SECONDS));
        await repo.markAttemptFailed(db, id, owner, error, nowIso, next);
        if (final) report.failed++;
        else report.retrying++;
        logger.warn(
          { id, to: row.to_address, attempt: row.attempts, nextAttemptAt: next, error },
          final ? 'email failed for good' : 'email send failed; will retry',
        );
        continue;
      }
      if (opts.crashAfterSend) throw new SimulatedCrash(`simulated crash after sending outbox row ${id}`);
      await repo.markSent(db, id, new Date(Math.max(now.getTime(), deps.clock.now().getTime())).toISOString());
      report.sent++;
      logger.info(
        { id, to: row.to_address, messageId: row.message_id, kind: row.kind, period: row.period },
        'email sent',
      );
    }
  } finally {
    if (!opts.transport) transport.close();
  }
  return report;
}

/**
 * Runs the sender every EMAIL_SEND_INTERVAL_SECONDS (and once at start) until stopped; passes
 * never overlap inside one process, and the claim keeps instances apart. stop() waits for the
 * message being sent, then ends the running pass.
 */
export function startSenderLoop(deps: AppDeps, opts: { intervalMs?: number } = {}): { stop(): Promise<void> } {
  const intervalMs = opts.intervalMs ?? deps.env.EMAIL_SEND_INTERVAL_SECONDS * 1000;
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = runSender(deps, { stopRequested: () => stopped })
      .then((r) => {
        if (r.claimed) deps.logger.info(r, 'email sender pass');
      })
      .catch((e) => deps.logger.error({ err: e }, 'email sender pass failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref?.();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
