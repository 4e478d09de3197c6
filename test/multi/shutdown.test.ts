/**
 * Graceful shutdown of a real app process: on SIGTERM readiness turns 503 at once while the
 * process stays alive for the drain period, then it exits 0; a request under way when the
 * signal comes is finished and answered, and so is a monthly close that is running; a second
 * signal (a second or more after the first) exits at once.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { killAll, runCli, signIn, sleep, startApp, waitFor } from './processes.ts';
import { lastDuePeriod } from '../../domain/close-schedule.ts';
import '../../server/results/results.tables.ts';
import '../../server/emails/emails.tables.ts';

describe('graceful shutdown', () => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb();
  });
  afterAll(async () => {
    await killAll();
    await tdb?.close();
  });

  it('drains: ready 503, health 200, then exits 0', async () => {
    const a = await startApp('A', { DATABASE_URL: tdb.url, JOBS_ENABLED: '0', SHUTDOWN_DRAIN_SECONDS: '2' });
    expect((await fetch(`${a.url}/api/ready`)).status).toBe(200);
    const t0 = Date.now();
    a.proc.kill('SIGTERM');
    const ready = await waitFor(
      'ready to turn 503',
      async () => {
        const r = await fetch(`${a.url}/api/ready`);
        return r.status === 503 ? ((await r.json()) as { checks: { draining: boolean } }) : null;
      },
      2000,
      50,
    );
    expect(ready.checks.draining).toBe(true);
    expect((await fetch(`${a.url}/api/health`)).status).toBe(200);
    const exit = await a.exited;
    expect(exit.code, a.output()).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
  });

  it('a second signal exits at once with code 1', async () => {
    const a = await startApp('B', { DATABASE_URL: tdb.url, JOBS_ENABLED: '0', SHUTDOWN_DRAIN_SECONDS: '30' });
    a.proc.kill('SIGTERM');
    await waitFor('draining', async () => (await fetch(`${a.url}/api/ready`)).status === 503, 2000, 50);
    // The same signal repeated at once is one request (npm forwards a terminal's Ctrl-C).
    a.proc.kill('SIGTERM');
    await sleep(300);
    expect(a.alive()).toBe(true);
    await sleep(1000);
    a.proc.kill('SIGTERM');
    const exit = await a.exited;
    expect(exit.code).toBe(1);
  });

  it('finishes a request that is under way when SIGTERM comes, then exits 0', async () => {
    const a = await startApp('C', { DATABASE_URL: tdb.url, JOBS_ENABLED: '0', SEED_DEMO: '1' }, { timeoutMs: 120_000 });
    const session = await signIn(a);
    const boundary = 'tkboundary' + Date.now();
    const csv = [
      'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú',
      ...Array.from(
        { length: 12 },
        (_, m) => `STTTT-VP,2017-${String(m + 1).padStart(2, '0')},Văn phòng phẩm,${1000 + m},,`,
      ),
    ].join('\n');
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nfigures\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    );
    const agent = new http.Agent({ keepAlive: true });
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        `${a.url}/api/imports`,
        {
          method: 'POST',
          agent,
          headers: {
            ...session,
            origin: a.url,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': body.length,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      // Half the upload now; the signal comes while the server is still reading the body.
      req.write(body.subarray(0, 200));
      setTimeout(() => {
        a.proc.kill('SIGTERM');
        setTimeout(() => req.end(body.subarray(200)), 700);
      }, 500);
    });
    const r = await answered;
    const answeredAt = Date.now();
    expect(r.status, r.body).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, inserted: 12 });
    const exit = await a.exited;
    expect(exit.code, a.output()).toBe(0);
    // Not held open by the idle keep-alive connection (keepAliveTimeout is 5 s).
    expect(Date.now() - answeredAt).toBeLessThan(3000);
    agent.destroy();
    await sleep(0);
  }, 180_000);

  it('lets a running monthly close finish before it exits', async () => {
    const db2 = await createTestDb();
    try {
      const last = lastDuePeriod(new Date(), '0 2 6 * *'); // the newest month the start-up catch-up closes
      runCli(['demo'], { DATABASE_URL: db2.url });
      runCli(['jobs', 'due'], { DATABASE_URL: db2.url });
      await db2.db.deleteFrom('email_outbox').execute();
      await db2.db.deleteFrom('job_runs').where('job', '=', 'monthly-close').where('period', '=', last).execute();
      const a = await startApp('D', {
        DATABASE_URL: db2.url,
        JOBS_ENABLED: '1',
        CLOSE_SCHEDULE: '0 2 6 * *',
        CLOSE_TEST_DELAY_MS: '3000',
        OUTBOX_DIR: `${db2.dir}/outbox`,
      });
      const run = await waitFor(
        'the start-up catch-up to be closing the last month',
        async () => {
          const r = await db2.db
            .selectFrom('job_runs')
            .selectAll()
            .where('job', '=', 'monthly-close')
            .where('period', '=', last)
            .executeTakeFirst();
          return r?.status === 'running' ? r : null;
        },
        60_000,
        100,
      );
      expect(Number(run.owner!.split(':')[1])).toBe(a.proc.pid);
      a.proc.kill('SIGTERM');
      const exit = await a.exited;
      expect(exit.code, a.output()).toBe(0);
      const done = await db2.db
        .selectFrom('job_runs')
        .selectAll()
        .where('job', '=', 'monthly-close')
        .where('period', '=', last)
        .executeTakeFirstOrThrow();
      expect(done).toMatchObject({ status: 'succeeded', owner: run.owner, attempts: 1 });
      expect(
        (await db2.db.selectFrom('email_outbox').select('id').where('period', '=', last).execute()).length,
      ).toBeGreaterThan(0);
    } finally {
      await db2.close();
    }
  }, 240_000);
});
