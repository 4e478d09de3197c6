/**
 * kill -9 of the instance that holds the monthly close, mid-run: its transaction dies with it
 * (no half snapshot, no queued email), and the other instance (on the same host, so it can see the
 * holder's pid is gone) closes the month at its next tick; each recipient still gets exactly one
 * email per unit. Only the close's emails (kind `summary`) are counted: from 08:00 on the 3rd to the
 * month's end the instances also queue last month's reminders at start-up (jobs/reminders.ts).
 * Uses the test-only hooks of the close: CLOSE_TEST_DELAY_MS (a pause inside the close
 * transaction) and a short CLOSE_LEASE_SECONDS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { killAll, runCli, sleep, startApp, waitFor, type AppProcess } from './processes.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { lastClosedPeriod } from '../../domain/months.ts';
import '../../server/results/results.tables.ts';
import '../../server/emails/emails.tables.ts';

const CLOSE = 'monthly-close';

describe('kill -9 of the instance holding the close', () => {
  let tdb: TestDb;
  let smtp: TestSmtp;
  let apps: AppProcess[];
  const last = lastClosedPeriod(new Date());
  /** The close's emails of the month (not the reminders), queued and received. */
  const summaries = () => tdb.db.selectFrom('email_outbox').where('period', '=', last).where('kind', '=', 'summary');
  const received = () =>
    smtp.received.filter(
      (m) => m.headers.get('x-tietkiem-period') === last && m.headers.get('x-tietkiem-kind') === 'summary',
    );

  beforeAll(async () => {
    smtp = await startSmtp();
    tdb = await createTestDb({ dialect: 'postgres' });
    runCli(['demo'], { DATABASE_URL: tdb.url });
    // Close the history beforehand, then reopen the last month: only it is due when the instances start.
    runCli(['jobs', 'due'], { DATABASE_URL: tdb.url });
    await tdb.db.deleteFrom('email_outbox').execute();
    await tdb.db.deleteFrom('job_runs').where('job', '=', CLOSE).where('period', '=', last).execute();
    const env = {
      DATABASE_URL: tdb.url,
      PG_POOL_MAX: '4',
      JOBS_ENABLED: '1',
      CLOSE_SCHEDULE: '* * * * * *',
      CLOSE_TEST_DELAY_MS: '4000',
      CLOSE_LEASE_SECONDS: '8',
      SMTP_URL: smtp.url,
      EMAIL_SEND_INTERVAL_SECONDS: '1',
    };
    apps = await Promise.all([startApp('C', env), startApp('D', env)]);
  }, 240_000);

  afterAll(async () => {
    await killAll();
    await smtp?.close();
    await tdb?.close();
  });

  it('the other instance completes the close after the lease expires, without duplicates', async () => {
    const held = await waitFor(
      'a close run held by one instance',
      async () => {
        const r = await tdb.db
          .selectFrom('job_runs')
          .selectAll()
          .where('job', '=', CLOSE)
          .where('period', '=', last)
          .executeTakeFirst();
        return r?.status === 'running' ? r : null;
      },
      60_000,
      100,
    );
    const pid = Number(held.owner!.split(':')[1]);
    const victim = apps.find((x) => x.proc.pid === pid);
    const survivor = apps.find((x) => x.proc.pid !== pid)!;
    expect(victim, `owner ${held.owner} is none of ${apps.map((x) => x.proc.pid).join(', ')}`).toBeDefined();
    await sleep(1000); // well inside the 4 s pause: snapshots written, emails queued, not committed
    victim!.proc.kill('SIGKILL');
    expect((await victim!.exited).signal).toBe('SIGKILL');
    const killedAt = Date.now();
    expect(await summaries().select('id').execute()).toEqual([]);

    const done = await waitFor(
      'the survivor to close the month',
      async () => {
        const r = await tdb.db
          .selectFrom('job_runs')
          .selectAll()
          .where('job', '=', CLOSE)
          .where('period', '=', last)
          .executeTakeFirst();
        return r?.status === 'succeeded' ? r : null;
      },
      60_000,
      250,
    );
    expect(Number(done.owner!.split(':')[1])).toBe(survivor.proc.pid);
    expect(done.attempts).toBe(2);
    // Both instances run on this host: the survivor sees the holder's pid gone and takes over at
    // once, before the dead holder's lease runs out (a holder on another host keeps its lease: see
    // test/integration/close-takeover.test.ts).
    expect(new Date(done.started_at).getTime()).toBeLessThan(new Date(held.lease_until!).getTime());
    expect(new Date(done.started_at).getTime()).toBeGreaterThanOrEqual(killedAt - 1000);
    expect(JSON.parse(done.detail!)).toMatchObject({ tookOver: { from: held.owner, why: 'holder_dead' } });

    await waitFor(
      'the emails of the month sent',
      async () => {
        const rows = await summaries().select(['status']).execute();
        return rows.length > 0 && rows.every((r) => r.status === 'sent') && received().length >= rows.length;
      },
      60_000,
      250,
    );
    await sleep(2000);

    const outbox = await summaries().selectAll().execute();
    const recipients = await tdb.db
      .selectFrom('recipients')
      .select(['id', 'unit_id'])
      .where('active', '=', 1)
      .execute();
    expect(outbox.map((m) => `${m.recipient_id}/${m.unit_id}/${m.kind}`).sort()).toEqual(
      recipients.map((r) => `${r.id}/${r.unit_id}/summary`).sort(),
    );
    const got = received();
    expect(got.map((m) => m.messageId).sort()).toEqual(outbox.map((m) => m.message_id).sort());
    const all = smtp.received.map((m) => m.messageId);
    expect(new Set(all).size).toBe(all.length);
    expect(survivor.alive()).toBe(true);
  }, 180_000);
});
