/**
 * Without SMTP_URL the messages become .eml files in OUTBOX_DIR that parse back to the same
 * message; and two senders running at once (two app instances) send every row exactly once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { queueMonthlyEmails } from '../../server/emails/outbox.service.ts';
import { runSender, SimulatedCrash } from '../../server/emails/sender.ts';
import { emlTransport, emlFileName, type MailTransport } from '../../server/emails/transport.ts';
import { seedDemoRecipients, DEMO_RECIPIENTS } from '../../server/emails/emails.demo.ts';
import { seedWorkedExample } from './emails.seed.ts';

describe('summary emails as .eml files', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp({ MAIL_FROM: 'Tiết Kiệm <tietkiem@stttt.example.gov.vn>' });
    dir = t.deps.env.OUTBOX_DIR;
    t.clock.set('2021-01-06T02:00:00Z');
    await seedWorkedExample(t.deps);
    expect(await seedDemoRecipients(t.deps)).toBe(DEMO_RECIPIENTS.length);
    expect(await seedDemoRecipients(t.deps)).toBe(0); // the demo step is idempotent
  });
  afterAll(() => t.close());

  it('writes one file per message that parses back to the same message', async () => {
    const queued = await t.deps.db.transaction().execute((trx) => queueMonthlyEmails(trx, t.deps, '2020-12'));
    expect(queued).toBe(DEMO_RECIPIENTS.length);
    // The first pass dies right after writing its first file; a restart finishes the rest.
    await expect(runSender(t.deps, { crashAfterSend: true })).rejects.toBeInstanceOf(SimulatedCrash);
    t.clock.set(new Date(t.clock.now().getTime() + 3600_000));
    const report = await runSender(t.deps);
    expect(report.sent).toBe(DEMO_RECIPIENTS.length);
    const rows = await t.deps.db.selectFrom('email_outbox').selectAll().execute();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(files.sort()).toEqual(rows.map((r) => emlFileName(r.message_id)).sort()); // the re-sent one overwrote its own file
    for (const row of rows) {
      const mail = await simpleParser(fs.readFileSync(path.join(dir, emlFileName(row.message_id))));
      expect(mail.messageId).toBe(row.message_id);
      expect(mail.subject).toBe(row.subject);
      expect(mail.text?.trim()).toBe(row.text_body.trim());
      expect((mail.html as string).trim()).toBe(row.html.trim());
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : '').toBe(row.to_address);
    }
    const sttt = rows.find((r) => r.to_address === 'dangu.stttt@example.gov.vn')!;
    expect(sttt.subject).toBe('[Tiết kiệm] Tổng hợp tháng 12/2020 — Sở Thông tin và Truyền thông');
    expect(sttt.text_body).toContain('43.200.000 đ');
  });

  it('two senders at once (two instances) send every message exactly once', async () => {
    await t.deps.db
      .updateTable('email_outbox')
      .set({ status: 'pending', next_attempt_at: t.clock.now().toISOString(), lease_until: null })
      .execute();
    const sends = new Map<string, number>();
    const counting = (inner: MailTransport): MailTransport => ({
      ...inner,
      send: async (m) => {
        sends.set(m.messageId, (sends.get(m.messageId) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 5));
        return inner.send(m);
      },
    });
    const [a, b] = await Promise.all([
      runSender(t.deps, { transport: counting(emlTransport(dir)) }),
      runSender(t.deps, { transport: counting(emlTransport(dir)) }),
    ]);
    expect(a.sent + b.sent).toBe(DEMO_RECIPIENTS.length);
    expect(sends.size).toBe(DEMO_RECIPIENTS.length);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);
  });
});
