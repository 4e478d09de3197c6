/**
 * A close whose holder died mid-run is finished without an operator: a holder that provably died on
 * this host gives up its lease at once; a holder elsewhere keeps it until it expires, and then the
 * running scheduler retries (not the next firing of the schedule, a month away); `--force` takes
 * over an expired lease and says so, and refuses a live one naming the holder.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { insertWorkedExample } from './results.fixtures.ts';
import { runMonthlyClose, closeRetryDelay } from '../../jobs/monthly-close.ts';
import { getRun, holderIsDead, PROCESS_OWNER } from '../../server/job-runs/job-runs.repository.ts';
import { startScheduler } from '../../jobs/scheduler.ts';
import { systemClock } from '../../server/clock.ts';
import { runCli } from '../helpers/cli.ts';

const JOB = 'monthly-close';
const ns = PROCESS_OWNER.split(':')[3];

/** The owner string of a process that ran on this host and is gone now. */
async function deadLocalOwner(): Promise<string> {
  const child = spawn(process.execPath, ['-e', '0']);
  const pid = child.pid!;
  await new Promise((r) => child.on('exit', r));
  return `${os.hostname()}:${pid}:dead01:${ns}`;
}

async function holdRun(t: TestApp, period: string, owner: string, leaseUntil: Date): Promise<void> {
  await t.deps.db.deleteFrom('job_runs').where('job', '=', JOB).where('period', '=', period).execute();
  await t.deps.db
    .insertInto('job_runs')
    .values({
      job: JOB,
      period,
      status: 'running',
      owner,
      lease_until: leaseUntil.toISOString(),
      attempts: 1,
      started_at: new Date(leaseUntil.getTime() - 900_000).toISOString(),
      finished_at: null,
      error: null,
      detail: null,
    })
    .execute();
}

describe('a close whose holder died', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await insertWorkedExample(t.deps.db);
  });
  afterAll(() => t.close());

  it('tells a dead local holder from a live one, another host, or another PID namespace', async () => {
    const dead = await deadLocalOwner();
    expect(holderIsDead(dead)).toBe(true);
    expect(holderIsDead(PROCESS_OWNER)).toBe(false);
    expect(holderIsDead(`${os.hostname()}:${process.ppid}:abc123:${ns}`)).toBe(false); // alive
    expect(holderIsDead(`${os.hostname()}:${process.pid}:zzz999:${ns}`)).toBe(true); // an earlier process with our pid
    expect(holderIsDead(dead.replace(os.hostname(), 'other-host'))).toBe(false);
    expect(holderIsDead(dead.replace(/:\d*$/, ':1'))).toBe(false); // another PID namespace (a container)
    expect(holderIsDead('legacy-host:123:abcdef')).toBe(false);
  });

  it('takes over at once from a holder that provably died on this host, lease or not', async () => {
    t.clock.set('2021-01-06T00:00:00Z');
    const owner = await deadLocalOwner();
    await holdRun(t, '2020-03', owner, new Date('2021-01-06T00:14:00Z'));
    const o = await runMonthlyClose(t.deps, '2020-03');
    expect(o).toMatchObject({ status: 'closed', tookOver: { from: owner, why: 'holder_dead' } });
    expect(await getRun(t.deps.db, JOB, '2020-03')).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('leaves a run held elsewhere until its lease ends, saying who holds it and until when; then takes it', async () => {
    t.clock.set('2021-01-06T00:00:00Z');
    const owner = 'other-host:4242:abcdef:4026531836';
    await holdRun(t, '2020-04', owner, new Date('2021-01-06T00:10:00Z'));
    const busy = await runMonthlyClose(t.deps, '2020-04');
    expect(busy).toMatchObject({ status: 'busy', holder: owner, leaseUntil: '2021-01-06T00:10:00.000Z' });
    // The scheduler looks again just after the lease ends, not a month later.
    expect(closeRetryDelay([busy], t.clock.now(), 3600)).toBe(601_000);
    expect(closeRetryDelay([busy], t.clock.now(), 60)).toBe(60_000);
    t.clock.set('2021-01-06T00:10:01Z');
    expect(await runMonthlyClose(t.deps, '2020-04')).toMatchObject({
      status: 'closed',
      tookOver: { from: owner, why: 'lease_expired' },
    });
  });

  it('CLI --force: refuses a live lease naming the holder; takes over an expired one and says so', async () => {
    const owner = 'other-host:4242:abcdef:4026531836';
    await holdRun(t, '2020-05', owner, new Date(Date.now() + 600_000));
    const refused = await runCli(t.tdb.url, ['jobs', 'run', 'monthly', '--period', '2020-05', '--force']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`đang được tiến trình ${owner} chốt`);
    await holdRun(t, '2020-05', owner, new Date(Date.now() - 1000));
    const forced = await runCli(t.tdb.url, ['jobs', 'run', 'monthly', '--period', '2020-05', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('2020-05: đã chốt');
    expect(forced.stdout).toContain(
      `tiếp quản lần chốt dở dang của ${owner} (quyền giữ của tiến trình trước đã hết hạn)`,
    );
  }, 60_000);

  it('the running scheduler closes a month once its dead holder’s lease ends, with the default schedule', async () => {
    // Real time: the default schedule (02:00 on the 6th) fired long after 2020-06 ended, so it is due.
    const deps = { ...t.deps, clock: systemClock, env: { ...t.deps.env, CLOSE_RETRY_SECONDS: 60 } };
    const owner = 'other-host:4242:abcdef:4026531836';
    await holdRun(t, '2020-06', owner, new Date(Date.now() + 2500));
    const started = Date.now();
    const scheduler = await startScheduler(deps);
    try {
      for (;;) {
        const run = await getRun(t.deps.db, JOB, '2020-06');
        if (run?.status === 'succeeded') {
          expect(run.attempts).toBe(2);
          break;
        }
        expect(Date.now() - started, 'closed within the lease + 1 s retry').toBeLessThan(20_000);
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await scheduler.stop();
    }
  }, 60_000);
});
