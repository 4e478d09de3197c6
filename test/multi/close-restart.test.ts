/**
 * kill -9 during the monthly close, then a restart with the DEFAULT schedule (02:00 on the 6th):
 * the restarted instance finishes the close at start-up (the dead holder was on this host and its
 * pid is gone, so its 15-minute lease does not hold the month), once, and the snapshots equal
 * those of a clean close. Before, catch-up logged `busy` and nothing retried until next month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { killAll, runCli, sleep, startApp, waitFor } from './processes.ts';
import { lastDuePeriod, DEFAULT_CLOSE_SCHEDULE } from '../../domain/close-schedule.ts';
import '../../server/results/results.tables.ts';
import '../../server/emails/emails.tables.ts';

const CLOSE = 'monthly-close';

describe('kill -9 mid-close, then a restart with the default schedule', () => {
  let tdb: TestDb;
  const last = lastDuePeriod(new Date(), DEFAULT_CLOSE_SCHEDULE);

  async function snapshots() {
    const rows = await tdb.db
      .selectFrom('result_snapshots')
      .selectAll()
      .where('period', '=', last)
      .orderBy('unit_id')
      .orderBy('category_id')
      .execute();
    return rows.map(({ id: _id, ...r }) => r);
  }

  beforeAll(async () => {
    tdb = await createTestDb({ dialect: 'postgres' });
    runCli(['demo'], { DATABASE_URL: tdb.url });
    runCli(['jobs', 'due'], { DATABASE_URL: tdb.url });
    // Reopen the last due month: only it is owed when the instance starts.
    await tdb.db.deleteFrom('email_outbox').where('period', '=', last).execute();
    await tdb.db.deleteFrom('job_runs').where('job', '=', CLOSE).where('period', '=', last).execute();
  }, 240_000);

  afterAll(async () => {
    await killAll();
    await tdb?.close();
  });

  it('finishes the close at start-up, once, with the snapshots of a clean close', async () => {
    const env = { DATABASE_URL: tdb.url, PG_POOL_MAX: '4', JOBS_ENABLED: '1', EMAIL_SEND_INTERVAL_SECONDS: '3600' };
    const first = await startApp('A', { ...env, CLOSE_TEST_DELAY_MS: '6000' }, { timeoutMs: 120_000 });
    const held = await waitFor(
      'the close of the last due month held by A',
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
    expect(Number(held.owner!.split(':')[1])).toBe(first.proc.pid);
    await sleep(1000);
    first.proc.kill('SIGKILL');
    await first.exited;

    const restarted = await startApp('A again', env, { timeoutMs: 120_000 });
    const done = await waitFor(
      'the restarted instance to finish the close',
      async () => {
        const r = await tdb.db
          .selectFrom('job_runs')
          .selectAll()
          .where('job', '=', CLOSE)
          .where('period', '=', last)
          .executeTakeFirst();
        return r?.status === 'succeeded' ? r : null;
      },
      30_000,
      200,
    );
    expect(Number(done.owner!.split(':')[1])).toBe(restarted.proc.pid);
    expect(done.attempts).toBe(2);
    // Well before the dead holder's 15-minute lease would have run out.
    expect(new Date(done.finished_at!).getTime()).toBeLessThan(new Date(held.lease_until!).getTime());
    expect(JSON.parse(done.detail!)).toMatchObject({ tookOver: { from: held.owner, why: 'holder_dead' } });
    expect(restarted.output()).toContain('taken over');

    // Exactly one summary per recipient and unit for the month.
    const outbox = await tdb.db
      .selectFrom('email_outbox')
      .select(['recipient_id', 'unit_id', 'kind'])
      .where('period', '=', last)
      .execute();
    const keys = outbox.map((m) => `${m.recipient_id}/${m.unit_id}/${m.kind}`);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);

    // The same snapshots as a clean close of the month.
    const afterTakeover = await snapshots();
    expect(afterTakeover.length).toBeGreaterThan(0);
    runCli(['jobs', 'run', 'monthly', '--period', last, '--force'], { DATABASE_URL: tdb.url });
    expect(await snapshots()).toEqual(afterTakeover);
  }, 400_000);
});
