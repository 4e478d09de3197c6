/**
 * Two real app processes on one PostgreSQL database, the way a province runs the product behind
 * a load balancer: the schedule fires every second on both, yet the month closes once and each
 * recipient gets one email per unit; imports sent to both at once do not interleave.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { killAll, runCli, signIn, sleep, startApp, waitFor, DEMO_ADMIN, type AppProcess } from './processes.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { lastClosedPeriod } from '../../domain/months.ts';
import '../../server/results/results.tables.ts';
import '../../server/emails/emails.tables.ts';

const CLOSE = 'monthly-close';

/** A long-format figures file: every leaf unit × 3 categories × 12 months of `year`. */
function figuresFile(year: number, base: number, extraPeriod?: string): string {
  const units = ['STTTT-VP', 'STTTT-BCXB', 'STTTT-BCVT', 'STTTT-TT', 'STTTT-TTCNTT'];
  const cats = ['Văn phòng phẩm', 'Cước điện thoại', 'Chi phí khác'];
  const lines = ['Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú'];
  let i = 0;
  const periods = Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`);
  if (extraPeriod) periods.push(extraPeriod);
  for (const u of units) for (const c of cats) for (const p of periods) lines.push(`${u},${p},${c},${base + i++},,`);
  return lines.join('\n') + '\n';
}

describe('two app instances on one PostgreSQL database', () => {
  let tdb: TestDb;
  let smtp: TestSmtp;
  let a: AppProcess;
  let b: AppProcess;

  beforeAll(async () => {
    smtp = await startSmtp();
    tdb = await createTestDb({ dialect: 'postgres' });
    runCli(['demo'], { DATABASE_URL: tdb.url });
    const env = {
      DATABASE_URL: tdb.url,
      PG_POOL_MAX: '4',
      JOBS_ENABLED: '1',
      CLOSE_SCHEDULE: '* * * * * *',
      SMTP_URL: smtp.url,
      EMAIL_SEND_INTERVAL_SECONDS: '1',
    };
    [a, b] = await Promise.all([startApp('A', env), startApp('B', env)]);
  }, 180_000);

  afterAll(async () => {
    await killAll();
    await smtp?.close();
    await tdb?.close();
  });

  it('closes every due month exactly once and sends one email per recipient and unit', async () => {
    const last = lastClosedPeriod(new Date());
    await waitFor(
      'the last month closed and its emails sent',
      async () => {
        const run = await tdb.db
          .selectFrom('job_runs')
          .select('status')
          .where('job', '=', CLOSE)
          .where('period', '=', last)
          .executeTakeFirst();
        if (run?.status !== 'succeeded') return false;
        const open = await tdb.db
          .selectFrom('email_outbox')
          .select('id')
          .where('status', 'in', ['pending', 'sending'])
          .execute();
        const sent = await tdb.db.selectFrom('email_outbox').select('id').where('status', '=', 'sent').execute();
        return open.length === 0 && sent.length > 0 && smtp.received.length >= sent.length;
      },
      150_000,
      500,
    );
    await sleep(3000); // both schedules keep firing: nothing more may happen

    const runs = await tdb.db.selectFrom('job_runs').selectAll().where('job', '=', CLOSE).execute();
    expect(runs.length).toBeGreaterThan(1);
    expect(
      runs
        .filter((r) => r.status !== 'succeeded' || r.attempts !== 1)
        .map((r) => `${r.period} ${r.status} ×${r.attempts}`),
    ).toEqual([]);

    const outbox = await tdb.db.selectFrom('email_outbox').selectAll().execute();
    expect(outbox.every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
    const recipients = await tdb.db
      .selectFrom('recipients')
      .select(['id', 'unit_id'])
      .where('active', '=', 1)
      .execute();
    expect(recipients.length).toBeGreaterThan(0);
    // One summary per active recipient and unit for the last month.
    const lastMonth = outbox.filter((m) => m.period === last && m.kind === 'summary');
    expect(lastMonth.map((m) => `${m.recipient_id}/${m.unit_id}`).sort()).toEqual(
      recipients.map((r) => `${r.id}/${r.unit_id}`).sort(),
    );

    // What the SMTP server got: every outbox message once, no duplicates.
    const ids = smtp.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(outbox.map((m) => m.message_id).sort());
    const keys = smtp.received.map(
      (m) =>
        `${m.rcpt.join(',')}|${String(m.headers.get('x-tietkiem-unit'))}|${String(m.headers.get('x-tietkiem-period'))}|${String(m.headers.get('x-tietkiem-kind'))}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(a.alive() && b.alive()).toBe(true);
  }, 200_000);

  it('imports sent to both instances at once do not interleave', async () => {
    const f1 = figuresFile(2018, 1_000_000);
    const f2 = figuresFile(2018, 2_000_000, '2017-12');
    const session = await signIn(a);
    const post = (app: AppProcess, name: string, body: string) => {
      const form = new FormData();
      form.set('kind', 'figures');
      form.set('file', new Blob([body], { type: 'text/csv' }), name);
      // The same session cookie on both instances; Origin names the instance it is sent to.
      return fetch(`${app.url}/api/imports`, { method: 'POST', body: form, headers: { ...session, origin: app.url } });
    };
    const [r1, r2] = await Promise.all([post(a, 'f1.csv', f1), post(b, 'f2.csv', f2)]);
    const [j1, j2] = (await Promise.all([r1.json(), r2.json()])) as { id: number; inserted: number; updated: number }[];
    expect([r1.status, r2.status], JSON.stringify([j1, j2]).slice(0, 500)).toEqual([200, 200]);

    const figs = await tdb.db
      .selectFrom('figures')
      .select(['id', 'amount', 'period', 'import_id'])
      .where('period', 'like', '2018-%')
      .execute();
    expect(figs).toHaveLength(180);
    const winner = figs[0].import_id;
    // Every overlapping figure comes from the same file: one import ran wholly after the other.
    expect(new Set(figs.map((f) => f.import_id)).size).toBe(1);
    const firstWasF1 = winner === j2.id;
    expect(firstWasF1 ? [j1.inserted, j2.updated, j2.inserted] : [j2.inserted, j1.updated]).toEqual(
      firstWasF1 ? [180, 180, 15] : [195, 180],
    );
    expect(figs.every((f) => Math.floor(f.amount / 1_000_000) === (firstWasF1 ? 2 : 1))).toBe(true);

    // History: exactly one earlier value per figure, the other file's, from the winning import.
    const hist = await tdb.db
      .selectFrom('figure_history')
      .select(['figure_id', 'amount', 'import_id'])
      .where(
        'figure_id',
        'in',
        figs.map((f) => f.id),
      )
      .execute();
    expect(hist).toHaveLength(180);
    expect(new Set(hist.map((h) => h.figure_id)).size).toBe(180);
    expect(hist.every((h) => h.import_id === winner && Math.floor(h.amount / 1_000_000) === (firstWasF1 ? 1 : 2))).toBe(
      true,
    );
  });

  it('a session started on one instance works on the other', async () => {
    const session = await signIn(a);
    expect(session.cookie, 'accounts are wired: sign-in sets a cookie').toBeTruthy();
    const me = await fetch(`${b.url}/api/auth/me`, { headers: session });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: DEMO_ADMIN.email });
    // Signing out on B ends the session on A too.
    expect(
      (await fetch(`${b.url}/api/auth/logout`, { method: 'POST', headers: { ...session, origin: b.url } })).status,
    ).toBe(204);
    expect((await fetch(`${a.url}/api/auth/me`, { headers: session })).status).toBe(401);
  });
});
