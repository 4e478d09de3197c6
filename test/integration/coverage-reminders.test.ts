/**
 * Done-when of issue 13, in one process with the test clock: the demo agency on 1 December 2026.
 * The Department's results say November is provisional with 3 of its 5 divisions in and nothing
 * counts December (even after a division stored December on the 1st); the finance officers of the
 * two late divisions get one reminder each on the 3rd, their heads one notice each on the 5th,
 * exactly once however often the job runs; the dashboard's list says who was reminded when.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { loadDemo } from '../../server/demo/demo.service.ts';
import { remindersDue } from '../../jobs/reminders.ts';
import { runSender } from '../../server/emails/sender.ts';
import type { ReminderEntry } from '../../domain/schemas/email.ts';
import type { ResultsResponse } from '../../domain/schemas/results.ts';
import '../../server/emails/emails.tables.ts';

const HANOI = (local: string) => new Date(`${local}+07:00`).toISOString();

describe('demo agency on 1 December 2026: coverage and reminders', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BASE_URL: 'https://tietkiem.example.gov.vn' });
    t.clock.set(HANOI('2026-12-01T09:00:00'));
    await loadDemo(t.deps);
  }, 240_000);
  afterAll(() => t.close());

  const results = async (q = 'unit=STTTT&year=2026'): Promise<ResultsResponse> => {
    const r = await t.request(`/api/results?${q}`);
    expect(r.status).toBe(200);
    return (await r.json()) as ResultsResponse;
  };

  const outbox = (kind: 'reminder' | 'escalation') =>
    t.deps.db
      .selectFrom('email_outbox')
      .select(['to_address', 'period', 'status', 'subject', 'text_body'])
      .where('kind', '=', kind)
      .orderBy('to_address')
      .execute();

  it('says November is provisional with 3 of 5 divisions in; nothing counts December', async () => {
    const r = await results();
    expect(r.through).toBe('2026-11');
    expect(r.months).toHaveLength(11);
    expect(r.months.at(-1)).toEqual({ period: '2026-11', expected: 5, submitted: 3, complete: false });
    expect(r.months.slice(0, 10).every((m) => m.complete && m.expected === 5)).toBe(true);
    expect(r.provisional).toBe(true);
    expect(r.sentence.vi).toContain('Tạm tính — Tháng 11: 3/5 đơn vị đã nộp');
    expect(r.submission.notSubmitted.map((u) => u.code)).toEqual(['STTTT-BCVT', 'STTTT-TT']);
    for (const c of r.categories) expect(c.ytd.monthsInRange).toBe(11);
  });

  it('a division storing December on the 1st changes nothing until December has ended', async () => {
    const before = await results();
    const put = await t.request('/api/figures', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unitCode: 'STTTT-VP', categoryCode: 'stationery', period: '2026-12', amount: 900_000 }),
    });
    expect(put.status).toBe(200);
    const after = await results();
    expect(after.through).toBe('2026-11');
    expect(after.months.map((m) => m.period)).not.toContain('2026-12');
    expect(after.categories.map((c) => c.ytd)).toEqual(before.categories.map((c) => c.ytd));
    // Asked for by name, December counts, and says how little of it is in.
    const dec = await results('unit=STTTT&year=2026&through=2026-12');
    expect(dec.months.at(-1)).toMatchObject({ period: '2026-12', submitted: 1, complete: false });
  });

  it('an empty year says it has no data, never that everyone submitted', async () => {
    const r = await results('unit=STTTT&year=2023');
    expect(r.months.every((m) => m.submitted === 0 && m.expected === 0)).toBe(true);
    expect(r.provisional).toBe(false);
    expect(r.submission.notSubmitted).toEqual([]);
  });

  it('nothing is reminded before the 3rd', async () => {
    expect(await remindersDue(t.deps)).toEqual([]);
    t.clock.set(HANOI('2026-12-03T07:59:00'));
    expect(await remindersDue(t.deps)).toEqual([]);
    expect(await outbox('reminder')).toEqual([]);
  });

  it('on the 3rd the finance officers of the two late divisions get one reminder each, once', async () => {
    t.clock.set(HANOI('2026-12-03T08:00:30'));
    const [stage] = await remindersDue(t.deps);
    expect(stage).toEqual({
      stage: 'reminder',
      period: '2026-11',
      missing: ['STTTT-BCVT', 'STTTT-TT'],
      queued: 2,
    });
    // Later ticks the same day, and on the 4th, queue nothing more.
    expect((await remindersDue(t.deps))[0].queued).toBe(0);
    t.clock.set(HANOI('2026-12-04T10:00:00'));
    expect((await remindersDue(t.deps))[0].queued).toBe(0);
    const sent = await runSender(t.deps);
    expect(sent.sent).toBe(2);
    const rows = await outbox('reminder');
    expect(rows.map((r) => [r.to_address, r.period, r.status])).toEqual([
      ['ketoan.bcvt.stttt@example.gov.vn', '2026-11', 'sent'],
      ['ketoan.tt.stttt@example.gov.vn', '2026-11', 'sent'],
    ]);
    expect(rows[0].subject).toBe(
      '[Tiết kiệm] Nhắc nộp số liệu tháng 11/2026 — Phòng Bưu chính - Viễn thông và Công nghệ thông tin',
    );
    expect(rows[0].text_body).toContain('Hạn nộp là ngày 05/12/2026');
    expect(rows[0].text_body).toContain('https://tietkiem.example.gov.vn/upload');
    expect(await outbox('escalation')).toEqual([]);
  });

  it('on the 5th their heads are told, once; the reminders are not sent again', async () => {
    t.clock.set(HANOI('2026-12-05T08:01:00'));
    const stages = await remindersDue(t.deps);
    expect(stages.map((s) => [s.stage, s.queued])).toEqual([
      ['reminder', 0],
      ['escalation', 2],
    ]);
    expect((await remindersDue(t.deps)).map((s) => s.queued)).toEqual([0, 0]);
    await runSender(t.deps);
    expect((await outbox('escalation')).map((r) => [r.to_address, r.status])).toEqual([
      ['thutruong.bcvt.stttt@example.gov.vn', 'sent'],
      ['thutruong.tt.stttt@example.gov.vn', 'sent'],
    ]);
    expect(await outbox('reminder')).toHaveLength(2);
  });

  it('the dashboard lists who was reminded when', async () => {
    const r = await t.request('/api/emails/reminders?unit=STTTT&year=2026');
    expect(r.status).toBe(200);
    const { reminders } = (await r.json()) as { reminders: ReminderEntry[] };
    expect(reminders.map((x) => [x.unitCode, x.stage, x.role, x.status])).toEqual([
      ['STTTT-BCVT', 'reminder', 'finance', 'sent'],
      ['STTTT-BCVT', 'escalation', 'head', 'sent'],
      ['STTTT-TT', 'reminder', 'finance', 'sent'],
      ['STTTT-TT', 'escalation', 'head', 'sent'],
    ]);
    expect(reminders[0].sentAt).toBe(HANOI('2026-12-04T10:00:00'));
    // A division's own list: only its own.
    const tt = await t.request('/api/emails/reminders?unit=STTTT-TT&year=2026');
    expect(((await tt.json()) as { reminders: ReminderEntry[] }).reminders).toHaveLength(2);
  });

  it('a division that submits between the reminder and the due day is not escalated', async () => {
    // June, replayed: BCXB's June figures are taken out, so on 3 July its officer is reminded ...
    const bcxb = await t.deps.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'STTTT-BCXB')
      .executeTakeFirstOrThrow();
    await t.deps.db.deleteFrom('figures').where('unit_id', '=', bcxb.id).where('period', '=', '2026-06').execute();
    t.clock.set(HANOI('2026-07-03T09:00:00'));
    expect((await remindersDue(t.deps)).map((s) => [s.stage, s.period, s.missing, s.queued])).toEqual([
      ['reminder', '2026-06', ['STTTT-BCXB'], 1],
    ]);
    // ... it submits on the 4th, and on the 5th nobody is told.
    t.clock.set(HANOI('2026-07-04T15:00:00'));
    const put = await t.request('/api/figures', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unitCode: 'STTTT-BCXB', categoryCode: 'phone', period: '2026-06', amount: 400_000 }),
    });
    expect(put.status).toBe(200);
    t.clock.set(HANOI('2026-07-05T09:00:00'));
    expect((await remindersDue(t.deps)).map((s) => [s.stage, s.missing, s.queued])).toEqual([
      ['reminder', [], 0],
      ['escalation', [], 0],
    ]);
    const june = await t.deps.db.selectFrom('email_outbox').select('kind').where('period', '=', '2026-06').execute();
    expect(june.map((r) => r.kind)).toEqual(['reminder']);
  });

  it('the figures grid of the Department: every division × month, November missing for the two late ones', async () => {
    t.clock.set(HANOI('2026-12-05T09:00:00'));
    const r = await t.request('/api/results/coverage?unit=STTTT&year=2026');
    const g = (await r.json()) as {
      months: { period: string; expected: number; submitted: number; ended: boolean }[];
      units: { code: string; depth: number; months: string[] }[];
    };
    expect(g.units.map((u) => u.code)).toEqual([
      'STTTT',
      'STTTT-BCVT',
      'STTTT-BCXB',
      'STTTT-TT',
      'STTTT-TTCNTT',
      'STTTT-VP',
    ]);
    const nov = (code: string) => g.units.find((u) => u.code === code)!.months[10];
    expect(nov('STTTT-BCVT')).toBe('missing');
    expect(nov('STTTT-TT')).toBe('missing');
    expect(nov('STTTT-VP')).toBe('submitted');
    expect(nov('STTTT')).toBe('not_expected');
    expect(g.months[10]).toMatchObject({ expected: 5, submitted: 3, ended: true });
    expect(g.months[11]).toMatchObject({ submitted: 1, ended: false });
  });
});
