/**
 * The monthly summary over real SMTP (smtp-server in this process): content and headers, one
 * message per recipient, crashes between queueing, sending and marking, refusing and absent
 * servers, corrections, preview and resend.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { queueMonthlyEmails } from '../../server/emails/outbox.service.ts';
import { runSender, SimulatedCrash } from '../../server/emails/sender.ts';
import { correctFigure, seedWorkedExample } from './emails.seed.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';

const PERIOD = '2020-12';
const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('summary emails over SMTP', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let units: Record<string, number>;
  const queue = (corrections = true) =>
    t.deps.db.transaction().execute((trx) => queueMonthlyEmails(trx, t.deps, PERIOD, { corrections }));
  const outbox = () => t.deps.db.selectFrom('email_outbox').selectAll().orderBy('id').execute();
  const distinctIdsFor = (addr: string) =>
    new Set(smtp.received.filter((r) => r.rcpt.includes(addr)).map((r) => r.messageId));
  const later = (seconds: number) => t.clock.set(new Date(t.clock.now().getTime() + seconds * 1000));

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Tiết Kiệm <tietkiem@stttt.example.gov.vn>',
      BASE_URL: 'https://tietkiem.example.gov.vn',
      EMAIL_MAX_ATTEMPTS: '3',
      EMAIL_RETRY_BASE_SECONDS: '60',
      EMAIL_LEASE_SECONDS: '300',
    });
    t.clock.set('2021-01-06T02:00:00Z'); // the close of December 2020 runs
    units = await seedWorkedExample(t.deps);
    for (const r of [
      { unitCode: 'STTTT', email: 'bithu.dangu@example.gov.vn', name: 'Bí thư Đảng ủy' },
      { unitCode: 'STTTT', email: 'giamdoc@example.gov.vn', name: 'Giám đốc Sở' },
      { unitCode: 'STTTT', email: 'advisor@example.gov.vn', name: 'Advisor', lang: 'en' },
      { unitCode: 'STTTT-VP', email: 'ketoan.vp@example.gov.vn', name: 'Kế toán Văn phòng' },
    ]) {
      expect((await t.request('/api/recipients', post(r))).status).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.refuse.clear();
    t.deps.env.SMTP_URL = smtp.url;
  });

  it('queues one message per active recipient, once, and delivers each once with the right content', async () => {
    // Catching up an old month (2020-10 when December has ended) sends no first summary.
    expect(await t.deps.db.transaction().execute((trx) => queueMonthlyEmails(trx, t.deps, '2020-10'))).toBe(0);
    // ... and on a new install (empty outbox) only the last ended month gets one, not the month before.
    expect(await t.deps.db.transaction().execute((trx) => queueMonthlyEmails(trx, t.deps, '2020-11'))).toBe(0);
    expect(await queue()).toBe(4);
    expect(await queue()).toBe(0); // the close re-run: nothing new
    const report = await runSender(t.deps);
    expect(report).toEqual({ claimed: 4, sent: 4, retrying: 0, failed: 0 });
    expect(await runSender(t.deps)).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(4);

    const rows = await outbox();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    for (const row of rows) expect(distinctIdsFor(row.to_address)).toEqual(new Set([row.message_id]));

    const vi = smtp.received.find((r) => r.rcpt.includes('bithu.dangu@example.gov.vn'))!;
    expect(vi.mail.subject).toBe('[Tiết kiệm] Tổng hợp tháng 12/2020 — Sở Thông tin và Truyền thông');
    expect(vi.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im); // RFC 2047 encoded words on the wire
    expect(vi.mail.from?.text).toContain('tietkiem@stttt.example.gov.vn');
    expect(vi.mail.headers.get('x-tietkiem-period')).toBe(PERIOD);
    // Both parts, with the worked example's year-to-date numbers.
    for (const part of [vi.mail.text!, vi.mail.html as string]) {
      expect(part).toContain('Kính gửi Bí thư Đảng ủy,');
      expect(part).toContain('43.200.000 đ');
      expect(part).toContain('48.000.000 đ');
      expect(part).toContain('24.000.000 đ');
      expect(part).toContain('114.000.000 đ');
      expect(part).toContain('51.000 kWh');
      expect(part).toContain('60.000 kWh');
      expect(part).toContain('giảm 10,0%');
      expect(part).toContain(
        'Năm 2020: văn phòng phẩm giảm 10%; cước điện thoại giảm 20%; các khoản chi phí khác giảm 5%; tiết kiệm điện đạt 15% so với định mức.',
      );
    }
    expect(vi.mail.html).toContain('href="https://tietkiem.example.gov.vn/overview?unit=STTTT&amp;year=2020"');
    expect(vi.mail.text).toContain('https://tietkiem.example.gov.vn/overview?unit=STTTT&year=2020');

    const en = smtp.received.find((r) => r.rcpt.includes('advisor@example.gov.vn'))!;
    expect(en.mail.subject).toBe('[Tiết kiệm] Monthly summary December 2020 — Sở Thông tin và Truyền thông');
    expect(en.mail.text).toContain('43,200,000 VND');

    // A recipient of a division gets the division's summary, not the department's.
    const vp = smtp.received.find((r) => r.rcpt.includes('ketoan.vp@example.gov.vn'))!;
    expect(vp.mail.subject).toBe('[Tiết kiệm] Tổng hợp tháng 12/2020 — Văn phòng Sở');
    expect(vp.mail.text).not.toContain('43.200.000 đ');
  });

  it('re-run after a correction: one CORRECTION only when the numbers changed, never a duplicate', async () => {
    const before = smtp.received.length;
    await correctFigure(t.deps, units.STTTT, 'stationery', PERIOD, 4_000_000);
    expect(await queue(false)).toBe(0); // `emails send` only fills in missing summaries
    expect(await queue()).toBe(3); // the three STTTT recipients; the division's numbers did not change
    expect(await queue()).toBe(0);
    expect(await runSender(t.deps)).toMatchObject({ sent: 3 });
    const got = smtp.received.slice(before);
    expect(got).toHaveLength(3);
    expect(got.every((r) => /ĐÍNH CHÍNH|CORRECTION/.test(r.mail.subject ?? ''))).toBe(true);
    expect(new Set(got.map((r) => r.messageId)).size).toBe(3);
    const sent = await outbox();
    for (const r of got) {
      const summary = sent.find((x) => x.kind === 'summary' && r.rcpt.includes(x.to_address))!;
      expect(r.mail.inReplyTo).toBe(summary.message_id); // threads under the summary it corrects
    }
    const corr = (await outbox()).filter((r) => r.kind === 'correction');
    expect(corr.map((r) => r.version)).toEqual([1, 1, 1]);
    expect(await queue()).toBe(0);
  });

  it('a crash after queueing, and one after the SMTP accept but before the mark, loses nothing and keeps one Message-ID', async () => {
    // A new period queued by the "close"; the process dies before sending anything.
    await t.request('/api/recipients', post({ unitCode: 'STTTT', email: 'tonghop@example.gov.vn', name: 'Tổng hợp' }));
    expect(await queue()).toBe(1); // the recipient added after the close gets the summary on the re-run
    const before = smtp.received.length;
    // The sender crashes right after the server accepted the message.
    await expect(runSender(t.deps, { crashAfterSend: true })).rejects.toBeInstanceOf(SimulatedCrash);
    let row = (await outbox()).find((r) => r.to_address === 'tonghop@example.gov.vn')!;
    expect(row.status).toBe('sending');
    expect(smtp.received.length).toBe(before + 1);
    // A restarted sender leaves the leased row alone until the lease ends ...
    expect(await runSender(t.deps)).toMatchObject({ claimed: 0 });
    later(301);
    // ... then sends it again, with the same Message-ID: the window is documented.
    expect(await runSender(t.deps)).toMatchObject({ claimed: 1, sent: 1 });
    row = (await outbox()).find((r) => r.to_address === 'tonghop@example.gov.vn')!;
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(distinctIdsFor('tonghop@example.gov.vn')).toEqual(new Set([row.message_id]));
    // Every recipient has exactly one Message-ID per message kind received: no loss, no second identity.
    for (const r of await outbox())
      expect(smtp.received.filter((x) => x.messageId === r.message_id).length).toBeGreaterThanOrEqual(1);
  });

  it('retries an address the server refuses with backoff, then marks it failed, without holding up others', async () => {
    smtp.refuse.add('refused@example.gov.vn');
    await t.request(
      '/api/recipients',
      post({ unitCode: 'STTTT', email: 'refused@example.gov.vn', name: 'Sai địa chỉ' }),
    );
    await t.request(
      '/api/recipients',
      post({ unitCode: 'STTTT', email: 'ok.after@example.gov.vn', name: 'Đúng địa chỉ' }),
    );
    expect(await queue()).toBe(2);
    const r1 = await runSender(t.deps);
    expect(r1).toEqual({ claimed: 2, sent: 1, retrying: 1, failed: 0 });
    expect(distinctIdsFor('ok.after@example.gov.vn').size).toBe(1);
    let bad = (await outbox()).find((r) => r.to_address === 'refused@example.gov.vn')!;
    expect(bad).toMatchObject({ status: 'pending', attempts: 1 });
    expect(bad.last_error).toContain('550');
    expect(new Date(bad.next_attempt_at).getTime() - t.clock.now().getTime()).toBe(60_000);

    expect(await runSender(t.deps)).toMatchObject({ claimed: 0 }); // not due yet
    later(60);
    expect(await runSender(t.deps)).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
    bad = (await outbox()).find((r) => r.to_address === 'refused@example.gov.vn')!;
    expect(new Date(bad.next_attempt_at).getTime() - t.clock.now().getTime()).toBe(120_000); // doubled
    later(120);
    expect(await runSender(t.deps)).toEqual({ claimed: 1, sent: 0, retrying: 0, failed: 1 });
    later(3600);
    expect(await runSender(t.deps)).toMatchObject({ claimed: 0 });

    const res = await t.request('/api/emails/outbox?status=failed');
    expect(res.status).toBe(200);
    const { messages } = (await res.json()) as {
      messages: { to: string; attempts: number; lastError: string; status: string }[];
    };
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ to: 'refused@example.gov.vn', attempts: 3, status: 'failed' });
    expect(messages[0].lastError).toContain('550');
    expect(smtp.received.filter((r) => r.rcpt.includes('refused@example.gov.vn'))).toHaveLength(0);
  });

  it('keeps messages pending while the server is down and delivers them when it is back', async () => {
    await t.request(
      '/api/recipients',
      post({ unitCode: 'STTTT', email: 'down.test@example.gov.vn', name: 'Thử máy chủ ngừng' }),
    );
    expect(await queue()).toBe(1);
    t.deps.env.SMTP_URL = 'smtp://127.0.0.1:1'; // nothing listens there
    expect(await runSender(t.deps)).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
    const row = (await outbox()).find((r) => r.to_address === 'down.test@example.gov.vn')!;
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    t.deps.env.SMTP_URL = smtp.url;
    later(60);
    expect(await runSender(t.deps)).toMatchObject({ sent: 1 });
    expect(distinctIdsFor('down.test@example.gov.vn').size).toBe(1);
  });

  it('previews the message as HTML and resends one on purpose as a recorded new message', async () => {
    let res = await t.request(`/api/emails/preview?unit=STTTT&period=${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    // The dashboard may frame the preview (its own page only); every other response says DENY.
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const html = await res.text();
    expect(html).toContain('43.076.028 đ'); // the corrected stationery year to date (Dec 4.123.972 → 4.000.000)
    expect(html).not.toMatch(/<script/i);
    res = await t.request(`/api/emails/preview?unit=STTTT&period=${PERIOD}&lang=en&format=text`);
    expect(await res.text()).toContain('Monthly summary December 2020');
    res = await t.request('/api/emails/preview?unit=NOPE&period=2020-12');
    expect(res.status).toBe(404);

    const orig = (await outbox()).find((r) => r.to_address === 'giamdoc@example.gov.vn' && r.kind === 'summary')!;
    res = await t.request(`/api/emails/${orig.id}/resend`, { method: 'POST' });
    expect(res.status).toBe(202);
    const { message } = (await res.json()) as {
      message: { id: number; kind: string; resendOf: number; messageId: string; status: string };
    };
    expect(message).toMatchObject({ kind: 'resend', resendOf: orig.id, status: 'pending' });
    expect(message.messageId).not.toBe(orig.message_id);
    expect(await runSender(t.deps)).toMatchObject({ sent: 1 });
    const got = smtp.received.filter((r) => r.messageId === message.messageId);
    expect(got).toHaveLength(1);
    expect(got[0].mail.subject).toBe(orig.subject);
    expect((await t.request('/api/emails/999999/resend', { method: 'POST' })).status).toBe(404);
  });
});
