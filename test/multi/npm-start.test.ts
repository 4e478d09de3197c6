/**
 * `npm start` as an operator (systemd, a container, a supervisor) runs it: npm starts node on the
 * compiled server (build/server/index.js) as its one child, and a SIGTERM to the PID `npm start`
 * returned shuts the server down cleanly: the email being sent is finished and marked sent, the
 * rest wait, the database closes, the process exits 0 with "shut down cleanly" in its log, and the
 * port is free again. (Issue 17: the old launcher chain lost the signal and left the server
 * running under PID 1.)
 *
 * `npm start` builds first when build/ or dist/ is stale; `npm test` builds before the tests, so
 * here it finds both fresh.
 */
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { ROOT, childEnv, freePort, runCli, waitFor } from './processes.ts';
import '../../server/emails/emails.tables.ts';

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

describe('npm start', () => {
  let tdb: TestDb;
  let smtp: TestSmtp;
  beforeAll(async () => {
    tdb = await createTestDb();
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp?.close();
    await tdb?.close();
  });

  it('runs node on the compiled server; SIGTERM to its PID finishes the email being sent and exits 0', async () => {
    runCli(['demo'], { DATABASE_URL: tdb.url });
    runCli(['jobs', 'due'], { DATABASE_URL: tdb.url, OUTBOX_DIR: `${tdb.dir}/outbox` });
    // The close's emails: from 08:00 on the 3rd to the month's end the server also queues last
    // month's reminders at start-up (jobs/reminders.ts), after these, so they are sent after them.
    const pending = async () =>
      (
        await tdb.db
          .selectFrom('email_outbox')
          .select('id')
          .where('status', '=', 'pending')
          .where('kind', '=', 'summary')
          .execute()
      ).length;
    const due = await pending();
    expect(due).toBeGreaterThan(1);

    const held = smtp.holdNext();
    const port = await freePort();
    const npm = spawn('npm', ['start'], {
      cwd: ROOT,
      env: childEnv({
        DATABASE_URL: tdb.url,
        HOST: '127.0.0.1',
        PORT: String(port),
        SEED_DEMO: '0',
        JOBS_ENABLED: '1',
        SMTP_URL: smtp.url,
        EMAIL_SEND_INTERVAL_SECONDS: '1',
        LOG_LEVEL: 'info',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npm.stdout.on('data', (d) => (out += d));
    npm.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
    try {
      await held.arrived;
      const app = await waitFor('the server to be listening', async () => /listening on/.test(out), 60_000, 100);
      expect(app).toBe(true);
      // One process under npm: node on the compiled server, no sh, tsx or launcher between.
      const children = spawnSync('ps', ['-o', 'args=', '--ppid', String(npm.pid)], { encoding: 'utf8' });
      expect(children.stdout.trim().split('\n')).toEqual(['node --enable-source-maps build/server/index.js']);

      npm.kill('SIGTERM');
      await waitFor('"shutting down" in the log', async () => out.includes('shutting down'), 10_000, 50);
      held.release();
      expect(await exited, out).toBe(0);
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
    }

    expect(out).toContain('"signal":"SIGTERM"');
    expect(out).toContain('shut down cleanly');
    // The email being sent was finished and marked sent; the rest of the pass waits.
    expect(smtp.received).toHaveLength(1);
    const sent = await tdb.db
      .selectFrom('email_outbox')
      .select(['message_id', 'status'])
      .where('status', '=', 'sent')
      .execute();
    expect(sent.map((r) => r.message_id)).toEqual([smtp.received[0].messageId]);
    expect(await pending()).toBe(due - 1);
    expect(await portIsFree(port)).toBe(true);
  }, 300_000);
});
